"""Obligation and permission in Chinese and English: whether a sentence says "shall" or "may".

Rules, regulations, standards and contracts state a duty with 应当, 应, 必须 ("shall",
"must") and a permission with 可以, 可 ("may"); GB/T 1.1 fixes the pairs for standards
(应 shall, 宜 should, 可 may).  A translation that makes a duty a permission (应当报送 "may
submit") or a permission a duty (可以延长 "shall be extended") turns the rule round without a
wrong word or number.  QA compares the two sides as for negation: the source read strictly
(:func:`obligations`, :func:`permissions`: the modal words themselves), the target
generously (:func:`may_oblige`, :func:`may_permit`: any word that could carry the force), so
a sentence is reported only when the source states one force and no trace of the other, and
the target states only the other.
"""

from __future__ import annotations

import re

from tm.text.cedict import load_lexicon

#: Chinese modal words of duty; 应 and 须 alone only outside a word of their own (相应, 供应,
#: 应用, 须知: :func:`obligations`), and not after 不/无/毋 (不应 "shall not" is a prohibition,
#: 无须 "need not" none).
_ZH_DUTY = re.compile("应当|應當|应该|應該|必须|必須|务必|務必|理应|理應|[应應须須]")
_ZH_MODAL_WORDS = frozenset("应当 應當 应该 應該 必须 必須 务必 務必 理应 理應".split())
#: Chinese words of permission, read strictly: 可以, 允许, 准许, 有权 "may", "be entitled to".
_ZH_LEAVE = re.compile("可以|允许|允許|准许|准許|有权|有權")
#: Anything that could carry a permission in Chinese (可 of 可能 "may" too) or a duty (要, 需).
_ZH_ANY_LEAVE = re.compile("[可允准]|能够|能夠|有权|有權|得以")
_ZH_ANY_DUTY = re.compile("[应應须須必要需务務]")

#: English modals of duty, read strictly (shall, must, is required to); not negated (shall not,
#: must not: prohibitions, the negation check's).
_EN_DUTY = re.compile(r"\b(?:shall|must)\b(?!\s+not\b|n[o']t)|\b(?:is|are|be)\s+(?:required|obliged|obligated)\s+to\b",
                      re.I)
#: English words of permission, read strictly: may (not may not), be allowed, permitted or
#: entitled to; not "can", as often ability as leave ("{0} shows how the test can be expressed").
_EN_LEAVE = re.compile(r"\bmay\b(?!\s+not\b)|\b(?:allowed|permitted|entitled)\s+to\b", re.I)
#: Anything that could carry a duty in English (should, will, need to, has to, responsible …)
#: or a permission (can, could, might, able, option, optional, possible, the right to …).
_EN_ANY_DUTY = re.compile(r"\b(?:shall|must|should|ought|will|would|need|needs|needed|required?|requires|requirements?"
                          r"|obliged|obligated|obligations?|duty|duties|has\s+to|have\s+to|had\s+to|is\s+to|are\s+to"
                          r"|mandatory|necessary|essential|responsible|responsibility|ensure)\b", re.I)
_EN_ANY_LEAVE = re.compile(r"\b(?:may|can|could|might|able|allow\w*|permi\w*|entitle\w*|option\w*|possible"
                           r"|free\s+to|discretion|rights?)\b", re.I)


def obligations(text: str, lang: str) -> list[tuple[int, int]]:
    """Spans of ``text`` that state a duty (应当, 必须, 应 before a verb; shall, must), read
    strictly; ``lang`` is "zh" or "en"."""
    if lang == "en":
        return [m.span() for m in _EN_DUTY.finditer(text)]
    spans = []
    for m in _ZH_DUTY.finditer(text):
        a, b = m.span()
        if text[a - 1:a] in ("不", "無", "无", "毋", "勿", "非") or text[b:b + 1] in ("不", "用"):
            continue        # 不应 "shall not", 无须 "need not"; 应不 "shall not", 应用 "apply"
        if b - a == 1 and any(word not in _ZH_MODAL_WORDS for word in load_lexicon().covering(text, a, b)):
            continue        # 相应 "corresponding", 供应 "supply", 应急 "emergency", 须知 "notes"
        spans.append((a, b))
    return spans


def permissions(text: str, lang: str) -> list[tuple[int, int]]:
    """Spans of ``text`` that grant a permission (可以, 允许, 有权; may, be allowed to), read strictly."""
    pattern = _EN_LEAVE if lang == "en" else _ZH_LEAVE
    return [m.span() for m in pattern.finditer(text)
            if lang == "en" or text[m.start() - 1:m.start()] not in ("不", "无", "無", "未")]


def may_oblige(text: str, lang: str) -> bool:
    """Whether ``text`` could carry a duty, read generously (any of 应 须 必 要 需 务; shall,
    should, will, need to, required, responsible …)."""
    return (_EN_ANY_DUTY if lang == "en" else _ZH_ANY_DUTY).search(text) is not None


def may_permit(text: str, lang: str) -> bool:
    """Whether ``text`` could carry a permission, read generously (any of 可 允 准, 能够, 有权; may,
    can, could, might, able, allowed, optional …)."""
    return (_EN_ANY_LEAVE if lang == "en" else _ZH_ANY_LEAVE).search(text) is not None
