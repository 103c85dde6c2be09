"""Session 36 (the lead, after the helpers' merge): in a form — a text of which five units or
more open with a label before a sentence, a data sheet's or a study synopsis's entries — a
field's label before a sentence (皮肤接触：立即脱去…, 主要终点：治疗12周时…) is a term, read as a
label before a measured or a named value already was; in a plan that frames a paragraph so
(工作目标：到2027年，建成…) it is not.  Sentences written for the test (a disinfectant's data
sheet, a district plan), none taken from the bench documents."""

from glossary.extract.extractor import DEFAULT_MIN_SCORE, extract
from glossary.extract.zh import is_form
from tm.models import TranslationUnit


def _listed(pairs):
    units = [TranslationUnit(zh=z, en=e, id=i) for i, (z, e) in enumerate(pairs, 1)]
    return {c.zh: c.en for c in extract(units) if c.score >= DEFAULT_MIN_SCORE}


SHEET = [
    ("第4部分　急救措施", "Section 4: First-aid measures"),
    ("皮肤接触：立即脱去被污染的衣物，用肥皂水彻底冲洗皮肤。",
     "Skin contact: Remove contaminated clothing at once and wash the skin thoroughly with soap and water."),
    ("灭火方法：用雾状水冷却容器，并用干粉扑救。",
     "Extinguishing methods: Cool containers with water spray and fight the fire with dry powder."),
    ("注意：本品遇水放出热量。", "Note: the product gives off heat in contact with water."),
    ("储存条件：阴凉、干燥、通风处。", "Storage conditions: a cool, dry, well-ventilated place."),
    ("废弃处置方法：按当地法规处置，不得排入下水道。",
     "Disposal methods: Dispose of in line with local regulations; do not discharge into drains."),
    ("储存时远离火源和热源，保持容器密封。", "Store away from ignition sources and heat; keep the container closed."),
]


def test_a_label_before_a_sentence_is_a_term():
    """灭火方法 heads its unit before a sentence; as a label before a measure (额定电压：220V)
    or a name (通用名称：布洛芬片) it was a term already."""
    found = _listed(SHEET)
    assert found.get("灭火方法") == "Extinguishing methods", found


def test_a_noun_and_a_verb_heading_a_sentence_is_a_term():
    """皮肤 | 接触 ends in a verb, which a label before a value may not (显示：E1 is an
    instruction); a noun and its verb heading a sentence name the event the entry is about
    ("Skin contact"), while a verb alone (注意：…, 吸入：… ) stays out."""
    found = _listed(SHEET)
    assert found.get("皮肤接触") == "Skin contact", found
    assert "注意" not in found, found


def test_a_plans_label_before_its_paragraph_is_no_term():
    """A plan, a report or a paper frames a paragraph or two with a label (工作目标：…, 摘要：…):
    fewer than five such units, no form, and the label is the plan's framing word."""
    plan = [
        ("工作目标：到2027年，全区建成一批智能工厂和数字化车间。",
         "Work objectives: by 2027, the district will have built a number of smart factories and digital workshops."),
        ("支持企业建设智能工厂，推动工业互联网平台应用。",
         "We will support enterprises in building smart factories and promote the use of industrial internet platforms."),
        ("区工业和信息化局负责组织实施智能工厂培育工作。",
         "The District Bureau of Industry and Information Technology will organise the cultivation of smart factories."),
    ]
    assert not is_form([z for z, _ in plan]) and is_form([z for z, _ in SHEET])
    assert "工作目标" not in _listed(plan)


def test_a_rendering_taken_back_in_a_unit_is_taken_back_as_often_as_it_was_counted():
    """A term written three times in one sentence and rendered alike three times was counted
    three times; when the longer term that holds it takes that rendering back, all three go
    (once only left "account" ×2 with no unit to show for it, seen by render11)."""
    from glossary.extract.extractor import _settle_renderings
    from glossary.models import Candidate, Rendering

    shorter = Candidate("账户", "zhàng hù", [Rendering("account", 3, [7])], 3, 3.0)
    longer = Candidate("注销账户", "zhù xiāo zhàng hù", [Rendering("account", 3, [7])], 3, 3.0)
    spans_at = {("账户", 0): [("account", 0.5, False)] * 3, ("注销账户", 0): [("account", 0.9, False)] * 3}
    _settle_renderings([shorter, longer], spans_at, {"账户": ["注销账户"]}, [7])
    assert shorter.renderings == []
    assert [(r.en, r.count, r.units) for r in longer.renderings] == [("account", 3, [7])]
