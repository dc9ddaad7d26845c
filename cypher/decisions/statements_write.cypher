// Set where statements belong under the decisions: the edge they count toward
// (prefixed with '!' when rejected: then they count toward none), the key the
// extractor gave them when it differs, and the rejecting decision with the label
// Rejected. Params: $rows [{id, edge_key, extracted_key, rejected_by}].
UNWIND $rows AS row
MATCH (s:Statement {id: row.id})
SET s.edge_key = row.edge_key,
    s.extracted_key = row.extracted_key,
    s.rejected_by = row.rejected_by
WITH s, row
CALL (s, row) {
  WITH s WHERE row.rejected_by IS NOT NULL
  SET s:Rejected
}
CALL (s, row) {
  WITH s WHERE row.rejected_by IS NULL
  REMOVE s:Rejected
}
RETURN count(*) AS written
