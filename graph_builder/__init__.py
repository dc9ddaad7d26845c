"""Actor-relationship knowledge graph for conflict news."""

__version__ = "0.1.0"
