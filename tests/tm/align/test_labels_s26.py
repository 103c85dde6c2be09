"""Session 26: a regulation whose article labels stand on lines of their own (第一条, then the
article's text on the next line) against an English "Article 1 These Measures …"."""

from tm.align.aligner import align_texts
from tm.models import Bead

ZH = """江州市公共数据开放管理办法

第一章 总则

第一条
为了规范和促进公共数据开放，提高政府治理能力和公共服务水平，根据有关法律、法规，结合本市实际，制定本办法。

第二条
本市行政区域内公共数据开放及其相关管理活动，适用本办法。涉及国家秘密的公共数据管理，按照有关法律、法规的规定执行。

第三条
公共数据开放应当遵循需求导向、安全可控、分级分类、统一标准、便捷高效的原则。

第四条
市大数据管理局是本市公共数据开放的主管部门，负责统筹、指导、协调和监督全市公共数据开放工作。

第五条
本办法自2026年1月1日起施行，有效期5年。
"""

EN = """Measures of Jiangzhou Municipality for the Administration of Public Data Opening

Chapter I General Provisions

Article 1 These Measures are formulated in accordance with relevant laws and regulations and in light of the actual circumstances of this Municipality, for the purposes of regulating and promoting the opening of public data and improving government governance capacity and public service levels.

Article 2 These Measures apply to the opening of public data and related management activities within the administrative area of this Municipality. The management of public data involving state secrets shall be governed by relevant laws and regulations.

Article 3 The opening of public data shall follow the principles of being demand-oriented, safe and controllable, graded and classified, uniformly standardized, and convenient and efficient.

Article 4 The Municipal Big Data Administration is the competent department for public data opening in this Municipality and is responsible for coordinating, guiding and supervising public data opening work across the Municipality.

Article 5 These Measures shall come into force on January 1, 2026 and shall remain valid for five years.
"""


def test_an_article_label_on_its_own_line_goes_with_its_text():
    result = align_texts(ZH, EN)
    labels = [i for i, s in enumerate(result.zh) if s.text.startswith("第") and s.text.endswith("条")]
    assert len(labels) == 5
    for i in labels:
        bead = next(b for b in result.beads if i in b.zh)
        assert bead.en and i + 1 in bead.zh, bead
        assert result.en[bead.en[0]].text.startswith("Article")


def test_only_a_label_with_no_counterpart_joins_the_bead_after_it():
    from tm.align.aligner import _labels_with_their_text
    zh, en = ["第一条", "为了规范公共数据开放。", "第二条"], ["Article 1 To regulate public data."]
    assert _labels_with_their_text([Bead((0,), ()), Bead((1,), (0,), 0.9), Bead((2,), ())], zh, en) == \
        [Bead((0, 1), (0,), 0.9), Bead((2,), ())]
    zh = ["总则", "为了规范公共数据开放。"]          # no label: an unaligned heading stays so
    beads = [Bead((0,), ()), Bead((1,), (0,), 0.9)]
    assert _labels_with_their_text(beads, zh, en) == beads
    en = ["Article 1", "To regulate public data."]
    assert _labels_with_their_text([Bead((), (0,)), Bead((0, 1), (1,), 0.8)], ["…", "…"], en) == \
        [Bead((0, 1), (0, 1), 0.8)]
