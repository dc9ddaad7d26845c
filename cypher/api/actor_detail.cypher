// One actor with the types of its outgoing and incoming edges and its statement
// and document counts. Params: $id.
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
  OPTIONAL MATCH (a)<-[:SUBJECT|OBJECT]-(s:Statement)
  OPTIONAL MATCH (s)-[:IN_DOCUMENT]->(d:Document)
  RETURN count(DISTINCT s) AS statements, count(DISTINCT d) AS documents
}
RETURN a.id AS id, a.name AS name, a.kind AS kind, a.aliases AS aliases,
       a.affiliation AS affiliation, outgoing, incoming, statements, documents
