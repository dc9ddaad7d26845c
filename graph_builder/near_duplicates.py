"""Near-duplicate texts: wire copy republished by several outlets.

Two bodies are near-duplicates when the Jaccard similarity of their sets of word
5-shingles (lower-cased words, punctuation dropped) is at least `THRESHOLD` (0.7):
the same story with a different headline, a byline, a local sentence or a trimmed
ending stays above it, two reports of one event in different words fall far below. A
long body is compared by its first 20,000 words. The similarity is estimated with
MinHash signatures of 128 permutations (datasketch, fixed seed), found without
comparing every pair by locality-sensitive hashing: the signature is cut into bands
(datasketch picks the band count for the threshold) and documents sharing a band are
candidates, which are then kept only if their estimated similarity reaches the
threshold.

Only corroboration uses this: a near-duplicate counts toward `source_count` as
the outlet of the document it copies (see `graph_builder.loader`).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice

import numpy as np
from datasketch import MinHash, MinHashLSH

THRESHOLD = 0.7
NUM_PERM = 128
SHINGLE = 5
SEED = 1
MAX_WORDS = 20_000  # a long body is compared by its first 20,000 words
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Signature:
    """A body's MinHash values and the LSH band keys it is found by."""

    values: tuple[int, ...]
    bands: tuple[str, ...]


@lru_cache(maxsize=1)
def _bands() -> tuple[int, int]:
    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
    return lsh.b, lsh.r


def shingles(text: str) -> set[str]:
    """The word 5-shingles of a text (the whole text as one shingle when shorter)."""
    words = list(islice((m.group() for m in _WORD.finditer(text.lower())), MAX_WORDS))
    if len(words) <= SHINGLE:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


def signature(text: str) -> Signature | None:
    """The MinHash signature of a body, or None for a body without words."""
    grams = shingles(text)
    if not grams:
        return None
    mh = MinHash(num_perm=NUM_PERM, seed=SEED)
    mh.update_batch([g.encode("utf-8") for g in grams])
    values = mh.hashvalues.astype(np.uint64)
    b, r = _bands()
    bands = tuple(
        f"{i}:{hashlib.blake2b(values[i * r : (i + 1) * r].tobytes(), digest_size=8).hexdigest()}"
        for i in range(b)
    )
    return Signature(tuple(int(v) for v in values), bands)


def similarity(a: tuple[int, ...] | list[int], b: tuple[int, ...] | list[int]) -> float:
    """The estimated Jaccard similarity of two signatures' texts."""
    if len(a) != len(b) or not a:
        return 0.0
    return sum(x == y for x, y in zip(a, b, strict=True)) / len(a)
