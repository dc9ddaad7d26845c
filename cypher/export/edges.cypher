// Aggregated edges for an export: among the actors in $ids (all actors when null),
// of the relationship types in $types, seen within [$since, $until] (either may be null).
// Params: $ids, $types, $since, $until.
MATCH (a:Actor)-[r:SUPPORTS|OPPOSES|MET_WITH|SEIZED]->(b:Actor)
WHERE type(r) IN $types
  AND ($ids IS NULL OR (a.id IN $ids AND b.id IN $ids))
  AND ($since IS NULL OR r.last_seen >= $since)
  AND ($until IS NULL OR r.first_seen <= $until)
RETURN a.id AS source, toLower(type(r)) AS relation, b.id AS target,
       r.evidence_count AS evidence_count, r.doc_count AS doc_count,
       r.first_seen AS first_seen, r.last_seen AS last_seen, r.confidence AS confidence
ORDER BY source, relation, target
