"""A near-duplicate stress memory: every sentence has thousands of near-variants.

Real memories repeat themselves: boilerplate openings and closings, revisions of the
same clause, the same sentence with one number changed. This generator makes a memory
of ``n`` units in ``n // family_size`` *families* (default 2,000 units a family, so
200 families at 200,000 units, 500 at 1,000,000). A family is one template sentence
(zh 12-50 characters, en 8-30 words, vocabulary and Zipf weights of bench/synth.py)
with 1-3 number slots (article numbers, amounts, dates, percentages, counts, rendered
the Chinese and the English way) and 6 alternative *revisions* (a word replaced at a
fixed place). A variant fills the slots with fresh numbers, applies each revision
with probability 0.3, and takes one of 12 boilerplate openings (probability 0.5) and
one of 8 boilerplate closings (probability 0.3) shared by the whole memory. Families
are interleaved (unit ``i`` belongs to family ``i % families``), as revisions arrive
over time.

Deterministic for a given seed. Used only by bench/.
"""

from __future__ import annotations

import random

from synth import Generator

_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"]


def _slot(rng: random.Random, kind: str) -> tuple[str, str]:
    """A number rendered in zh and en."""
    if kind == "article":
        n = rng.randint(1, 300)
        return f"第{n}条", f"Article {n}"
    if kind == "amount":
        n = rng.randint(1, 99999)
        return f"{n}万元", f"RMB {n}0,000"
    if kind == "date":
        y, m, d = rng.randint(1990, 2030), rng.randint(1, 12), rng.randint(1, 28)
        return f"{y}年{m}月{d}日", f"{_MONTHS[m - 1]} {d}, {y}"
    if kind == "percent":
        n = rng.randint(1, 999) / 10
        return f"{n:g}%", f"{n:g}%"
    n = rng.randint(2, 5000)
    return f"{n}个", f"{n}"


KINDS = ("article", "amount", "date", "percent", "count")


class Family:
    def __init__(self, gen: Generator, rng: random.Random):
        self.zh = self._words(gen.zh_sentence(rng.randint(12, 50))[:-1], zh=True, rng=rng)
        self.en = gen.en_sentence(rng.randint(8, 30))[:-1].split(" ")
        self.slots = [rng.choice(KINDS) for _ in range(rng.randint(1, 3))]
        self.zh_at = sorted(rng.randint(0, len(self.zh)) for _ in self.slots)
        self.en_at = sorted(rng.randint(0, len(self.en)) for _ in self.slots)
        self.revisions = []   # (zh index, zh word, en index, en word)
        for _ in range(6):
            self.revisions.append((rng.randrange(len(self.zh)), gen._word(gen.zh_vocab, gen.zh_cum),
                                   rng.randrange(len(self.en)), gen._word(gen.en_vocab, gen.en_cum)))

    @staticmethod
    def _words(text: str, *, zh: bool, rng: random.Random) -> list[str]:
        """Chinese text cut into pieces of 1-4 characters (the places where slots and revisions go)."""
        out, i = [], 0
        while i < len(text):
            k = rng.randint(1, 4)
            out.append(text[i:i + k])
            i += k
        return out

    def variant(self, rng: random.Random, openings, closings) -> tuple[str, str]:
        zh, en = list(self.zh), list(self.en)
        for zi, zw, ei, ew in self.revisions:
            if rng.random() < 0.3:
                zh[zi] = zw
                en[ei] = ew
        for k, kind in reversed(list(enumerate(self.slots))):
            z, e = _slot(rng, kind)
            zh.insert(self.zh_at[k], z)
            en.insert(self.en_at[k], e)
        zh_s, en_s = "".join(zh) + "。", " ".join(en) + "."
        en_s = en_s[:1].upper() + en_s[1:]
        if rng.random() < 0.5:
            oz, oe = rng.choice(openings)
            zh_s, en_s = oz + zh_s, oe + en_s[:1].lower() + en_s[1:]
        if rng.random() < 0.3:
            cz, ce = rng.choice(closings)
            zh_s, en_s = zh_s + cz, en_s + " " + ce
        return zh_s, en_s


class StressGenerator:
    def __init__(self, seed: int = 7, family_size: int = 2000):
        self.seed = seed
        self.family_size = family_size
        self.gen = Generator(seed)
        rng = random.Random(seed * 7919 + 1)
        g = self.gen
        self.openings = [(g.zh_sentence(rng.randint(6, 14))[:-1] + "，",
                          g.en_sentence(rng.randint(4, 9))[:-1] + ", ") for _ in range(12)]
        self.closings = [(g.zh_sentence(rng.randint(8, 16)), g.en_sentence(rng.randint(5, 10))) for _ in range(8)]

    def families(self, n: int) -> list[Family]:
        rng = random.Random(self.seed * 31 + 5)
        return [Family(self.gen, rng) for _ in range(max(1, n // self.family_size))]

    def pairs(self, n: int):
        fams = self.families(n)
        rng = random.Random(self.seed * 131 + 3)
        for i in range(n):
            yield fams[i % len(fams)].variant(rng, self.openings, self.closings)
