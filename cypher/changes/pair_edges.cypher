// Every aggregated edge between each of the given pairs of actors, either direction,
// with both actors. Params: $pairs [[id, id]] (each pair once).
UNWIND $pairs AS pair
MATCH (x:Actor {id: pair[0]})-[r:SUPPORTS|OPPOSES|MET_WITH|SEIZED]-(y:Actor {id: pair[1]})
USING INDEX x:Actor(id) USING INDEX y:Actor(id)
WITH startNode(r) AS a, r, endNode(r) AS b
RETURN a.id + '|' + type(r) + '|' + b.id AS key,
       a.id AS source_id, a.name AS source_name, a.kind AS source_kind,
       type(r) AS relation,
       b.id AS target_id, b.name AS target_name, b.kind AS target_kind,
       r.evidence_count AS evidence_count, r.doc_count AS doc_count,
       r.source_count AS source_count,
       r.first_seen AS first_seen, r.last_seen AS last_seen, r.confidence AS confidence
