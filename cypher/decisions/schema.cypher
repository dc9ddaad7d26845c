// Decision nodes: one per analyst decision, by id (idempotent: IF NOT EXISTS).
CREATE CONSTRAINT decision_id IF NOT EXISTS FOR (d:Decision) REQUIRE d.id IS UNIQUE;
