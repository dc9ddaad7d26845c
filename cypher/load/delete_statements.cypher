// Delete every statement of the given documents (with its relationships).
// Params: $doc_ids.
UNWIND $doc_ids AS doc_id
MATCH (s:Statement {doc_id: doc_id})
DETACH DELETE s
RETURN count(*) AS deleted
