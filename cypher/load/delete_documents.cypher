// Delete document nodes (their statements are deleted before).
// Params: $doc_ids.
UNWIND $doc_ids AS doc_id
MATCH (d:Document {id: doc_id})
DETACH DELETE d
RETURN count(*) AS deleted
