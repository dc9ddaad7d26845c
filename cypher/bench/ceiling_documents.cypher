// Benchmark only: create bare documents (after a wipe). Params: $ids.
UNWIND $ids AS id
CREATE (:Document {id: id})
