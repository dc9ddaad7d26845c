// All edges of the given types, best-attested first.
// Params: $types, $since, $until, $min_evidence, $offset, $limit.
MATCH (s:Actor)-[r:SUPPORTS|OPPOSES|MET_WITH|SEIZED]->(t:Actor)
WHERE type(r) IN $types
  AND ($since IS NULL OR r.last_seen >= $since)
  AND ($until IS NULL OR r.first_seen <= $until)
  AND coalesce(r.evidence_count, 0) >= $min_evidence
RETURN s.id AS source_id, s.name AS source_name, s.kind AS source_kind,
       type(r) AS relation,
       t.id AS target_id, t.name AS target_name, t.kind AS target_kind,
       r.evidence_count AS evidence_count, r.doc_count AS doc_count,
       r.source_count AS source_count,
       r.first_seen AS first_seen, r.last_seen AS last_seen, r.confidence AS confidence
ORDER BY evidence_count DESC, relation, source_id, target_id
SKIP $offset
LIMIT $limit
