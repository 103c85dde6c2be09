"""Session 33: whole classes of false candidates seen on the unseen documents written for the
bench (``bench/terms/extra/``: clause fragments, anaphoric determiners …), dropped by general
rules; and the figures of the session's own unseen document, a construction project's tender
documents (``bench/terms/extra/tender-doc``), which no fix was tuned on.  Sentences written
for the tests (a water purifier's and a kettle's patent claims …), none taken from those
documents."""

import pytest
from conftest import extra_document_holds

from glossary.extract.extractor import DEFAULT_MIN_SCORE, extract
from tm.models import TranslationUnit


def _units(pairs):
    return [TranslationUnit(zh=z, en=e, id=i) for i, (z, e) in enumerate(pairs, 1)]


def _listed(pairs):
    return {c.zh: c.en for c in extract(_units(pairs)) if c.score >= DEFAULT_MIN_SCORE}


def test_a_phrase_the_translation_writes_as_a_verb_and_its_object_is_no_term():
    """包括壳体 "comprises a housing", said in three claims, recurred often enough for the
    statistics and was listed: a verb and its object.  When the translation writes a verb of
    the term (CC-CEDICT's sense of a word jieba tags a verb) as an -s or -ed form before a
    determiner or a preposition ("comprises a", "issued by", "inserted into"), or as a
    participle closing the rendering after its noun ("premiums paid"), in most mentions, the
    words are a clause.  The parts stay terms."""
    found = _listed([
        ("本实用新型涉及一种净水器，包括壳体、滤芯和出水阀。",
         "The utility model relates to a water purifier, which comprises a housing, a filter cartridge and an outlet valve."),
        ("壳体采用不锈钢制成，壳体的顶部设有进水口。",
         "The housing is made of stainless steel, and a water inlet is provided at the top of the housing."),
        ("滤芯安装在壳体内，滤芯的下端与出水阀连通。",
         "The filter cartridge is mounted in the housing, and its lower end communicates with the outlet valve."),
        ("1. 一种净水器，其特征在于，包括壳体和滤芯。",
         "1. A water purifier, characterized in that it comprises a housing and a filter cartridge."),
        ("2. 根据权利要求1所述的净水器，其特征在于，所述出水阀包括壳体和阀芯。",
         "2. The water purifier according to claim 1, characterized in that the outlet valve comprises a housing and a spool."),
        ("3. 根据权利要求1所述的净水器，其特征在于，所述滤芯包括壳体和滤膜。",
         "3. The water purifier according to claim 1, characterized in that the filter cartridge comprises a housing and a membrane."),
        ("壳体与滤芯之间设有密封圈。", "A seal ring is provided between the housing and the filter cartridge."),
    ])
    assert "包括壳体" not in found, found
    assert found.get("壳体") == "housing" and found.get("滤芯") == "filter cartridge", found


def test_an_anaphoric_determiner_is_no_part_of_the_term_after_it():
    """A patent claim points back at its elements with 所述 "said" (所述底座 "the base"): the
    statistics read 所述底座, said in most claims, as a term of its own (jieba tags 所述 a
    distinguishing word, not a pronoun), and took those mentions from 底座.  The written
    register's anaphoric determiners (上述, 前述, 所述, 下述) end a sequence as pronouns do, as
    the phrase reader already trims them."""
    found = _listed([
        ("1. 一种电热水壶，包括壶身和底座，其特征在于，所述底座内设有加热盘。",
         "1. An electric kettle comprising a body and a base, characterized in that a heating plate is arranged in the base."),
        ("2. 根据权利要求1所述的电热水壶，其特征在于，所述底座为塑料底座。",
         "2. The electric kettle according to claim 1, wherein the base is a plastic base."),
        ("3. 根据权利要求1所述的电热水壶，其特征在于，所述加热盘与所述底座电连接。",
         "3. The electric kettle according to claim 1, wherein the heating plate is electrically connected to the base."),
        ("4. 根据权利要求3所述的电热水壶，其特征在于，所述底座下方设有温控器。",
         "4. The electric kettle according to claim 3, wherein a thermostat is arranged below the base."),
        ("5. 根据权利要求1所述的电热水壶，其特征在于，所述底座上设有电源线，所述加热盘呈圆形。",
         "5. The electric kettle according to claim 1, wherein a power cord is arranged on the base and the heating plate is circular."),
        ("6. 根据权利要求1所述的电热水壶，其特征在于，所述底座与所述壶身可拆卸连接，所述加热盘为铝制。",
         "6. The electric kettle according to claim 1, wherein the base is detachably connected to the body, and the heating plate is made of aluminium."),
    ])
    assert not [t for t in found if t.startswith("所述")], found
    assert found.get("底座") == "base" and found.get("加热盘") == "heating plate", found


