"""Session 26: term candidates on a new user's documents of other genres (a device leaflet,
an academic abstract with references, a patent's claims, an app's release note).  Sentences
written for the tests."""

from glossary.extract.extractor import extract
from glossary.extract.zh import Segmenter, occurrences
from tm.models import TranslationUnit


def pairs(*rows):
    return [TranslationUnit(zh=zh, en=en, id=i + 1) for i, (zh, en) in enumerate(rows)]


def names(units):
    return {c.zh for c in extract(units, min_score=-99)}


def test_a_unit_of_measure_after_its_number_is_no_name():
    """mmol, μmol, MB, GWh written after a number (or after μ) are units, not Latin names
    the translator kept; μmol·mol⁻¹ gave a candidate "mol" seen 13 times in one abstract."""
    units = pairs(("测量范围为1.1～33.3 mmol/L。", "The measuring range is 1.1-33.3 mmol/L."),
                  ("CO2浓度为400 μmol·mol⁻¹。", "The CO2 concentration was 400 μmol·mol⁻¹."),
                  ("光强为1200 μmol·m⁻²·s⁻¹。", "The light intensity was 1,200 μmol·m⁻²·s⁻¹."),
                  ("大于 25 MB 的附件将在后台上传。", "Attachments larger than 25 MB are uploaded in the background."),
                  ("导入大于 200 MB 的文件需要几分钟。", "Importing files larger than 200 MB takes minutes."),
                  ("储能电池销量达到12.3GWh。", "Sales of energy storage batteries reached 12.3 GWh."),
                  ("新增产能30GWh。", "New capacity of 30 GWh was added."))
    found = names(units)
    assert not found & {"mol", "mmol", "MB", "GWh"}, found


def test_a_unit_written_after_a_number_is_no_front_of_the_phrase_after_it():
    """3V锂电池 "a 3 V lithium battery": the V is the number's, as 年度 of 2025年度 is."""
    seg = Segmenter()
    terms = {o.term for o in occurrences("电源：3V锂电池（CR2032）一粒，可测试约1000次。", seg)}
    assert "锂电池" in terms and not any(t.startswith("V") for t in terms), terms
    terms = {o.term for o in occurrences("新增产能30GWh储能电池。", seg)}
    assert "储能电池" in terms and not any(t.startswith("GWh") for t in terms), terms


def test_the_words_of_english_prose_the_chinese_quotes_are_no_names():
    """A reference list keeps an English title as it is: Stomatal, Annual, Review are words
    of that title, not names the translator kept in Latin letters."""
    units = pairs(("[2] Farquhar G D，Sharkey T D. Stomatal conductance and photosynthesis[J]. "
                   "Annual Review of Plant Physiology，1982，33：317-345.",
                   "[2] Farquhar G D, Sharkey T D. Stomatal conductance and photosynthesis[J]. "
                   "Annual Review of Plant Physiology, 1982, 33: 317-345."),
                  ("重度干旱处理下Gs下降了71.8%。", "Under severe drought, Gs decreased by 71.8%."),
                  ("中度干旱处理下Gs下降了40.2%。", "Under moderate drought, Gs decreased by 40.2%."))
    found = names(units)
    assert not found & {"Stomatal", "Annual", "Review", "Plant", "Physiology", "Sharkey"}, found
    assert "Gs" in found


def test_a_markup_tags_name_is_no_name():
    """<kbd>Esc</kbd> in an interface string: kbd is HTML, Esc the key's name."""
    units = pairs(("按 <kbd>Esc</kbd> 关闭此对话框。", "Press <kbd>Esc</kbd> to close this dialog."),
                  ("按 <kbd>Enter</kbd> 确认。", "Press <kbd>Enter</kbd> to confirm."))
    found = names(units)
    assert "kbd" not in found and "Esc" in found, found


def spans(term, context, en):
    from glossary.extract.pairing import EnglishUnit, pair
    return [s.text for s in pair(term, EnglishUnit(en), context=context)]


def test_a_rendering_takes_in_no_number_the_term_does_not_hold():
    """A regulation's "Article 11" and a claim's "10-20 parts of" are no part of the noun
    after them; a term that holds a number may take one."""
    from glossary.extract.pairing import EnglishUnit, scored_spans
    offered = {s.text for s in scored_spans("勃姆石颗粒", EnglishUnit("10-20 parts of boehmite particles"),
                                            context="勃姆石颗粒10～20份")}
    assert "boehmite particles" in offered and not any(s[0].isdigit() for s in offered), offered
    assert not any(s[0].isdigit() for s in spans(
        "数据利用主体", "第十一条 数据利用主体可以直接获取。", "Article 11 Data users may obtain it directly."))


