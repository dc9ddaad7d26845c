// Record the graph's identity version. Params: $version.
MERGE (l:LoadLock {id: 'loader'})
SET l.identity_version = $version
