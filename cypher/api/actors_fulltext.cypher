// Actors matching a full-text query over name and aliases (index `actor_names`),
// best match first, optionally of kind $kind.
// Params: $lucene (escaped Lucene query, e.g. 'assad*'), $kind, $offset, $limit.
CALL db.index.fulltext.queryNodes('actor_names', $lucene) YIELD node AS a, score
WHERE $kind IS NULL OR a.kind = $kind
RETURN a.id AS id, a.name AS name, a.kind AS kind, a.aliases AS aliases,
       a.affiliation AS affiliation
ORDER BY score DESC, a.id
SKIP $offset
LIMIT $limit
