// The stored checksum of each of the given documents that exists.
// Params: $ids (list of document ids).
UNWIND $ids AS id
MATCH (d:Document {id: id})
RETURN d.id AS id, d.checksum AS checksum
