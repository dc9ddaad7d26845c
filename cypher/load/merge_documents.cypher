// Create or update documents; loaded_at changes only when a document is (re)written.
// Params: $rows [{id, title, url, date, source, checksum}].
UNWIND $rows AS row
MERGE (d:Document {id: row.id})
SET d.title = row.title,
    d.url = row.url,
    d.date = row.date,
    d.source = row.source,
    d.checksum = row.checksum,
    d.loaded_at = datetime()
