// Which (edge, source key) pairs the stored asserted statements already have: a new
// document from such a source adds no source to the edge's source_count.
// Params: $pairs [{key, source}].
UNWIND $pairs AS p
WITH p
WHERE EXISTS {
  MATCH (s:Statement {edge_key: p.key, source_key: p.source})
  WHERE NOT s:Unasserted
}
RETURN p.key AS key, p.source AS source
