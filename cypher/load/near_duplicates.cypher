// Stored documents that share a MinHash band with the documents being loaded: the
// candidates for near-duplicates (graph_builder/near_duplicates.py), with what a copy
// inherits from them. Params: $bands (band keys).
UNWIND $bands AS band
MATCH (b:MinHashBand {key: band})-[:BAND_OF]->(d:Document)
RETURN band, d.id AS id, d.minhash AS minhash, d.story AS story, d.source_key AS source_key
