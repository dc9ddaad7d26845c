// The strongest edges of the whole graph, for a view without a centre.
// Params: $types (relationship types), $since, $until (DATE or null), $limit.
MATCH (a:Actor)-[r:SUPPORTS|OPPOSES|MET_WITH|SEIZED]->(b:Actor)
WHERE type(r) IN $types
  AND ($since IS NULL OR r.last_seen >= $since)
  AND ($until IS NULL OR r.first_seen <= $until)
RETURN a.id AS source, b.id AS target
ORDER BY r.evidence_count DESC, r.confidence DESC, source, target
LIMIT $limit
