// The evidence behind one edge: each sentence stating it, who said it, and the
// document it comes from. MET_WITH edges match either way round.
// Set in Neo4j Browser first (relation: supports, opposes, met_with or seized):
//   :param source => 'Russia'
//   :param relation => 'supports'
//   :param target => 'Bashar al-Assad'
MATCH (a:Actor)
WHERE a.id = $source OR toLower(a.name) = toLower($source)
   OR any(alias IN coalesce(a.aliases, []) WHERE toLower(alias) = toLower($source))
MATCH (b:Actor)
WHERE b.id = $target OR toLower(b.name) = toLower($target)
   OR any(alias IN coalesce(b.aliases, []) WHERE toLower(alias) = toLower($target))
MATCH (a)-[r:SUPPORTS|OPPOSES|MET_WITH|SEIZED]-(b)
WHERE type(r) = toUpper($relation) AND (type(r) = 'MET_WITH' OR startNode(r) = a)
MATCH (s:Statement {edge_key: startNode(r).id + '|' + type(r) + '|' + endNode(r).id})
WHERE NOT s.negated AND NOT s.hypothetical
MATCH (s)-[:IN_DOCUMENT]->(d:Document)
RETURN startNode(r).name AS subject, toLower(type(r)) AS relation, endNode(r).name AS object,
       s.sentence AS sentence, s.speaker AS speaker, s.date AS date,
       d.title AS document, d.url AS url, d.id AS doc_id, s.start AS start, s.end AS end
ORDER BY date, doc_id, start
