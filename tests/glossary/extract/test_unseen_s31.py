"""Session 31: general faults seen on two unseen documents written for the bench (a drug's
package insert and a GB/T-style charging specification, ``bench/terms/extra/``), graded
against a terminologist's gold written before extraction.  Sentences written for the tests
(an energy-storage specification, a catheter's instructions for use, a battery standard's
tests), none taken from those documents."""

from glossary.extract.extractor import DEFAULT_MIN_SCORE, extract
from glossary.extract.zh import Segmenter, occurrences
from tm.models import TranslationUnit


def _units(pairs):
    return [TranslationUnit(zh=z, en=e, id=i) for i, (z, e) in enumerate(pairs, 1)]


def _listed(pairs):
    return {c.zh: c.en for c in extract(_units(pairs)) if c.score >= DEFAULT_MIN_SCORE}


def _cues(text, seg):
    found = {}
    for o in occurrences(text, seg):
        found.setdefault(o.term, set()).update(o.cues)
    return found


def test_a_standards_terms_and_definitions_entry_defines_its_term():
    """3.1　储能变流器　power conversion system: a standard's entry gives the clause number,
    the term and its English equivalent, then the definition.  Each term is said once or twice,
    its entry a bare chunk (0.3), and fell below the list however well it was rendered."""
    seg = Segmenter()
    assert "definition" in _cues("3.1　储能变流器　power conversion system; PCS", seg).get("储能变流器", set())
    assert "definition" in _cues("3.12 荷电状态 state of charge", seg).get("荷电状态", set())
    for text in ("3.1　本标准适用于储能系统。", "3　术语和定义", "3.2　荷电状态"):
        assert not any("definition" in c for c in _cues(text, seg).values()), text
    found = _listed([
        ("3　术语和定义", "3 Terms and definitions"),
        ("3.1　储能变流器　power conversion system", "3.1 power conversion system"),
        ("连接电池系统与电网、实现电能双向转换的装置。",
         "device connecting the battery system to the grid for bidirectional conversion of electric energy"),
        ("3.2　荷电状态　state of charge", "3.2 state of charge"),
        ("电池当前可用容量与额定容量的比值。", "ratio of the currently available capacity of a battery to its rated capacity"),
    ])
    assert found.get("储能变流器", "").casefold() == "power conversion system", found
    assert found.get("荷电状态", "").casefold() == "state of charge", found


def test_a_numbered_clauses_heading_names_its_notion():
    """5.3　防雷接地, 7.2　挤压试验：将电池…: a specification's clause numbered in arabic
    figures is headed by the notion it rules, alone on its line or run in before a colon.  Not a
    numbered sentence, nor a heading holding a function word or a numeral."""
    seg = Segmenter()
    assert "heading" in _cues("5.3　防雷接地", seg).get("防雷接地", set())
    assert "heading" in _cues("7.2　挤压试验：将电池置于两块平板之间。", seg).get("挤压试验", set())
    for text in ("5.1.1　产品应符合国家标准的规定。", "4　储能系统的组成", "2024年　工作总结", "一、总体要求"):
        assert not any("heading" in c for c in _cues(text, seg).values()), text
    found = _listed([
        ("7　试验方法", "7 Test methods"),
        ("7.1　外观检查：目测电池外壳有无变形。", "7.1 Visual inspection: check the battery case for deformation by eye."),
        ("7.2　跌落试验：将电池从1.0m高度自由跌落至水泥地面。",
         "7.2 Drop test: drop the battery freely from a height of 1.0 m onto a concrete floor."),
        ("7.3　短路试验：将电池正负极外部短路10min。",
         "7.3 Short-circuit test: short-circuit the positive and negative terminals externally for 10 min."),
    ])
    for zh, en in (("跌落试验", "drop test"), ("短路试验", "short-circuit test")):
        assert found.get(zh, "").casefold() == en, (zh, found)


def test_a_heading_in_lenticular_brackets_is_rendered_by_the_bracketed_english():
    """【适用范围】 "[Intended Use]": instructions for use head each section with a notion in
    【】, which the translation keeps in brackets.  Seen once, and often no CC-CEDICT gloss
    renders it (结构组成 "Structure and Composition"), the heading had no rendering and no cue."""
    seg = Segmenter()
    assert "heading" in _cues("【适用范围】供临床静脉输液用。", seg).get("适用范围", set())
    assert not any("heading" in c for c in _cues("【请注意】以下内容", seg).values())
    found = _listed([
        ("一次性使用静脉留置针使用说明", "Instructions for Use: Single-use Intravenous Catheter"),
        ("【结构组成】由针管、导管、护套和肝素帽组成。",
         "[Structure and Composition] It consists of a needle, a catheter, a sheath and a heparin cap."),
        ("【适用范围】供临床静脉输液用。", "[Intended Use] For clinical intravenous infusion."),
        ("【灭菌方式】环氧乙烷灭菌。", "[Sterilization] Sterilized by ethylene oxide."),
        ("使用前请检查包装是否完好，如有破损请勿使用，详见【警示】。",
         "Check that the package is intact before use and do not use it if damaged; see [Warnings]."),
    ])
    for zh, en in (("结构组成", "Structure and Composition"), ("适用范围", "Intended Use")):
        assert found.get(zh) == en, (zh, found)


