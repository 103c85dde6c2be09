"""The consistency report: inconsistent renderings and colliding terms.

Three kinds of :class:`ConsistencyFinding`, ranked serious first:

``renderings``
    one Chinese term rendered several ways in the memory. Trivial differences
    (case, articles, singular/plural, punctuation: :func:`fold_rendering`; "+" for
    "plus", an acronym the term base equates with its expansion: :func:`variant_key`; a
    lone word's -ed and -ing forms beside its bare form: "upload" / "Uploading") are folded
    into one rendering first; a different word form is a different rendering
    ("industry clusters" / "industrial clusters": a terminologist wants one). ``error`` when a
    forbidden rendering was used (even if it is the only one); nothing when every
    rendering used is approved; ``warning`` when rendered several ways and the term
    is approved, or rendered three or more ways, or occurs three or more times;
    ``info`` otherwise (including an approved term rendered one way other than approved).
``collision``
    several Chinese terms sharing one English rendering, or renderings that differ only
    in spacing, case, hyphenation or number (same :func:`collision_key`). ``error`` when
    two approved entries share the very same rendering (a term-base defect); ``info``
    when one term abbreviates the other (智算 / 智能算力: synonyms); otherwise ``warning``,
    ranked above every renderings warning (unrelated terms read alike: 康养 / 医疗).
    A term nested in another (大模型 / 行业大模型) and rendered alike only in units where
    the longer one is too is left out (one span read twice); rendered so on its own
    elsewhere it is a clipped form sharing the longer one's rendering, and collides
    (负载资源 / 工作负载资源 "workload resources"). "+" counts as a word ("AI+" is
    not "AI"). A collision of compounds differing only in colliding parts
    (人工智能+康养 / 人工智能+医疗) is folded into the parts' collision as evidence.

Words inside compound terms are compared across terms (:func:`_inside_terms`): a
dictionary word rendered differently in different terms (``renderings``, ``info``) and
different words rendered alike (``collision``, ``info``).

Whole segments are read too, as a translation memory reads them (:func:`_segments`):
one Chinese segment translated several ways is a ``renderings`` finding (``warning``),
one English segment translating Chinese segments worded differently a ``collision``
(``info``); case, spacing and punctuation are folded first.
``document``
    a monolingual English file names a term-base entry differently from its
    reference renderings (approved, else the memory's): a capitalised name whose
    reference is a name too, with the same head word in the same number, sharing
    the reference's first content word or more than half of its content words
    (compared by stem), without being one of the entry's renderings or containing
    one (each name is attributed to the entry it is nearest to) (``warning``
    against approved renderings or when the similarity is 75 or more, else
    ``info``); or a mention of a forbidden rendering (``error``) that is a name or a
    phrase of three or more content words and no other entry's rendering.

Evidence: ``units`` are translation-unit ids for the first two kinds; document
findings name ``file:line`` in the message and leave ``units`` empty.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

import sqlite_utils
from rapidfuzz import fuzz

from tm import HAN, STOP_WORDS, has_han, has_memory, iter_units, stem, units_by_id

from glossary.errors import GlossaryError
from glossary.models import ConsistencyFinding, Entry, Rendering
from glossary.termbase.store import all_usage, entries
from glossary.termbase.ignore import ID_PATTERN, IgnoredFinding, drop_ignored, finding_id, ignore_finding
from glossary.termbase.keys import CONJUNCTIONS, PREPOSITIONS, collision_key, fold_rendering

SEVERITY_WEIGHT = {"error": 3, "warning": 2, "info": 1}
_STOP = {"of", "and", "for", "the", "a", "an", "in", "on", "to", "with", "by", "at", "&"}
_STOP_PREPOSITIONS = frozenset({"of", "for", "in", "on", "to", "with", "by", "at", "from", "into"})   # keys.PREPOSITIONS leaves these to the stop words


def acronym_expansions(terms: Iterable[Entry]) -> dict[str, str]:
    """Acronyms the term base itself equates with a spelled-out rendering of the same
    entry (人工智能: "AI" = "artificial intelligence"), folded: ``{"ai": "artificial intelligence"}``."""
    out: dict[str, str] = {}
    for e in terms:
        for a in e.approved:
            if not re.fullmatch(r"[A-Z]{2,6}", a):
                continue
            for b in e.approved:
                words = [w for w in fold_rendering(b).split() if w not in _STOP]
                if len(words) == len(a) and "".join(w[0] for w in words) == a.casefold():
                    out[a.casefold()] = " ".join(fold_rendering(b).split())
    return out


def variant_key(en: str, expansions: dict[str, str] | None = None) -> str:
    """:func:`fold_rendering` plus the differences no reader would call a different
    rendering: "+" read as "plus" ("Artificial Intelligence+" = "Artificial
    Intelligence Plus") and acronyms the term base equates with their expansion.
    Derivational endings are not folded (innovation / innovative, industry /
    industrial are different renderings, as issue 10 asks: case, number, articles and
    hyphens only)."""
    words = [_number(w) for w in fold_rendering(en.replace("+", " plus ")).split()]
    if expansions:
        words = " ".join(expansions.get(w, w) for w in words).split()
    return " ".join(words)


def _number(word: str) -> str:
    """One key for the singular and plural forms :func:`fold_rendering` leaves apart, where
    English spelling alone cannot tell which singular a plural has: campus / campuses
    (campuse) and cause / causes both end in "us" here, cookie / cookies (cooky) in "y",
    analysis / analyses (analyse) in "yse", index / indices and matrix / matrices in "ice".
    A key, never shown; applied to both forms alike, so no two words that differ otherwise
    meet (plan / plane stay apart: only these endings are touched)."""
    if len(word) >= 6 and word.endswith("use"):
        return word[:-1]
    if len(word) >= 5 and word.endswith("ie"):
        return word[:-2] + "y"
    if len(word) >= 6 and word.endswith("ysis"):
        return word[:-2] + "e"
    if len(word) >= 5 and word.endswith(("ex", "ix")) and word.isalpha():
        return word[:-2] + "ice"
    return word


def _q(values: Iterable[str]) -> str:
    return ", ".join(f'"{v}"' for v in values)


@dataclass
class _Group:
    """Renderings of one term that fold to the same form."""

    folded: str
    forms: dict[str, int]
    units: set[int]

    @property
    def count(self) -> int:
        return sum(self.forms.values())

    @property
    def label(self) -> str:
        return max(self.forms.items(), key=lambda kv: (kv[1], kv[0]))[0]


def _bare_verb(word: str, keys: Mapping) -> str | None:
    """The bare form among ``keys`` of a lone English word in -ed or -ing (uploaded, uploading,
    stored, storing, planned: upload, store, plan), or None."""
    for ending in ("ing", "ed"):
        if not word.endswith(ending) or len(word) < len(ending) + 3 or not word.isalpha():
            continue
        stem_ = word[:-len(ending)]
        for base in (stem_, stem_ + "e", stem_[:-1] if len(stem_) >= 3 and stem_[-1] == stem_[-2] else None):
            if base and base != word and base in keys and " " not in base:
                return base
    return None


def _renders_more(zh: str, usual: str, longer: str) -> bool:
    """Whether a word ``longer`` adds to the ``usual`` rendering glosses a part of the term
    ``zh`` no word of the usual one does (CC-CEDICT): "storage bucket" beside "bucket" for
    存储桶 (存储 "storage") is another rendering; "contain init containers" beside "init
    containers" for Init 容器 is the usual one with a neighbour ("contain" glosses 容, which
    "containers" renders already).  The parts are the term's words of two characters or more
    and, read only in the word right before or after the usual rendering (where an English
    compound puts a modifier or a head), its single characters: "base fertilizer" beside
    "fertilizer" for 基肥 (基 "base"), "co-precipitation method" beside "co-precipitation" for
    共沉淀法 (法 "method") — a character alone glosses too much to be read further off (存
    "exist"; 医 "medical" in "medical certificate issued by a specialist" for 专科医生).  The
    term's own entry is no part of it: 基肥's gloss "base fertilizer" would explain "base" by
    the word "fertilizer" renders already."""
    from tm import load_lexicon
    lexicon = load_lexicon()
    han = [(i, j, lexicon.keys(zh[i:j])) for i in range(len(zh)) for j in range(i + 1, min(len(zh), i + 4) + 1)
           if has_han(zh[i:j]) and (i, j) != (0, len(zh))]

    def explained(words: Iterable[str], characters: bool = True) -> set[int]:
        out: set[int] = set()
        for w in words:
            k = stem(w)
            for i, j, keys in han:
                if (characters or j - i >= 2) and any(_related(g, k) for g in keys):
                    out.update(range(i, j))
        return out
    def content(words: Iterable[str]) -> list[str]:
        return [w for w in words if w not in _STOP and w not in STOP_WORDS]
    usual_words, longer_words = usual.split(), longer.split()
    added = [w for w in content(longer_words) if w not in usual_words]
    n = len(usual_words)
    at = next((i for i in range(len(longer_words) - n + 1) if longer_words[i:i + n] == usual_words), -1)
    beside = []
    if at >= 0:
        beside = [w for w in content(longer_words[:at])[-1:] + content(longer_words[at + n:])[:1] if w in added]
    return bool((explained(added, characters=False) | explained(beside)) - explained(usual_words))


def _groups(used: list[Rendering], expansions: dict[str, str] | None = None, zh: str = "",
            en_of: Mapping[int, str] | None = None) -> list[_Group]:
    """The renderings of a term grouped by their folded form, most used first.  ``en_of``
    (unit id -> its English), when given, tells a rendering the translation writes again from
    the pairing's overshoot (see below)."""
    by_fold: dict[str, _Group] = {}
    for r in used:
        key = variant_key(r.en, expansions)
        if not key:
            continue
        g = by_fold.setdefault(key, _Group(key, {}, set()))
        g.forms[r.en] = g.forms.get(r.en, 0) + r.count
        g.units.update(r.units)
    for key in [k for k in by_fold if " " not in k]:
        # one verb in its inflected forms ("upload", "uploaded", "Uploading": a heading's
        # gerund, a participle) is one rendering, as a plural is; only a lone word whose
        # bare form is a rendering too (a noun in -ing of a phrase is its own: "computing power")
        base = _bare_verb(key, by_fold)
        if base is not None:
            g, b = by_fold.pop(key), by_fold[base]
            for form, n in g.forms.items():
                b.forms[form] = b.forms.get(form, 0) + n
            b.units |= g.units
    groups = sorted(by_fold.values(), key=lambda g: (-g.count, g.folded))
    if len(groups) >= 2 and groups[0].count >= 2 and groups[0].count > groups[1].count:
        # a rendering used once that holds the usual one whole, with words around it
        # ("contain init containers" beside "init containers" ×3): the usual rendering with
        # its neighbours taken in by the pairing, not another rendering
        # (unless the words around it render a part of the term the usual one leaves out:
        # "storage bucket" beside "bucket" ×9 for 存储桶), nor one the English of the term's
        # units writes in two of them or more ("EV supply equipment", the defined term, beside
        # "supply equipment" ×7 for 供电设备: the pairing read it once, the translator wrote it
        # three times; an overshoot takes in one sentence's neighbours)
        top = f" {groups[0].folded} "
        where = set().union(*(g.units for g in groups))
        padded = [g for g in groups[1:] if g.count == 1 and top in f" {g.folded} "
                  and not (zh and _renders_more(zh, groups[0].folded, g.folded))
                  and not (en_of and _written_in(g, where, en_of) >= 2)]
        for g in padded:
            for form, n in g.forms.items():
                groups[0].forms[form] = groups[0].forms.get(form, 0) + n
            groups[0].units |= g.units
        groups = [groups[0]] + [g for g in groups[1:] if not any(g is p for p in padded)]
    return groups


