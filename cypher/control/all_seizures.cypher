// The asserted statements of every seizure, with their documents, by place and date
// (the statement's date, else its document's). Params: none.
MATCH (h:Actor)-[:SEIZED]->(p:Actor)
MATCH (s:Statement {edge_key: h.id + '|SEIZED|' + p.id})-[:IN_DOCUMENT]->(d:Document)
WHERE NOT s:Unasserted
WITH p, h, s, d, coalesce(s.date, d.date) AS date
ORDER BY p.id, date, d.id, s.start
RETURN {id: p.id, name: p.name, kind: p.kind} AS place,
       {id: h.id, name: h.name, kind: h.kind} AS holder,
       {id: s.id, source: h.id, relation: 'SEIZED', target: p.id, sentence: s.sentence,
        start: s.start, end: s.end, speaker: s.speaker, date: date,
        confidence: s.confidence, rule: s.rule,
        doc_id: d.id, doc_title: d.title, doc_url: d.url, doc_date: d.date} AS statement
