// One decision by id. Params: $id.
MATCH (d:Decision {id: $id})
RETURN properties(d) AS props
