// Actors whose id, name or an alias contains $q (lower case; null = all), of kind
// $kind (null = any). Exact matches first, then prefixes, then by name.
// Params: $q, $kind, $offset, $limit.
MATCH (a:Actor)
WHERE ($kind IS NULL OR a.kind = $kind)
  AND ($q IS NULL
       OR a.id CONTAINS $q
       OR toLower(a.name) CONTAINS $q
       OR any(x IN coalesce(a.aliases, []) WHERE toLower(x) CONTAINS $q))
WITH a,
     CASE
       WHEN $q IS NULL THEN 0
       WHEN a.id = $q OR toLower(a.name) = $q
            OR any(x IN coalesce(a.aliases, []) WHERE toLower(x) = $q) THEN 0
       WHEN toLower(a.name) STARTS WITH $q THEN 1
       ELSE 2
     END AS rank
RETURN a.id AS id, a.name AS name, a.kind AS kind, a.aliases AS aliases,
       a.affiliation AS affiliation
ORDER BY rank, toLower(a.name), a.id
SKIP $offset
LIMIT $limit
