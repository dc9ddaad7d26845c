// What the asserted statements of each edge add up to without those of some
// documents (the ones being replaced or deleted): count, documents, date range and
// miss, the product of (1 - confidence), and the distinct source keys (a statement
// stored before source keys existed counts as its document's own source). Read before the transaction writes, so
// that the index lookups see no pending changes.
// Params: $keys (edge keys), $doc_ids.
UNWIND $keys AS key
OPTIONAL MATCH (s:Statement {edge_key: key})-[:IN_DOCUMENT]->(d:Document)
USING INDEX s:Statement(edge_key)
WHERE NOT d.id IN $doc_ids AND s.negated = false AND s.hypothetical = false
WITH key, count(s) AS n, count(DISTINCT d) AS docs, min(s.date) AS first,
     max(s.date) AS last, collect(s.confidence) AS confidences,
     collect(DISTINCT coalesce(s.source_key, 'doc:' + d.id)) AS sources
RETURN key, n, docs, first, last, sources,
       reduce(miss = 1.0, c IN confidences | miss * (1.0 - c)) AS miss
