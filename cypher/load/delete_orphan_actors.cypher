// Delete those of the given actors that no statement mentions any more.
// Params: $ids.
UNWIND $ids AS id
MATCH (a:Actor {id: id})
WHERE NOT EXISTS { (a)<-[:SUBJECT|OBJECT]-(:Statement) }
DETACH DELETE a
RETURN count(*) AS deleted
