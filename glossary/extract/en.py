"""The English side: tokens, enumerations, and term extraction from plain English text.

``extract_english_terms`` finds the names an English document uses (capitalised
multi-word names, acronyms, names introduced with an acronym in brackets) with
their counts; the consistency checker compares them with the term base.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from tm import is_acronym

# English prepositions and subordinating conjunctions the stop words leave out: closed
# classes kept beside the term base's folding keys, which the consistency report reads too.
from glossary.termbase.keys import CONJUNCTIONS, PREPOSITIONS

# Words allowed inside a span but never at its edges, and not counted as content.
FUNCTION = frozenset(
    "a an the of and or for in on at to with by from as its their our this that these those "
    "such etc is are be will we".split()
)
# Lower-case words that may sit inside a capitalised name ("Bank of China").
NAME_LINKS = frozenset({"of", "and", "for", "the", "on", "in", "de", "&"})
# Capitalised words that start sentences or headings without naming anything.
COMMON_CAPS = frozenset(
    "A An The This That These Those It Its In On At For By From With As And Or But If When While "
    "We Our They Their He She His Her Besides Moreover However Meanwhile Also Through During So "
    "Support Promote Cultivate Carry Create Further Consolidate Chinese".split()
    + "January February March April May June July August September October November December "
      "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
)

#: An English word: letters and digits, an apostrophe or a hyphen inside (don't, well-known,
#: 5G, RISC-V; a formula's subscript digits too: H₂O, CO₂). The one word of the English side:
#: pairing's tokens, the word aligner's, the co-occurrence phrases, the words read beside a
#: name, before a determiner, in a rendering.
#: A quote or hyphen at a word's edge is not part of it ('backup', stub->method); an ``&``
#: between capitals is (R&D, AT&T, Q&A).
WORD = re.compile(r"[A-Za-z0-9]+(?:[₀-₉]+[A-Za-z0-9]*)*(?:(?:['’\-]|(?<=[A-Z])&(?=[A-Z]))[A-Za-z0-9]+)*")
#: A Latin term as the Chinese side writes one: a letter first, then letters and digits,
#: a hyphen, a plus or an ``&`` between capitals inside (Pod, RISC-V, kube-proxy, R&D, the C
#: of C语言). Corpus statistics take it as one token; the pairing finds it in the English in
#: any case.
LATIN = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:(?:[-+]|(?<=[A-Z])&(?=[A-Z]))[A-Za-z0-9]+)*")
#: A menu's or a button's accelerator mark (Windows, Qt and KDE, OmegaT's own strings:
#: ``&File``, ``Save &As``, ``Mat&ch``, ``A&dd``, ``Match #&1``): an ``&`` before the letter or
#: digit it underlines, at a word's start or inside a word, as translate-toolkit's accelerator
#: check reads one (the marker and one alphanumeric character). Not one: an ``&`` between two
#: capitals (R&D, AT&T: part of the word), before a space or another mark (Help & Manual,
#: ``a && b``, ``&$world``), after another ``&`` (``&&``, an escaped ``&``), or opening an
#: entity left as text (``&lt;``, ``&#160;``).
_ACCELERATOR = re.compile(r"(?:(?<![A-Z&])|(?<=[A-Z])(?=&[a-z0-9]))&(?=[A-Za-z0-9])"
                          r"(?!(?:[A-Za-z][A-Za-z0-9]*|#[0-9]+|#x[0-9A-Fa-f]+);)")
_TOKEN = re.compile(rf"{WORD.pattern}|[^\sA-Za-z0-9]")
BREAKS = frozenset(",;:.!?()[]{}\"“”‘’/—–…")


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int

    @property
    def is_word(self) -> bool:
        return self.text[0].isalnum()


def without_accelerators(text: str) -> str:
    """``text`` as the user interface shows it: its accelerator marks (``_ACCELERATOR``)
    removed ("Select Mat&ch" reads "Select Match"); R&D and AT&T stay as written."""
    return _ACCELERATOR.sub("", text) if "&" in text else text


def tokenize(text: str) -> list[Token]:
    """Words (with inner hyphens and apostrophes) and single punctuation marks."""
    return [Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def _is_cap(word: str) -> bool:
    return word[0].isupper() or is_acronym(word)


def capitalised_spans(text: str) -> list[tuple[int, int, str]]:
    """Runs of capitalised words (with inner of/and/for...) of two or more words, or acronyms.

    Returns (start, end, span text).  A single capitalised word is kept only
    when it is an acronym, or when it is not at the start of a sentence.
    """
    tokens = tokenize(text)
    out = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if not (tok.is_word and _is_cap(tok.text) and not tok.text[0].isdigit()):
            i += 1
            continue
        j = i + 1
        last = i
        while j < len(tokens):
            t = tokens[j]
            if t.is_word and _is_cap(t.text) and not t.text[0].isdigit():
                last = j
            elif not (t.is_word and t.text in NAME_LINKS) and t.text not in "-'’":
                break
            j += 1
        words = [t.text for t in tokens[i:last + 1] if t.is_word]
        while words and words[0] in COMMON_CAPS:
            words.pop(0)
            i += 1
        before = text[:tokens[i].start].rstrip()
        start_of_sentence = not re.search(r"[A-Za-z0-9]", before) or before[-1] in ".!?:\"“‘'(—–-•"
        if words:
            span = text[tokens[i].start:tokens[last].end]
            if len(words) >= 2 or is_acronym(words[0]) or not start_of_sentence:
                out.append((tokens[i].start, tokens[last].end, span))
        i = last + 1
    return out


def extract_english_terms(text: str, *, min_count: int = 1) -> list[tuple[str, int]]:
    """Names and acronyms of an English text with their counts, most frequent first.

    Capitalised multi-word names ("World Intelligence Expo"), acronyms ("WIE",
    "LLMs" counted as "LLM") and lone capitalised words that are not sentence
    starts ("Tiankai").  Title-cased lines (headlines, section titles) and
    labels ("Scope: ...") are skipped.
    """
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for line in text.splitlines():
        if is_heading(line):
            continue
        for start, end, span in capitalised_spans(line):
            if line[end:end + 1] == ":" and not re.search(r"[A-Za-z0-9]", line[:start]):
                continue    # a label such as "- Investment Scale: ..."
            for term in _split_names(span):
                counts[term] += 1
                first.setdefault(term, len(first))
    items = [(t, c) for t, c in counts.items() if c >= min_count]
    return sorted(items, key=lambda tc: (-tc[1], first[tc[0]]))


def _split_names(span: str) -> list[str]:
    """"A and the B" -> A, B; "Japan and Europe" -> both; "Tianjin's GDP" -> both."""
    out = []
    for part in re.split(r"\s+and\s+the\s+|['’]s\s+(?=[A-Z]{2,}\b)", span):
        words = part.split()
        if len(words) == 3 and words[1] == "and":
            pieces = [words[0], words[2]]
        else:
            pieces = [part]
        for piece in pieces:
            piece = re.sub(r"^(?:(?:the|of|and|for|on|in)\s+)+", "", piece.strip(" '’"))
            piece = re.sub(r"['’]s$", "", piece).strip(" '’")
            if piece.endswith("s") and piece[:-1].isupper():
                piece = piece[:-1]
            if piece and piece[0].isalnum():
                out.append(piece)
    return out


def is_heading(line: str) -> bool:
    """A title-cased line without final punctuation: a headline or section title."""
    words = [w for w in re.findall(r"[A-Za-z][\w'’\-]*", line) if w.lower() not in FUNCTION]
    if not words or line.rstrip()[-1:] in ".!?\"”;,":
        return False
    return sum(w[0].isupper() for w in words) >= 0.75 * len(words)


def enumeration_items(clause: str) -> list[str]:
    """Items of an English enumeration: "a, b, and c" / "a, b and c" / "a and b, etc."."""
    text = re.sub(r"\b(?:etc\.?|and more|and other \w+)\s*$", "", clause.strip()).strip(" ,")
    parts = [p.strip() for p in re.split(r",\s*(?:and\s+|or\s+)?", text) if p.strip()]
    if len(parts) >= 2:
        last = re.split(r"\s+(?:and|or)\s+", parts[-1])
        if len(last) == 2 and len(parts) >= 2:
            parts = parts[:-1] + last
    return parts