def test_a_modal_of_duty_parts_the_subject_from_its_predicates_object():
    """储能变流器 | 应 | 具备 | 孤岛保护功能 "the PCS shall have anti-islanding protection": a
    requirement's subject, modal, verb and object were one run of content words (jieba tags
    应 a verb), so neither the subject nor the object was a phrase of its own; an acronym's
    name took the subject and the verb with it (逆变器应配置直流电弧故障断路器（AFCI）)."""
    seg = Segmenter()
    chunks = {t for t, c in _cues("储能变流器应具备孤岛保护功能。", seg).items() if "chunk" in c}
    assert {"储能变流器", "孤岛保护功能"} <= chunks and not any("应" in t for t in chunks), chunks
    named = {t for t, c in _cues("逆变器应配置直流电弧故障断路器（AFCI），并定期检测。", seg).items() if "acronym" in c}
    assert named == {"直流电弧故障断路器"}, named
    # a modal at the run's front or end changes nothing, nor a run without one
    assert "储能系统" in _cues("储能系统应当满足以下要求", seg)
    found = _listed([
        ("储能变流器应具备孤岛保护功能。", "The PCS shall provide anti-islanding protection."),
        ("逆变器应配置直流电弧故障断路器（AFCI）。", "The inverter shall be fitted with a DC arc-fault circuit interrupter (AFCI)."),
    ])
    assert "直流电弧故障断路器（AFCI）" in found, found


def test_an_auxiliary_and_its_verb_are_no_part_of_an_acronyms_name():
    """规律运动可使胰岛素抵抗指数（HOMA-IR）下降: the words before （HOMA-IR） back to the last
    boundary were its name, the subject, 可 "can" and 使 "make" with it; the name starts after
    the auxiliary's verb as after a modal of duty's."""
    seg = Segmenter()
    named = {t for t, c in _cues("规律运动可使胰岛素抵抗指数（HOMA-IR）明显下降。", seg).items() if "acronym" in c}
    assert named == {"胰岛素抵抗指数"}, named
    named = {t for t, c in _cues("自适应滤波可提高信噪比（SNR）。", seg).items() if "acronym" in c}
    assert named == {"信噪比"}, named


def test_a_fields_label_before_a_value_named_in_words_is_a_term():
    """产品名称：便携式储能电源: a data sheet's or a leaflet's field whose value is a name in
    words, alone on its line (session 30's label cue took only values starting with a digit or
    a Latin letter, 额定电压：220V).  Not an instruction (请注意：…), nor a label before a
    sentence (工作目标：到2027年，建成…) or a predicate (状态：已经关闭)."""
    seg = Segmenter()
    assert "label" in _cues("产品名称：便携式储能电源", seg).get("产品名称", set())
    assert "label" in _cues("生产企业：华夏新能源科技有限公司", seg).get("生产企业", set())
    for text in ("请注意：不要折叠电源线", "工作目标：到2027年，建成一批平台", "状态：已经关闭"):
        assert not any("label" in c for c in _cues(text, seg).values()), text
    found = _listed([
        ("产品名称：便携式储能电源", "Product name: Portable Power Station"),
        ("使用前请阅读本说明书。", "Read this manual before use."),
    ])
    assert found.get("产品名称", "").casefold() == "product name", found


def test_a_term_entrys_english_equivalent_is_no_latin_name_of_the_text():
    """3.2　电偶腐蚀　galvanic corrosion: the English equivalent a standard's entry gives
    glosses the term, as a bracketed English gloss does; a word of it outside CC-CEDICT's
    English vocabulary ("galvanic") was proposed as a Latin name kept in the Chinese."""
    found = {c.zh for c in extract(_units([
        ("3.1　传导发射　conducted emission", "3.1 conducted emission"),
        ("3.2　电偶腐蚀　galvanic corrosion", "3.2 galvanic corrosion"),
        ("两种不同金属接触时发生的腐蚀。", "corrosion occurring when two dissimilar metals are in contact"),
    ]), min_score=-99)}
    assert "电偶腐蚀" in found and not any(z.isascii() for z in found), found


