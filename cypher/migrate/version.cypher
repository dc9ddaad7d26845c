// The graph's identity version (0: written before document identity by URL or
// content; 1: current). Kept on the loader's lock node. Params: none.
MERGE (l:LoadLock {id: 'loader'})
RETURN coalesce(l.identity_version, 0) AS version
