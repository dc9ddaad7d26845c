// The aggregated edges with the given keys (those that exist), with both actors.
// Params: $rows [{key, source, type, target}].
UNWIND $rows AS e
MATCH (a:Actor {id: e.source})-[r:SUPPORTS|OPPOSES|MET_WITH|SEIZED]->(b:Actor {id: e.target})
WHERE type(r) = e.type
RETURN e.key AS key,
       a.id AS source_id, a.name AS source_name, a.kind AS source_kind,
       type(r) AS relation,
       b.id AS target_id, b.name AS target_name, b.kind AS target_kind,
       r.evidence_count AS evidence_count, r.doc_count AS doc_count,
       r.first_seen AS first_seen, r.last_seen AS last_seen, r.confidence AS confidence
