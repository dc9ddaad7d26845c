// Counts of documents, statements, actors and aggregated edges per type
// (all answered from Neo4j's count store).
CALL () { MATCH (d:Document) RETURN count(d) AS documents }
CALL () { MATCH (s:Statement) RETURN count(s) AS statements }
CALL () { MATCH (a:Actor) RETURN count(a) AS actors }
CALL () { MATCH ()-[r:SUPPORTS]->() RETURN count(r) AS supports }
CALL () { MATCH ()-[r:OPPOSES]->() RETURN count(r) AS opposes }
CALL () { MATCH ()-[r:MET_WITH]->() RETURN count(r) AS met_with }
CALL () { MATCH ()-[r:SEIZED]->() RETURN count(r) AS seized }
RETURN documents, statements, actors, supports, opposes, met_with, seized
