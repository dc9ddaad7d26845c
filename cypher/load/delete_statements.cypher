// Delete statements by id (with their IN_DOCUMENT link). Params: $ids.
UNWIND $ids AS id
MATCH (s:Statement {id: id})
DETACH DELETE s
RETURN count(*) AS deleted
