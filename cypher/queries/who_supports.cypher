// Who supports an actor?
// Set in Neo4j Browser first (id, name or any alias, any case):
//   :param actor => 'Bashar al-Assad'
// One row per supporter: how many statements say so, when, and how confidently.
MATCH (x:Actor)
WHERE x.id = $actor OR toLower(x.name) = toLower($actor)
   OR any(alias IN coalesce(x.aliases, []) WHERE toLower(alias) = toLower($actor))
MATCH (supporter:Actor)-[r:SUPPORTS]->(x)
RETURN supporter.name AS supporter, supporter.kind AS kind, x.name AS supported,
       r.evidence_count AS statements, r.doc_count AS documents,
       r.first_seen AS first_seen, r.last_seen AS last_seen, r.confidence AS confidence
ORDER BY statements DESC, supporter
