// Benchmark only: create synthetic aggregated edges of one type per row.
// Params: $rows [{source, target, type, evidence_count, first_seen, last_seen, confidence}].
UNWIND $rows AS row
MATCH (a:Actor {id: row.source})
MATCH (b:Actor {id: row.target})
CREATE (a)-[r:$(row.type)]->(b)
SET r.evidence_count = row.evidence_count, r.doc_count = row.evidence_count,
    r.first_seen = row.first_seen, r.last_seen = row.last_seen, r.confidence = row.confidence
