// Asserted statements dated from $since to $until ($until null: no end), by the edge
// they count toward: how many, the first and last date, and the earliest $per of them
// with their documents. Params: $since, $until, $per.
MATCH (s:Statement)
WHERE s.date >= $since AND ($until IS NULL OR s.date <= $until) AND NOT s:Unasserted
MATCH (s)-[:IN_DOCUMENT]->(d:Document)
WITH s, d, split(s.edge_key, '|') AS k
ORDER BY s.date, d.id, s.start
WITH s.edge_key AS key, count(*) AS n, min(s.date) AS first, max(s.date) AS last,
     collect({id: s.id, source: k[0], relation: k[1], target: k[2], sentence: s.sentence,
              start: s.start, end: s.end, speaker: s.speaker, date: s.date,
              confidence: s.confidence, rule: s.rule, doc_id: d.id, doc_title: d.title,
              doc_url: d.url, doc_date: d.date}) AS statements
RETURN key, n, first, last, statements[..$per] AS statements
