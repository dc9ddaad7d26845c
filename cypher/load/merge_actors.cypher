// Create or update actors, with their kind as a label (other kind labels removed).
// Params: $rows [{id, name, kind, aliases, affiliation, labels, other_labels}].
UNWIND $rows AS row
MERGE (a:Actor {id: row.id})
SET a.name = row.name,
    a.kind = row.kind,
    a.aliases = row.aliases,
    a.affiliation = row.affiliation
SET a:$(row.labels)
REMOVE a:$(row.other_labels)
