// Set actors' properties as the decisions say, with their kind as the only kind
// label. Params: $rows [{id, name, kind, aliases, affiliation, labels, other_labels}].
UNWIND $rows AS row
MATCH (a:Actor {id: row.id})
SET a.name = row.name,
    a.kind = row.kind,
    a.aliases = row.aliases,
    a.affiliation = row.affiliation
SET a:$(row.labels)
REMOVE a:$(row.other_labels)
RETURN count(*) AS written
