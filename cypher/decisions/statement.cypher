// One statement by id, with where it counts. Params: $id.
MATCH (s:Statement {id: $id})
RETURN s.id AS id, s.edge_key AS edge_key, coalesce(s.extracted_key, s.edge_key) AS extracted,
       s.rejected_by AS rejected_by
