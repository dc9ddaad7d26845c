// Rejected statements of the given actors (either end), grouped by the edge they would
// count toward, with up to $per_edge sentences each (for views on request).
// Params: $ids (actor ids), $types, $per_edge.
MATCH (s:Rejected)
WITH s, split(substring(s.edge_key, 1), '|') AS parts
WHERE (parts[0] IN $ids OR parts[2] IN $ids) AND parts[1] IN $types
MATCH (s)-[:IN_DOCUMENT]->(d:Document)
WITH parts, s, d
ORDER BY coalesce(s.date, d.date), d.id, s.start
WITH parts, collect({sentence: s.sentence, doc_id: d.id, title: d.title, url: d.url,
                     date: coalesce(s.date, d.date), speaker: s.speaker,
                     rejected_by: s.rejected_by}) AS items, count(DISTINCT d) AS docs
RETURN parts[0] AS source, parts[1] AS relation, parts[2] AS target, size(items) AS n, docs,
       items[0..$per_edge] AS evidence
ORDER BY source, relation, target
