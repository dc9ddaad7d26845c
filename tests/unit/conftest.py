"""Shared fixtures for unit tests (no services)."""

from __future__ import annotations

import pytest

from graph_builder.extract import Extractor


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    """One extractor (spaCy pipeline + dictionaries) for the whole session."""
    return Extractor(mode="rules")
