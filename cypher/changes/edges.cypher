// The aggregated edges with the given keys (those that exist), with both actors.
// Params: $rows [{key, source, type, target}]. One lookup per static type: a dynamic
// type would expand every relationship of an actor (see load/delete_edges).
UNWIND $rows AS e
CALL (e) {
  WITH e WHERE e.type = 'SUPPORTS'
  MATCH (a:Actor {id: e.source})-[r:SUPPORTS]->(b:Actor {id: e.target})
  USING INDEX a:Actor(id) USING INDEX b:Actor(id)
  RETURN a, r, b
  UNION ALL
  WITH e WHERE e.type = 'OPPOSES'
  MATCH (a:Actor {id: e.source})-[r:OPPOSES]->(b:Actor {id: e.target})
  USING INDEX a:Actor(id) USING INDEX b:Actor(id)
  RETURN a, r, b
  UNION ALL
  WITH e WHERE e.type = 'MET_WITH'
  MATCH (a:Actor {id: e.source})-[r:MET_WITH]->(b:Actor {id: e.target})
  USING INDEX a:Actor(id) USING INDEX b:Actor(id)
  RETURN a, r, b
  UNION ALL
  WITH e WHERE e.type = 'SEIZED'
  MATCH (a:Actor {id: e.source})-[r:SEIZED]->(b:Actor {id: e.target})
  USING INDEX a:Actor(id) USING INDEX b:Actor(id)
  RETURN a, r, b
}
RETURN e.key AS key,
       a.id AS source_id, a.name AS source_name, a.kind AS source_kind,
       type(r) AS relation,
       b.id AS target_id, b.name AS target_name, b.kind AS target_kind,
       r.evidence_count AS evidence_count, r.doc_count AS doc_count,
       r.first_seen AS first_seen, r.last_seen AS last_seen, r.confidence AS confidence
