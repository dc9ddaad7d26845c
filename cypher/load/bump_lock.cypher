// Raise the lock node's sequence number: this transaction writes (see load/lock).
// Params: none.
MATCH (l:LoadLock {id: 'loader'})
SET l.seq = coalesce(l.seq, 0) + 1
RETURN l.seq AS seq
