"""Session 32 (helper "render7"): renderings and the consistency report on documents of other
genres (a GB/T-style standard, a drug's package insert, an insurance policy's wording), for
general reasons of the pairing and the report.  Sentences written for the tests."""

import pytest

from glossary.extract.cooccur import Cooccurrence


def test_a_phrase_of_the_memory_starts_with_no_clause_number():
    """A standard's definition "3.3 vehicle connector" took "3 vehicle" (its clause number's last
    digits and a word) for 车辆插头: read from the memory, the phrase with the number was found in
    that unit alone and so matched the term's units better than the translator's "vehicle
    connector", written again in a clause further on.  A bare number (a clause number, a count)
    opens no rendering."""
    memory = Cooccurrence(["3.3 vehicle connector", "5.4.1 The vehicle connector shall have a latching device.",
                           "3.4 vehicle inlet"])
    best = memory.best([0], prior=lambda key: 0.5 if "vehicl" in key else 0.0, min_dice=0.6)
    assert best is not None and best[0] == ("vehicl", "connector"), best
    assert not [key for key in memory.units_of if key[0].isdigit()]


def _collisions(db):
    from glossary.termbase.consistency import check

    return [sorted(f.zh) for f in check(db) if f.kind == "collision"]


def test_two_terms_read_from_one_span_where_their_mentions_touch_do_not_collide(db_path):
    """乳酸 and 酸中毒 of a package insert's 乳酸性酸中毒 both read "lactic acidosis": the
    pairing took one English span for two Chinese words written side by side (one character
    apart, or sharing one: 重大疾病 and 疾病保险金 of 重大疾病保险金).  A term that reads the
    rendering only where its mention touches the other's is no second term given one
    rendering; the collision was a false finding."""
    from tm import TranslationUnit
    from tm.memory.store import import_units

    from glossary.termbase.store import open_termbase, store_candidates

    from _terms import cand

    db = open_termbase(db_path)
    import_units(db, [
        TranslationUnit(zh="糖尿病性肾病进展缓慢。", en="Diabetic nephropathy progresses slowly."),
        TranslationUnit(zh="应定期筛查糖尿病性肾病。", en="Screen for diabetic nephropathy regularly."),
        TranslationUnit(zh="糖尿病患者出现糖尿病性肾病时应调整剂量。",
                        en="Adjust the dose when diabetic nephropathy develops in diabetes."),
    ])
    store_candidates(db, [cand("肾病", ("diabetic nephropathy", 2, [1, 2])),
                          cand("糖尿病", ("diabetic nephropathy", 3, [1, 2, 3]))])
    assert _collisions(db) == []


def test_two_terms_given_one_rendering_in_units_of_their_own_still_collide(db_path):
    """The same two terms reading "diabetic nephropathy" where each is written alone: the
    translation gives two terms one rendering, which the report names."""
    from tm import TranslationUnit
    from tm.memory.store import import_units

    from glossary.termbase.store import open_termbase, store_candidates

    from _terms import cand

    db = open_termbase(db_path)
    import_units(db, [
        TranslationUnit(zh="肾病进展缓慢。", en="Diabetic nephropathy progresses slowly."),
        TranslationUnit(zh="应定期筛查糖尿病。", en="Screen for diabetic nephropathy regularly."),
    ])
    store_candidates(db, [cand("肾病", ("diabetic nephropathy", 1, [1])),
                          cand("糖尿病", ("diabetic nephropathy", 1, [2]))])
    assert _collisions(db) == [["糖尿病", "肾病"]]


def _renderings(units):
    from tm.models import TranslationUnit

    from glossary.extract.extractor import extract

    found = extract([TranslationUnit(zh=zh, en=en, id=i) for i, (zh, en) in enumerate(units, 1)])
    return {c.zh: {r.en: r.units for r in c.renderings} for c in found}


def test_a_learnt_phrase_takes_in_no_clause_number_beside_the_term():
    """A contract's heading 第十二条　押金退还 "Article 12 Refund of Deposit": the word alignment
    links 十二 to "12" and the phrase it gives the term's mention ran over it, so the heading's
    rendering was "12 Refund of Deposit", another rendering than the same heading's "Refund of
    Deposit" further on.  A number the glosses left out of the span is not the term's."""
    found = _renderings([
        ("第十二条　押金退还", "Article 12 Refund of Deposit"),
        ("租期届满后，出租人应在七日内办理押金退还。",
         "When the lease expires, the landlord shall refund the deposit within seven days."),
        ("第十三条　转租", "Article 13 Subletting"),
        ("未经出租人书面同意，承租人不得转租。", "The tenant shall not sublet without the landlord's written consent."),
        ("第十四条　押金退还的条件", "Article 14 Conditions for Refund of Deposit"),
    ])
    assert found["押金退还"].get("Refund of Deposit") == [1, 5], found["押金退还"]
    assert not [r for r in found["押金退还"] if r[0].isdigit()], found["押金退还"]


