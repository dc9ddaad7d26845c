// The edges and actors the current statements of some documents touch,
// read before those statements are replaced or deleted.
// Params: $doc_ids.
UNWIND $doc_ids AS doc_id
MATCH (:Document {id: doc_id})<-[:IN_DOCUMENT]-(s:Statement)
MATCH (s)-[:SUBJECT]->(a:Actor)
MATCH (s)-[:OBJECT]->(b:Actor)
RETURN DISTINCT s.relation AS relation, a.id AS subject_id, b.id AS object_id
