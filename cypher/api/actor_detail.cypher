// One actor with the types of its outgoing and incoming edges, and the number of
// statements behind those edges and of documents they come from. Params: $id.
MATCH (a:Actor {id: $id})
CALL (a) {
  OPTIONAL MATCH (a)-[r:SUPPORTS|OPPOSES|MET_WITH|SEIZED]->(:Actor)
  RETURN collect(type(r)) AS outgoing
}
CALL (a) {
  OPTIONAL MATCH (a)<-[r:SUPPORTS|OPPOSES|MET_WITH|SEIZED]-(:Actor)
  RETURN collect(type(r)) AS incoming
}
CALL (a) {
  OPTIONAL MATCH (a)-[r:SUPPORTS|OPPOSES|MET_WITH|SEIZED]-(:Actor)
  OPTIONAL MATCH (s:Statement {edge_key: startNode(r).id + '|' + type(r) + '|' + endNode(r).id})
                 -[:IN_DOCUMENT]->(d:Document)
  WHERE NOT coalesce(s.negated, false) AND NOT coalesce(s.hypothetical, false)
  RETURN count(DISTINCT s) AS statements, count(DISTINCT d) AS documents
}
RETURN a.id AS id, a.name AS name, a.kind AS kind, a.aliases AS aliases,
       a.affiliation AS affiliation, outgoing, incoming, statements, documents
