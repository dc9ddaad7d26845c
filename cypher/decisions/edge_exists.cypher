// Whether an aggregated edge, or statements rejected for it, exist.
// Params: $key ("<source>|<TYPE>|<target>"), $source, $target, $type.
OPTIONAL MATCH (a:Actor {id: $source})-[r]->(b:Actor {id: $target})
WHERE type(r) = $type
WITH count(r) AS edges
OPTIONAL MATCH (s:Statement {edge_key: '!' + $key})
RETURN edges, count(s) AS rejected
