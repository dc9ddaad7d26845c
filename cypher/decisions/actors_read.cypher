// The actors decisions may change: those given, and those affiliated with an actor
// merged away. Params: $ids, $merged (ids of actors merged away).
MATCH (a:Actor)
WHERE a.id IN $ids OR a.affiliation IN $merged
RETURN a.id AS id, a.name AS name, a.kind AS kind, a.aliases AS aliases,
       a.affiliation AS affiliation
