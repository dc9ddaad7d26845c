"""Features of a candidate pair, as strings: the dependency path and its words, the
words between and around the two mentions, cue words of the lexicon on the path, the
actor kinds, and modality markers. Pure functions over a parsed sentence."""

from __future__ import annotations

import itertools

from spacy.tokens import Token

from graph_builder.extract.lexicon import Lexicon
from graph_builder.extract.pairs import Pair, Slot

# Tokens between the two mentions beyond which the words between are not listed.
MAX_BETWEEN = 14


class CueMap:
    """Lemma -> the relations the lexicon says it can express ("V:opposes" ...)."""

    def __init__(self, lex: Lexicon) -> None:
        cues: dict[str, set[str]] = {}

        def add(word: str, tag: str) -> None:
            cues.setdefault(word.lower(), set()).add(tag)

        for lemma, frames in lex.verbs.items():
            for frame in frames:
                add(lemma, f"V:{frame.relation}")
        for lemma, nframes in lex.nouns.items():
            for nframe in nframes:
                add(lemma, f"N:{nframe.relation}")
        for adj, (relation, _) in lex.adjectives.items():
            add(adj, f"A:{relation}")
        for table, tag in ((lex.role_nouns, "R"), (lex.reverse_role_nouns, "RR"),
                           (lex.modifier_suffixes, "S"), (lex.modifier_prefixes, "PX")):
            for word, relation in table.items():
                add(word, f"{tag}:{relation}")
        for group, tag in ((lex.control_verbs, "CTRL"), (lex.control_nouns, "CTRLN"),
                           (lex.giving_verbs, "GIVE"), (lex.receiving_verbs, "RECV"),
                           (lex.criticism_verbs, "CRIT"), (lex.speech_verbs, "SAY"),
                           (lex.negating_governors, "NEGGOV"),
                           (lex.hypothetical_governors, "HYPGOV"),
                           (lex.threat_governors, "STANCE"), (lex.lost_to_verbs, "LOST"),
                           (lex.physical_attack_verbs, "ATTACK"),
                           (lex.mutual_meeting_verbs, "MEET"), (lex.held_words, "HELD")):
            for word in group:
                add(word, tag)
        self.cues = {k: tuple(sorted(v)) for k, v in cues.items()}
        self.negations = lex.negation_words
        self.modals = lex.hypothetical_aux
        self.marks = lex.hypothetical_marks

    def of(self, lemma: str) -> tuple[str, ...]:
        return self.cues.get(lemma, ())


def _ancestors(token: Token) -> list[Token]:
    out = [token]
    while out[-1].head.i != out[-1].i and len(out) < 30:
        out.append(out[-1].head)
    return out


def _kind(slot: Slot) -> str:
    kind = slot.actor.kind if slot.actor is not None else "-"
    return kind + ("/place" if slot.place is not None else "")


def pair_features(pair: Pair, cues: CueMap) -> list[str]:
    """Feature strings of one candidate pair (the model hashes them)."""
    a, b = pair.first.head, pair.second.head
    doc = a.doc
    feats: list[str] = []
    add = feats.append
    up = _ancestors(a)
    down = _ancestors(b)
    down_ids = {t.i: n for n, t in enumerate(down)}
    lca_up = next((n for n, t in enumerate(up) if t.i in down_ids), len(up) - 1)
    lca = up[lca_up]
    lca_down = down_ids.get(lca.i, len(down) - 1)
    path_up = up[:lca_up]
    path_down = list(reversed(down[:lca_down]))
    deps_up = [t.dep_ for t in path_up]
    deps_down = [t.dep_ for t in path_down]
    inner = [*path_up[1:], lca, *path_down[:-1]]
    inner = [t for t in inner if t.i not in (a.i, b.i)]
    lemmas = [t.lemma_.lower() for t in inner]
    lca_lemma = lca.lemma_.lower() if lca.i not in (a.i, b.i) else "<arg>"
    deps_path = "^".join(deps_up) + ">" + lca.pos_ + ">" + "_".join(deps_down)
    add("PD:" + deps_path)
    add("PDL:" + "^".join(deps_up) + ">" + lca_lemma + ">" + "_".join(deps_down))
    add("PL:" + " ".join(lemmas[:6]))
    add(f"LEN:{min(len(inner), 6)}")
    add("LCA:" + lca_lemma)
    add("LCAD:" + lca_lemma + ":" + (deps_up[-1] if deps_up else "-") + ":"
        + (deps_down[0] if deps_down else "-"))
    for t, lemma in zip(inner, lemmas, strict=True):
        add("PW:" + lemma)
        add("PWD:" + lemma + ":" + t.dep_)
        for cue in cues.of(lemma):
            add("CUE:" + cue)
            add("CUED:" + cue + ":" + "^".join(deps_up[-1:]) + ">" + "_".join(deps_down[:1]))
    # what governs each mention
    for name, tok in (("X", a), ("Y", b)):
        head = tok.head
        add(f"{name}D:{tok.dep_}")
        add(f"{name}H:{tok.dep_}:{head.lemma_.lower()}")
        for cue in cues.of(head.lemma_.lower()):
            add(f"{name}HC:{tok.dep_}:{cue}")
        for child in tok.children:
            if child.dep_ in ("amod", "compound", "prep", "acl", "relcl", "appos"):
                lemma = child.lemma_.lower()
                add(f"{name}C:{child.dep_}:{lemma}")
                for cue in cues.of(lemma):
                    add(f"{name}CC:{child.dep_}:{cue}")
    # words between and around
    start, end = pair.first.end, pair.second.start
    between = doc[start:end] if end > start else doc[0:0]
    if len(between) <= MAX_BETWEEN:
        words = [t.lemma_.lower() for t in between if not t.is_punct or t.text in "-,("]
        add("BS:" + " ".join(words[:8]))
        for w in words:
            add("B:" + w)
            for cue in cues.of(w):
                add("BC:" + cue)
        for w1, w2 in itertools.pairwise(words):
            add("B2:" + w1 + "_" + w2)
    else:
        add("BFAR")
    add(f"BN:{min(len(between), 15) // 3}")
    sent = a.sent
    before = doc[max(sent.start, pair.first.start - 2) : pair.first.start]
    after = doc[pair.second.end : min(sent.end, pair.second.end + 2)]
    add("L:" + " ".join(t.lower_ for t in before))
    add("R:" + " ".join(t.lower_ for t in after))
    if pair.first.end < len(doc):
        nxt = doc[pair.first.end : min(len(doc), pair.first.end + 2)]
        add("XR:" + " ".join(t.lower_ for t in nxt))
    kinds = _kind(pair.first) + "|" + _kind(pair.second)
    add("K:" + kinds)
    add("KP:" + kinds + ":" + deps_path)
    # modality around the path
    for t in [lca, *inner[:4]]:
        for child in t.children:
            low = child.lower_
            if child.dep_ == "neg" or low in cues.negations:
                add("NEG")
                add("NEG:" + t.lemma_.lower())
            elif child.dep_ == "aux" and low in cues.modals:
                add("MODAL:" + low)
            elif child.dep_ == "mark" and low in cues.marks:
                add("MARK:" + low)
    if sent[-1].text == "?" or (len(sent) > 1 and sent[-2].text == "?"):
        add("QUESTION")
    if not any(t.pos_ in ("VERB", "AUX") and t.tag_ not in ("VBG", "VBN") for t in sent):
        add("NOFINITE")  # headline style
    return feats
