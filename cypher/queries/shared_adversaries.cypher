// Actors that share an adversary: pairs who both oppose the same third actor,
// each opposition stated at least $min_statements times.
// Set in Neo4j Browser first:
//   :param min_statements => 1
MATCH (a:Actor)-[r1:OPPOSES]->(enemy:Actor)<-[r2:OPPOSES]-(b:Actor)
WHERE a.id < b.id
  AND r1.evidence_count >= $min_statements AND r2.evidence_count >= $min_statements
RETURN enemy.name AS common_adversary, a.name AS actor_1, b.name AS actor_2,
       r1.evidence_count + r2.evidence_count AS statements
ORDER BY statements DESC, common_adversary, actor_1, actor_2
LIMIT 200
