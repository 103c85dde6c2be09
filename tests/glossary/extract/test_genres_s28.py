"""Session 28: term candidates on documents of six more genres (a services contract, a
patent's claims, software release notes, an annual report, an appliance's manual, an
English press release translated into Chinese).  Sentences written for the tests."""

from glossary.extract.extractor import extract
from glossary.extract.zh import Segmenter, occurrences
from tm.models import TranslationUnit


def pairs(*rows):
    return [TranslationUnit(zh=zh, en=en, id=i + 1) for i, (zh, en) in enumerate(rows)]


def test_a_first_person_pronoun_of_a_country_or_a_region_is_no_part_of_the_name_after_it():
    """An annual report's 我国新能源汽车 "China's new energy vehicles": 我国 "our country"
    (as 我省, 我市, 我方) is the speaker's pronoun, no front of the name; 我国新能源汽车 was a
    candidate rendered "new energy vehicles reached"."""
    seg = Segmenter()
    terms = {o.term for o in occurrences("2025年，我国新能源汽车产销量分别完成1,288.8万辆。", seg)}
    assert "新能源汽车" in terms and not any(t.startswith("我") for t in terms), terms
    terms = {o.term for o in occurrences("我省数字经济规模位居全国前列。", seg)}
    assert "数字经济" in terms and not any(t.startswith("我") for t in terms), terms


def spans(term, context, en):
    from glossary.extract.pairing import EnglishUnit, pair
    return [s.text for s in pair(term, EnglishUnit(en), context=context)]


def test_a_rendering_in_british_spelling_is_read_with_the_american_gloss():
    """A patent's 氧化铝 "aluminium oxide": CC-CEDICT glosses "aluminum oxide", and the
    rendering was "oxide" alone; 硫酸 "sulphuric acid" was "acid"."""
    assert spans("氧化铝", "所述包覆层为氧化铝。", "The coating layer is aluminium oxide.") == ["aluminium oxide"]
    assert spans("硫酸", "加入稀硫酸。", "Add dilute sulphuric acid.") == ["sulphuric acid"]


def test_a_word_the_linking_particle_zhi_begins_is_no_term():
    """A contract's 自签字之日起生效 "from the date of signing": jieba tags 之日起 a place name,
    and it was a candidate rendered "date"; 之前, 之间, 之一 are localisers and formulas of
    the same particle, which parts phrases as 的 does."""
    units = pairs(("甲方应于本合同签订之日起十五个工作日内付款。",
                   "Party A shall pay within fifteen working days of the signing of this Contract."),
                  ("本合同自双方签字并加盖公章之日起生效。",
                   "This Contract shall come into force on the date on which it is signed and sealed by both Parties."),
                  ("保密义务在本合同终止之日起五年内继续有效。",
                   "The confidentiality obligations shall survive for five years after the termination of this Contract."))
    found = {c.zh for c in extract(units, min_score=-99)}
    assert not any(t.startswith("之") or "之日" in t for t in found), found


def test_an_anaphoric_determiner_inside_a_run_begins_the_name():
    """A claim's 得到所述正极材料 "to obtain said cathode material": 所述 begins the noun phrase
    it points back with, and the verb before it is the clause's; 得到所述正极材料 was a
    candidate, and 正极材料, written so in every claim, was none (so its two renderings,
    "positive electrode material" and "cathode material", went unreported)."""
    seg = Segmenter()
    terms = {o.term for o in occurrences("S4、将产物在500℃下热处理4小时，得到所述正极材料。", seg)}
    assert "正极材料" in terms and not any(t.startswith(("得到", "所述")) for t in terms), terms
    units = pairs(("所述正极材料包括基体材料。", "The positive electrode material comprises a matrix material."),
                  ("热处理后得到所述正极材料。", "After heat treatment, the positive electrode material is obtained."),
                  ("冷却后得到所述正极材料。", "After cooling, the cathode material is obtained."))
    found = {c.zh: c for c in extract(units, min_score=-99)}
    assert "正极材料" in found and not any(t.startswith("得到") for t in found), sorted(found)


def test_a_rendering_spans_no_article_that_begins_another_noun_phrase():
    """"Party B shall keep confidential the trade secrets of Party A": "the" after a content
    word begins the next noun phrase, and 商业秘密 was rendered "confidential the trade"
    (confidential glosses 秘密 as well as "secrets" does), tied with "trade secrets"."""
    assert spans("商业秘密", "乙方对在履行本合同过程中知悉的甲方商业秘密负有保密义务。",
                 "Party B shall keep confidential the trade secrets of Party A that it learns in the "
                 "performance of this Contract.") == ["trade secrets"]
    # an article after a preposition stays inside a name
    assert spans("国务院办公厅", "国务院办公厅印发通知。",
                 "The General Office of the State Council issued a notice.") == \
        ["General Office of the State Council"]
