// Serialise writers: every loading transaction first takes the write lock of this
// one node (setting a property to the value it has takes the lock and changes
// nothing). Returns its sequence number, which load/bump_lock raises whenever a
// transaction writes, so that a loader can tell whether another writer committed
// since its own previous batch (then it forgets what it cached about actors).
// Params: none.
MERGE (l:LoadLock {id: 'loader'})
SET l.locked = true
RETURN coalesce(l.seq, 0) AS seq
