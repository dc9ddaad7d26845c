// Add the paths an unchanged document was read from to those it lists.
// Params: $docs [{id, paths}].
UNWIND $docs AS doc
MATCH (d:Document {id: doc.id})
WITH d, [p IN doc.paths WHERE NOT p IN coalesce(d.paths, [])] AS extra
WHERE size(extra) > 0
SET d.paths = coalesce(d.paths, []) + extra
RETURN count(*) AS updated
