// Create or update documents and create their statements, each linked to its
// document. Negated and hypothetical statements (stored only on request) also get
// the label Unasserted. Old statements of a changed document are deleted before.
// Params: $docs [{id, title, url, date, source, outlet, checksum,
//                 statements: [{id, edge_key, sentence, start, end, speaker, date,
//                               negated, hypothetical, confidence, rule}]}].
UNWIND $docs AS doc
MERGE (d:Document {id: doc.id})
SET d.title = doc.title,
    d.url = doc.url,
    d.date = doc.date,
    d.source = doc.source,
    d.outlet = doc.outlet,
    d.checksum = doc.checksum,
    d.loaded_at = datetime()
WITH d, doc
UNWIND doc.statements AS st
CREATE (s:Statement {
  id: st.id, edge_key: st.edge_key, sentence: st.sentence, start: st.start, end: st.end,
  speaker: st.speaker, date: st.date, negated: st.negated, hypothetical: st.hypothetical,
  confidence: st.confidence, rule: st.rule
})
CREATE (s)-[:IN_DOCUMENT]->(d)
WITH s, st
WHERE st.negated OR st.hypothetical
SET s:Unasserted
