// Create actors a decision needs that do not exist (e.g. the actor a merge keeps,
// when the graph was loaded afresh). Params: $rows [{id, name, kind, aliases,
// affiliation, labels, other_labels}].
UNWIND $rows AS row
MERGE (a:Actor {id: row.id})
ON CREATE SET a.name = row.name, a.kind = row.kind, a.aliases = row.aliases,
              a.affiliation = row.affiliation, a:$(row.labels)
RETURN count(*) AS ensured
