// Store decisions (create, or update one being undone). Params: $rows [properties].
UNWIND $rows AS row
MERGE (d:Decision {id: row.id})
SET d = row
RETURN count(*) AS written
