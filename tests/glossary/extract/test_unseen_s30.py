"""Session 30: general faults seen on four unseen documents (a water heater's manual, a
battery patent, a services contract, a municipal regulation on public data), graded
against a terminologist's gold written before extraction.  Sentences written for the tests
(a portable power station's data sheet, a router's manual, an order form)."""

from glossary.extract.extractor import DEFAULT_MIN_SCORE, extract
from glossary.extract.zh import Segmenter, occurrences
from tm.models import TranslationUnit


def _units(pairs):
    return [TranslationUnit(zh=z, en=e, id=i) for i, (z, e) in enumerate(pairs, 1)]


def test_a_fields_label_before_its_value_is_a_term():
    """A data sheet names each quantity once, before its value (输出电压：110V): the label was
    a bare chunk of content words seen once (cue weight 0.3) and fell below the list however
    well the English "Output voltage: 110 V" rendered it."""
    units = _units([
        ("便携式储能电源", "Portable Power Station"),
        ("技术规格", "Specifications"),
        ("输出电压：110V，输出频率：60Hz。", "Output voltage: 110 V; output frequency: 60 Hz."),
        ("电池容量：500Wh。", "Battery capacity: 500 Wh."),
        ("充电时间：4h。", "Charging time: 4 h."),
        ("请在充满电后拔下充电器。", "Unplug the charger once the battery is full."),
    ])
    found = {c.zh: c.en for c in extract(units) if c.score >= DEFAULT_MIN_SCORE}
    for zh, en in (("输出电压", "Output voltage"), ("电池容量", "Battery capacity"), ("充电时间", "Charging time")):
        assert zh in found and found[zh].casefold() == en.casefold(), (zh, found)


def test_a_label_is_a_noun_phrase_starting_its_clause():
    """Not an instruction before a colon (请注意：, 显示：), nor words inside a clause."""
    seg = Segmenter()
    labels = {o.term for o in occurrences("订单编号：A-2031，联系电话：13800000000。", seg) if "label" in o.cues}
    assert labels == {"订单编号", "联系电话"}, labels
    for text in ("请注意：5分钟后自动关机。", "显示屏显示：E2。", "如果指示灯闪烁，路由器重启后显示：WAN断开。"):
        labels = {o.term for o in occurrences(text, seg) if "label" in o.cues}
        assert not labels, (text, labels)
    labels = {o.term for o in occurrences("产品型号：这是说明。", seg) if "label" in o.cues}
    assert not labels, labels         # a value in words is no measured or coded value


def _all(*pairs):
    return {c.zh: c.score for c in extract(_units(pairs), min_score=-99)}


def test_a_verb_before_a_series_governs_the_whole_series():
    """A regulation's 保护 | 自然人、法人…: the verb before the first item was part of it, so the
    first item was the candidate 保护自然人 "protect natural persons" and the term 自然人 was
    never proposed (the run 保护自然人 stays a bare chunk)."""
    found = _all(("本法适用于涉及药品、医疗器械、化妆品的广告。",
                  "This Law applies to advertisements involving drugs, medical devices and cosmetics."))
    assert "药品" in found and found["涉及药品"] < DEFAULT_MIN_SCORE, found
    found = _all(("保护消费者、经营者和其他市场主体的合法权益。",
                  "Protect the lawful rights and interests of consumers, business operators and other market players."))
    assert found.get("消费者", -99) > found["保护消费者"], found


def test_a_verb_the_english_does_not_write_is_a_modifier():
    """Jieba tags 虚拟 "virtual" a verb (CC-CEDICT: "to imagine; to make up; … virtual"); the
    English writes no such verb, so it stays in its item.  Nor a verbal noun after the verb
    (入侵 | 检测 "intrusion detection"), nor when the other items start with verbs too."""
    found = _all(("建设虚拟实验室、智能研修平台、数字教材系统。",
                  "Build virtual laboratories, intelligent training platforms and digital textbook systems."))
    assert "虚拟实验室" in found, found
    found = _all(("部署入侵检测、日志审计、漏洞扫描等工具。",
                  "Deploy tools for intrusion detection, log auditing and vulnerability scanning."))
    assert "入侵检测" in found, found
    found = _all(("负责采购设备、安装软件、培训人员。", "Be responsible for buying equipment, installing "
                  "software and training staff."))
    assert "设备" not in found or "采购设备" in found, found


