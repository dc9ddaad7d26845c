// Set aggregated edges to the given properties, creating those that do not exist.
// Params: $rows [{source, type, target,
//                 props: {evidence_count, doc_count, source_count, first_seen, last_seen,
//                         miss, confidence}}].
// One MERGE per static type (see load/add_evidence).
UNWIND $rows AS e
MATCH (a:Actor {id: e.source})
USING INDEX a:Actor(id)
MATCH (b:Actor {id: e.target})
USING INDEX b:Actor(id)
CALL (a, b, e) {
  WITH a, b, e WHERE e.type = 'SUPPORTS'
  MERGE (a)-[r:SUPPORTS]->(b)
  RETURN r
  UNION ALL
  WITH a, b, e WHERE e.type = 'OPPOSES'
  MERGE (a)-[r:OPPOSES]->(b)
  RETURN r
  UNION ALL
  WITH a, b, e WHERE e.type = 'MET_WITH'
  MERGE (a)-[r:MET_WITH]->(b)
  RETURN r
  UNION ALL
  WITH a, b, e WHERE e.type = 'SEIZED'
  MERGE (a)-[r:SEIZED]->(b)
  RETURN r
}
SET r = e.props
RETURN count(*) AS updated
