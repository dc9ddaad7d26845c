// Delete every node and relationship of the database, in chunks (schema stays).
// Runs in an auto-commit transaction (CALL ... IN TRANSACTIONS).
MATCH (n)
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS
