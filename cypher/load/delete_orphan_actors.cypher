// Delete those of the given actors that nothing refers to any more: no aggregated
// edge, and no stored negated or hypothetical statement (label Unasserted), whose
// edge key starts with its subject's id and ends with its object's id. Asserted
// statements always have their edge, so they need no check of their own.
// Params: $ids. Returns the ids deleted.
UNWIND $ids AS id
MATCH (a:Actor {id: id})
USING INDEX a:Actor(id)
WHERE NOT EXISTS { (a)-[:SUPPORTS|OPPOSES|MET_WITH|SEIZED]-(:Actor) }
  AND NOT EXISTS {
    MATCH (s:Unasserted)
    WHERE s.edge_key STARTS WITH id + '|' OR s.edge_key ENDS WITH '|' + id
  }
DETACH DELETE a
RETURN collect(id) AS ids
