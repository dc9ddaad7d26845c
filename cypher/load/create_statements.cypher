// Create statements and link them to their document, subject and object.
// The document and actors exist already (merged earlier in the same transaction).
// Params: $rows [{id, doc_id, subject_id, object_id, relation, edge_key, sentence,
//                 start, end, speaker, date, negated, hypothetical, confidence, rule}].
UNWIND $rows AS row
MATCH (d:Document {id: row.doc_id})
MATCH (a:Actor {id: row.subject_id})
MATCH (b:Actor {id: row.object_id})
CREATE (s:Statement {
  id: row.id, relation: row.relation, edge_key: row.edge_key, sentence: row.sentence,
  start: row.start, end: row.end, speaker: row.speaker, date: row.date,
  negated: row.negated, hypothetical: row.hypothetical, confidence: row.confidence,
  rule: row.rule, doc_id: row.doc_id
})
CREATE (s)-[:IN_DOCUMENT]->(d)
CREATE (s)-[:SUBJECT]->(a)
CREATE (s)-[:OBJECT]->(b)
