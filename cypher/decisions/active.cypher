// The decisions in force (not undone), as node properties.
// Params: none.
MATCH (d:Decision)
WHERE d.undone_at IS NULL
RETURN properties(d) AS props
