// Edges first seen on or after a date, newest first.
// Set in Neo4j Browser first (an ISO date):
//   :param since => '2024-12-01'
MATCH (a:Actor)-[r:SUPPORTS|OPPOSES|MET_WITH|SEIZED]->(b:Actor)
WHERE r.first_seen >= date($since)
RETURN r.first_seen AS first_seen, a.name AS subject, toLower(type(r)) AS relation,
       b.name AS object, r.evidence_count AS statements, r.confidence AS confidence
ORDER BY first_seen DESC, statements DESC, subject, object
