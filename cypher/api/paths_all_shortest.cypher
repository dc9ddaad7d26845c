// All shortest undirected paths (at most 6 hops, first $limit) between $source
// and $target over edges of the given types. The caller drops paths longer than
// max_hops. Params: $source, $target, $types, $limit.
MATCH (a:Actor {id: $source}), (b:Actor {id: $target})
MATCH p = allShortestPaths((a)-[:SUPPORTS|OPPOSES|MET_WITH|SEIZED*..6]-(b))
WHERE all(r IN relationships(p) WHERE type(r) IN $types)
RETURN [n IN nodes(p) | {id: n.id, name: n.name, kind: n.kind}] AS nodes,
       [r IN relationships(p) | {source: startNode(r).id, relation: type(r),
        target: endNode(r).id, evidence_count: r.evidence_count,
        confidence: r.confidence}] AS hops
LIMIT $limit
