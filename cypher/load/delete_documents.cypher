// Delete document nodes and their MinHash bands (their statements are deleted before).
// Params: $doc_ids.
UNWIND $doc_ids AS doc_id
MATCH (d:Document {id: doc_id})
CALL (d) {
  MATCH (b:MinHashBand)-[:BAND_OF]->(d)
  DETACH DELETE b
}
DETACH DELETE d
RETURN count(*) AS deleted