def test_a_rendering_spans_no_modal_verb():
    """"Data users shall use", "Data users may obtain … public data": a modal verb begins the
    clause's predicate; a term's rendering is on one side of it."""
    found = spans("数据利用主体", "第十一条 无条件开放类公共数据，数据利用主体可以通过开放平台直接获取。",
                  "Article 11 Data users may obtain unconditionally open public data directly through "
                  "the open platform.")
    assert not any(" may " in s for s in found), found
    found = spans("数据利用主体", "数据利用主体应当按照数据利用协议使用公共数据。",
                  "Data users shall use public data in accordance with the data use agreement.")
    assert not any(" shall " in s for s in found), found


def test_a_companys_name_keeps_its_form():
    """有限公司 "Co., Ltd.": the name's rendering was cut at the full stop of "Co"."""
    assert spans("江州康宁医疗器械有限公司", "生产企业：江州康宁医疗器械有限公司",
                 "Manufacturer: Jiangzhou Kangning Medical Devices Co., Ltd.") == \
        ["Jiangzhou Kangning Medical Devices Co., Ltd."]
    assert spans("北京华信科技有限公司", "甲方指北京华信科技有限公司，包括其继受人。",
                 "Party A means Beijing Huaxin Technology Co., Ltd., including its successors.") == \
        ["Beijing Huaxin Technology Co., Ltd."]


def test_a_formulas_or_a_measurements_sign_is_no_edge_of_a_term():
    """×100%计算 gave %计算, 相对湿度≤93% gave 相对湿度≤, RWC＝ kept its full-width sign."""
    seg = Segmenter()
    terms = {o.term for o in occurrences(
        "叶片相对含水量（RWC）按公式RWC＝（FW－DW）/（TW－DW）×100%计算，其中H2O含量以鲜重计。", seg)}
    assert not any(t[0] in "%％＝≤" or t[-1] in "%％＝≤" for t in terms), terms
    terms = {o.term for o in occurrences("血糖仪应在温度-20℃～55℃、相对湿度≤93%的环境中储存。", seg)}
    assert "相对湿度" in terms and "相对湿度≤" not in terms, terms


def test_a_modal_of_duty_after_the_subject_is_no_part_of_it():
    """血糖仪 | 应 | 在…储存 "the meter shall be stored …": 应 begins the predicate."""
    seg = Segmenter()
    terms = {o.term for o in occurrences("血糖仪应在温度-20℃～55℃的环境中储存。", seg)}
    assert "血糖仪" in terms and "血糖仪应" not in terms, terms
    terms = {o.term for o in occurrences("数据开放主体应当落实数据安全责任。", seg)}
    assert not any(t.endswith("应当") for t in terms), terms


def test_a_formula_written_with_subscripts_is_one_word():
    """H₂O and CO₂ in the English are the Chinese's H2O and CO2: the rendering of H2O含量 was
    "O content" (the subscript cut the word)."""
    assert spans("H2O含量", "其中H2O含量以鲜重计。", "where the H₂O content is based on fresh weight") == \
        ["H₂O content"]
    assert spans("胞间CO2浓度", "测定了胞间CO2浓度（Ci）", "intercellular CO₂ concentration (Ci) was measured") == \
        ["intercellular CO₂ concentration"]


def test_a_rendering_spans_no_preposition_of_two_words():
    """Every dependent claim reads "the composite separator according to claim 1": the span of
    复合隔膜 took "according" in (a word no gloss explains).  A term that holds a preposition
    itself (按职责分工负责 "… according to their respective duties") may span one."""
    ctx = "10. 一种锂离子电池，其特征在于，包括正极片、负极片、电解液以及如权利要求1至6任一项所述的复合隔膜。"
    en = ("10. A lithium-ion battery, characterized in that it comprises a positive electrode sheet, a "
          "negative electrode sheet, an electrolyte and the composite separator according to any one of "
          "claims 1 to 6.")
    assert spans("复合隔膜", ctx, en) == ["composite separator"]
    from glossary.extract.pairing import EnglishUnit
    assert EnglishUnit("as due to rain, according to law, prior to 2025, due diligence").prepositions == {1, 5, 9}


def test_an_anaphoric_determiner_is_no_part_of_the_name_it_points_back_at():
    """A claim's 所述陶瓷涂层 "said ceramic coating", a report's 上述经营计划 "the above
    business plan": the name is what follows, and it stays a candidate."""
    seg = Segmenter()
    for text, name in (("所述陶瓷涂层的厚度为1～4 μm。", "陶瓷涂层"),
                       ("前述复合隔膜可用于锂离子电池。", "复合隔膜"),
                       ("上述经营计划不构成公司对投资者的业绩承诺。", "经营计划")):
        terms = {o.term for o in occurrences(text, seg)}
        assert name in terms and not any(t.endswith(name) and t != name for t in terms), terms
