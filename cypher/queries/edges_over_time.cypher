// How many edges of each relation were first seen on each day (for a timeline).
// No parameters.
MATCH ()-[r:SUPPORTS|OPPOSES|MET_WITH|SEIZED]->()
WHERE r.first_seen IS NOT NULL
RETURN r.first_seen AS day, toLower(type(r)) AS relation, count(r) AS new_edges
ORDER BY day, relation
