// Documents stored under the old identity (the file name as id, no id_scheme) that
// documents being loaded replace. Params: $ids (their old ids).
UNWIND $ids AS id
MATCH (d:Document {id: id})
WHERE d.id_scheme IS NULL
RETURN d.id AS id
