// Keep (:Actor)-[:AFFILIATED_WITH]->(:Actor) in line with Actor.affiliation for actors
// just written: drop links that no longer match, link each to its affiliation, and
// link the actors already affiliated to it. Index hints keep the plan on seeks when
// the database was (nearly) empty at planning time.
// Params: $ids (ids of the actors written).
UNWIND $ids AS id
MATCH (p:Actor {id: id})
USING INDEX p:Actor(id)
CALL (p) {
  MATCH (p)-[r:AFFILIATED_WITH]->(c:Actor)
  WHERE p.affiliation IS NULL OR c.id <> p.affiliation
  DELETE r
}
CALL (p) {
  WITH p WHERE p.affiliation IS NOT NULL AND p.affiliation <> p.id
  MATCH (c:Actor {id: p.affiliation})
  USING INDEX c:Actor(id)
  MERGE (p)-[:AFFILIATED_WITH]->(c)
}
CALL (p) {
  MATCH (q:Actor {affiliation: p.id})
  USING INDEX SEEK q:Actor(affiliation)
  WHERE q.id <> p.id
  MERGE (q)-[:AFFILIATED_WITH]->(p)
}
RETURN count(*) AS checked
