// An actor by id, name or alias, compared in lower case ($key is lower case).
// Preference: id, then name, then alias; ties broken by id.
MATCH (a:Actor)
WHERE a.id = $key
   OR toLower(a.name) = $key
   OR any(x IN coalesce(a.aliases, []) WHERE toLower(x) = $key)
RETURN a.id AS id, a.name AS name, a.kind AS kind, a.aliases AS aliases
ORDER BY CASE WHEN a.id = $key THEN 0 WHEN toLower(a.name) = $key THEN 1 ELSE 2 END, a.id
LIMIT 1
