// Benchmark only: create Statement nodes with the loader's properties and nothing else.
// Params: $rows [{id, edge_key, sentence, start, end, speaker, date, negated,
//                 hypothetical, confidence, rule, doc_id}].
UNWIND $rows AS st
CREATE (:Statement {
  id: st.id, edge_key: st.edge_key, sentence: st.sentence, start: st.start, end: st.end,
  speaker: st.speaker, date: st.date, negated: st.negated, hypothetical: st.hypothetical,
  confidence: st.confidence, rule: st.rule
})
