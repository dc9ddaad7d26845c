// Constraints and indexes of the graph model (idempotent: IF NOT EXISTS).
// Applied by graph_builder.schema.ensure_schema before every load.

// Unique ids (each also backs an index used by MERGE/MATCH on id).
CREATE CONSTRAINT actor_id IF NOT EXISTS FOR (a:Actor) REQUIRE a.id IS UNIQUE;
CREATE CONSTRAINT document_id IF NOT EXISTS FOR (d:Document) REQUIRE d.id IS UNIQUE;
CREATE CONSTRAINT statement_id IF NOT EXISTS FOR (s:Statement) REQUIRE s.id IS UNIQUE;
// The one node every loading transaction locks first (see load/lock.cypher).
CREATE CONSTRAINT load_lock_id IF NOT EXISTS FOR (l:LoadLock) REQUIRE l.id IS UNIQUE;

// Lookups by display name, kind and affiliation.
CREATE INDEX actor_name IF NOT EXISTS FOR (a:Actor) ON (a.name);
CREATE INDEX actor_kind IF NOT EXISTS FOR (a:Actor) ON (a.kind);
CREATE INDEX actor_affiliation IF NOT EXISTS FOR (a:Actor) ON (a.affiliation);

// Search by name or alias: CALL db.index.fulltext.queryNodes('actor_names', 'kremlin').
CREATE FULLTEXT INDEX actor_names IF NOT EXISTS FOR (a:Actor) ON EACH [a.name, a.aliases];

// Statements by the aggregated edge they count toward
// (edge_key = "<source id>|<TYPE>|<target id>"); by document they are reached
// through (:Statement)-[:IN_DOCUMENT]->(:Document).
CREATE INDEX statement_edge_key IF NOT EXISTS FOR (s:Statement) ON (s.edge_key);
CREATE INDEX document_date IF NOT EXISTS FOR (d:Document) ON (d.date);
// Whether an edge already has a statement from a source (load/known_sources).
CREATE INDEX statement_edge_source IF NOT EXISTS FOR (s:Statement) ON (s.edge_key, s.source_key);
// Near-duplicate candidates: (:MinHashBand {key})-[:BAND_OF]->(:Document).
CREATE INDEX minhash_band_key IF NOT EXISTS FOR (b:MinHashBand) ON (b.key);
// Statements by date (the change feed: what was stated since ...).
CREATE INDEX statement_date IF NOT EXISTS FOR (s:Statement) ON (s.date);

// Aggregated edges by date ("new edges since ...").
CREATE INDEX supports_last_seen IF NOT EXISTS FOR ()-[r:SUPPORTS]-() ON (r.last_seen);
CREATE INDEX opposes_last_seen IF NOT EXISTS FOR ()-[r:OPPOSES]-() ON (r.last_seen);
CREATE INDEX met_with_last_seen IF NOT EXISTS FOR ()-[r:MET_WITH]-() ON (r.last_seen);
CREATE INDEX seized_last_seen IF NOT EXISTS FOR ()-[r:SEIZED]-() ON (r.last_seen);
