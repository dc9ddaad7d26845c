// How are two actors connected? All shortest paths of up to 6 hops over any
// relation, edges taken in either direction. Shows as a graph in Browser.
// Set in Neo4j Browser first:
//   :param source => 'Iran'
//   :param target => 'Turkey'
MATCH (a:Actor)
WHERE a.id = $source OR toLower(a.name) = toLower($source)
   OR any(alias IN coalesce(a.aliases, []) WHERE toLower(alias) = toLower($source))
MATCH (b:Actor)
WHERE b.id = $target OR toLower(b.name) = toLower($target)
   OR any(alias IN coalesce(b.aliases, []) WHERE toLower(alias) = toLower($target))
WITH a, b WHERE a <> b
MATCH p = allShortestPaths((a)-[:SUPPORTS|OPPOSES|MET_WITH|SEIZED*..6]-(b))
RETURN p, length(p) AS hops,
       [n IN nodes(p) | n.name] AS actors,
       [r IN relationships(p) | startNode(r).name + ' ' + toLower(type(r)) + ' ' + endNode(r).name]
         AS steps
LIMIT 25
