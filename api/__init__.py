"""HTTP API over the actor-relationship graph (FastAPI)."""
