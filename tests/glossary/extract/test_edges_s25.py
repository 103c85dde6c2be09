"""Session 25: candidate boundaries and identity on a new user's documents (a contract, a
notice, a software guide, a plan).  Sentences written for the tests."""

from glossary.extract.extractor import extract
from glossary.extract.pairing import EnglishUnit, pair
from glossary.extract.zh import Segmenter, occurrences
from tm.models import TranslationUnit


def pairs(*rows):
    return [TranslationUnit(zh=zh, en=en, id=i + 1) for i, (zh, en) in enumerate(rows)]


def test_a_one_character_word_before_a_place_is_no_part_of_the_organisation_name():
    """A definition clause (“卖方”指… "'Seller' means …"): jieba tags 指 a noun ("finger"), so the
    run of content words is 指 | 广州 | 明远 | 电子 | 有限公司; the name found by its suffix starts
    at the place name.  A word of two characters before the place stays (中国 | 北京 is no cut)."""
    seg = Segmenter()
    terms = {o.term for o in occurrences("“卖方”指广州明远电子有限公司。", seg)}
    assert "广州明远电子有限公司" in terms
    assert not any(t.startswith("指") for t in terms)
    terms = {o.term for o in occurrences("“丙方”指天津市河西区人民政府。", seg)}
    assert "天津市河西区人民政府" in terms and not any(t.startswith("指") for t in terms)


def test_a_year_unit_after_a_number_is_no_part_of_the_term():
    """2026年度 "the 2026 (fiscal) year", 5月份 "May": with the number stripped as a boundary,
    the unit it takes is no front of the noun phrase after it."""
    seg = Segmenter()
    terms = {o.term for o in occurrences("组织2026年度科技型中小企业评价工作。", seg)}
    assert "科技型中小企业" in terms and not any(t.startswith("年度") for t in terms)
    terms = {o.term for o in occurrences("发布5月份工业增加值数据。", seg)}
    assert not any(t.startswith("月份") for t in terms)


def test_one_latin_name_in_two_letter_cases_is_one_candidate():
    """SyncBox and syncbox are one name: one candidate, written as the text writes it most
    often, with its mentions and renderings together."""
    units = pairs(("SyncBox 可以备份您的文件。", "SyncBox backs up your files."),
                  ("安装 SyncBox 后请重新启动电脑。", "Restart the computer after installing SyncBox."),
                  ("SyncBox 支持多台设备。", "SyncBox supports several devices."),
                  ("在终端中运行 syncbox 命令。", "Run the syncbox command in a terminal."),
                  ("输入 syncbox 并按回车键。", "Type syncbox and press Enter."))
    found = [c for c in extract(units, min_score=-99) if c.zh.casefold() == "syncbox"]
    assert len(found) == 1
    c = found[0]
    assert c.zh == "SyncBox" and c.count == 5
    assert sum(r.count for r in c.renderings) == 5 and sorted(c.units) == [1, 2, 3, 4, 5]


def test_a_name_in_an_address_or_a_file_name_is_no_way_of_writing_it():
    """The name's case as the prose writes it: syncbox in an address and a file name does not
    outvote SyncBox."""
    units = pairs(("SyncBox 可以备份您的文件。", "SyncBox backs up your files."),
                  ("SyncBox 支持多台设备。", "SyncBox supports several devices."),
                  ("从 https://example.org/syncbox/get 下载 syncbox-setup.exe 文件。",
                   "Download the file syncbox-setup.exe from https://example.org/syncbox/get."),
                  ("SyncBox 可以免费使用。", "SyncBox is free to use."),
                  ("在终端中运行 syncbox 命令。", "Run the syncbox command in a terminal."),
                  ("输入 syncbox 并按回车键。", "Type syncbox and press Enter."))
    found = [c for c in extract(units, min_score=-99) if c.zh.casefold() == "syncbox"]
    assert [c.zh for c in found] == ["SyncBox"]


def test_a_word_the_unit_writes_outside_the_term_renders_none_of_its_characters():
    """企业 (outside the term, before it) claims "enterprises" and 建设 "building": the span of
    工业互联网平台 is "industrial internet platforms", not a clause reaching back to them
    through glosses of its characters (业 "enterprise", 平台 "flat-roofed building") that
    "industrial" and "platforms" render already."""
    zh = "支持骨干企业建设工业互联网平台。"
    en = EnglishUnit("Backbone enterprises will be supported in building industrial internet platforms.")
    spans = pair("工业互联网平台", en, context=zh)
    assert [s.text for s in spans] == ["industrial internet platforms"]


def test_a_phrase_another_word_renders_is_no_rendering_of_a_term_inside_a_name():
    """服务 inside a company's name (南京明远数据服务有限公司 "Nanjing Mingyuan Data Services Co.,
    Ltd."), where the name took "Services": what the memory offers for that unit instead,
    "means Nanjing" (务 "by all means" glosses "means", one unit holds it), is no rendering of
    服务 when a word of it is another word's (南京 "Nanjing")."""
    units = pairs(("1.1 “甲方”指杭州星河信息科技有限公司。", "1.1 \"Party A\" means Hangzhou Xinghe Information Technology Co., Ltd."),
                  ("1.2 “乙方”指南京明远数据服务有限公司。", "1.2 \"Party B\" means Nanjing Mingyuan Data Services Co., Ltd."),
                  ("1.3 “服务”指乙方向甲方提供的维护服务。", "1.3 \"Services\" means the maintenance services provided by Party B to Party A."),
                  ("2.1 乙方应按时提供服务。", "2.1 Party B shall provide the Services on time."),
                  ("2.2 乙方应每月提交服务报告。", "2.2 Party B shall submit a service report every month."),
                  ("3.1 服务费用按月支付。", "3.1 Service fees are paid monthly."))
    found = {c.zh: c for c in extract(units, min_score=-99)}
    assert found["服务"].en == "Services"
    assert not any("Nanjing" in r.en for r in found["服务"].renderings)


def test_a_time_word_after_a_name_is_no_part_of_it():
    """新竹市政府环保局今（3）日发布 "the Environmental Protection Bureau of the Hsinchu City
    Government announced today (the 3rd)": the day (今（3）日, a news report's formula) is no
    part of the name before it nor of the words after it; 今年 "this year" (jieba t) is an
    adverbial after the name."""
    seg = Segmenter()
    terms = {o.term for o in occurrences("新竹市政府环保局今（3）日发布空气质量报告。", seg)}
    assert "新竹市政府环保局" in terms
    assert not any(t.endswith("今") or t.startswith("日") for t in terms)
    terms = {o.term for o in occurrences("市数据局今年将推出公共数据平台。", seg)}
    assert not any(t.endswith("今年") for t in terms)
