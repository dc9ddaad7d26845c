// The edges of the actor with id $id, as one row (no row: no actor with that id).
// $direction: 'out', 'in' or 'both' (met_with, being symmetric, always counts as both).
// Params: $id, $types, $direction, $since, $until (DATE or null), $min_evidence,
// $offset, $limit.
MATCH (a:Actor {id: $id})
CALL (a) {
  MATCH (a)-[r:SUPPORTS|OPPOSES|MET_WITH|SEIZED]-(:Actor)
  WITH DISTINCT a, r
  WHERE type(r) IN $types
    AND ($direction = 'both' OR type(r) = 'MET_WITH'
         OR (startNode(r) = a) = ($direction = 'out'))
    AND ($since IS NULL OR r.last_seen >= $since)
    AND ($until IS NULL OR r.first_seen <= $until)
    AND coalesce(r.evidence_count, 0) >= $min_evidence
  WITH r, startNode(r) AS s, endNode(r) AS t
  ORDER BY r.evidence_count DESC, type(r), s.id, t.id
  SKIP $offset
  LIMIT $limit
  RETURN collect({
    source_id: s.id, source_name: s.name, source_kind: s.kind, relation: type(r),
    target_id: t.id, target_name: t.name, target_kind: t.kind,
    evidence_count: r.evidence_count, doc_count: r.doc_count,
    source_count: r.source_count,
    first_seen: r.first_seen, last_seen: r.last_seen, confidence: r.confidence
  }) AS edges
}
RETURN edges
