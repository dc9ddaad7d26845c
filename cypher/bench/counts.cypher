// Benchmark only: how many actors and aggregated edges the database holds.
MATCH (a:Actor)
WITH count(a) AS actors
MATCH ()-[r:SUPPORTS|OPPOSES|MET_WITH|SEIZED]->()
RETURN actors, count(r) AS edges
