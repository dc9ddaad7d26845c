// Recompute aggregated edges from their asserted statements: set the properties of
// each edge that has statements (creating it if needed), delete each edge that has
// none left. confidence is the noisy-or of the statements' confidences: 1 - prod(1 - c).
// Params: $keys [{key, source, type, target}] (type is one of the four relation types).
//
// Planned to stay fast when the first batch goes into an empty database (whose
// statistics say there is nothing to read): index hints on every lookup, one lookup
// per static type (a dynamic type would expand every relationship of an actor,
// statements included) and CREATE for new edges instead of MERGE, which would be
// planned as a scan of all relationships.
UNWIND $keys AS k
OPTIONAL MATCH (s:Statement {edge_key: k.key})
USING INDEX s:Statement(edge_key)
WHERE s.negated = false AND s.hypothetical = false
OPTIONAL MATCH (s)-[:IN_DOCUMENT]->(d:Document)
WITH k,
     count(s) AS n,
     count(DISTINCT d) AS doc_count,
     min(s.date) AS first_seen,
     max(s.date) AS last_seen,
     collect(s.confidence) AS confidences
CALL (k) {
  WITH k WHERE k.type = 'SUPPORTS'
  OPTIONAL MATCH (a:Actor {id: k.source})-[r:SUPPORTS]->(b:Actor {id: k.target})
  USING INDEX a:Actor(id) USING INDEX b:Actor(id)
  RETURN r
  UNION ALL
  WITH k WHERE k.type = 'OPPOSES'
  OPTIONAL MATCH (a:Actor {id: k.source})-[r:OPPOSES]->(b:Actor {id: k.target})
  USING INDEX a:Actor(id) USING INDEX b:Actor(id)
  RETURN r
  UNION ALL
  WITH k WHERE k.type = 'MET_WITH'
  OPTIONAL MATCH (a:Actor {id: k.source})-[r:MET_WITH]->(b:Actor {id: k.target})
  USING INDEX a:Actor(id) USING INDEX b:Actor(id)
  RETURN r
  UNION ALL
  WITH k WHERE k.type = 'SEIZED'
  OPTIONAL MATCH (a:Actor {id: k.source})-[r:SEIZED]->(b:Actor {id: k.target})
  USING INDEX a:Actor(id) USING INDEX b:Actor(id)
  RETURN r
}
WITH k, n, r, {
  evidence_count: n,
  doc_count: doc_count,
  first_seen: first_seen,
  last_seen: last_seen,
  confidence: round(1.0 - reduce(miss = 1.0, c IN confidences | miss * (1.0 - c)), 6)
} AS props
CALL (r, n) {
  WITH r, n WHERE n = 0 AND r IS NOT NULL
  DELETE r
}
CALL (r, n, props) {
  WITH r, n, props WHERE n > 0 AND r IS NOT NULL
  SET r = props
}
CALL (k, r, n, props) {
  WITH k, r, n, props WHERE n > 0 AND r IS NULL
  MATCH (a:Actor {id: k.source})
  MATCH (b:Actor {id: k.target})
  CREATE (a)-[created:$(k.type)]->(b)
  SET created = props
}
RETURN sum(CASE WHEN n = 0 THEN 1 ELSE 0 END) AS without_statements,
       sum(CASE WHEN n > 0 THEN 1 ELSE 0 END) AS with_statements
