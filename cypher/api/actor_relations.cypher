// The edges of actor $id. $direction: 'out', 'in' or 'both' (met_with, being
// symmetric, always counts as both). Params: $id, $types, $direction, $since,
// $until (DATE or null), $min_evidence, $offset, $limit.
MATCH (a:Actor {id: $id})-[r:SUPPORTS|OPPOSES|MET_WITH|SEIZED]-(:Actor)
WITH DISTINCT a, r
WHERE type(r) IN $types
  AND ($direction = 'both' OR type(r) = 'MET_WITH'
       OR (startNode(r) = a) = ($direction = 'out'))
  AND ($since IS NULL OR r.last_seen >= $since)
  AND ($until IS NULL OR r.first_seen <= $until)
  AND coalesce(r.evidence_count, 0) >= $min_evidence
WITH r, startNode(r) AS s, endNode(r) AS t
RETURN s.id AS source_id, s.name AS source_name, s.kind AS source_kind,
       type(r) AS relation,
       t.id AS target_id, t.name AS target_name, t.kind AS target_kind,
       r.evidence_count AS evidence_count, r.doc_count AS doc_count,
       r.first_seen AS first_seen, r.last_seen AS last_seen, r.confidence AS confidence
ORDER BY evidence_count DESC, relation, source_id, target_id
SKIP $offset
LIMIT $limit
