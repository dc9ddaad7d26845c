// An actor's allies (SUPPORTS, either way round) and adversaries (OPPOSES, either
// way round), strongest first.
// Set in Neo4j Browser first:
//   :param actor => 'Russia'
MATCH (x:Actor)
WHERE x.id = $actor OR toLower(x.name) = toLower($actor)
   OR any(alias IN coalesce(x.aliases, []) WHERE toLower(alias) = toLower($actor))
MATCH (x)-[r:SUPPORTS|OPPOSES]-(other:Actor)
RETURN CASE type(r) WHEN 'SUPPORTS' THEN 'ally' ELSE 'adversary' END AS stance,
       other.name AS actor, other.kind AS kind,
       CASE WHEN startNode(r) = x THEN x.name + ' ' + toLower(type(r)) + ' ' + other.name
            ELSE other.name + ' ' + toLower(type(r)) + ' ' + x.name END AS statement,
       r.evidence_count AS statements, r.last_seen AS last_seen
ORDER BY stance DESC, statements DESC, actor