def _written_in(group: _Group, units: Iterable[int], en_of: Mapping[int, str]) -> int:
    """How many of ``units`` write one of the group's forms in their English (whole words,
    in any case)."""
    forms = [re.compile(rf"(?<![\w-]){re.escape(f)}(?![\w-])", re.IGNORECASE) for f in group.forms]
    return sum(any(f.search(en_of.get(u) or "") for f in forms) for u in units)


def _renderings(entry: Entry, used: list[Rendering],
                expansions: dict[str, str] | None = None,
                en_of: Mapping[int, str] | None = None) -> ConsistencyFinding | None:
    groups = [g for g in _groups(used, expansions, entry.zh, en_of)
              if not _inside_identifier(entry.zh, g.label) and _renders_latin(entry.zh, g.label)]
    if not groups:
        return None
    approved = {variant_key(a, expansions) for a in entry.approved}
    forbidden = {variant_key(f, expansions) for f in entry.forbidden}
    bad = [g for g in groups if g.folded in forbidden]
    off = [g for g in groups if approved and g.folded not in approved]
    if not bad and not off and entry.approved:
        return None       # every rendering used is an approved one (AI / artificial intelligence)
    if len(groups) < 2 and not bad and not (entry.status == "approved" and off):
        return None
    total = sum(g.count for g in groups)
    shown = ", ".join(f'"{g.label}" ×{g.count}' for g in groups)
    message = f"{entry.zh} rendered {len(groups)} way{'s' * (len(groups) > 1)}: {shown}"
    if bad:
        severity = "error"
        message += f"; forbidden: {_q(g.label for g in bad)}"
    elif len(groups) >= 2 and (len(groups) >= 3 or total >= 3 or entry.status == "approved") \
            and not _acronym_only(groups):
        severity = "warning"
    else:
        severity = "info"
    if not bad and _acronym_only(groups):
        message += " (an acronym and its expansion)"
    if entry.approved:
        message += f"; approved: {_q(entry.approved)}"
    units = sorted(set().union(*(g.units for g in groups)))
    rank = SEVERITY_WEIGHT[severity] * 1000 + len(groups) * 10 + min(total, 9)
    return ConsistencyFinding(kind="renderings", zh=[entry.zh], en=[g.label for g in groups],
                              units=units, severity=severity, message=message, rank=rank)


def _own_renderings(zh: str, usage: dict[str, list[Rendering]], holders: Mapping[str, list[str]],
                    expansions: dict[str, str] | None = None) -> list[Rendering]:
    """The renderings of ``zh`` less those read only in units where a longer term holding it
    reads the same words (盐酸二甲双胍 "Metformin Hydrochloride Extended-release Tablets" where
    盐酸二甲双胍缓释片 is written): one span read twice, the longer term's rendering, not a
    second rendering of the shorter (as a collision of nested terms is none)."""
    used = usage.get(zh, [])
    longer = [z for z in holders.get(zh[:1], ()) if zh in z and z != zh]
    if not longer or len(used) < 2:
        return used
    theirs = {(u, variant_key(r.en, expansions)) for z in longer for r in usage[z] for u in r.units}
    return [r for r in used
            if not (r.units and all((u, variant_key(r.en, expansions)) in theirs for u in r.units))]


def _repeating_longer(found: list[ConsistencyFinding], usage: dict[str, list[Rendering]],
                      zh_of: Mapping[int, str], expansions: dict[str, str] | None = None,
                      en_of: Mapping[int, str] | None = None) -> list[ConsistencyFinding]:
    """The ``renderings`` findings that only repeat a longer term's: every unit where the term
    is rendered otherwise than usually holds it only inside a longer term whose own renderings
    finding names that unit (账号 "account" ×4 and "user" once, in the unit where 子账号 is
    "RAM user": the problem is 子账号's, reported once)."""
    by_zh = {f.zh[0]: f for f in found if f.kind == "renderings" and len(f.zh) == 1}
    out = []
    for zh, f in by_zh.items():
        groups = _groups(usage.get(zh, []), expansions, zh, en_of)
        if len(groups) < 2:
            continue
        longer = [(z, set(g.units)) for z, g in by_zh.items() if zh in z and z != zh]
        if not longer:
            continue

        def inside(uid: int) -> bool:
            text = zh_of.get(uid, "")
            spans = [(m.start(), m.start() + len(z)) for z, where in longer if uid in where
                     for m in re.finditer(re.escape(z), text)]
            at = [m.start() for m in re.finditer(re.escape(zh), text)]
            return bool(at) and all(any(a <= i and i + len(zh) <= b for a, b in spans) for i in at)
        off = set().union(*(g.units for g in groups[1:]))
        if off and all(inside(u) for u in off):
            out.append(f)
    return out


def _initials(en: str) -> str:
    """The initials of a rendering's content words: "artificial intelligence" -> "ai"."""
    return "".join(w[0] for w in fold_rendering(en).split() if w not in _STOP)


def _is_acronym(en: str) -> bool:
    return bool(re.fullmatch(r"[A-Z]{2,6}s?", en.strip()))


def _acronym_only(groups: list[_Group]) -> bool:
    """Two renderings, one the acronym of the other ("AI" / "artificial intelligence", "OS" /
    "operating system"): a variant a reader resolves, less serious than two wordings."""
    if len(groups) != 2:
        return False
    a, b = groups
    for short, full in ((a, b), (b, a)):
        if _is_acronym(short.label) and len(full.folded.split()) >= 2 \
                and _initials(full.label) == fold_rendering(short.label):
            return True
    return False


def _inside_identifier(zh: str, en: str) -> bool:
    """A term written in Latin letters only (Database, lessThan) "rendered" by a longer
    identifier that holds it (DatabaseTest, lessThanOrEqual, Beck2002): the pairing matched
    the term inside another token of the English, which the Chinese writes whole too; it is
    no rendering of the term.  Its plural (Databases) is, and so is a hyphenated compound
    holding it as a word (AI-based)."""
    if has_han(zh) or not zh.strip():
        return False
    term = zh.strip().casefold()
    if " " in term:
        return False
    for token in re.findall(r"[^\s\"'“”‘’(),;:!?/-]+", en):
        t = token.casefold()
        if term not in t or t == term or t.rstrip(".") in (term + "s", term + "es"):
            continue
        # an identifier: a capital, digit or underscore inside (DatabaseTest, Beck2002), or
        # the term not at its start (fopen); a plain word it begins may be what it
        # abbreviates (App: "application")
        if re.search(r"[A-Z0-9_]", token[1:]) or not t.startswith(term):
            return True
    return False


def _renders_latin(zh: str, en: str) -> bool:
    """Whether ``en`` can render ``zh`` as far as Latin letters tell: always for a term with
    Chinese in it; for a term written in Latin letters only (port, Iterator, App), the
    rendering holds one of its words (case and number folded), or a word it abbreviates
    (App: "application"), or is its expansion (AI: "artificial intelligence").  Anything
    else ("coverage-html" for port) is a pairing with another part of the English: a Chinese
    text that keeps a Latin word has an English that keeps it too."""
    if has_han(zh):
        return True
    term = fold_rendering(zh).split()
    words = fold_rendering(en).split()
    if not term or not words:
        return True
    if any(w == x or len(w) >= 3 and x.startswith(w) for w in term for x in words):
        return True
    return _initials(en) == "".join(term) and len(words) >= 2


def _usual(groups: list[_Group]) -> list[_Group]:
    """A term's usual renderings: used twice or more and for a third of its uses at least,
    or the most used (ties included).  A rendering used once beside a usual one is as
    likely a pairing slip ("Pods based" for Pod 对象) as a rendering; the term's own
    finding shows it, and nothing is read from it."""
    if not groups:
        return []
    total, top = sum(g.count for g in groups), max(g.count for g in groups)
    return [g for g in groups if g.count == top or g.count >= 2 and 3 * g.count >= total]


def _unrendered(terms: list[Entry], usage: dict[str, list[Rendering]], units: Sequence,
                findings: list[ConsistencyFinding], declared: Mapping[str, set[str]]) -> list[ConsistencyFinding]:
    """Units where a term occurs and the English holds none of its renderings (spacing,
    case, hyphens and number folded): it was rendered otherwise there, or omitted, which
    the term's renderings alone do not show (生命周期 "lifecycle" twice, and "lifetime"
    in a third unit).  A term with a renderings finding takes them as evidence; a term
    rendered one way gets an ``info`` finding of its own."""
    by_bigram: dict[str, set[int]] = defaultdict(set)
    plain = []
    for k, u in enumerate(units):
        zh = "".join((u.zh or "").split())
        plain.append((u, zh))
        for i in range(len(zh) - 1):
            by_bigram[zh[i:i + 2]].add(k)
    en_keys: dict[int, str] = {}

    def en_key(k: int) -> str:
        if k not in en_keys:
            en_keys[k] = collision_key(plain[k][0].en or "")
        return en_keys[k]

    own = {f.zh[0]: f for f in findings if f.kind == "renderings" and len(f.zh) == 1}
    pending = []           # (term, units rendered, other units, written variants)
    for e in terms:
        used = usage.get(e.zh, [])
        zh = "".join(e.zh.split())
        if not used or len(zh) < 2 or not has_han(zh):
            continue
        # an approved rendering the pairing missed renders the term there too (保护层 "concrete
        # cover" of a unit whose pairing found nothing, beside "protective layer" of another)
        keys = {collision_key(r.en) for r in used} | {collision_key(a) for a in e.approved}
        keys.discard("")
        seen = set().union(*(r.units for r in used))
        near = min((by_bigram.get(zh[i:i + 2], set()) for i in range(len(zh) - 1)), key=len)
        other = sorted(plain[k][0].id for k in near if zh in plain[k][1] and plain[k][0].id not in seen
                       and not any(key in en_key(k) for key in keys))
        # the term written with an acronym the memory declares for a word of it (人工智能（AI）:
        # AI+ is 人工智能+) is the term too
        written = sorted({v for word, acronyms in declared.items() if word in zh and word != zh
                          for v in (zh.replace(word, a) for a in acronyms)})
        variant = sorted({plain[k][0].id for v in written for k in _with_bigrams(v, by_bigram)
                          if _has_variant(plain[k][1], v) and zh not in plain[k][1]
                          and plain[k][0].id not in seen and not any(key in en_key(k) for key in keys)}
                         - set(other)) if written else []
        if other or variant:
            pending.append((e, zh, seen, other, variant, written))
    # A unit where the term stands only inside a longer term that is itself reported there (a
    # renderings finding of its own, or rendered otherwise there too) is that term's evidence:
    # 稳定性 "stability" ×7, and in one unit only inside 循环稳定性, which the English there
    # calls "cyclability" and whose own finding lists that unit.  (A longer term rendered
    # there without a finding of its own still shows the shorter one left out: 数字人 in
    # 数字人助教系统 "digital assistant systems".)  Longest terms first, so that a longer
    # term's finding is known when a shorter one asks.
    reported = {"".join(z.split()): set(f.units) for z, f in own.items()}
    text_of = {u.id: z for u, z in plain}

    def covered(zh: str, uid: int) -> bool:
        text = text_of.get(uid, "")
        places = [t for t, where in reported.items() if zh in t and t != zh and uid in where and t in text]
        if not places:
            return False
        spans = [(m.start(), m.start() + len(t)) for t in places
                 for m in re.finditer(f"(?={re.escape(t)})", text)]
        return all(any(a <= m.start() and m.start() + len(zh) <= b for a, b in spans)
                   for m in re.finditer(f"(?={re.escape(zh)})", text))
    out = []
    for e, zh, seen, other, variant, written in sorted(pending, key=lambda p: -len(p[1])):
        other = [u for u in other if not covered(zh, u)]
        if not other and not variant:
            continue
        where = f" ({len(variant)} written {' / '.join(written)})" if variant else ""
        other = sorted(set(other) | set(variant))
        reported.setdefault(zh, set()).update(seen, other)
        f = own.get(e.zh)
        if f is not None:
            f.units = sorted(set(f.units) | set(other))
            f.message += f"; none of these in {len(other)} other unit{'s' * (len(other) > 1)}{where}"
            continue
        groups = _groups(usage.get(e.zh, []))
        shown = ", ".join(f'"{g.label}" ×{g.count}' for g in groups)
        out.append(ConsistencyFinding(
            kind="renderings", zh=[e.zh], en=[g.label for g in groups], units=sorted(seen | set(other)),
            severity="info",
            message=f"{e.zh} rendered {shown}, and otherwise or not at all in {len(other)} "
                    f"other unit{'s' * (len(other) > 1)}{where}",
            rank=SEVERITY_WEIGHT["info"] * 1000 + 10 + min(len(other), 9)))
    return out


