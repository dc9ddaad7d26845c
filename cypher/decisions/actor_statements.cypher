// Every statement a decision about some actors (or statements) may concern: those
// whose extracted or current edge names one of the actors, and those given by id.
// Params: $actors (ids), $ids (statement ids).
MATCH (s:Statement)
WITH s, coalesce(s.extracted_key, s.edge_key) AS extracted
WHERE s.id IN $ids
   OR any(part IN split(extracted, '|') WHERE part IN $actors)
   OR any(part IN split(s.edge_key, '|') WHERE part IN $actors OR part IN [x IN $actors | '!' + x])
RETURN s.id AS id, s.edge_key AS edge_key, extracted, s.sentence AS sentence,
       s.rejected_by AS rejected_by
