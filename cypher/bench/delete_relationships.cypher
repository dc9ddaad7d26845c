// Benchmark only: delete every relationship in chunks, so that dense hub nodes can then
// be deleted without exceeding the transaction memory limit.
MATCH ()-[r]->()
CALL (r) { DELETE r } IN TRANSACTIONS OF 50000 ROWS