def test_a_rendering_does_not_run_across_two_coordinates_of_one_build():
    """"at rated voltage and rated current": 额定电压 took "rated voltage and rated" (the
    second "rated" renders 额定 again, so the longer span scored as well and won), and once
    that is gone "voltage and rated"; an insert's 胰岛素 took "insulin or insulin" of "insulin
    or insulin secretagogues".  The words after an "and" that repeat the ones before it open
    the next coordinate: no rendering runs across it, unless the term joins two words itself."""
    from glossary.extract.pairing import EnglishUnit, pair

    assert [s.text for s in pair("额定功率", EnglishUnit("The motor shall run at rated power and rated speed for 2 h."),
                                 context="电机应在额定功率和额定转速下运行2h。")] == ["rated power"]
    found = _renderings([
        ("本品可与胰岛素联合使用。", "It may be used in combination with insulin."),
        ("与胰岛素或胰岛素促泌剂合用时，应减少剂量。",
         "When it is combined with insulin or insulin secretagogues, reduce the dose."),
        ("胰岛素需冷藏保存。", "Insulin must be kept refrigerated."),
    ])
    assert not [r for r in found["胰岛素"] if " or " in r], found["胰岛素"]


def test_the_words_before_the_acronym_both_sides_write_are_the_terms_expansion():
    """剩余电流保护器（RCD） "residual current device (RCD)": no gloss of 保护器 is "device", so the
    expansion read only part of the term and fell below the least cover, and the term took the
    acronym alone or "residual operating current" of the next clause.  Where the Chinese writes
    the acronym in brackets after the term and the English after some words, those words are
    the expansion, as an enumeration's item is placed by structure."""
    from glossary.extract.pairing import EnglishUnit, pair

    def rendered(term, zh, en, acronym):
        return [s.text for s in pair(term, EnglishUnit(en), context=zh, acronyms=[acronym])]

    assert rendered("剩余电流保护器", "配电箱内应安装剩余电流保护器（RCD），其动作电流不大于30mA。",
                    "A residual current device (RCD) with an operating current of not more than 30 mA "
                    "shall be installed in the distribution box.", "RCD") == ["residual current device"]
    # an expansion the glosses read whole keeps its words ("surge" of no gloss of 电涌 included)
    assert rendered("电涌保护器", "配电箱进线端应安装电涌保护器（SPD）。",
                    "A surge protective device (SPD) shall be installed at the incoming end of the "
                    "distribution box.", "SPD") == ["surge protective device"]


def test_a_longer_terms_rendering_read_for_a_term_inside_it_is_no_second_rendering(db_path):
    """盐酸二甲双胍 "metformin hydrochloride" ×3 was reported as also rendered "Metformin
    Hydrochloride Extended-release Tablets" ×2: those two readings are the units where the
    product's name 盐酸二甲双胍缓释片 is written, which reads the same words there — one span
    read twice, the longer term's rendering (as two nested terms sharing it are no collision)."""
    from tm import TranslationUnit
    from tm.memory.store import import_units

    from glossary.termbase.consistency import check
    from glossary.termbase.store import open_termbase, store_candidates

    from _terms import cand

    db = open_termbase(db_path)
    import_units(db, [
        TranslationUnit(zh="阿司匹林肠溶片说明书", en="Package Insert for Aspirin Enteric-coated Tablets"),
        TranslationUnit(zh="通用名称：阿司匹林肠溶片", en="Generic name: Aspirin Enteric-coated Tablets"),
        TranslationUnit(zh="每片含阿司匹林100mg。", en="Each tablet contains 100 mg of aspirin."),
        TranslationUnit(zh="对阿司匹林过敏者禁用。", en="Contraindicated in patients allergic to aspirin."),
    ])
    store_candidates(db, [cand("阿司匹林", ("aspirin", 2, [3, 4]),
                               ("Aspirin Enteric-coated Tablets", 2, [1, 2])),
                          cand("阿司匹林肠溶片", ("Aspirin Enteric-coated Tablets", 2, [1, 2]))])
    assert not [f.zh for f in check(db) if f.kind == "renderings"]
    # rendered otherwise where it stands alone, the term is reported as before
    store_candidates(db, [cand("阿司匹林", ("aspirin", 1, [3]), ("acetylsalicylic acid", 1, [4]),
                               ("Aspirin Enteric-coated Tablets", 2, [1, 2]))])
    assert [f.zh for f in check(db) if f.kind == "renderings"] == [["阿司匹林"]]


def test_of_two_renderings_used_as_often_the_top_one_is_the_shorter():
    """额定电压 read "rated supply voltage" (of 供电电源额定电压, whose 供电 the English puts
    inside) in one unit and "rated voltage" in another; 分片上传 "parts that are uploaded" and
    "multipart upload": the first seen was the top rendering.  Used as often, the longer one holds
    the pairing's overshoot or a paraphrase; the top rendering is the one of fewest words."""
    from glossary.models import Candidate, Rendering

    def top(*renderings):
        return Candidate("额定电压", "", [Rendering(en, n, []) for en, n in renderings], count=3, score=1.0).en

    assert top(("rated supply voltage", 1), ("rated voltage", 1)) == "rated voltage"
    assert top(("rated supply voltage", 2), ("rated voltage", 1)) == "rated supply voltage"    # more used
    assert top(("nominal voltage", 1), ("rated voltage", 1)) == "nominal voltage"    # as long: the first
