// Delete every relationship, then every node of the database, in chunks (schema
// stays). Relationships go first so that no chunk has to detach a node with many
// of them, which could exceed the transaction memory limit.
// Each statement runs in an auto-commit transaction (CALL ... IN TRANSACTIONS).
MATCH ()-[r]->()
CALL (r) { DELETE r } IN TRANSACTIONS OF 20000 ROWS;
MATCH (n)
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 20000 ROWS;
