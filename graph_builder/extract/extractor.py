"""From documents to edges: chunking, the spaCy pipeline, rules and resolution."""

from __future__ import annotations

import datetime as dt
import multiprocessing as mp
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

import numpy
import spacy
from spacy.attrs import LEMMA, ORTH, POS
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from graph_builder.actors import ActorCatalog
from graph_builder.extract import ruler as _ruler  # noqa: F401  (registers "actor_ruler")
from graph_builder.extract.attribute_table import replace_attribute_ruler
from graph_builder.extract.candidate import Candidate
from graph_builder.extract.constructions import ConstructionMatcher, load_registry
from graph_builder.extract.context import RuleContext
from graph_builder.extract.dates import event_date, parse_date
from graph_builder.extract.frames import expand
from graph_builder.extract.headline_case import CasingTokenizer, HeadlineCaser, common_words
from graph_builder.extract.lexical import LexicalMatcher
from graph_builder.extract.lexicon import Lexicon, load_lexicon
from graph_builder.extract.mentions import (
    MentionIndex,
    clean_name,
)
from graph_builder.extract.modality import modality
from graph_builder.extract.pair_features import CueMap
from graph_builder.extract.regime_dating import fall_stated
from graph_builder.extract.relation_model import RelationModel, shipped_model
from graph_builder.extract.statistical import ModelStep
from graph_builder.models import Actor, Document, Edge, Evidence, Extraction
from graph_builder.nlp import base_model_name

if TYPE_CHECKING:
    from spacy.pipeline import Lemmatizer
    from thinc.types import Ints2d

    from graph_builder.extract.ruler import ActorRuler

# Documents are parsed in pieces of at most this many characters, cut at line
# breaks (or sentence ends), so a huge document is processed in bounded memory.
CHUNK_CHARS = 20_000
# Most characters parsed in one batch (see Extractor._parse).
BATCH_CHARS = 100_000
_DATELINE = re.compile(
    r"\b(?:\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]* \d{4}"
    r"|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? \d{1,2},? \d{4}"
    r"|\d{4}-\d{2}-\d{2})\b"
)


