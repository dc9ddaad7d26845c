// For each edge key, its asserted statements dated before $since: how many, the last
// date, and the latest $per of them with their documents. Params: $keys, $since, $per.
UNWIND $keys AS key
CALL (key) {
  MATCH (s:Statement {edge_key: key})-[:IN_DOCUMENT]->(d:Document)
  WHERE s.date < $since AND NOT s:Unasserted
  WITH s, d, split(s.edge_key, '|') AS k
  ORDER BY s.date DESC, d.id, s.start
  RETURN count(*) AS n, max(s.date) AS last,
         collect({id: s.id, source: k[0], relation: k[1], target: k[2], sentence: s.sentence,
                  start: s.start, end: s.end, speaker: s.speaker, date: s.date,
                  confidence: s.confidence, rule: s.rule, doc_id: d.id, doc_title: d.title,
                  doc_url: d.url, doc_date: d.date})[..$per] AS statements
}
RETURN key, n, last, statements
