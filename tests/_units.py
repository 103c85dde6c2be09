"""Units shared by the import tests of both backends, and a TMX with inline codes that the
command-line and the HTTP API tests both read."""

from __future__ import annotations

from tm.memory.store import content_key
from tm.models import TranslationUnit


def tricky_units(n: int):
    """Units with duplicates near and far: the same text again (with and without a key,
    other props), the same key again, a key that is another unit's content key."""
    for i in range(n):
        yield TranslationUnit(zh=f"第{i}条句子，各不相同。", en=f"Sentence {i}.", key=f"k{i}" if i % 5 == 0 else None)
        if i % 11 == 0 and i >= 4000:
            j = i - 4000 + (i % 3)                          # thousands of units before: not in a batch nearby
            yield TranslationUnit(zh=f"第{j}条句子，各不相同。", en=f"Sentence {j}.")
            yield TranslationUnit(zh=f"第{j}条句子，各不相同。", en=f"Sentence {j}.", props={"context": "x"})
            yield TranslationUnit(zh="另一句。", en=f"Other {i}.", key=f"k{j - j % 5}")
            yield TranslationUnit(zh=f"新的{i}。", en=f"New {i}.", key=content_key(f"第{j}条句子，各不相同。",
                                                                                  f"Sentence {j}."))

CODED_TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="zh-CN" segtype="sentence" o-tmf="t" adminlang="en"
 creationtool="t" creationtoolversion="1" datatype="xml"/><body>
<tu tuid="c1"><tuv xml:lang="zh-CN"><seg><bpt i="1">&lt;b&gt;</bpt>注意<ept i="1">&lt;/b&gt;</ept>：算力平台</seg></tuv>
<tuv xml:lang="en"><seg><bpt i="1">&lt;b&gt;</bpt>Note<ept i="1">&lt;/b&gt;</ept>: computing power platform</seg></tuv></tu>
</body></tmx>
"""
