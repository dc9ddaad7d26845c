"""Analyst decisions that outlast re-ingestion.

An analyst rejects a statement or an edge, merges two actors, splits an alias off an
actor, renames an actor or sets its kind or affiliation; each decision records who,
when and why. Decisions are `(:Decision)` nodes (`store`), exportable as JSONL
(`model`). What they mean for a statement or an actor is computed without a database
(`rules`); `apply` writes it to the graph, both when a decision is made or undone and,
through `hook`, after every loading batch, so that re-ingesting documents never brings
back a rejected edge or an actor merged away.
"""