_DECLARED = re.compile(rf"([{HAN}]+)[（(]([A-Z][A-Za-z0-9-]*[A-Z0-9])[）)]")


def _declared_acronyms(terms: list[Entry], texts: Iterable[str]) -> dict[str, set[str]]:
    """Acronyms the memory's Chinese (``texts``, the units' Chinese) declares for a term by
    writing it in brackets right after it (人工智能（AI）, 图形处理器（GPU）): ``{term:
    {acronym}}``.  The term is the longest one of the term base ending the Chinese before the
    bracket; the acronym has two capitals at least."""
    names = sorted({"".join(e.zh.split()) for e in terms if re.fullmatch(f"[{HAN}]+", "".join(e.zh.split()))},
                   key=len, reverse=True)
    out: dict[str, set[str]] = defaultdict(set)
    for zh in texts:
        zh = "".join(zh.split())
        if "（" not in zh and "(" not in zh:
            continue
        for m in _DECLARED.finditer(zh):
            run, acronym = m.groups()
            if sum(c.isupper() for c in acronym) < 2:
                continue
            word = next((t for t in names if len(t) >= 2 and run.endswith(t)), None)
            if word:
                out[word].add(acronym)
    return out


def _with_bigrams(text: str, by_bigram: Mapping[str, set[int]]) -> set[int]:
    """The units (indexes) holding the rarest two-character piece of ``text``: a superset of
    those holding ``text``."""
    if len(text) < 2:
        return set(range(max((k for ks in by_bigram.values() for k in ks), default=-1) + 1))
    return min((by_bigram.get(text[i:i + 2], set()) for i in range(len(text) - 1)), key=len)


def _has_variant(zh: str, variant: str) -> bool:
    """``variant`` occurs in ``zh`` with no Latin letter or digit right beside its Latin
    ends (AI+ in “AI+信创”, not in “MAI+”)."""
    for m in re.finditer(re.escape(variant), zh):
        before = zh[m.start() - 1] if m.start() else ""
        after = zh[m.end()] if m.end() < len(zh) else ""
        if not (before.isascii() and before.isalnum()) and not (after.isascii() and after.isalnum()):
            return True
    return False


def _read_together(z: str, units: set[int], others: Mapping[str, set[int]], texts: Mapping[int, str]) -> bool:
    """In each of ``units`` a mention of ``z`` shares characters with, or is one Chinese
    character from, a mention of another term that reads the same English there (重大疾病 and
    疾病保险金 of 重大疾病保险金; 乳酸 and 酸中毒 of 乳酸性酸中毒 "lactic acidosis"): one span of
    the translation read twice, not two terms given one rendering."""
    for u in units:
        text = "".join(texts.get(u, "").split())
        spans = [(m.start(), m.start() + len(o)) for o, theirs in others.items() if u in theirs
                 for m in re.finditer(f"(?={re.escape(o)})", text)]
        if not any(a < i + len(z) and i < b or _joined_by(text, i, i + len(z), a, b)
                   for m in re.finditer(f"(?={re.escape(z)})", text) for i in (m.start(),) for a, b in spans):
            return False
    return bool(units)


def _reads_rest(longer: str, shorter: str, forms: Iterable[str]) -> bool:
    """Whether a word of ``forms`` (renderings of ``longer``) is read by CC-CEDICT's glosses of a
    word among the characters of ``longer`` outside ``shorter`` (工作 "work" of 工作负载资源 in
    "workload"; an English compound holding the gloss counts), or is a Latin word written there
    (Pod of Pod 模板 in "Pod template")."""
    from tm import load_lexicon
    lexicon = load_lexicon()
    i = longer.find(shorter)
    rest = [p for p in (longer[:i], longer[i + len(shorter):]) if p.strip()]
    keys = {g for p in rest for a in range(len(p)) for b in range(a + 1, min(len(p), a + 4) + 1)
            if has_han(p[a:b]) for g in lexicon.keys(p[a:b])}
    keys |= {stem(w.lower()) for p in rest for w in _EN_WORD.findall(p)}
    words = {stem(w.lower()) for f in forms for w in _EN_WORD.findall(f)}
    return any(_related(g, k) or len(g) >= 4 and _compound_of(k, g) for g in keys for k in words)


def _compound_of(word: str, part: str) -> bool:
    """``word`` is an English compound one of whose words is ``part`` ("workload": "work" and
    "load"): it begins or ends with ``part`` and the rest is an English word of three letters
    or more (CC-CEDICT's gloss vocabulary).  A gloss inside a word otherwise is a chance run of
    letters ("abiliti" in "stabiliti", "plai" in "plaintiff")."""
    from tm import english_vocabulary
    if len(word) <= len(part):
        return False
    rest = word[len(part):] if word.startswith(part) else word[:-len(part)] if word.endswith(part) else ""
    return len(rest) >= 3 and rest in english_vocabulary()


def _joined_by(text: str, a: int, b: int, c: int, d: int) -> bool:
    """Mentions [a, b) and [c, d) of ``text`` one Chinese character apart, not a conjunction:
    two parts of one compound the extraction split (乳酸 | 性 | 酸中毒; 超算和智算 are two)."""
    gap = text[b:c] if b <= c else text[d:a]
    return len(gap) == 1 and bool(_HAN_CHAR.fullmatch(gap)) and gap not in "和与及或跟同并"


def _collisions(terms: list[Entry], usage: dict[str, list[Rendering]],
                extra: Sequence[ConsistencyFinding] = (),
                slips: set[tuple[str, str]] = frozenset(),
                texts: Mapping[int, str] | None = None,
                declared: Mapping[str, set[str]] | None = None) -> list[ConsistencyFinding]:
    # collision key -> zh -> {form: count}, units, approved flag
    shared: dict[str, dict[str, dict]] = defaultdict(dict)
    for entry in terms:
        for r in usage.get(entry.zh, []):
            slot = shared[_plus_key(r.en)].setdefault(
                entry.zh, {"forms": defaultdict(int), "units": set(), "approved": False})
            slot["forms"][r.en] += r.count
            slot["units"].update(r.units)
        for a in entry.approved:
            slot = shared[_plus_key(a)].setdefault(
                entry.zh, {"forms": defaultdict(int), "units": set(), "approved": False})
            slot["forms"].setdefault(a, 0)
            slot["approved"] = True
    # a term and the acronym the Chinese declares for it in brackets (图形处理器（GPU）,
    # ``declared``: _declared_acronyms) are one thing named two ways, as an acronym and its
    # expansion's initials are
    declared = declared or {}
    out = []
    for key, by_zh in shared.items():
        # nested terms (大模型 / 行业大模型) sharing a rendering in the same units are one
        # span read twice, not two terms colliding; the shorter one rendered so where the
        # longer is not (负载资源 alone, 工作负载资源 elsewhere: "workload resources") is a
        # clipped form of it sharing its rendering, which is a collision
        # and so is a term, neither inside the other, that reads it only where its mention
        # touches the other's reading it too (酸中毒 of 乳酸性酸中毒 "lactic acidosis")
        by_zh = {z: v for z, v in by_zh.items()
                 if not any(z != o and z in o and v["units"] <= by_zh[o]["units"] for o in by_zh)
                 and not (texts and _read_together(
                     z, v["units"], {o: w["units"] for o, w in by_zh.items() if o not in z and z not in o},
                     texts))}
        # a term holding another whose rendering here reads nothing of its other characters
        # (设备权限调用 "Device Permissions" beside 设备权限, 锂离子电池 "batteries" beside 电池,
        # 存货周转率 "inventory turnover" beside 存货周转) is a rendering cut short to the shorter
        # term's, or the shorter read over the longer's span: one reading, not two terms given
        # one rendering.  工作负载资源 "workload resources" beside 负载资源 reads 工作 in "workload"
        # and stays (the shorter is the clipped form: a collision)
        by_zh = {z: v for z, v in by_zh.items()
                 if not any(o != z and o in z and not _reads_rest(z, o, v["forms"]) for o in by_zh)}
        if not key or len(by_zh) < 2:
            continue
        by_zh = {z: v for z, v in by_zh.items() if (z, key) not in slips}
        if len({z if has_han(z) else fold_rendering(z) for z in by_zh}) < 2:
            continue        # one Latin term written in several cases or numbers (Observer /
                            # observers): the same term, rendered as itself
        zh = sorted(by_zh)
        forms = sorted({f for s in by_zh.values() for f in s["forms"]})
        units = sorted(set().union(*(s["units"] for s in by_zh.values())))
        approved_by = sum(s["approved"] for s in by_zh.values())
        synonyms = all(_abbreviates(a, b) or _abbreviates(b, a) or _acronym_of(a, b, usage)
                       or _acronym_of(b, a, usage) or a in declared.get(b, ()) or b in declared.get(a, ())
                       for a in zh for b in zh if a < b)
        if approved_by >= 2 and len({fold_rendering(f) for f in forms}) == 1:
            severity = "error"
        elif synonyms:
            severity = "info"     # 智算 / 智能算力: an abbreviation and its full form
        else:
            severity = "warning"
        detail = "; ".join(
            f"{z}: {_q(sorted(by_zh[z]['forms']))}" + (" (approved)" if by_zh[z]["approved"] else "")
            for z in zh)
        spelled = " (differing only in spacing, case, hyphenation or number)" \
            if len({fold_rendering(f) for f in forms}) > 1 else ""
        message = f"{len(zh)} terms share one rendering{spelled}: {detail}"
        if synonyms:
            message += " (abbreviation and full form: synonyms)"
        total = sum(sum(s["forms"].values()) for s in by_zh.values())
        # unrelated terms read alike are the serious kind: above every renderings warning
        rank = SEVERITY_WEIGHT[severity] * 1000 + (900 if severity == "warning" else 0) \
            + len(zh) * 10 + min(total, 9)
        out.append(ConsistencyFinding(kind="collision", zh=zh, en=forms, units=units,
                                      severity=severity, message=message, rank=rank))
    known = {tuple(f.zh): f for f in out}
    for f in extra:
        same = known.get(tuple(f.zh)) or next((o for o in out if set(f.zh) <= set(o.zh)), None)
        if same is None:
            out.append(f)
            known[tuple(f.zh)] = f
        else:
            same.units = sorted(set(same.units) | set(f.units))
    return _fold_compounds(out)


