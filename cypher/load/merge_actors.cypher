// Create actors, or update those whose properties changed, with their kind as a label
// (other kind labels removed). Unchanged actors are not written at all, which spares
// their index entries (the full-text index among them).
// Returns the ids of the actors written.
// Params: $rows [{id, name, kind, aliases, affiliation, labels, other_labels}].
UNWIND $rows AS row
MERGE (a:Actor {id: row.id})
WITH a, row
WHERE a.name IS NULL
   OR a.name <> row.name
   OR a.kind <> row.kind
   OR a.aliases <> row.aliases
   OR coalesce(a.affiliation, '') <> coalesce(row.affiliation, '')
SET a.name = row.name,
    a.kind = row.kind,
    a.aliases = row.aliases,
    a.affiliation = row.affiliation
SET a:$(row.labels)
REMOVE a:$(row.other_labels)
RETURN collect(a.id) AS written
