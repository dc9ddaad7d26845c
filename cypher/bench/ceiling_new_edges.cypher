// Benchmark only: create relationships between existing actors with the properties of
// an aggregated edge, without checking whether one exists.
// Params: $rows [{source, target, n, first, last, confidence}].
UNWIND $rows AS e
MATCH (a:Actor {id: e.source})
MATCH (b:Actor {id: e.target})
CREATE (a)-[:SUPPORTS {
  evidence_count: e.n, doc_count: 1, first_seen: e.first, last_seen: e.last,
  confidence: e.confidence
}]->(b)
