// The edge keys of the current statements of some documents, read before those
// statements are replaced or deleted. Params: $doc_ids.
UNWIND $doc_ids AS doc_id
MATCH (:Document {id: doc_id})<-[:IN_DOCUMENT]-(s:Statement)
RETURN DISTINCT s.edge_key AS edge_key
