// Recompute aggregated edges from their asserted statements: set the properties of
// each edge that still has statements, delete each edge that has none left.
// confidence is the noisy-or of the statements' confidences: 1 - prod(1 - c).
// Params: $keys [{key, source, type, target}] (type is one of the four relation types).
UNWIND $keys AS k
OPTIONAL MATCH (s:Statement {edge_key: k.key})
WHERE s.negated = false AND s.hypothetical = false
WITH k,
     count(s) AS n,
     count(DISTINCT s.doc_id) AS doc_count,
     min(s.date) AS first_seen,
     max(s.date) AS last_seen,
     collect(s.confidence) AS confidences
CALL (k, n) {
  WITH k, n WHERE n = 0
  MATCH (:Actor {id: k.source})-[r:$(k.type)]->(:Actor {id: k.target})
  DELETE r
}
CALL (k, n, doc_count, first_seen, last_seen, confidences) {
  WITH * WHERE n > 0
  MATCH (a:Actor {id: k.source})
  MATCH (b:Actor {id: k.target})
  MERGE (a)-[r:$(k.type)]->(b)
  SET r.evidence_count = n,
      r.doc_count = doc_count,
      r.first_seen = first_seen,
      r.last_seen = last_seen,
      r.confidence = round(1.0 - reduce(miss = 1.0, c IN confidences | miss * (1.0 - c)), 6)
}
RETURN sum(CASE WHEN n = 0 THEN 1 ELSE 0 END) AS without_statements,
       sum(CASE WHEN n > 0 THEN 1 ELSE 0 END) AS with_statements