def test_a_term_and_a_verb_jieba_lists_as_a_noun_are_no_composition():
    """A phrase made of an accepted term and a noun of jieba's dictionary counts as a term of
    the field (容器 + 探针, 控制面 + 组件), but jieba's dictionary tags many verbs nouns out of
    context (生效 "to take effect", 饮酒 "to drink", 力争 "to strive for"), so 许可证生效
    "the licence takes effect", said once, was listed as a composition.  The word beside the
    term must be one CC-CEDICT does not give only a verb's senses (an unknown word counts
    as a noun, as elsewhere)."""
    found = _listed([
        ("用户应妥善保管软件许可证。", "Users shall keep the software licence safe."),
        ("许可证到期前三十日，系统会发出提醒。", "The system sends a reminder thirty days before the licence expires."),
        ("每个许可证只能绑定一台设备。", "Each licence can be bound to one device only."),
        ("自许可证生效之日起三十日内，用户可以申请全额退款。",
         "Within thirty days from the date the licence takes effect, users may ask for a full refund."),
        ("如需转让许可证，请联系客服。", "To transfer a licence, contact customer service."),
        ("数据库每日自动备份。", "The database is backed up automatically every day."),
        ("数据库损坏时，可以从备份恢复数据库。", "If the database is damaged, it can be restored from a backup."),
        ("数据库迁移前应停止写入。", "Stop writes before migrating the database."),
    ])
    assert "许可证生效" not in found, found
    assert found.get("许可证") == "licence", found


def test_a_heading_of_everyday_words_alone_on_its_line_is_a_term():
    """A patent specification's sections are headed 技术领域 "Technical Field", 权利要求书
    "Claims", alone on their line with no number: the genre's own terms, which the legal
    ordinal's and the clause number's heading readings missed, and which the statistics and
    rarity cannot find (everyday words, each said once).  A unit that is nothing but one noun
    phrase of content words jieba's dictionary counts as everyday words is a heading."""
    found = _listed([
        ("一种折叠式晾衣架", "Folding Clothes Drying Rack"),
        ("技术领域", "Technical Field"),
        ("本实用新型涉及家居用品，具体涉及一种折叠式晾衣架。",
         "The utility model relates to household articles, in particular to a folding clothes drying rack."),
        ("背景技术", "Background"),
        ("现有的晾衣架占用空间大，收纳不便。", "Existing drying racks take up much space and are hard to store."),
        ("权利要求书", "Claims"),
        ("1. 一种折叠式晾衣架，其特征在于，包括底座、立杆和横杆。",
         "1. A folding clothes drying rack, characterized by comprising a base, an upright and a crossbar."),
        ("2. 根据权利要求1所述的折叠式晾衣架，其特征在于，所述横杆可绕立杆转动。",
         "2. The folding clothes drying rack according to claim 1, wherein the crossbar can rotate about the upright."),
    ])
    assert found.get("技术领域") == "Technical Field" and found.get("权利要求书") == "Claims", found


def test_a_localiser_jieba_joins_to_a_noun_character_ends_an_adverbial():
    """螺栓设置在螺栓孔内 "the bolts being arranged in the bolt holes": jieba cuts 螺栓 | 孔内,
    its HMM coining 孔内 of the noun character 孔 and the localiser 内, so the place
    adverbial 螺栓孔内 "in the bolt holes" did not end in a localiser word and was listed as
    a composition.  A word of two characters neither dictionary knows whose second is a
    localiser ends an adverbial as the localiser does."""
    found = _listed([
        ("法兰盘上均匀分布八个螺栓孔，螺栓设置在螺栓孔内。",
         "Eight bolt holes are evenly spaced on the flange plate, the bolts being arranged in the bolt holes."),
        ("螺栓的规格为M16，螺栓采用高强度钢制成。", "The bolts are M16 and made of high-strength steel."),
        ("拧紧螺栓前，应检查法兰盘的密封面。", "Before tightening the bolts, check the sealing face of the flange plate."),
        ("法兰盘与管道焊接，螺栓孔与相邻法兰盘对齐。",
         "The flange plate is welded to the pipe, and the bolt holes are aligned with the adjacent flange plate."),
    ])
    assert "螺栓孔内" not in found, found
    assert found.get("螺栓孔") == "bolt holes", found


# The session's own unseen document, held out from its fixes, graded as
# ``bench/terms_quality.py --extra bench/terms/extra/tender-doc`` grades it (the real ``tm
# align``, ``glossary extract`` and ``glossary check`` on a temporary database).  Floors: the
# figures measured at the end of session 33 (docs/extract.md); issue 10's targets are far
# higher, these only stop regressions.
TENDER_FLOORS = {
    # session 33 end: 74 candidates, recall 0.370 (37/100 T1), precision 0.595, rendering
    # 0.919, report 0.667 (6/9 known cases), cover 0.597, 4.89 findings a known problem
    "recall": 0.370, "precision": 0.595, "rendering": 0.919, "report": 0.667, "coverage": 0.597,
}


@pytest.mark.slow
def test_the_tender_documents_figures_hold():
    # (session 34: 5.00, 45 findings; the heading 招标公告 "Invitation to Tender" found, whose
    # word 招标 the report reads as "tender" beside 投标人's and 招标's)
    extra_document_holds("tender-doc", TENDER_FLOORS, most_findings_per_problem=5.00)
