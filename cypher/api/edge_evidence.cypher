// The edge $source -[$type]-> $target (either way round for MET_WITH) and the
// asserted statements behind it, with their documents.
// Params: $source, $target, $type (e.g. 'SUPPORTS'), $offset, $limit.
MATCH (a:Actor {id: $source})-[r:SUPPORTS|OPPOSES|MET_WITH|SEIZED]-(b:Actor {id: $target})
WHERE type(r) = $type AND (type(r) = 'MET_WITH' OR startNode(r) = a)
WITH a, b, r, startNode(r) AS s0, endNode(r) AS t0
LIMIT 1
CALL (r, s0, t0) {
  OPTIONAL MATCH (s:Statement {edge_key: s0.id + '|' + type(r) + '|' + t0.id})
  WHERE NOT coalesce(s.negated, false) AND NOT coalesce(s.hypothetical, false)
  OPTIONAL MATCH (s)-[:IN_DOCUMENT]->(d:Document)
  WITH s, d
  ORDER BY coalesce(s.date, d.date), d.id, s.start
  SKIP $offset
  LIMIT $limit
  RETURN collect(CASE WHEN s IS NULL THEN null ELSE {
    id: s.id, sentence: s.sentence, start: s.start, end: s.end, speaker: s.speaker,
    date: s.date, confidence: s.confidence, rule: s.rule,
    doc_id: d.id, doc_title: d.title, doc_url: d.url, doc_date: d.date
  } END) AS statements
}
RETURN s0.id AS source_id, s0.name AS source_name, s0.kind AS source_kind,
       type(r) AS relation,
       t0.id AS target_id, t0.name AS target_name, t0.kind AS target_kind,
       r.evidence_count AS evidence_count, r.doc_count AS doc_count,
       r.source_count AS source_count,
       r.first_seen AS first_seen, r.last_seen AS last_seen, r.confidence AS confidence,
       statements
