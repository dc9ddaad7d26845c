// Add the asserted statements of new documents to their aggregated edges, creating
// edges as needed: counts add up, the date range widens, and the misses (products of
// 1 - c over the statements) multiply; the confidence is 1 - miss rounded to $digits
// (edge_totals.confidence). An edge stored before `miss` existed starts from
// 1 - confidence. `sources` is how many source keys the edge did not have yet.
// The actors exist already.
// Params: $rows [{source, type, target, n, docs, sources, first, last, miss}], $digits.
//
// One MERGE per static type keeps the plan on an expand between the two actors (a
// dynamic type in MERGE is planned as a scan of all relationships).
UNWIND $rows AS e
MATCH (a:Actor {id: e.source})
USING INDEX a:Actor(id)
MATCH (b:Actor {id: e.target})
USING INDEX b:Actor(id)
CALL (a, b, e) {
  WITH a, b, e WHERE e.type = 'SUPPORTS'
  MERGE (a)-[r:SUPPORTS]->(b)
  RETURN r
  UNION ALL
  WITH a, b, e WHERE e.type = 'OPPOSES'
  MERGE (a)-[r:OPPOSES]->(b)
  RETURN r
  UNION ALL
  WITH a, b, e WHERE e.type = 'MET_WITH'
  MERGE (a)-[r:MET_WITH]->(b)
  RETURN r
  UNION ALL
  WITH a, b, e WHERE e.type = 'SEIZED'
  MERGE (a)-[r:SEIZED]->(b)
  RETURN r
}
WITH r, e, coalesce(r.miss, 1.0 - coalesce(r.confidence, 0.0)) * e.miss AS miss
SET r.evidence_count = coalesce(r.evidence_count, 0) + e.n,
    r.doc_count = coalesce(r.doc_count, 0) + e.docs,
    r.source_count = coalesce(r.source_count, 0) + e.sources,
    r.first_seen = CASE WHEN r.first_seen IS NULL OR e.first < r.first_seen
                        THEN coalesce(e.first, r.first_seen) ELSE r.first_seen END,
    r.last_seen = CASE WHEN r.last_seen IS NULL OR e.last > r.last_seen
                       THEN coalesce(e.last, r.last_seen) ELSE r.last_seen END,
    r.miss = miss,
    r.confidence = round(1.0 - miss, $digits)
RETURN count(*) AS updated
