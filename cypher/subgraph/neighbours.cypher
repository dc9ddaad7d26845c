// Actors one hop (either direction) from any actor in $ids and not in $known,
// best-attested first. Params: $ids, $known, $types, $since, $until, $limit.
MATCH (a:Actor)-[r:SUPPORTS|OPPOSES|MET_WITH|SEIZED]-(b:Actor)
WHERE a.id IN $ids AND NOT b.id IN $known AND type(r) IN $types
  AND ($since IS NULL OR r.last_seen >= $since)
  AND ($until IS NULL OR r.first_seen <= $until)
WITH b.id AS id, max(r.evidence_count) AS weight
RETURN id
ORDER BY weight DESC, id
LIMIT $limit
