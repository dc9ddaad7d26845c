// The statements of some documents that the decisions may concern: those of the
// decided actors, those rejected by id, and those decisions changed before.
// Params: $doc_ids, $actors (ids), $ids (statement ids).
UNWIND $doc_ids AS doc_id
MATCH (:Document {id: doc_id})<-[:IN_DOCUMENT]-(s:Statement)
WITH s, coalesce(s.extracted_key, s.edge_key) AS extracted
WHERE s.extracted_key IS NOT NULL
   OR s.id IN $ids
   OR any(part IN split(extracted, '|') WHERE part IN $actors)
RETURN s.id AS id, s.edge_key AS edge_key, extracted, s.sentence AS sentence,
       s.rejected_by AS rejected_by
