// The aggregated edges among the actors in $ids, with up to $per_edge evidence
// statements each when $evidence is true (sentence, speaker, date, confidence, the
// rule that produced it, and its document). The index hint keeps the statement lookup a
// seek even when the plan was made while the database was nearly empty.
// Params: $ids, $types, $since, $until, $evidence (boolean), $per_edge.
MATCH (a:Actor)-[r:SUPPORTS|OPPOSES|MET_WITH|SEIZED]->(b:Actor)
WHERE a.id IN $ids AND b.id IN $ids AND type(r) IN $types
  AND ($since IS NULL OR r.last_seen >= $since)
  AND ($until IS NULL OR r.first_seen <= $until)
CALL (a, r, b) {
  WITH a.id + '|' + type(r) + '|' + b.id AS key
  WHERE $evidence
  MATCH (s:Statement {edge_key: key})
  USING INDEX s:Statement(edge_key)
  WHERE NOT coalesce(s.negated, false) AND NOT coalesce(s.hypothetical, false)
  MATCH (s)-[:IN_DOCUMENT]->(d:Document)
  WITH s, d
  ORDER BY coalesce(s.date, d.date), d.id, s.start
  LIMIT $per_edge
  RETURN collect({sentence: s.sentence, doc_id: d.id, title: d.title, url: d.url,
                  date: coalesce(s.date, d.date), speaker: s.speaker,
                  confidence: s.confidence, rule: s.rule}) AS evidence
}
RETURN a.id AS source, type(r) AS relation, b.id AS target,
       r.evidence_count AS evidence_count, r.doc_count AS doc_count,
       r.first_seen AS first_seen, r.last_seen AS last_seen, r.confidence AS confidence,
       evidence
ORDER BY source, relation, target
