// The stored statements of some documents (all their properties), read before
// they are compared with the new versions of those documents. Params: $doc_ids.
UNWIND $doc_ids AS doc_id
MATCH (:Document {id: doc_id})<-[:IN_DOCUMENT]-(s:Statement)
RETURN properties(s) AS props
