// Actors for an export: all of them when $ids is null, else those with these ids.
// Params: $ids (list of ids or null).
MATCH (a:Actor)
WHERE $ids IS NULL OR a.id IN $ids
OPTIONAL MATCH (c:Actor {id: a.affiliation})
RETURN a.id AS id, a.name AS name, a.kind AS kind, a.aliases AS aliases,
       a.affiliation AS affiliation, c.name AS affiliation_name
ORDER BY id
