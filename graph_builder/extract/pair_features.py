"""Features of a candidate pair, as strings: the dependency path and its words, the
words between and around the two mentions, cue words of the lexicon on the path, the
actor kinds, and modality markers. Pure functions over a parsed sentence."""

from __future__ import annotations

from spacy.tokens import Span

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


def _kind(slot: Slot) -> str:
    kind = slot.actor.kind if slot.actor is not None else "-"
    return kind + ("/place" if slot.place is not None else "")


class SentenceCache:
    """One sentence's tokens as plain lists (lemmas, heads, deps), plus memos of what
    several pairs share: ancestors, mention features, modality around a token."""

    def __init__(self, cues: CueMap, sent: Span, slots: list[Slot] | None = None) -> None:
        self.cues = cues
        self.offset = off = sent.start
        # sentence-local heads of all the sentence's mentions: others around a pair
        self.slot_heads = frozenset(s.head.i - off for s in slots or ())
        toks = list(sent)
        self.tokens = toks
        self.lemma = [t.lemma_.lower() for t in toks]
        self.lower = [t.lower_ for t in toks]
        self.dep = [t.dep_ for t in toks]
        self.pos = [t.pos_ for t in toks]
        self.head = [t.head.i - off for t in toks]
        self.keep = [not t.is_punct or t.text in "-,(" for t in toks]
        self._up: dict[int, list[int]] = {}
        self._mention: dict[int, list[str]] = {}
        self._modality: dict[int, list[str]] = {}
        self.sentence_feats: list[str] = []
        if toks and (toks[-1].text == "?" or (len(toks) > 1 and toks[-2].text == "?")):
            self.sentence_feats.append("QUESTION")
        if not any(t.pos_ in ("VERB", "AUX") and t.tag_ not in ("VBG", "VBN") for t in toks):
            self.sentence_feats.append("NOFINITE")  # headline style

    def up(self, i: int) -> list[int]:
        """Sentence-local indices from token i up to the root."""
        if i not in self._up:
            self._up[i] = self._path_up(i)
        return self._up[i]

    def mention(self, i: int) -> list[str]:
        """What governs and modifies one mention's head (the same for every pair)."""
        if i not in self._mention:
            self._mention[i] = self._mention_features(i)
        return self._mention[i]

    def modality(self, i: int) -> list[str]:
        """Negation, modal and conditional markers on token i."""
        if i not in self._modality:
            self._modality[i] = self._modality_features(i)
        return self._modality[i]

    def _path_up(self, i: int) -> list[int]:
        path, head = [i], self.head
        while head[path[-1]] != path[-1] and len(path) < 30:
            nxt = head[path[-1]]
            if not 0 <= nxt < len(head):
                break
            path.append(nxt)
        return path

    def _mention_features(self, i: int) -> list[str]:
        cues, dep, head = self.cues, self.dep[i], self.head[i]
        head_lemma = self.lemma[head] if 0 <= head < len(self.lemma) else "<out>"
        out = [f"D:{dep}", f"H:{dep}:{head_lemma}"]
        out += [f"HC:{dep}:{cue}" for cue in cues.of(head_lemma)]
        for child in self.tokens[i].children:
            if child.dep_ in ("amod", "compound", "prep", "acl", "relcl", "appos"):
                lemma = child.lemma_.lower()
                out.append(f"C:{child.dep_}:{lemma}")
                out += [f"CC:{child.dep_}:{cue}" for cue in cues.of(lemma)]
        return out

    def _modality_features(self, i: int) -> list[str]:
        cues, out = self.cues, []
        for child in self.tokens[i].children:
            low = child.lower_
            if child.dep_ == "neg" or low in cues.negations:
                out += ["NEG", "NEG:" + self.lemma[i]]
            elif child.dep_ == "aux" and low in cues.modals:
                out.append("MODAL:" + low)
            elif child.dep_ == "mark" and low in cues.marks:
                out.append("MARK:" + low)
        return out


def pair_features(pair: Pair, cache: SentenceCache) -> list[str]:
    """Feature strings of one candidate pair (the model hashes them)."""
    cues = cache.cues
    off = cache.offset
    n = len(cache.lemma)
    a, b = pair.first.head.i - off, pair.second.head.i - off
    lemma, lower, dep = cache.lemma, cache.lower, cache.dep
    feats: list[str] = []
    add = feats.append
    up = cache.up(a)
    down = cache.up(b)
    down_ids = {t: k for k, t in enumerate(down)}
    lca_up = next((k for k, t in enumerate(up) if t in down_ids), len(up) - 1)
    lca = up[lca_up]
    lca_down = down_ids.get(lca, len(down) - 1)
    path_up = up[:lca_up]
    path_down = list(reversed(down[:lca_down]))
    deps_up = "^".join(dep[t] for t in path_up)
    deps_down = "_".join(dep[t] for t in path_down)
    inner = [t for t in (*path_up[1:], lca, *path_down[:-1]) if t not in (a, b)]
    lca_lemma = lemma[lca] if lca not in (a, b) else "<arg>"
    add("PD:" + deps_up + ">" + cache.pos[lca] + ">" + deps_down)
    add("PDL:" + deps_up + ">" + lca_lemma + ">" + deps_down)
    add(f"LEN:{min(len(inner), 6)}")
    add("LCA:" + lca_lemma)
    ends = (dep[path_up[-1]] if path_up else "") + ">" + (dep[path_down[0]] if path_down else "")
    for t in inner:
        add("PW:" + lemma[t])
        for cue in cues.of(lemma[t]):
            add("CUE:" + cue)
            add("CUED:" + cue + ":" + ends)
    # what governs and modifies each mention
    feats.extend("X" + f for f in cache.mention(a))
    feats.extend("Y" + f for f in cache.mention(b))
    # words between and around
    start, end = pair.first.end - off, pair.second.start - off
    gap = max(end - start, 0)
    if gap <= MAX_BETWEEN:
        words = [lemma[t] for t in range(start, end) if cache.keep[t]]
        add("BS:" + " ".join(words[:8]))
        for w in words:
            add("B:" + w)
            for cue in cues.of(w):
                add("BC:" + cue)
    else:
        add("BFAR")
    add(f"BN:{min(gap, 15) // 3}")
    first_start, second_end = pair.first.start - off, pair.second.end - off
    add("L:" + " ".join(lower[max(0, first_start - 2) : max(first_start, 0)]))
    add("R:" + " ".join(lower[second_end : min(n, second_end + 2)]))
    first_end = pair.first.end - off
    add("XR:" + " ".join(lower[first_end : min(n, first_end + 2)]))
    add("K:" + _kind(pair.first) + "|" + _kind(pair.second))
    # modality around the path
    for t in (lca, *inner[:4]):
        feats.extend(cache.modality(t))
    # other mentions around the pair: between them, on their path, in the sentence
    others = cache.slot_heads - {a, b}
    add(f"SB:{min(sum(1 for h in others if a < h < b), 3)}")
    if any(t in others for t in inner):
        add("SP")
    add(f"NS:{min(len(cache.slot_heads), 8) // 2}")
    feats.extend(cache.sentence_feats)
    return feats
