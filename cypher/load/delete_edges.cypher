// Delete aggregated edges (those left without statements), if they exist.
// Params: $rows [{source, type, target}]. One lookup per static type: a dynamic type
// would expand every relationship of an actor.
UNWIND $rows AS e
CALL (e) {
  WITH e WHERE e.type = 'SUPPORTS'
  MATCH (a:Actor {id: e.source})-[r:SUPPORTS]->(b:Actor {id: e.target})
  USING INDEX a:Actor(id) USING INDEX b:Actor(id)
  RETURN r
  UNION ALL
  WITH e WHERE e.type = 'OPPOSES'
  MATCH (a:Actor {id: e.source})-[r:OPPOSES]->(b:Actor {id: e.target})
  USING INDEX a:Actor(id) USING INDEX b:Actor(id)
  RETURN r
  UNION ALL
  WITH e WHERE e.type = 'MET_WITH'
  MATCH (a:Actor {id: e.source})-[r:MET_WITH]->(b:Actor {id: e.target})
  USING INDEX a:Actor(id) USING INDEX b:Actor(id)
  RETURN r
  UNION ALL
  WITH e WHERE e.type = 'SEIZED'
  MATCH (a:Actor {id: e.source})-[r:SEIZED]->(b:Actor {id: e.target})
  USING INDEX a:Actor(id) USING INDEX b:Actor(id)
  RETURN r
}
DELETE r
RETURN count(*) AS deleted
