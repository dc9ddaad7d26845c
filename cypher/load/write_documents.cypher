// Create or update documents and create their statements, each linked to its
// document. Negated and hypothetical statements (stored only on request) also get
// the label Unasserted. Old statements of a changed document are deleted before.
// `paths` (where the document was read) add to those stored; its MinHash bands
// (near-duplicate lookup) are replaced.
// Params: $docs [{id, title, url, date, source, id_scheme, paths, minhash, bands, story,
//                 source_key, checksum,
//                 statements: [{id, edge_key, sentence, start, end, speaker, date,
//                               negated, hypothetical, confidence, rule, source_key}]}].
UNWIND $docs AS doc
MERGE (d:Document {id: doc.id})
SET d.title = doc.title,
    d.url = doc.url,
    d.date = doc.date,
    d.source = doc.source,
    d.id_scheme = doc.id_scheme,
    d.paths = coalesce(d.paths, []) + [p IN doc.paths WHERE NOT p IN coalesce(d.paths, [])],
    d.minhash = doc.minhash,
    d.story = doc.story,
    d.source_key = doc.source_key,
    d.checksum = doc.checksum,
    d.loaded_at = datetime()
WITH d, doc
CALL (d) {
  MATCH (old:MinHashBand)-[:BAND_OF]->(d)
  DETACH DELETE old
}
CALL (d, doc) {
  UNWIND doc.bands AS band
  CREATE (:MinHashBand {key: band})-[:BAND_OF]->(d)
}
WITH d, doc
UNWIND doc.statements AS st
CREATE (s:Statement {
  id: st.id, edge_key: st.edge_key, sentence: st.sentence, start: st.start, end: st.end,
  speaker: st.speaker, date: st.date, negated: st.negated, hypothetical: st.hypothetical,
  confidence: st.confidence, rule: st.rule, source_key: st.source_key
})
CREATE (s)-[:IN_DOCUMENT]->(d)
WITH s, st
WHERE st.negated OR st.hypothetical
SET s:Unasserted
