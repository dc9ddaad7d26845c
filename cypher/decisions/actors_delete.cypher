// Delete actors merged away (their statements and edges have moved). Params: $ids.
UNWIND $ids AS id
MATCH (a:Actor {id: id})
DETACH DELETE a
RETURN collect(id) AS ids
