"""An undated text is dated by the fall of a ruler it recalls (regimes.yaml `ousted`)."""

from __future__ import annotations

import datetime as dt

import pytest

from graph_builder.extract import Extractor
from graph_builder.extract.mentions import MentionIndex
from graph_builder.extract.regime_dating import fall_stated

SYRIA = dt.date(2024, 12, 8)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Since Assad's fall, Turkey has grown stronger in the north.", SYRIA),
        ("The rebels who toppled Assad now rule Damascus.", SYRIA),
        ("Assad was deposed by a rebel offensive in December.", SYRIA),
        ("It was the first call since the ouster of President Bashar al-Assad.", SYRIA),
        ("The ousted president Bashar al-Assad lives in Moscow.", SYRIA),
        ("Post-Assad Syria faces a hard winter.", SYRIA),
        ("former President Ashraf Ghani fled Kabul", dt.date(2021, 8, 15)),
        ("Since the overthrow of Mohamed Bazoum, aid has dried up.", dt.date(2023, 7, 26)),
        # wished, feared, denied or not yet: no date
        ("Rebels seek the fall of Assad.", None),
        ("Rebels sought the fall of Assad.", None),
        ("The offensive could lead to Assad's fall.", None),
        ("Opposition groups vowed to topple Bashar al-Assad.", None),
        ("Western capitals called for the ouster of Bashar al-Assad.", None),
        ("Assad was not toppled.", None),
        ("The fall of Assad is inevitable.", None),
        ("Russia then backed Assad with air power.", None),
        ("The late Hafez al-Assad ruled for decades.", None),
    ],
)
def test_fall_stated(extractor: Extractor, text: str, expected: dt.date | None) -> None:
    doc = extractor.nlp(text)
    mentions = MentionIndex(doc, extractor.catalog, extractor.lexicon, None, set())
    assert fall_stated(doc, mentions.mentions, extractor.catalog, extractor.lexicon) == expected