def _slips(terms: list[Entry], usage: dict[str, list[Rendering]],
           english: Mapping[int, str]) -> set[tuple[str, str]]:
    """``(term, collision key)`` of renderings that are another term's span taken by a
    pairing slip: in every unit where the term was rendered so, other terms were too,
    the English says it fewer times than the terms claim it, and for another claimant
    the rendering is a larger share of its uses (轻量化模型研发 and 垂类模型 in one unit,
    "vertical models" once: 1 of 2 uses of 模型研发, 5 of 5 of 垂类模型).  Such a
    rendering shows in the term's own renderings finding; the comparisons across terms
    read nothing from it.  A term nested in another (大模型 / 行业大模型) is one span
    read twice, which :func:`_collisions` handles; approved renderings are never slips."""
    approved = {(e.zh, _plus_key(a)) for e in terms for a in e.approved}
    share: dict[tuple[str, str], float] = {}
    forms: dict[str, set[str]] = defaultdict(set)
    claims: dict[tuple[int, str], list[str]] = defaultdict(list)      # (unit, key) -> terms
    for zh, used in usage.items():
        total = sum(r.count for r in used) or 1
        for r in used:
            key = _plus_key(r.en)
            if not key:
                continue
            share[(zh, key)] = share.get((zh, key), 0) + r.count / total
            forms[key].add(fold_rendering(r.en))
            for u in r.units:
                claims[(u, key)].append(zh)
    folded: dict[int, str] = {}
    slipped: dict[tuple[str, str], bool] = {}
    for (u, key), zhs in claims.items():
        zhs = sorted(set(zhs))
        zhs = [z for z in zhs if not any(z != o and (z in o or o in z) for o in zhs)]
        if len(zhs) < 2:
            for z in zhs:
                slipped[(z, key)] = False
            continue
        if u not in folded:
            folded[u] = f" {fold_rendering(english.get(u, ''))} "
        said = max((len(re.findall(rf"(?<!\S){re.escape(f)}(?!\S)", folded[u])) for f in forms[key] if f),
                   default=0)
        top = max(share[(z, key)] for z in zhs)
        for z in zhs:
            slip = said < len(zhs) and share[(z, key)] < top and (z, key) not in approved
            slipped[(z, key)] = slipped.get((z, key), True) and slip
    return {k for k, v in slipped.items() if v}


def _plus_key(en: str) -> str:
    """:func:`collision_key` reading "+" as "plus" ("AI+" is not "AI"), with the plural forms
    :func:`_number` joins."""
    return "".join(_number(w) for w in fold_rendering(en.replace("+", " plus ")).split())


def _acronym_of(short: str, full: str, usage: dict[str, list[Rendering]]) -> bool:
    """``short`` is a term written as a Latin acronym (AI, OS) whose letters are the initials
    of ``full``'s most used rendering (人工智能 "artificial intelligence", 操作系统 "operating
    system"): the text names one thing both ways."""
    if not _is_acronym(short):
        return False
    used = usage.get(full, [])
    if not used:
        return False
    top = max(used, key=lambda r: (r.count, r.en)).en
    return len(fold_rendering(top).split()) >= 2 and _initials(top) == fold_rendering(short)


def _abbreviates(short: str, full: str) -> bool:
    """``short`` is an abbreviation of ``full``: its characters in order, the first
    shared (智算 of 智能算力, 科创 of 科技创新)."""
    if len(short) >= len(full) or not short or short[0] != full[0]:
        return False
    rest = iter(full)
    return all(c in rest for c in short)


def _fold_compounds(found: list[ConsistencyFinding]) -> list[ConsistencyFinding]:
    """A collision of two compounds that differ only in colliding parts
    (人工智能+医疗 / 人工智能+康养 beside 医疗 / 康养) is evidence for the parts'
    collision, not a finding of its own."""
    pairs = {tuple(f.zh): f for f in found if len(f.zh) == 2}
    out = []
    for f in found:
        if len(f.zh) == 2:
            a, b = f.zh
            head = len(_common_prefix(a, b))
            tail = len(_common_prefix(a[head:][::-1], b[head:][::-1]))
            if (head or tail) and 0 < min(len(a), len(b)) - head - tail < 2:
                # single characters differ (数据采集 / 数据归集): the parts are the words
                # around them (采集 / 归集), widened into the shared frame to a dictionary word
                from tm import load_lexicon

                lexicon = load_lexicon()
                while head or tail:
                    if tail:
                        tail -= 1
                    else:
                        head -= 1
                    if a[head:len(a) - tail] in lexicon or b[head:len(b) - tail] in lexicon:
                        break
            core = tuple(sorted((a[head:len(a) - tail], b[head:len(b) - tail])))
            base = pairs.get(core)
            if (head or tail) and base is not None and base is not f and all(core):
                base.units = sorted(set(base.units) | set(f.units))
                base.en = sorted(set(base.en) | set(f.en))
                base.message += f"; also in {a} / {b}"
                continue
            if head + tail >= 2 and base is None and all(len(c) >= 2 for c in core):
                # the shared frame (two characters at least) renders alike, so the differing
                # parts are what collide: name them first (医疗 / 康养), then the compounds
                base = pairs[core] = ConsistencyFinding(
                    kind="collision", zh=list(core) + sorted({a, b} - set(core)), en=f.en, units=f.units,
                    severity=f.severity, message=f"{f.message} (the parts {core[0]} / {core[1]} collide)",
                    rank=f.rank)
                f = base
        out.append(f)
    return out


def _common_prefix(a: str, b: str) -> str:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return a[:n]


# --------------------------------------------------------------------------- words inside terms