@Language.component("line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """Start a new sentence after every line break: headlines stand alone."""
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
    return doc


class CachedLemmatizer:
    """The model's rule lemmatizer behind a cache keyed by (word, part of speech).

    News text repeats its words, so after a warm-up nearly every token is a
    cache hit; the lemmas are the model's own.
    """

    def __init__(self, lemmatizer: Lemmatizer, max_entries: int = 200_000) -> None:
        self.lemmatizer = lemmatizer
        self.cache: dict[tuple[int, int], int] = {}
        self.max_entries = max_entries
        self.overrides: dict[str, str] = {}  # word -> lemma the rules get wrong ("hopes")

    def __call__(self, doc: Doc) -> Doc:
        cache = self.cache
        rows = doc.to_array([ORTH, POS]).tolist()
        lemmas = []
        for i, (orth, pos) in enumerate(rows):
            lemma = cache.get((orth, pos))
            if lemma is None:
                word = doc[i].lower_
                fixed = self.overrides.get(word)
                lemma = doc.vocab.strings.add(
                    fixed or self.lemmatizer.rule_lemmatize(doc[i])[0]
                )
                if len(cache) < self.max_entries:
                    cache[(orth, pos)] = lemma
            lemmas.append(lemma)
        if lemmas:
            doc.from_array(
                [LEMMA], cast("Ints2d", numpy.array(lemmas, dtype="uint64").reshape(-1, 1))
            )
        return doc


@Language.factory("cached_lemmatizer")
def make_cached_lemmatizer(nlp: Language, name: str) -> CachedLemmatizer:
    return CachedLemmatizer(cast("Lemmatizer", nlp.get_pipe("lemmatizer")))


def split_dotted_hyphens(nlp: Language) -> None:
    """Split 'U.S.-backed' and 'U.N.-led' as 'US-backed' is split ('U.S.', '-', 'backed'):
    the tokenizer splits a hyphen between letters but not after an abbreviation's dot."""
    tokenizer: Any = nlp.tokenizer  # spaCy's Tokenizer has no type stubs
    infixes = tokenizer.infix_finditer.__self__.pattern
    tokenizer.infix_finditer = re.compile(
        infixes + r"|(?<=[A-Za-z]\.)[-‑–](?=[A-Za-z])"
    ).finditer


def build_pipeline(catalog: ActorCatalog, lexicon: Lexicon | None = None) -> Language:
    """`en_core_web_sm` with an entity ruler fed from the actor dictionaries.

    Hyphens after an abbreviation are split ('U.S.-backed'), and title-case headlines
    are parsed in sentence case (`headline_case.py`). The model's lemmatizer is
    replaced by a cached copy of itself (same lemmas, a fraction of the time, with the
    lexicon's fixes for words it gets wrong), its attribute ruler by lookup tables of
    the same patterns (same attributes, faster), and a component starts a sentence at
    each line break.
    """
    nlp = spacy.load(base_model_name(), disable=["lemmatizer"])
    split_dotted_hyphens(nlp)
    nlp.add_pipe("line_breaks", before="parser")
    replace_attribute_ruler(nlp)
    lemmatizer = cast(CachedLemmatizer, nlp.add_pipe("cached_lemmatizer", before="ner"))
    lex = lexicon or load_lexicon()
    lemmatizer.overrides = dict(lex.irregular)
    ruler = cast("ActorRuler", nlp.add_pipe("actor_ruler", before="ner"))
    ruler.add_patterns(catalog.ruler_patterns())
    names = catalog.name_forms()
    caser = HeadlineCaser(
        common_words(nlp) - lex.proper_words, STOP_WORDS, lambda span: span.lower() in names
    )
    nlp.tokenizer = CasingTokenizer(nlp.tokenizer, caser)
    return nlp


@dataclass(frozen=True, slots=True)
class _Piece:
    text: str
    offset: int | None  # None: the title, which is not part of the body


_Meta = tuple[Document, _Piece, bool]  # a piece's document, the piece, whether last


def split_pieces(document: Document, limit: int = CHUNK_CHARS) -> Iterator[_Piece]:
    """The title (when it is not in the body) and the body in bounded pieces."""
    title = (document.title or "").strip()
    if title and title not in document.text[: len(title) + 200]:
        yield _Piece(title, None)
    text = document.text
    start = 0
    while start < len(text):
        end = min(start + limit, len(text))
        if end < len(text):
            cut = text.rfind("\n", start + limit // 2, end)
            if cut == -1:
                cut = text.rfind(". ", start + limit // 2, end)
                cut = cut + 1 if cut != -1 else end
            end = cut + 1 if cut < end and text[cut] == "\n" else cut
        if text[start:end].strip():
            yield _Piece(text[start:end], start)
        start = end


def guess_anchor(document: Document) -> dt.date | None:
    """The document date; else a full date written near the top of the text (a
    dateline); else the latest full date the text states (an undated article is no
    older than the newest event it reports)."""
    if document.date is not None:
        return document.date
    match = _DATELINE.search(document.text[:2000])
    if match:
        return parse_date(match.group(0), None)
    found = [parse_date(m.group(0), None) for m in _DATELINE.finditer(document.text[:50_000])]
    return max((d for d in found if d is not None), default=None)


MODES = ("rules", "model", "both")


class Extractor:
    """Extracts edges from documents. Build once, reuse for many documents.

    `mode` chooses what states edges: the hand rules, the learned relation model, or
    both (the model adds edges the rules missed and may veto a rule's edge; see
    `statistical.py`). Without a shipped model, every mode is `rules`.
    """

    def __init__(
        self,
        nlp: Language | None = None,
        catalog: ActorCatalog | None = None,
        lexicon: Lexicon | None = None,
        mode: str = "both",
        model: RelationModel | None = None,
    ) -> None:
        if mode not in MODES:
            raise ValueError(f"unknown extractor {mode!r}: choose one of {', '.join(MODES)}")
        self.catalog = catalog or ActorCatalog.default()
        self.lexicon = lexicon or load_lexicon()
        self.nlp = nlp or build_pipeline(self.catalog, self.lexicon)
        self.mode = mode
        self.constructions = ConstructionMatcher(self.nlp.vocab)
        self.lexical = LexicalMatcher(self.lexicon, load_registry().lexical)
        model = model or (shipped_model() if mode != "rules" else None)
        self.model_step = (
            ModelStep(model, CueMap(self.lexicon), mode) if model is not None else None
        )

    def extract(self, document: Document) -> list[Edge]:
        """All edges the document states (negated and hypothetical ones flagged)."""
        return next(self._stream([document])).edges

    def extract_many(
        self, documents: Iterable[Document], n_process: int = 1, batch_size: int = 32
    ) -> Iterator[Extraction]:
        """Extract from many documents, in order, streaming them through spaCy in
        batches; `n_process` > 1 spreads batches of documents over worker processes."""
        if n_process <= 1:
            yield from self._stream(documents, batch_size)
            return
        ctx = mp.get_context("fork")
        with ctx.Pool(n_process, initializer=_init_worker, initargs=(self,)) as pool:
            for batch in pool.imap(_extract_in_worker, _batches(documents, batch_size)):
                yield from batch

    def edges_from_doc(
        self,
        doc: Doc,
        document: Document,
        offset: int | None = 0,
        context: set[str] | None = None,
        anchor: dt.date | None = None,
    ) -> list[Edge]:
        """Pure extraction from one parsed piece of a document."""
        if anchor is None:
            anchor = guess_anchor(document)
        if context is None:
            context = self._context(doc)
        mentions = MentionIndex(doc, self.catalog, self.lexicon, anchor, context)
        if anchor is None:
            # undated: a government that exists only since a change dates the text
            # or a ruler's fall it recalls ("since Assad's fall")
            named = self.catalog.dated_by(m.actor.id for m in mentions.mentions if m.actor)
            fallen = fall_stated(doc, mentions.mentions, self.catalog, self.lexicon)
            since = max((d for d in (named, fallen) if d is not None), default=None)
            if since is not None:
                # a week on, so that "on Monday" lands after the change, not before it
                anchor = since + dt.timedelta(days=7)
                mentions = MentionIndex(doc, self.catalog, self.lexicon, anchor, context)
        ctx = RuleContext(self.lexicon, mentions)
        step = self.model_step
        use_rules = step is None or self.mode != "model"
        edges: list[Edge] = []
        sents = list(doc.sents)
        doc_dates = [ent for ent in doc.ents if ent.label_ == "DATE"]  # once: Span.ents is slow
        constructed = self.constructions.by_sentence(doc, sents) if use_rules else {}
        scores = step.score(sents, mentions) if step is not None else [None] * len(sents)
        for sent, scored in zip(sents, scores, strict=True):
            found: list[Edge] = []
            seen: set[tuple[str, str, str]] = set()
            candidates = (
                [*self.lexical.sentence(ctx, sent), *constructed.get(sent.start, ())]
                if use_rules
                else []
            )
            if scored is not None:
                assert step is not None
                candidates.extend(step.additions(scored))  # after the rules: rules win ties
            dates = [d for d in doc_dates if sent.start <= d.start < sent.end]
            for cand in candidates:
                for edge in self._resolve(cand, mentions, document, sent, dates, offset, anchor):
                    key = (edge.subject.id, edge.relation, edge.object.id)
                    if key not in seen:
                        seen.add(key)
                        found.append(edge)
            if scored is not None and step is not None:
                found = step.review(found, scored)
            edges.extend(found)
        return edges

    # -- internals ---------------------------------------------------------------

    def _context(self, doc: Doc) -> set[str]:
        """Ids of the actors a document names outright (generic phrases excluded)."""
        return self.catalog.expand_context(
            ent.ent_id_
            for ent in doc.ents
            if ent.ent_id_ and not self.catalog.is_generic_phrase(ent.text)
        )

    def _stream(self, documents: Iterable[Document], batch_size: int = 32) -> Iterator[Extraction]:
        """Parse the pieces of all documents as one stream; regroup them per document."""

        def pieces() -> Iterator[tuple[str, _Meta]]:
            for document in documents:
                parts = list(split_pieces(document)) or [_Piece("", 0)]
                for i, piece in enumerate(parts):
                    yield piece.text, (document, piece, i == len(parts) - 1)

        edges: list[Edge] = []
        context: set[str] = set()
        current: Document | None = None
        anchor: dt.date | None = None
        for doc, (document, piece, last) in self._parse(pieces(), batch_size):
            if document is not current:  # the date anchor once per document, not per piece
                current, anchor = document, guess_anchor(document)
            context |= self._context(doc)
            edges.extend(self.edges_from_doc(doc, document, piece.offset, context, anchor))
            if last:
                yield Extraction(document, edges)
                edges, context = [], set()

    def _parse(
        self, pieces: Iterable[tuple[str, _Meta]], batch_size: int
    ) -> Iterator[tuple[Doc, _Meta]]:
        """Parse pieces in batches of at most `batch_size` pieces and BATCH_CHARS
        characters: the parsed batch is what sits in memory, so a large document
        (many pieces) costs no more memory than a batch of short ones."""
        batch: list[tuple[str, _Meta]] = []
        chars = 0
        for item in pieces:
            batch.append(item)
            chars += len(item[0])
            if len(batch) >= batch_size or chars >= BATCH_CHARS:
                yield from self.nlp.pipe(batch, as_tuples=True, batch_size=len(batch))
                batch, chars = [], 0
        if batch:
            yield from self.nlp.pipe(batch, as_tuples=True, batch_size=len(batch))

    def _resolve(
        self,
        cand: Candidate,
        mentions: MentionIndex,
        document: Document,
        sent: Span,
        dates: list[Span],
        offset: int | None,
        anchor: dt.date | None,
    ) -> Iterator[Edge]:
        subjects = self._side(cand.subject, mentions, place=False)
        objects = self._side(cand.object, mentions, place=cand.relation == "seized")
        if not subjects or not objects:
            return
        mod = modality(cand.trigger, self.lexicon, cand.relation,
                       own_negation=not cand.negation_is_stance)
        speaker = None
        if mod.speaker is not None:
            who = mentions.actor(mod.speaker)
            speaker = (
                who.name
                if who is not None
                else clean_name(_phrase(mod.speaker), self.lexicon.title_words)
            )
        date = event_date(cand.trigger, dates, anchor)
        # quoted from the original text: the parsed one may have a headline sentence-cased
        if offset is None:
            title = (document.title or "").strip()
            quote = title[sent.start_char : sent.end_char] if title else sent.text
            evidence = Evidence(document.id, quote.strip(), None, None, speaker)
        else:
            start, end = offset + sent.start_char, offset + sent.end_char
            quote = document.text[start:end]
            if len(quote) != len(sent.text):  # a Doc not parsed from this document's text
                quote = sent.text
            evidence = Evidence(document.id, quote, start, end, speaker)
        subjects = [self._dated(a, date, sent, cand.trigger) for a in subjects]
        objects = [self._dated(a, date, sent, cand.trigger) for a in objects]
        for subj in subjects:
            for obj in objects:
                if subj.id == obj.id or subj.kind == "place":
                    continue
                if "person" in (subj.kind, obj.kind) and (
                    subj.affiliation == obj.id or obj.affiliation == subj.id
                ):
                    continue  # an official and the state they speak for
                if cand.relation != "seized" and obj.kind == "place":
                    continue
                yield Edge(
                    subj, cand.relation, obj, evidence,
                    negated=mod.negated, hypothetical=mod.hypothetical, date=date,
                    confidence=cand.confidence, rule=cand.rule,
                )
                if cand.mutual:
                    yield Edge(
                        obj, cand.relation, subj, evidence,
                        negated=mod.negated, hypothetical=mod.hypothetical, date=date,
                        confidence=cand.confidence * 0.8, rule=cand.rule + "-mutual",
                    )

    def _dated(self, actor: Actor, date: dt.date | None, sent: Span, trigger: Token) -> Actor:
        """A state's name means its government at the event's time (regimes.yaml):
        after Assad's fall, Syria's government is the transitional one (guidelines),
        unless the sentence looks back ("the former regime", "had backed")."""
        if date is None:
            return actor
        holder = self.catalog.holder(actor.id, date)
        if holder == actor.id or _looks_back(sent, self.lexicon, trigger):
            return actor
        return self.catalog.find(holder) or actor

    @staticmethod
    def _side(side: Token | Actor, mentions: MentionIndex, place: bool) -> list[Actor]:
        if isinstance(side, Actor):
            return [side]
        out: dict[str, Actor] = {}
        for tok in expand(side):
            found = mentions.place(tok) if place else mentions.actor(tok)
            if found is not None:
                out.setdefault(found.id, found)
                if place:  # "the villages of Anefis, Tessalit and Aguelhok"
                    for listed in _of_list(tok):
                        other = mentions.listed_place(listed)
                        if other is not None:
                            out.setdefault(other.id, other)
                if not place and mentions.mention_at(tok) is None:
                    # "Hezbollah and Hamas targets": coordinated qualifiers
                    for other in mentions.coordinated_qualifiers(tok):
                        out.setdefault(other.id, other)
        return list(out.values())


def _of_list(token: Token) -> list[Token]:
    """The conjuncts of the object of a place noun's 'of': 'the villages of A, B and C'."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return list(obj.conjuncts)
    return []


def _looks_back(sent: Span, lex: Lexicon, trigger: Token) -> bool:
    """'the former regime', 'the ousted government', 'Russia had backed Assad', 'the
    rebels overthrew Syria's leader' (not 'since the rebels overthrew him, Syria has')."""
    for tok in sent:
        if tok.lower_ in lex.looking_back_words:
            return True
        if tok.dep_ == "aux" and tok.lower_ == "had" and tok.head.tag_ == "VBN":
            return True
        if (
            tok.tag_ in ("VBD", "VBN")
            and tok.lemma_.lower() in lex.ousting_verbs
            and (
                tok == trigger
                or tok.is_ancestor(trigger)
                or not any(c.dep_ == "mark" and c.lower_ in ("since", "after")
                           for c in tok.children)
            )
        ):
            return True
    return False


def _phrase(token: Token) -> str:
    return token.doc[token.left_edge.i : token.right_edge.i + 1].text


_WORKER: Extractor | None = None


def _init_worker(extractor: Extractor) -> None:
    global _WORKER
    _WORKER = extractor


def _extract_in_worker(documents: list[Document]) -> list[Extraction]:
    assert _WORKER is not None
    return list(_WORKER._stream(documents))


def _batches(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    batch: list[Document] = []
    for document in documents:
        batch.append(document)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
