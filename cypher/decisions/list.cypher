// Decisions oldest first, undone ones too when $all.
// Params: $all (boolean), $offset, $limit.
MATCH (d:Decision)
WHERE $all OR d.undone_at IS NULL
RETURN properties(d) AS props
ORDER BY d.at, d.id
SKIP $offset
LIMIT $limit