def test_an_articles_ordinal_is_no_front_of_a_phrase():
    """第六条　… "Article 6": jieba cuts the ordinal as one numeral, which was the front of the
    article's first phrase (第六条涉及…), or, with the ideographic space after it, made the
    phrase no candidate at all."""
    seg = Segmenter()
    for text in ("第十二条　医疗器械、药品和化妆品的广告，适用本办法。", "第十二条 医疗器械、药品和化妆品的广告，适用本办法。"):
        terms = {o.term for o in occurrences(text, seg) if "enumeration" in o.cues}
        assert "医疗器械" in terms and not any(t.startswith("第十二条") for t in terms), terms
    terms = {o.term for o in occurrences("第三章　附则", seg)}
    assert not any("\u3000" in t or t.startswith("第三章") for t in terms), terms
    assert "第三方" in {o.term for o in occurrences("第三方", seg)}   # an ordinal, but of no part of a text


def _cues(text, seg):
    found = {}
    for o in occurrences(text, seg):
        found.setdefault(o.term, set()).update(o.cues)
    return found


def test_a_name_the_text_defines_is_a_term():
    """（以下统称…）, （以下简称“…”）: the drafter names the term the text goes on to use; a
    coordination with 和 is one name there."""
    seg = Segmenter()
    found = _cues("本市医疗机构和养老机构（以下统称医养服务机构）应当建立服务台账。", seg)
    assert "definition" in found.get("医养服务机构", set()), found
    found = _cues("华东电力设计院（以下简称“设计院”）负责编制。", seg)
    assert "definition" in found.get("设计院", set()), found
    units = _units([("各级学校和培训机构（以下统称教学和培训单位）应当按期报送数据。",
                    "Schools at all levels and training institutions (hereinafter collectively "
                    "referred to as \"teaching and training units\") shall submit data on time."),
                   ("教学和培训单位未按期报送的，责令改正。",
                    "Where teaching and training units fail to submit on time, they shall be ordered to correct.")])
    found = {c.zh: c.en for c in extract(units) if c.score >= DEFAULT_MIN_SCORE}
    assert found.get("教学和培训单位", "").casefold() == "teaching and training units", found


def test_a_series_of_verbs_names_no_subject():
    """市…部门负责统筹、指导、协调和监督…: the items after the first are single verbs, so the
    first item is its verb, not the subject and predicate before it."""
    seg = Segmenter()
    for text in ("市生态环境局负责统筹、协调和监督全市环境监测工作。",):
        items = [o.term for o in occurrences(text, seg) if "enumeration" in o.cues]
        assert "统筹" in items and not any(i.startswith("市") for i in items), items
    items = [o.term for o in occurrences("市场监管局负责食品、药品和特种设备。", seg) if "enumeration" in o.cues]
    assert "药品" in items, items           # a series of nouns is left to the other rules


def test_an_items_latin_label_is_no_name():
    """A claim's steps S1、S2、…: a Latin token numbering an item at the start of a unit is a
    label as 1、 is, and so is a reference to it (步骤S2); a name the text writes at a unit's
    start without a label's mark stays one."""
    units = _units([
        ("一种面包的制作方法，包括以下步骤：", "A method for making bread, comprising the following steps:"),
        ("S1、将面粉与酵母混合，得到面团；", "S1, mixing flour with yeast to obtain a dough;"),
        ("S2、将面团在30℃下发酵2小时；", "S2, fermenting the dough at 30°C for 2 hours;"),
        ("S3、将步骤S2得到的面团烘烤20分钟。", "S3, baking the dough obtained in step S2 for 20 minutes."),
        ("根据步骤S1所述的方法，酵母为干酵母。", "The method according to step S1, wherein the yeast is dry yeast."),
        ("GPU、CPU和NPU均可运行该模型。", "GPUs, CPUs and NPUs can all run the model."),
        ("该模型在GPU上训练。", "The model is trained on GPUs."),
    ])
    found = {c.zh for c in extract(units) if c.score >= DEFAULT_MIN_SCORE}
    assert not found & {"S1", "S2", "S3", "步骤S1", "步骤S2"}, found
    assert "GPU" in found, found


def test_an_articles_heading_names_its_legal_notion():
    """第五条 质量保证金 "Article 5 Quality Deposit": a part a legal ordinal numbers is headed by
    the notion it rules; not a heading with a conjunction or a verb last, nor a plan's section
    numbered 一、 (its topics, 工作目标, are no terms)."""
    seg = Segmenter()
    assert "heading" in _cues("第五条 质量保证金", seg).get("质量保证金", set())
    assert "heading" in _cues("第十一条　违约责任", seg).get("违约责任", set())
    for text in ("第三条 价款及支付方式", "第九条 争议解决", "一、工作目标", "第十条 其他"):
        assert not any("heading" in c for c in _cues(text, seg).values()), text
    units = _units([("第五条 质量保证金", "Article 5 Quality Deposit"),
                    ("乙方应在验收后支付质量保证金。", "Party B shall pay the quality deposit after acceptance.")])
    found = {c.zh: c.en for c in extract(units) if c.score >= DEFAULT_MIN_SCORE}
    assert found.get("质量保证金", "").casefold() == "quality deposit", found
