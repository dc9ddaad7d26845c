// An actor by its exact id.
MATCH (a:Actor {id: $key})
RETURN a.id AS id, a.name AS name, a.kind AS kind, a.aliases AS aliases
