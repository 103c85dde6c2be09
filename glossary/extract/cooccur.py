"""Renderings from translation evidence over the whole memory.

Where the gloss-based pairing inside one unit finds nothing (a word CC-CEDICT
glosses in other senses, a term the translator renders freely), the memory as a
whole still says how the term is translated: the English phrase that occurs in
the units where the term occurs, and rarely elsewhere.  :class:`Cooccurrence`
indexes English phrases (1-3 content words, compared by stem; none opened by a bare
number: "3.3 vehicle connector", "Article 15 Policy Loan" hold a clause number, "30 days"
a count, none of which starts a rendering, and a phrase read with one shares the units of
whatever term its clause defines) by unit and
scores a term against each phrase with the Dice coefficient of their unit sets
(Smadja, McKeown & Hatzivassiloglou 1996, "Translating collocations for bilingual
lexicons"), with CC-CEDICT glosses of the term's characters as a prior.  A Latin
name kept in the Chinese (Pod, RISC-V) is rendered by itself when the English
writes it (any case, plural -s).

Units where the chosen phrase is absent are omissions or free renderings: they
are left without a rendering, never forced.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from tm import STOP_WORDS, stem

from glossary.extract.en import CONJUNCTIONS, LATIN, PREPOSITIONS, WORD

#: Words no phrase starts or ends in: stop words and the prepositions they leave out.
EDGELESS = STOP_WORDS | PREPOSITIONS | CONJUNCTIONS


LATIN_UNITS = 200     # units a Latin name's own renderings are read in


@dataclass
class Phrase:
    key: tuple[str, ...]
    spans: dict[int, list[tuple[int, int]]]    # unit index -> (start, end) character spans


class Cooccurrence:
    """English phrases of every unit, indexed for Dice scoring against Chinese terms."""

    def __init__(self, english: Sequence[str], *, max_words: int = 3):
        self.english = list(english)
        self.units_of: dict[tuple[str, ...], set[int]] = defaultdict(set)
        self.grams: list[dict[tuple[str, ...], list[tuple[int, int]]]] = []
        for ui, text in enumerate(self.english):
            words = [(m.group(), m.start(), m.end()) for m in WORD.finditer(text)]
            here: dict[tuple[str, ...], list[tuple[int, int]]] = defaultdict(list)
            for i in range(len(words)):
                for j in range(i + 1, min(len(words), i + max_words) + 1):
                    seq = words[i:j]
                    if seq[0][0].lower() in EDGELESS or seq[-1][0].lower() in EDGELESS:
                        continue
                    if seq[0][0].isdigit():
                        continue            # a clause number or a count opens no rendering
                    if any(text[a[2]:b[1]].strip() not in ("", "-") for a, b in zip(seq, seq[1:])):
                        continue            # punctuation between the words
                    key = tuple(stem(w.lower()) for w, _, _ in seq)
                    here[key].append((seq[0][1], seq[-1][2]))
            self.grams.append(here)
            for key in here:
                self.units_of[key].add(ui)

    def latin(self, term: str, where: Sequence[int]) -> dict[int, list[str]]:
        """A Latin name rendered by itself: its surface forms per unit (Pod, pods, PODs)."""
        pattern = re.compile(rf"(?<![A-Za-z0-9]){re.escape(term)}(?:e?s)?(?![A-Za-z0-9])", re.I)
        out: dict[int, list[str]] = {}
        for ui in list(where)[:LATIN_UNITS]:
            found = [m.group() for m in pattern.finditer(self.english[ui])]
            if found:
                out[ui] = found
        return out

    def best(self, where: Sequence[int], *, prior=None, min_dice: float = 0.5,
             min_shared: int = 2, explained=None) -> tuple[tuple[str, ...], float] | None:
        """The English phrase whose units best match ``where`` (Dice), or None.

        ``prior(key) -> float`` (0..1) adds gloss evidence: a phrase the dictionary
        supports needs fewer shared units (one is enough when the term occurs once).
        ``explained(key, units) -> int``: how many of the shared units translate the phrase
        by other words (their count is taken off the phrase's evidence).
        """
        where = set(where)
        if not where:
            return None
        shared: Counter = Counter()
        for ui in where:
            shared.update(self.grams[ui].keys())
        best, best_score = None, 0.0
        for key, n in shared.items():
            p = prior(key) if prior else 0.0
            if n < min_shared and not (p >= 0.5 and n >= 1):
                continue
            dice = 2 * n / (len(where) + len(self.units_of[key]))
            score = dice + 0.5 * p + 0.02 * len(key)
            if dice >= min_dice - 0.25 * p and score > best_score:
                if explained:
                    n -= explained(key, where)
                    if n < min_shared and not (p >= 0.5 and n >= 1):
                        continue
                best, best_score = key, score
        return (best, round(best_score, 3)) if best else None

    def surfaces(self, key: tuple[str, ...], where: Sequence[int]) -> dict[int, list[str]]:
        """The phrase as written in each unit of ``where`` that has it."""
        out: dict[int, list[str]] = {}
        for ui in where:
            spans = self.grams[ui].get(key)
            if spans:
                out[ui] = [self.english[ui][a:b] for a, b in spans]
        return out


def is_latin(term: str) -> bool:
    return bool(LATIN.fullmatch(term))
