// Delete every statement of the given documents (with its relationships).
// Params: $doc_ids.
UNWIND $doc_ids AS doc_id
MATCH (:Document {id: doc_id})<-[:IN_DOCUMENT]-(s:Statement)
DETACH DELETE s
RETURN count(*) AS deleted
