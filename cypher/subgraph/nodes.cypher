// The actors with the given ids. Params: $ids.
MATCH (a:Actor)
WHERE a.id IN $ids
RETURN a.id AS id, a.name AS name, a.kind AS kind, a.aliases AS aliases,
       a.affiliation AS affiliation
