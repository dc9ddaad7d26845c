// All shortest undirected paths (at most 6 hops; the first $limit) between the actors
// with ids $source and $target, over edges of the given types; one row saying which ids
// exist. The caller drops paths longer than max_hops and checks source <> target.
// Params: $source, $target, $types, $limit.
OPTIONAL MATCH (a:Actor {id: $source})
OPTIONAL MATCH (b:Actor {id: $target})
CALL (a, b) {
  WITH a, b
  WHERE a IS NOT NULL AND b IS NOT NULL AND a <> b
  MATCH p = allShortestPaths((a)-[:SUPPORTS|OPPOSES|MET_WITH|SEIZED*..6]-(b))
  WHERE all(r IN relationships(p) WHERE type(r) IN $types)
  WITH p
  LIMIT $limit
  RETURN collect({
    nodes: [n IN nodes(p) | {id: n.id, name: n.name, kind: n.kind}],
    hops: [r IN relationships(p) | {source: startNode(r).id, relation: type(r),
           target: endNode(r).id, evidence_count: r.evidence_count,
           confidence: r.confidence}]
  }) AS paths
}
RETURN a {.id, .name, .kind} AS source, b {.id, .name, .kind} AS target, paths
