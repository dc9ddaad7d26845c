// Benchmark only: create synthetic actors (after a wipe). Params: $rows [{id, name, kind}].
UNWIND $rows AS row
CREATE (:Actor {id: row.id, name: row.name, kind: row.kind, aliases: []})
