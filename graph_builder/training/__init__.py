"""Training the relation model from the project's own annotated corpus."""
