// Keep (:Actor)-[:AFFILIATED_WITH]->(:Actor) in line with Actor.affiliation for the
// given actors, both as the affiliated actor and as the one affiliated to.
// (The index hint keeps the plan right when the database was empty at planning.)
// Params: $ids.
UNWIND $ids AS id
CALL (id) {
  MATCH (p:Actor {id: id})-[r:AFFILIATED_WITH]->(c:Actor)
  WHERE p.affiliation IS NULL OR c.id <> p.affiliation
  DELETE r
}
CALL (id) {
  MATCH (p:Actor {id: id})
  WHERE p.affiliation IS NOT NULL AND p.affiliation <> p.id
  MATCH (c:Actor {id: p.affiliation})
  MERGE (p)-[:AFFILIATED_WITH]->(c)
}
CALL (id) {
  MATCH (p:Actor {affiliation: id})
  USING INDEX p:Actor(affiliation)
  WHERE p.id <> id
  MATCH (c:Actor {id: id})
  MERGE (p)-[:AFFILIATED_WITH]->(c)
}
RETURN count(*) AS checked