def test_a_recurring_name_jieba_cuts_into_morphemes_is_rendered_from_the_memory():
    """吡格列酮 "pioglitazone" (jieba: 吡格 | 列 | 酮, 酮 a bound morpheme ``g``): a drug's or a
    chemical's name neither dictionary lists; no gloss renders it and the statistics take no
    morpheme, so it stayed without a rendering, below the list, however often it recurred."""
    found = _listed([
        ("吡格列酮可改善胰岛素抵抗。", "Pioglitazone improves insulin resistance."),
        ("心力衰竭患者禁用吡格列酮。", "Pioglitazone is contraindicated in patients with heart failure."),
        ("吡格列酮每日一次给药，与进餐无关。", "Pioglitazone is taken once daily, with or without meals."),
        ("服用吡格列酮期间应监测肝功能。", "Monitor liver function during treatment with pioglitazone."),
    ])
    assert found.get("吡格列酮", "").casefold() == "pioglitazone", found


def test_the_item_after_the_conjunction_ends_an_enumeration():
    """A、B、C和D: the last item, joined by 和 (及, 或 …) to the one before it in the last piece
    between 、, was no item of the series (the piece's first run was taken), so 碳酸氢钠 had no
    enumeration cue and no place in the English series.  Not a 与 "with" inside a clause
    (将外壳与接地端子相连接的导线), nor a run the clause goes on after (…和数据的研发)."""
    seg = Segmenter()
    items = {o.term: o.enum for o in occurrences("本品主要成分为柠檬酸钠、氯化钾、无水葡萄糖和碳酸氢钠。", seg)
             if "enumeration" in o.cues}
    assert items.get("碳酸氢钠") == (1, 3, 4), items
    items = {o.term for o in occurrences("用于连接机柜、配电箱与接地端子相连接的导线。", seg) if "enumeration" in o.cues}
    assert not any("相连接" in t for t in items), items
    items = {o.term for o in occurrences("加强芯片、算法和数据的研发。", seg) if "enumeration" in o.cues}
    assert "数据" not in items, items
    found = _listed([("本品主要成分为柠檬酸钠、氯化钾、无水葡萄糖和碳酸氢钠。",
                      "The main ingredients are sodium citrate, potassium chloride, anhydrous glucose "
                      "and sodium bicarbonate.")])
    assert found.get("碳酸氢钠", "").casefold() == "sodium bicarbonate", found


def _stats(texts):
    from glossary.extract.lexicon import nominal_word
    from glossary.extract.stats import corpus_terms, english_word
    from glossary.extract.zh import FRAME, GENERIC
    return corpus_terms(texts, Segmenter(), frame=FRAME, english_vocabulary=english_word, generic=GENERIC,
                        nominal_word=nominal_word)


def test_a_rare_non_predicate_adjective_starts_a_repeated_sequence():
    """额定 "rated" (jieba ``b``, 99 in its counts): a field's modifier, like an adjective, starts
    the repeated sequence 额定扭矩 "rated torque"; the everyday non-predicate adjectives (所有
    "all", 公共) still start none, as the statistics have always had it."""
    found = _stats(["电机的额定扭矩为30N·m，所有设备均应接地。", "在额定扭矩下连续运行，所有设备保持开启。",
                    "铭牌上应标注电机型号，所有设备均需检查。"])
    assert "额定扭矩" in found and "所有设备" not in found, sorted(found)


def test_a_word_jiebas_dictionary_lacks_is_of_an_open_class():
    """急停 "emergency stop": jieba's dictionary lacks it and its HMM tags it an adverb, so
    the statistics ended every run at it and 急停按钮 was no sequence however often it recurred.
    Jieba's closed classes (adverbs, prepositions, conjunctions, pronouns, particles) are all
    in its dictionary."""
    found = _stats(["按下急停按钮后设备立即停机。", "急停按钮应为红色蘑菇头。", "每班开机前检查急停按钮是否有效。"])
    assert "急停按钮" in found, sorted(found)
    assert "立即停机" not in found, sorted(found)     # 立即 "at once" is an adverb jieba lists


def test_a_measure_word_after_a_noun_or_verb_is_a_noun():
    """充电 | 桩: jieba tags 桩 a classifier (``q``) before 、 and a noun elsewhere; a classifier
    with no numeral or demonstrative before it measures nothing, and the statistics ended the
    run at it, so 充电桩 counted once in three.  After a numeral it stays a classifier."""
    from glossary.extract.stats import tokens
    seg = Segmenter()
    found = _stats(["小区内建有充电桩、停车位和快递柜。", "本市共建成公共充电桩、换电站两类设施。", "新建小区应配套建设充电桩。"])
    assert "充电桩" in found and found["充电桩"].freq == 3, sorted(found)
    assert [t.pos for t in tokens("新建3座换电站", seg) if t.text == "座"] == ["q"]
