// Who seized which place, in date order (undated seizures last).
// Set in Neo4j Browser first (null for all dates, or an ISO date):
//   :param since => null
//   :param since => '2024-11-27'
MATCH (seizer:Actor)-[r:SEIZED]->(place:Actor)
WHERE $since IS NULL OR r.last_seen >= date($since)
RETURN r.first_seen AS first_seen, r.last_seen AS last_seen,
       seizer.name AS seizer, place.name AS place, place.kind AS place_kind,
       r.evidence_count AS statements
ORDER BY first_seen IS NULL, first_seen, seizer, place
