// Benchmark only: create Statement nodes, each linked to an existing document.
// Params: as bench/ceiling_statements.
UNWIND $rows AS st
MATCH (d:Document {id: st.doc_id})
CREATE (s:Statement {
  id: st.id, edge_key: st.edge_key, sentence: st.sentence, start: st.start, end: st.end,
  speaker: st.speaker, date: st.date, negated: st.negated, hypothetical: st.hypothetical,
  confidence: st.confidence, rule: st.rule
})
CREATE (s)-[:IN_DOCUMENT]->(d)
