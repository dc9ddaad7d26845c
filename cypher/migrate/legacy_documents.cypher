// Documents of the old identity scheme (id = file name, `source` = the path they were
// read from): the path becomes `paths`, and `source` is left for the outlet. They keep
// their ids until the document is ingested again (see load/legacy_documents).
// Params: none.
MATCH (d:Document)
WHERE d.id_scheme IS NULL AND d.paths IS NULL
CALL (d) {
  SET d.paths = CASE WHEN d.source IS NULL THEN [] ELSE [d.source] END
  REMOVE d.source
} IN TRANSACTIONS OF 10000 ROWS
