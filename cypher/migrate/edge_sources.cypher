// Give every aggregated edge without one its source_count: the distinct source keys
// of its asserted statements (a statement without a key counts as its document's
// own source). MET_WITH edges are stored with the smaller id first, like edge keys.
// Params: none.
MATCH (a:Actor)-[r:SUPPORTS|OPPOSES|MET_WITH|SEIZED]->(b:Actor)
WHERE r.source_count IS NULL
CALL (a, r, b) {
  OPTIONAL MATCH (s:Statement {edge_key: a.id + '|' + type(r) + '|' + b.id})
                 -[:IN_DOCUMENT]->(d:Document)
  WHERE s.negated = false AND s.hypothetical = false
  WITH r, count(DISTINCT coalesce(s.source_key, 'doc:' + d.id)) AS n
  SET r.source_count = n
} IN TRANSACTIONS OF 5000 ROWS
