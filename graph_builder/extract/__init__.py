"""Relation extraction: spaCy `Doc` -> `Edge`s (pure functions, no I/O).

`Extractor` is the entry point; the construction registry is `constructions.py`
(lexical constructions in `lexical.py` with their functions in `verb_constructions.py`,
`noun_constructions.py` and `modifier_constructions.py`), actor resolution in
`mentions.py`, modality and attribution in `modality.py`, event dates in `dates.py`,
and cue words in `data/lexicon/relations.yaml`.
"""

from graph_builder.extract.extractor import Extractor, build_pipeline

__all__ = ["Extractor", "build_pipeline"]