_HAN_CHAR = re.compile(f"[{HAN}]")
_EN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:['’-][A-Za-z0-9]+)*")


def _related(a: str, b: str) -> bool:
    """Two stemmed English keys are one word or derived forms (secur / securiti), not a
    word and a compound starting with it (work / workload)."""
    if a == b:
        return True
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n >= max(4, max(len(a), len(b)) - 3)


def _word_renderings(entry: Entry, used: list[Rendering], lexicon) -> list[tuple[str, str, Rendering]]:
    """``(word, English phrase, rendering)`` for the dictionary words of a compound term
    that one of its renderings translates: a word whose CC-CEDICT glosses match words of the
    rendering takes those (安全 "security" in "AI security"); the one word none match takes
    the words nothing else explains, when they are one run (产业生态 "industrial
    ecology": 产业 explains "industrial", so 生态 is "ecology").

    The term is cut into words for each rendering (:func:`_segment_for`): where two
    readings of the Chinese differ, the one the English explains is taken (市财政局
    "Municipal Finance Bureau" is 市 财政 局, not 市 财 政局).  A word that takes a
    single character after it (财政局, by :func:`_joined`) also gives its own dictionary
    word (财政 "Finance") when the glosses of that word alone match one run of the
    rendering: the word is what other terms share (金融 "Finance" in 市地方金融管理局)."""
    runs = re.findall(f"[{HAN}]+|[A-Za-z][A-Za-z0-9]*", entry.zh)
    out = []
    for r in used:
        tokens = [m.group() for m in _EN_WORD.finditer(r.en)]
        # (a preposition or a conjunction the stop words leave out is no word's rendering:
        # "During" of "Company During the Reporting Period" is not 从事's)
        content = [i for i, t in enumerate(tokens) if t.lower() not in STOP_WORDS
                   and t.lower() not in PREPOSITIONS and t.lower() not in CONJUNCTIONS]
        keys = {i: stem(tokens[i]) for i in content}
        parts = {}      # word -> its dictionary pieces (a word of single characters joined)
        words = []
        for run in runs:
            for w in _joined(_segment_for(run, set(keys.values()), lexicon)) if has_han(run) else [(run, [run])]:
                words.append(w[0])
                parts[w[0]] = w[1]
        if len(words) < 2 or not any(len(w) >= 2 and has_han(w) for w in words):
            continue
        claimed: dict[str, list[int]] = {}
        partial = set()
        inner: list[tuple[str, list[int]]] = []       # (dictionary word inside a joined word, its hits)
        for w in dict.fromkeys(words):
            if not has_han(w):
                claimed[w] = [i for i in content if _related(stem(w), keys[i])]  # a Latin word renders itself
                continue
            hits = [[i for i in content if any(_related(g, keys[i]) for g in lexicon.keys(p))] for p in parts[w]]
            claimed[w] = sorted(set().union(*hits))
            if claimed[w] and not all(hits):
                partial.add(w)
            if len(parts[w]) > 1:
                inner += [(p, h) for p, h in zip(parts[w], hits) if len(p) >= 2 and h]
        free = [i for i in content if not any(i in hit for hit in claimed.values())]
        unmatched = [w for w, hit in claimed.items() if not hit]

        def one_run(hit: list[int]) -> bool:     # stop words may come between ("A and B")
            return bool(hit) and hit == [i for i in content if hit[0] <= i <= hit[-1]]

        # (only where the word stands, and no more English words than it has characters: a
        # word's translation gives a character a content word or two at most — 信创 "information
        # and innovation", 先导区 "Pilot Zone" —, more is what lies around the term: 拧紧力矩
        # "tensioner nut to the specified torque" gives 拧紧 nothing)
        if len(unmatched) == 1 and one_run(free) and len(free) <= len(unmatched[0]) \
                and _in_order(unmatched[0], free, claimed, words, tokens):
            claimed[unmatched[0]] = free
        for w in partial:
            # a word some of whose pieces no gloss explains (试验区: 区 "Zone") takes the
            # free words beside its own ("Pilot Zone")
            hit = claimed[w]
            if not one_run(hit):
                continue
            at = content.index(hit[0])
            while at > 0 and content[at - 1] in free:
                at -= 1
                hit.insert(0, content[at])
            at = content.index(hit[-1])
            while at + 1 < len(content) and content[at + 1] in free:
                at += 1
                hit.append(content[at])
            free = [i for i in free if i not in hit]
        for w, hit in list(claimed.items()) + inner:
            if len(w) >= 2 and has_han(w) and one_run(hit):
                out.append((w, " ".join(tokens[hit[0]:hit[-1] + 1]), r))
    return out


def _in_order(word: str, free: list[int], claimed: Mapping[str, list[int]], words: list[str],
              tokens: list[str]) -> bool:
    """Whether the words a compound's one unexplained ``word`` would take (``free``, token
    indices of its rendering) stand where that word stands beside its neighbours, the nearest
    words before and after it that the glosses explain: the one before it in the Chinese
    before the run in the English and the one after it after (产业生态 "industrial ecology";
    信创链条完备 "complete information and innovation chain": 链条 "chain" after, whatever
    moved to the front), or the order turned round across a preposition ("X of Y": 促进委员会
    "Council for the Promotion").  A run on the wrong side of its neighbour is what the
    pairing took in around the term (环境质量现状 "ambient air quality": 现状 after 质量, "air"
    before "quality"; 检查冷却液 "coolant level": 检查 before 冷却液, "level" after "coolant"
    with no preposition between)."""
    at = words.index(word)
    before = next((claimed[w] for w in reversed(words[:at]) if claimed.get(w)), [])
    after = next((claimed[w] for w in words[at + 1:] if claimed.get(w)), [])
    lo, hi = free[0], free[-1]
    if all(i < lo for i in before) and all(i > hi for i in after):
        return True
    if not (all(i > hi for i in before) and all(i < lo for i in after)):
        return False
    # turned round: a preposition joins the run to its neighbours ("level of coolant")
    between = [t.lower() for i in before + after
               for t in (tokens[hi + 1:i] if i > hi else tokens[i + 1:lo])]
    return any(t in PREPOSITIONS or t in _STOP_PREPOSITIONS for t in between)


def _segment_for(run: str, stems: set[str], lexicon) -> list[str]:
    """A run of Chinese cut into dictionary words, read with its translation: the cut
    whose words of two characters or more have glosses matching the most characters'
    worth of the English ``stems`` (fewer words on a tie).  When no cut explains more
    than the lexicon's own (bidirectional maximum matching), that one is kept."""
    default = lexicon.segment(run)
    if not stems or len(run) < 3:
        return default
    cache: dict[str, bool] = {}

    def explained(w: str) -> bool:
        if w not in cache:
            cache[w] = len(w) >= 2 and any(_related(g, s) for g in lexicon.keys(w) for s in stems)
        return cache[w]

    n, limit = len(run), max(2, lexicon.max_word)
    best: list[tuple[int, int] | None] = [None] * (n + 1)     # (explained chars, -words) of run[:i]
    back = [0] * (n + 1)
    best[0] = (0, 0)
    for i in range(1, n + 1):
        for j in range(max(0, i - limit), i):
            w = run[j:i]
            if best[j] is None or (len(w) > 1 and w not in lexicon):
                continue
            score = (best[j][0] + (len(w) if explained(w) else 0), best[j][1] - 1)
            if best[i] is None or score > best[i]:
                best[i], back[i] = score, j
    cut, i = [], n
    while i > 0:
        cut.append(run[back[i]:i])
        i = back[i]
    cut.reverse()
    if sum(len(w) for w in cut if explained(w)) > sum(len(w) for w in default if explained(w)):
        return cut
    return default


def _joined(pieces: list[str]) -> list[tuple[str, list[str]]]:
    """Dictionary pieces of one run of Chinese with single characters joined: several in a
    row are one word the dictionary lacks (归 集: 归集), one at the end is a suffix of the
    word before (试验 区: 试验区).  ``(word, pieces)``."""
    out: list[tuple[str, list[str]]] = []
    for k, w in enumerate(pieces):
        single = len(w) == 1
        if single and out and (len(out[-1][1][-1]) == 1 or k == len(pieces) - 1):
            out[-1] = (out[-1][0] + w, out[-1][1] + [w])
        else:
            out.append((w, [w]))
    return out


def _phrase_key(phrase: str) -> str:
    """Content words stemmed, hyphens read as spaces ("high-tech" = "High tech")."""
    return " ".join(stem(t) for t in _EN_WORD.findall(phrase.replace("-", " ")) if t.lower() not in STOP_WORDS)


def _inside_terms(terms: list[Entry], usage: dict[str, list[Rendering]],
                  reported: set[str], collided: list[list[str]] = (),
                  memory: Sequence = (), lexicon=None,
                  slips: set[tuple[str, str]] = frozenset()) -> list[ConsistencyFinding]:
    """Words inside the terms, compared across them: a dictionary word rendered one way in
    some terms and another way in others (``renderings``: 生态 "ecology" in 产业生态,
    "ecosystem" in 开发者生态), several words rendered alike (``collision``: 采集 / 归集
    "collection").  Each needs two different terms as evidence; words that are terms with
    their own finding (``reported``) are left to it, and so are words of terms whose
    collision as wholes (``collided``) is reported."""
    lexicon = _term_lexicon(terms) if lexicon is None else lexicon
    # word -> phrase key -> {"forms": {phrase: n}, "terms": {zh}, "units": {ids}}
    seen: dict[str, dict[str, dict]] = defaultdict(dict)
    by_zh = {e.zh: e for e in terms}
    for entry in terms:
        used = [r for r in usage.get(entry.zh, []) if (entry.zh, _plus_key(r.en)) not in slips]
        usual = {form for g in _usual(_groups(used)) for form in g.forms}
        found = _word_renderings(entry, [r for r in used if r.en in usual], lexicon)
        if entry.zh in by_zh and len(entry.zh) >= 2 and re.fullmatch(f"[{HAN}]+", entry.zh):
            found += [(entry.zh, r.en, r) for r in used]      # a word that is a term itself
        for word, phrase, r in found:
            key = _phrase_key(phrase)
            if not key:
                continue
            slot = seen[word].setdefault(key, {"forms": defaultdict(int), "terms": set(), "units": set(),
                                               "memory": set()})
            slot["forms"][phrase] += r.count
            slot["terms"].add(entry.zh)
            slot["units"].update(r.units)
    if memory:
        inner = {w for e in terms for w in _pieces(e.zh, lexicon) if len(w) >= 2 and has_han(w)}
        for word, phrase, unit in _memory_renderings(inner, memory, lexicon):
            key = _phrase_key(phrase)
            if key:
                slot = seen[word].setdefault(key, {"forms": defaultdict(int), "terms": set(), "units": set(),
                                               "memory": set()})
                slot["forms"][phrase] += 1
                slot["memory"].add(unit)
                slot["units"].add(unit)
    out = []
    for word, by_key in seen.items():
        # a way of rendering the word that no term shows is read from the memory's free text,
        # where a dictionary word stands in any sense and part of speech (评价 "evaluate", 复合
        # "combination", 自动 "automatically"): it is one of the word's ways only when two units
        # read it so (as a rendering used once beside the usual one is as likely a slip)
        by_key = {k: slot for k, slot in by_key.items() if slot["terms"] or len(slot["memory"]) >= 2}
        if word in reported or len(by_key) < 2 or word in by_zh and by_zh[word].approved:
            continue        # (an approved term: its own finding says what is approved)
        keys = sorted(by_key, key=lambda k: (-len(by_key[k]["units"]), k))
        distinct = [k for i, k in enumerate(keys)
                    if not any(_related_phrases(k, o) for o in keys[:i])
                    and not (by_key[k]["memory"] >= by_key[k]["units"] and any(
                        _part_of(k, o) or _part_of(o, k) for o in keys if o != k))]
        if len(distinct) < 2 or len(set().union(*(_witnesses(by_key[k]) for k in distinct))) < 2:
            continue
        shown = "; ".join(f'"{_label([by_key[k]["forms"]])}" in {_where(by_key[k])}' for k in distinct)
        units = sorted(set().union(*(by_key[k]["units"] for k in distinct)))
        out.append(ConsistencyFinding(
            kind="renderings", zh=[word], en=[_label([by_key[k]["forms"]]) for k in distinct], units=units,
            severity="info", message=f"{word} (inside terms) rendered {len(distinct)} ways: {shown}",
            rank=SEVERITY_WEIGHT["info"] * 1000 + len(distinct) * 10 + min(len(units), 9)))
    owners: dict[str, dict[str, dict]] = defaultdict(dict)     # phrase key -> word -> slot
    for word, by_key in seen.items():
        for key, slot in by_key.items():
            owners[key][word] = slot
    shares = []        # (key, words) of each rendering two words or more share
    for key, by_word in owners.items():
        # a word shares the rendering only where a term shows it (the memory's dictionary
        # readings add evidence, not words: synonyms everywhere share glosses)
        words = [w for w in by_word if by_word[w]["terms"]
                 and not any(w != o and (w in o or o in w) for o in by_word if by_word[o]["terms"])]
        if len(words) < 2 or len(set().union(*(_witnesses(by_word[w]) for w in words))) < 2:
            continue
        if all(w in by_zh for w in words):
            continue        # terms of their own: the term collisions compare them
        if any(all(by_word[w]["terms"] & set(c) or w in c for w in words) for c in collided):
            continue        # their terms collide as wholes (大模型 / 巨型模式): that finding shows it
        shares.append((key, sorted(words)))
    for group in _derived_groups(shares):
        # one rendering in derived forms ("Finance" / "financial", "industry" / "industrial")
        # shared by words in common is one finding: the words of all of them together
        words = sorted({w for _, ws in group for w in ws})
        slot = {w: _merged([owners[k][w] for k, ws in group if w in ws]) for w in words}
        en = sorted({_label(owners[k][w]["forms"] for w in ws) for k, ws in group},
                    key=lambda f: (-sum(slot[w]["forms"].get(f, 0) for w in words), f))
        shown = "; ".join(f"{w} in {_where(slot[w], 3)}" for w in words)
        units = sorted(set().union(*(slot[w]["units"] for w in words)))
        shared = f'one rendering "{en[0]}"' if len(en) == 1 else "one rendering in derived forms " + _q(en)
        out.append(ConsistencyFinding(
            kind="collision", zh=words, en=en, units=units, severity="info",
            message=f"{len(words)} words inside terms share {shared}: {shown}",
            rank=SEVERITY_WEIGHT["info"] * 1000 + len(words) * 10 + min(len(units), 9)))
    return out


def _derived(a: str, b: str) -> bool:
    """Two stemmed words are one word in derived forms: the shorter (five letters at least)
    is the longer's beginning, all but its last letter at most, and the longer adds three
    letters at most (financ / financial, industri / industrial, intelligenc / intelligent;
    not internet / interfac, nor health / healthcar: a compound is no derived form)."""
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    n = len(_common_prefix(a, b))
    return n >= 5 and n >= len(short) - 1 and len(long_) - n <= 3


def _derived_groups(shares: list[tuple[str, list[str]]]) -> list[list[tuple[str, list[str]]]]:
    """Renderings shared by several words, grouped where the renderings are derived forms of
    each other word by word (:func:`_derived`) and the words sharing them overlap (财政 and 金融
    "Finance", 资金 and 金融 "financial": one finding of the three); in order."""
    parent = list(range(len(shares)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    by_word: dict[str, list[int]] = defaultdict(list)
    for i, (_, words) in enumerate(shares):
        for w in words:
            by_word[w].append(i)
    for ids in by_word.values():
        for x, i in enumerate(ids):
            for j in ids[x + 1:]:
                a, b = shares[i][0].split(), shares[j][0].split()
                if root(i) != root(j) and len(a) == len(b) and all(map(_derived, a, b)):
                    parent[root(j)] = root(i)
    groups: dict[int, list[tuple[str, list[str]]]] = defaultdict(list)
    for i, share in enumerate(shares):
        groups[root(i)].append(share)
    return [groups[r] for r in sorted(groups)]


def _merged(slots: list[dict]) -> dict:
    """Several readings of one word as one (their forms, terms, units and memory units)."""
    if len(slots) == 1:
        return slots[0]
    out = {"forms": defaultdict(int), "terms": set(), "units": set(), "memory": set()}
    for slot in slots:
        for f, n in slot["forms"].items():
            out["forms"][f] += n
        out["terms"] |= slot["terms"]
        out["units"] |= slot["units"]
        out["memory"] |= slot.get("memory", set())
    return out


def _term_lexicon(terms: list[Entry]):
    """CC-CEDICT with the terms it cannot read as words: a term the dictionary splits into
    single characters only (信创, 人机) is a word of the terms and sentences containing it."""
    from tm import load_lexicon

    base = load_lexicon()
    lexicon = base.copy()
    for e in terms:
        if len(e.zh) >= 2 and re.fullmatch(f"[{HAN}]+", e.zh) and e.zh not in base \
                and all(len(w) == 1 for w in base.segment(e.zh)):
            lexicon.add(e.zh, ())
    return lexicon


def _pieces(zh: str, lexicon) -> list[str]:
    """The words of a Chinese text: its Han runs segmented by the lexicon, Latin words whole."""
    runs = re.findall(f"[{HAN}]+|[A-Za-z][A-Za-z0-9]*", zh)
    return [w for run in runs for w in (lexicon.segment(run) if has_han(run) else [run])]


def _part_of(a: str, b: str) -> bool:
    """Phrase key ``a`` is some of the words of ``b`` ("unmanned" of "unmanned driving"):
    a dictionary reading in the memory that stopped short, not another rendering."""
    x, y = a.split(), b.split()
    return len(x) < len(y) and all(any(_related(p, q) for q in y) for p in x)


def _witnesses(slot: dict) -> set:
    """The independent evidence of one reading: the terms it was read in, and the
    memory units it was read in outside them."""
    return set(slot["terms"]) | {("unit", u) for u in slot.get("memory", ())}


def _where(slot: dict, most: int = 4) -> str:
    terms = sorted(slot["terms"])[:most]
    memory = slot.get("memory", set()) - set()
    shown = ", ".join(terms)
    if memory:
        shown += (", " if shown else "") + f"{len(memory)} unit{'s' * (len(memory) > 1)} of the memory"
    return shown


def _memory_renderings(words: set[str], memory: Iterable, lexicon) -> list[tuple[str, str, int]]:
    """``(word, English phrase, unit id)`` wherever a dictionary word of ``words`` occurs in a
    unit's Chinese and its CC-CEDICT glosses match one run of the unit's English content
    words (安全 "security" here, "safety" there).  A unit where the glosses match runs that
    read differently is ambiguous and gives nothing."""
    glosses = {w: lexicon.keys(w) for w in words}
    glosses = {w: g for w, g in glosses.items() if g}
    matches: dict[tuple[str, str], bool] = {}
    out = []
    for u, _, _, runs in memory:
        present = {w for run in runs for w in run if w in glosses}
        if not present:
            continue
        tokens = [m.group() for m in _EN_WORD.finditer(u.en or "")]
        content = [i for i, t in enumerate(tokens) if t.lower() not in STOP_WORDS]
        keys = {i: stem(tokens[i]) for i in content}
        words_here = {o for run in runs for o in run}
        for w in sorted(present):
            hit = []
            for i in content:
                known = matches.get((w, keys[i]))
                if known is None:
                    known = matches[(w, keys[i])] = any(_related(g, keys[i]) for g in glosses[w])
                if known:
                    hit.append(i)
            # an English word the glosses of another word of the unit match as well is that
            # word's as much (工艺 "industrial arts" and 制造业's "manufacturing industry"; 研修
            # "study" and 师生's "students"): not read as this one's
            others = [o for o in words_here if o not in w and w not in o]
            hit = [i for i in hit if not any(_glosses_match(o, keys[i], lexicon, matches) for o in others)]
            if not hit:
                continue
            runs, run = [], [hit[0]]
            for i in hit[1:]:
                # a run ends at a content word between, or where a word comes again
                # ("District and Beichen District": two readings, not one)
                if [c for c in content if run[-1] < c < i] or keys[i] in {keys[r] for r in run}:
                    runs.append(run)
                    run = [i]
                else:
                    run.append(i)
            runs.append(run)
            phrases = {" ".join(tokens[r[0]:r[-1] + 1]) for r in runs}
            if len({_phrase_key(p) for p in phrases}) == 1:
                out.append((w, sorted(phrases)[0], u.id))
    return out


def _glosses_match(word: str, key: str, lexicon, cache: dict) -> bool:
    known = cache.get((word, key))
    if known is None:
        known = cache[(word, key)] = any(_related(g, key) for g in lexicon.keys(word))
    return known


def _read_memory(units: Sequence, lexicon) -> list[tuple]:
    """Each unit read once for the memory-wide comparisons: ``(unit, Chinese without
    spaces, English stems (:func:`_content_stems`), the Chinese runs cut into words)``."""
    out, cut = [], {}
    for u in units:
        zh = "".join((u.zh or "").split())
        runs = []
        for r in re.findall(f"[{HAN}]+", zh):
            if r not in cut:
                cut[r] = lexicon.segment(r)
            runs.append(cut[r])
        out.append((u, zh, _content_stems(u.en or ""), runs))
    return out


#: A code identifier with an underscore (XOS_ACCESS_KEY_ID, upload_id, xos.__version__): the
#: words inside it are a name in code, not English a term is rendered by.
_IDENTIFIER = re.compile(r"[A-Za-z0-9.]*_[A-Za-z0-9_.]*")


def _content_stems(en: str) -> list[str]:
    """The stemmed words of an English text but articles and prepositions ("use case"
    keeps "use"), hyphens read as spaces; a code identifier is one "_", which no phrase
    matches ("access key" is not said in "XOS_ACCESS_KEY_ID")."""
    out: list[str] = []
    for k, piece in enumerate(_IDENTIFIER.split(en)):
        if k:
            out.append("_")
        out += [stem(t) for t in _EN_WORD.findall(piece.replace("-", " ").replace("+", " plus "))
                if t.lower() not in _STOP]
    return out


def _gloss_match(key: str, word: str) -> bool:
    """A CC-CEDICT gloss key explains a stemmed English word: :func:`_related`, or one is a
    derived form of the other ("govern" / "government")."""
    if _related(key, word):
        return True
    short, long_ = sorted((key, word), key=len)
    return len(short) >= 4 and long_.startswith(short) and len(long_) - len(short) <= 5


def _find_run(stems: list[str], phrase: list[str]) -> int:
    """Where the content words ``phrase`` come in order in ``stems`` (-1: nowhere)."""
    n = len(phrase)
    for i in range(len(stems) - n + 1):
        if stems[i:i + n] == phrase:
            return i
    return -1


def _worded_otherwise(terms: list[Entry], usage: dict[str, list[Rendering]], memory: Sequence,
                      lexicon, slips: set[tuple[str, str]] = frozenset()) -> list[ConsistencyFinding]:
    """A term's rendering in units where the term itself is absent: the Chinese there that the
    rendering translates is another wording sharing it (``collision``: 规约 "specification",
    and 规范 in a unit translated "specifications").

    The other wording is found in the unit's Chinese (its words by :func:`_term_lexicon`):
    the words whose CC-CEDICT glosses match words of the rendering (at least half of them),
    with the words between them and at most one word either side that no English word of the
    unit explains (使用场景 "use case": 使用 "use", 场景 left over).  With no such gloss, a
    word no English word of the unit explains and that never occurs without the rendering
    (two units at least) is taken (攻关 "research and development").  A unit where another
    term rendered alike occurs, or two readings tie, gives nothing."""
    rendered: dict[tuple[str, ...], list[tuple[Entry, _Group]]] = defaultdict(list)
    for e in terms:
        groups = _groups([r for r in usage.get(e.zh, []) if (e.zh, _plus_key(r.en)) not in slips])
        if not has_han(e.zh) or not groups:
            continue
        for g in _usual(groups):
            phrase = tuple(_content_stems(g.label))
            if phrase:
                rendered[phrase].append((e, g))
    if not rendered:
        return []
    every = [(e, tuple(_content_stems(r.en))) for e in terms for r in usage.get(e.zh, [])]
    every_by_stem: dict[str, list[tuple[Entry, tuple[str, ...]]]] = defaultdict(list)
    for e, p in every:
        for st in set(p):
            every_by_stem[st].append((e, p))
    holders: dict[tuple[str, ...], list[str]] = {}

    def rendering_terms(phrase: tuple[str, ...]) -> list[str]:
        """The terms (Chinese without spaces) with a rendering holding ``phrase``."""
        if phrase not in holders:
            holders[phrase] = sorted({"".join(e.zh.split()) for e, p in every_by_stem.get(phrase[0], ())
                                      if _find_run(list(p), list(phrase)) >= 0})
        return holders[phrase]

    explained: dict[tuple[str, str], bool] = {}

    def explains(w: str, keys) -> bool:
        for x in keys:
            if len(x) > 2:
                hit = explained.get((w, x))
                if hit is None:
                    hit = explained[(w, x)] = any(_gloss_match(g, x) for g in lexicon.keys(w))
                if hit:
                    return True
        return False

    read = []          # (unit, Chinese without spaces, English stems, [(run of words)])
    units_of: dict[str, set[int]] = defaultdict(set)      # word -> unit indexes
    for k, (u, zh, stems, runs) in enumerate(memory):
        read.append((u, zh, stems, runs))
        for run in runs:
            for w in run:
                if len(w) >= 2:
                    units_of[w].add(k)
    plain = sorted({"".join(e.zh.split()) for e in terms if has_han(e.zh)})
    longer: dict[str, list[str]] = {}

    def inside_longer(wording: str, zh: str) -> bool:
        """``wording`` is part of a longer term that occurs in ``zh``."""
        if wording not in longer:
            longer[wording] = [t for t in plain if wording in t and wording != t]
        return any(t in zh for t in longer[wording])

    longest = max(len(p) for p in rendered)
    phrases_of: list[set[tuple[str, ...]]] = []       # unit index -> the renderings its English holds
    phrase_units: dict[tuple[str, ...], set[int]] = defaultdict(set)
    for k, (_, _, stems, _) in enumerate(read):
        here = {tuple(stems[i:j]) for i in range(len(stems))
                for j in range(i + 1, min(len(stems), i + longest) + 1)} & rendered.keys()
        phrases_of.append(here)
        for p in here:
            phrase_units[p].add(k)

    def with_phrase(phrase: tuple[str, ...]) -> set[int]:
        return phrase_units.get(phrase, set())

    lone_ok: dict[tuple[str, tuple[str, ...]], bool] = {}

    def never_without(w: str, phrase: tuple[str, ...]) -> bool:
        """``w`` occurs in two different texts at least, always with ``phrase`` in the
        English and never explained by it (repeated units count once)."""
        if (w, phrase) not in lone_ok:
            ok = units_of[w] <= with_phrase(phrase)
            if ok:
                texts = {(read[j][1], tuple(read[j][2])) for j in units_of[w]}
                ok = len({t[1] for t in texts}) >= 2 and not any(explains(w, t[1]) for t in texts)
            lone_ok[(w, phrase)] = ok
        return lone_ok[(w, phrase)]

    def wording_in(phrase: tuple[str, ...], stems: list[str], runs: list[list[str]]) -> str | None:
        """The other wording of ``phrase`` in one unit (its English stems, its Chinese runs)."""
        at = _find_run(stems, list(phrase))
        inside, outside = set(phrase), set(stems[:at] + stems[at + len(phrase):])
        best: list[tuple[int, str]] = []
        for run in runs:
            anchor = [i for i, w in enumerate(run) if len(w) >= 2 and explains(w, inside)]
            if not anchor:
                continue
            free = [not explains(w, inside) and not explains(w, outside) for w in run]
            content = [bool(lexicon.keys(w)) and len(w) >= 2 for w in run]
            groups, start = [], anchor[0]
            for a, b in zip(anchor, anchor[1:] + [None]):
                if b is None or not all(free[a + 1:b]):
                    lo, hi = start, a
                    if len(phrase) > 1 and lo > 0 and free[lo - 1] and content[lo - 1]:
                        lo -= 1
                    if len(phrase) > 1 and hi + 1 < len(run) and free[hi + 1] and content[hi + 1]:
                        hi += 1
                    groups.append(run[lo:hi + 1])
                    start = b
            for words in groups:
                covered = {x for x in inside if any(explains(w, (x,)) for w in words)}
                best.append((len(covered), "".join(words)))
        best.sort(reverse=True)
        if best and 2 * best[0][0] >= len(phrase) and (len(best) == 1 or best[1][0] < best[0][0]):
            return best[0][1]
        if not best and len(phrase) > 1:
            lone = [w for run in runs for w in run if len(w) >= 2 and has_han(w)
                    and len(units_of[w]) >= 2 and not explains(w, stems) and never_without(w, phrase)]
            if len(lone) == 1:
                return lone[0]
        return None

    found: dict[tuple[str, str], dict] = {}
    done: dict[tuple, str | None] = {}     # the same text (a repeated unit) reads the same
    for k, (u, zh, stems, runs) in enumerate(read):
        for phrase in sorted(phrases_of[k]):
            if any(t in zh for t in rendering_terms(phrase)):
                continue        # a term rendered so (or longer: "Municipal Science and Technology
                                # Bureau" holds "Technology Bureau") is here: it is that term's
            key = (phrase, tuple(stems), tuple(map(tuple, runs)))
            if key not in done:
                done[key] = wording_in(phrase, stems, runs)
            wording = done[key]
            if wording is None or inside_longer(wording, zh):
                continue        # (part of a longer term here: that term's renderings say it)
            for e, g in rendered[phrase]:
                if wording in e.zh or e.zh.replace(" ", "") in wording:
                    continue
                if not all(e.zh.replace(" ", "") in read[j][1] or wording in read[j][1]
                           for j in with_phrase(phrase)):
                    continue        # the English says it elsewhere too: a general word, not
                                    # a rendering these two wordings share
                slot = found.setdefault((e.zh, wording), {"g": g, "units": set(), "forms": set()})
                slot["units"].add(u.id)
    zh_of = {u.id: zh for u, zh, _, _ in read}
    # a term whose rendering holds another term's usual one (政务数据归集 "government data
    # collection" holds 数据采集 "data collection"): without the words that render the extra
    # English (政务 "government"), its Chinese is another wording of it (数据归集)
    for phrase, owners in rendered.items():
        for e2, p2 in every_by_stem.get(phrase[0], ()):
            at = _find_run(list(p2), list(phrase))
            if at < 0 or len(p2) == len(phrase) or not has_han(e2.zh):
                continue
            before, after = p2[:at], p2[at + len(phrase):]
            words = _pieces(e2.zh, lexicon)
            n = len(words)
            swapped = words and (explains(words[-1], before) or explains(words[0], after))
            while words and explains(words[0], before):
                words = words[1:]
                while words and len(words[0]) == 1:      # 生成式: 式 goes with 生成 "generative"
                    words = words[1:]
            while words and explains(words[-1], after):
                words = words[:-1]
            # (the English before the shared rendering is rendered by the Chinese at the
            # front, after it by the Chinese at the end; when the extra English is rendered
            # at the wrong end, the term's rendering took in a neighbour's words ("computing
            # and supercomputing" for 超级算力) and the whole term is the other wording)
            wording = "".join(words)
            if len(words) == n and not swapped or len(wording) < 2 or not has_han(wording):
                continue
            for e, g in owners:
                if e is e2 or wording in e.zh or e.zh.replace(" ", "") in e2.zh.replace(" ", ""):
                    continue
                if not all(e.zh.replace(" ", "") in read[j][1] or wording in read[j][1]
                           for j in with_phrase(phrase)):
                    continue
                where = set().union(*(r.units for r in usage.get(e2.zh, [])
                                      if _find_run(_content_stems(r.en), list(phrase)) >= 0))
                if where and all(e.zh.replace(" ", "") in zh_of.get(u, "") for u in where):
                    continue    # the other term is there too and its rendering is its own: the
                                # longer term's rendering took in a neighbour ("high-throughput
                                # material calculations and material database" for 高通量材料计算
                                # beside 材料数据库)
                slot = found.setdefault((e.zh, wording), {"g": g, "units": set(), "forms": set()})
                slot["units"].update(*(r.units for r in usage.get(e2.zh, [])))
    for (term, wording), slot in list(found.items()):
        # one term, nested wordings (产业聚集 / 产业聚集区): one finding, the longer wording
        wider = [w for (t, w) in found if t == term and w != wording and wording in w]
        if wider:
            found[(term, wider[0])]["units"] |= slot["units"]
            del found[(term, wording)]
    for (term, wording), slot in list(found.items()):
        # a rendering every word of which a word the two wordings have in common explains
        # (轻中度原发性高血压 "hypertension" and 重度高血压患者: 高血压; 中华人民共和国境内 "People's
        # Republic of China" and 中华人民共和国个人信息保护法) is that word's, read in each: where
        # they differ the English says nothing, so it names neither as against the other
        common = [w for w in _pieces(term, lexicon) if len(w) >= 2 and w in wording]
        phrase = _content_stems(slot["g"].label)
        if common and phrase and all(any(explains(w, (x,)) for w in common) for x in phrase):
            del found[(term, wording)]
    out = []
    for (term, wording), slot in sorted(found.items()):
        g = slot["g"]
        units_ = sorted(g.units | slot["units"])
        out.append(ConsistencyFinding(
            kind="collision", zh=sorted([term, wording]), en=[g.label], units=units_, severity="info",
            message=f'2 wordings share one rendering: {term}: "{g.label}" ×{g.count}; {wording} in '
                    f'{len(slot["units"])} unit{"s" * (len(slot["units"]) > 1)} where {term} is absent',
            rank=SEVERITY_WEIGHT["info"] * 1000 + 20 + min(len(units_), 9)))
    return out


def _related_phrases(a: str, b: str) -> bool:
    """Two phrase keys are one rendering: word by word related, or one is the other's
    acronym (ai / artifici intellig)."""
    x, y = a.split(), b.split()
    if len(x) == 1 and len(y) > 1 and x[0] == "".join(w[0] for w in y) or \
            len(y) == 1 and len(x) > 1 and y[0] == "".join(w[0] for w in x):
        return True
    return len(x) == len(y) and all(_related(p, q) for p, q in zip(x, y))


# --------------------------------------------------------------------------- segments

class _Unspaced(dict):
    """``str.translate`` table dropping spacing and punctuation, each character looked
    at once (a lookup per character of every segment was a quarter of the report's time)."""

    def __missing__(self, c: int):
        ch = chr(c)
        self[c] = None if ch.isspace() or unicodedata.category(ch).startswith("P") else c
        return self[c]


_UNSPACED = _Unspaced()


def _zh_segment_key(zh: str) -> str:
    """A Chinese segment without spacing or punctuation (NFKC): "运行 Pod。" = "运行Pod"."""
    return unicodedata.normalize("NFKC", zh).translate(_UNSPACED)


def _en_segment_key(en: str) -> str:
    """An English segment folded for case, spacing and closing punctuation."""
    return " ".join(unicodedata.normalize("NFKC", en).casefold().split()).rstrip(" .;:!?,")


def _shown(text: str) -> str:
    return " ".join(text.split()).rstrip("。．.；;：:！!？?，, ")


def _segments(units: Iterable, terms: set[str]) -> list[ConsistencyFinding]:
    """Whole segments, as a translation memory reads them: one Chinese segment
    translated several ways (``renderings``: the heading 使用 Pod as "Using Pods" and
    "Working with Pods"), and one English segment translating Chinese segments that
    differ in more than spacing and punctuation (``collision``: a list item worded two
    ways in Chinese, repeated verbatim in English).  Case, spacing and closing
    punctuation are folded on both sides.  A segment that is itself a term of the term
    base is left to the term findings."""
    by_zh: dict[str, dict[str, dict]] = defaultdict(dict)     # zh key -> en key -> forms, units
    by_en: dict[str, dict[str, dict]] = defaultdict(dict)
    for u in units:
        zk, ek = _zh_segment_key(u.zh or ""), _en_segment_key(u.en or "")
        if not zk or not ek or not any(c.isalpha() for c in ek) or not has_han(zk):
            continue
        for table, a, b, form in ((by_zh, zk, ek, u.en), (by_en, ek, zk, u.zh)):
            slot = table[a].setdefault(b, {"forms": defaultdict(int), "units": set(), "other": defaultdict(int)})
            slot["forms"][_shown(form)] += 1
            slot["other"][_shown(u.zh if table is by_zh else u.en)] += 1
            slot["units"].add(u.id)
    out = []
    for zk, versions in by_zh.items():
        if len(versions) < 2:
            continue
        zh = _label(v["other"] for v in versions.values())
        if zh in terms or zk in terms:
            continue
        groups = sorted(versions.values(), key=lambda v: (-len(v["units"]), _label([v["forms"]])))
        shown = ", ".join(f'"{_label([g["forms"]])}" ×{len(g["units"])}' for g in groups)
        units = sorted(set().union(*(g["units"] for g in groups)))
        out.append(ConsistencyFinding(
            kind="renderings", zh=[zh], en=[_label([g["forms"]]) for g in groups], units=units,
            severity="warning", message=f"segment {zh} translated {len(groups)} ways: {shown}",
            rank=SEVERITY_WEIGHT["warning"] * 1000 + len(groups) * 10 + min(len(units), 9)))
    for ek, versions in by_en.items():
        if len(versions) < 2:
            continue
        zh = sorted(_label([v["forms"]]) for v in versions.values())
        en = _label(v["other"] for v in versions.values())
        units = sorted(set().union(*(v["units"] for v in versions.values())))
        out.append(ConsistencyFinding(
            kind="collision", zh=zh, en=[en], units=units, severity="info",
            message=f"{len(zh)} segments worded differently share one translation \"{en}\": "
                    + " / ".join(zh),
            rank=SEVERITY_WEIGHT["info"] * 1000 + len(zh) * 10 + min(len(units), 9)))
    return out


def _label(counters) -> str:
    """The most frequent form over several {form: count} tables (ties: the first in order)."""
    total: dict[str, int] = defaultdict(int)
    for c in counters:
        for form, n in c.items():
            total[form] += n
    return max(sorted(total.items()), key=lambda kv: kv[1])[0]


# --------------------------------------------------------------------------- documents

_CAP_WORD = r"(?:[A-Z][\w'’-]*|[A-Z]{2,}s?|\d+[A-Za-z]*)"
_MENTION = re.compile(rf"{_CAP_WORD}(?:\s+(?:(?:of|and|for|the|on|in|&)\s+)*{_CAP_WORD})+")


def _stem(word: str) -> str:
    return word.casefold()[:6]


def _content(phrase: str) -> list[str]:
    return [_stem(w) for w in fold_rendering(phrase).split() if w not in _STOP]


_AND_THE = re.compile(r"\s+and\s+the\s+")


def _paragraphs(text: str) -> list[tuple[str, Callable[[int], int]]]:
    """The lines of ``text`` with a hard-wrapped paragraph's lines joined (:func:`tm.unwrapped`:
    a name or a rendering wrapped over two lines is found), each with a function giving
    the 1-based line of the file an offset in it lies in."""
    from tm import unwrapped

    doc, at, out = unwrapped(text), 0, []
    for line in doc.text.split("\n"):
        out.append((line, lambda offset, at=at: doc.line(at + offset)))
        at += len(line) + 1
    return out


def mentions(text: str | list) -> list[tuple[str, int]]:
    """Capitalised multi-word names in ``text`` (or its :func:`_paragraphs`) with the
    1-based line each begins on.

    Leading function words (``The``) and numbers (``2024 World …``) are dropped, and
    ``A and the B`` is split into two names."""
    out = []
    for line, line_of in _paragraphs(text) if isinstance(text, str) else text:
        for m in _MENTION.finditer(line):
            name, start = m.group(0), 0
            for sep in [*_AND_THE.finditer(name), None]:
                end = sep.start() if sep else len(name)
                words = name[start:end].split()
                while words and (words[0].casefold() in _STOP | {"this", "our", "its"}
                                 or words[0][0].isdigit()):
                    words = words[1:]
                if len(words) >= 2:
                    out.append((" ".join(words), line_of(m.start() + name.index(words[0], start))))
                start = sep.end() if sep else end
    return out


def _is_name(phrase: str) -> bool:
    """Every content word capitalised (or a number): a proper name, not a common noun phrase."""
    words = [w for w in re.split(r"[\s+/]+", phrase) if w and w.casefold() not in _STOP]
    return len(words) >= 2 and all(w[0].isupper() or w[0].isdigit() for w in words)


def _plural(word: str) -> bool:
    return word.casefold() != fold_rendering(word) and not word.isupper()


def _near(mention: str, rendering: str) -> float:
    """How likely ``mention`` names the same thing as ``rendering`` (0 = not at all).

    Both must be names with the same head word in the same number ("Municipal
    Governments" of two cities is not the "Municipal People's Government"), and
    besides the head they must share the rendering's first content word or more than
    half of its content words ("Infrastructure and Urban Governance" is not
    "Artificial Intelligence+Urban Governance")."""
    if not _is_name(mention) or not _is_name(rendering):
        return 0.0
    m, r = _content(mention), _content(rendering)
    if len(r) < 2 or len(m) < 2:
        return 0.0
    if f" {fold_rendering(rendering)} " in f" {fold_rendering(mention)} ":
        return 0.0      # the rendering itself, inside a longer name: not a variant
    if m[-1] != r[-1] or _plural(mention.split()[-1]) != _plural(rendering.split()[-1]):
        return 0.0
    shared = set(m[:-1]) & set(r[:-1])
    if not shared or (r[0] not in shared and 2 * (len(shared) + 1) <= len(r)):
        return 0.0
    return fuzz.token_set_ratio(" ".join(m), " ".join(r))


def _forbidden_lines(forbidden: str, paragraphs: list) -> list[int]:
    """The lines (1-based) an occurrence of ``forbidden`` begins on, each once."""
    words = re.findall(r"[^\s\"“”‘’]+", forbidden)     # quotes may come and go around words
    pattern = re.compile(r"(?<!\w)" + r"[\s\"“”‘’]+".join(map(re.escape, words)) + r"(?!\w)",
                         re.IGNORECASE)
    return sorted({line_of(m.start()) for line, line_of in paragraphs for m in pattern.finditer(line)})


def _document(terms: list[Entry], usage: dict[str, list[Rendering]], name: str, text: str,
              *, min_score: float) -> list[ConsistencyFinding]:
    paragraphs = _paragraphs(text)
    found = mentions(paragraphs)
    all_renderings = {fold_rendering(x) for e in terms for x in e.approved}
    owners: dict[str, set[str]] = defaultdict(set)    # collision key -> entries rendered so
    for e in terms:
        for x in list(e.approved) + [r.en for r in usage.get(e.zh, [])]:
            owners[collision_key(x)].add(e.zh)
    out = []
    # mention -> [(score, entry, reference)]: a name is attributed to the nearest entry only
    near: dict[str, list[tuple[float, Entry, list[str]]]] = defaultdict(list)
    lines_of: dict[str, list[int]] = defaultdict(list)
    for mention, line in found:
        lines_of[mention].append(line)
    references = {e.zh: list(e.approved) or [g.label for g in _groups(usage.get(e.zh, []))][:1] for e in terms}
    # a mention that is, or holds, another entry's name as the memory renders it ("Article 264 of
    # the Civil Procedure Law of …" is 民事诉讼法's, not a variant of 民法典's "Civil Code of …")
    named_in: dict[str, set[str]] = defaultdict(set)
    names = [(f" {fold_rendering(x)} ", zh) for zh, refs in references.items() for x in refs if _is_name(x)]
    for mention in lines_of:
        key = f" {fold_rendering(mention)} "
        named_in[mention] = {zh for name, zh in names if name in key}
    for entry in terms:
        reference = references[entry.zh]
        if not reference:
            continue
        own = {fold_rendering(x) for x in reference + entry.forbidden
               + [r.en for r in usage.get(entry.zh, [])]}
        for mention in lines_of:
            key = fold_rendering(mention)
            if key in own or key in all_renderings or named_in[mention] - {entry.zh}:
                continue
            score = max(_near(mention, ref) for ref in reference)
            if score >= min_score:
                near[mention].append((score, entry, reference))
        for f in entry.forbidden:
            if len(_content(f)) < 2 or not _is_name(f) and len(_content(f)) < 3:
                continue     # common words and short phrases ("innovation", "first batch")
                             # name other things in prose just as well
            if owners.get(collision_key(f), set()) - {entry.zh}:
                continue     # another entry's own rendering (康养 forbids "healthcare",
                             # the rendering of 医疗): the document may well mean that entry
            lines = _forbidden_lines(f, paragraphs)
            if lines:
                out.append(ConsistencyFinding(
                    kind="document", zh=[entry.zh], en=[f] + reference, units=[], severity="error",
                    message=f'{name}:{lines[0]}: {entry.zh} rendered with forbidden "{f}" '
                            f"({len(lines)}×); approved: {_q(reference)}",
                    rank=3000 + len(lines)))
    for mention, matches in sorted(near.items(), key=lambda kv: (lines_of[kv[0]][0], kv[0])):
        top = max(score for score, _, _ in matches)
        lines = lines_of[mention]
        for score, entry, reference in matches:
            if score < top:
                continue
            severity = "warning" if entry.approved or score >= 75 else "info"
            out.append(ConsistencyFinding(
                kind="document", zh=[entry.zh], en=[mention] + reference, units=[],
                severity=severity,
                message=f'{name}:{lines[0]}: {entry.zh} named "{mention}" ({len(lines)}×); '
                        f"{'approved' if entry.approved else 'memory'}: {_q(reference)}",
                rank=SEVERITY_WEIGHT[severity] * 1000 + score / 10 + len(lines)))
    return out


# --------------------------------------------------------------------------- report

def check(db: sqlite_utils.Database, *, en_files: Sequence[tuple[str, str]] = (),
          min_score: float = 60.0, memory: bool = True,
          include_ignored: bool = False) -> list[ConsistencyFinding]:
    """The consistency report over the memory's stored renderings and the term base.

    ``en_files`` are ``(name, text)`` pairs of monolingual English documents to check
    against the term base. ``memory=False`` skips the memory findings. Findings a
    reviewer ignored (:mod:`glossary.termbase.ignore`) are left out unless
    ``include_ignored``. Returns findings sorted serious first (then by Chinese term).
    """
    terms = [e for e in entries(db) if e.status != "rejected"]
    usage = all_usage(db)
    expansions = acronym_expansions(terms)
    findings: list[ConsistencyFinding] = []
    holders: dict[str, list[str]] = defaultdict(list)    # a character -> the terms with usage holding it
    for z in usage:
        for ch in set(z):
            holders[ch].append(z)
    if memory:
        units = list(iter_units(db)) if has_memory(db) else []
        en_of = {u.id: u.en or "" for u in units}
        for entry in terms:
            f = _renderings(entry, _own_renderings(entry.zh, usage, holders, expansions), expansions, en_of)
            if f:
                findings.append(f)
        zh_of = {u.id: u.zh or "" for u in units}
        repeats = _repeating_longer(findings, usage, zh_of, expansions, en_of)
        lexicon = _term_lexicon(terms)
        memory_read = _read_memory(units, lexicon)
        declared = _declared_acronyms(terms, zh_of.values())
        findings += _unrendered(terms, usage, units, findings, declared)
        slips = _slips(terms, usage, en_of)
        findings += _collisions(terms, usage, _worded_otherwise(terms, usage, memory_read, lexicon, slips),
                                slips, zh_of, declared)
        reported = {z for f in findings if f.kind == "renderings" for z in f.zh}
        findings += _inside_terms(terms, usage, reported,
                                  [f.zh for f in findings if f.kind == "collision"], memory_read, lexicon,
                                  slips)
        findings += _segments(units, {_zh_segment_key(e.zh) for e in terms})
        findings = [f for f in findings if not any(f is r for r in repeats)]
    for name, text in en_files:
        findings += _document(terms, usage, name, text, min_score=min_score)
    findings.sort(key=lambda f: (-f.rank, f.kind, f.zh, f.en))
    if not include_ignored:
        findings, _ = drop_ignored(db, findings)
    return findings


def ignore_reported(db: sqlite_utils.Database, finding: str, *, reason: str) -> IgnoredFinding:
    """Mark a finding of the memory's consistency report (``ren-…``, ``col-…``) as not a
    problem, with its message kept as the summary ``glossary ignore --list`` shows.  An id
    the current report does not have (a typo, or fixed meanwhile) is refused: ignoring it
    would silence nothing.  ``doc-…`` (which needs the documents) and ``qa-…`` ids are
    recorded as given."""
    finding = finding.strip()
    if not reason or not reason.strip():
        raise GlossaryError(f"{finding}: a reason is required (--reason)")
    if not ID_PATTERN.fullmatch(finding) or not finding.startswith(("ren-", "col-")):
        return ignore_finding(db, finding, reason=reason)
    match = [f for f in check(db, include_ignored=True) if finding_id(f) == finding]
    if not match:
        raise GlossaryError(f"{finding}: no such finding in the current report (`glossary check "
                            "--format jsonl` lists the ids; fixed meanwhile?)")
    return ignore_finding(db, finding, reason=reason, summary=match[0].message)


def finding_to_json(f: ConsistencyFinding, keys: Mapping[int, str] | None = None) -> dict:
    """The jsonl contract of ``glossary check --format jsonl``; with ``keys`` (unit id ->
    key, see :func:`unit_keys`), units are named by their key ``PAIR:NNNN``."""
    units = [keys.get(u, u) for u in f.units] if keys is not None else f.units
    return {"id": finding_id(f), "kind": f.kind, "zh": f.zh, "en": f.en, "units": units,
            "severity": f.severity, "message": f.message}


def unit_keys(db, findings) -> dict[int, str]:
    """The keys of the memory units the findings name."""
    ids = sorted({u for f in findings for u in f.units})
    if not ids or not has_memory(db):
        return {}
    return {uid: unit.key for uid, unit in units_by_id(db, ids).items()}
