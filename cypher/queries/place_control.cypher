// Who held a place when: the periods of control read from the dated statements that
// an actor seized it. Each date on which actors not already holding the place are
// said to seize it starts a period (actors said to seize it the same day hold it
// jointly); a seizure by the holders restates their period. Undated statements are
// left out. The same timeline as GET /places/{place}/control.
// Set in Neo4j Browser first (id, name or any alias, any case):
//   :param place => 'Aleppo'
MATCH (p:Actor)
WHERE p.id = $place OR toLower(p.name) = toLower($place)
   OR any(alias IN coalesce(p.aliases, []) WHERE toLower(alias) = toLower($place))
MATCH (h:Actor)-[:SEIZED]->(p)
MATCH (s:Statement {edge_key: h.id + '|SEIZED|' + p.id})-[:IN_DOCUMENT]->(d:Document)
WHERE NOT s:Unasserted AND coalesce(s.date, d.date) IS NOT NULL
WITH p, h, coalesce(s.date, d.date) AS date, s, d
ORDER BY date, d.id, s.start
WITH p, date, h, count(s) AS n, head(collect(s.sentence)) AS sentence
ORDER BY date, h.id
WITH p, date, collect(h.id) AS ids, collect(h.name) AS names, sum(n) AS n,
     head(collect(sentence)) AS sentence
ORDER BY date
WITH p, collect({date: date, ids: ids, names: names, n: n, sentence: sentence}) AS events
WITH p, reduce(periods = [], e IN events |
  CASE WHEN size(periods) > 0 AND all(i IN e.ids WHERE i IN last(periods).ids)
       THEN periods[..-1] + [{ids: last(periods).ids, holders: last(periods).holders,
                              since: last(periods).since, last_stated: e.date,
                              n: last(periods).n + e.n, sentence: last(periods).sentence}]
       ELSE periods + [{ids: e.ids, holders: e.names, since: e.date, last_stated: e.date,
                        n: e.n, sentence: e.sentence}]
  END) AS periods
UNWIND range(0, size(periods) - 1) AS i
RETURN p.name AS place, periods[i].holders AS holders, periods[i].since AS since,
       CASE WHEN i + 1 < size(periods) THEN periods[i + 1].since END AS until,
       periods[i].last_stated AS last_stated, periods[i].n AS statements,
       periods[i].sentence AS first_statement
ORDER BY since
