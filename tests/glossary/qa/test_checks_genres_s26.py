"""Session 26: QA on a new user's documents of other genres (a regulation, a device leaflet,
an annual report, an academic abstract, a patent's claims, an app's strings).  Sentences
written for the tests."""

import pytest

from glossary.qa.checks import (Pair, check_acronym, check_brackets, check_codes, check_mixed_script,
                                check_number, check_punctuation)
from tm.text.numbers import extract_numbers


def messages(check, zh, en, source="zh"):
    return [f.message for f in check(Pair("1", zh, en, source=source))]


@pytest.mark.parametrize("zh, en", [
    ("第三章 开放平台", "Chapter III Open Platform"),
    ("第四节 风险因素", "Section IV Risk Factors"),
    ("第二十条 本办法自2026年1月1日起施行。", "Article XX These Measures come into force on January 1, 2026."),
    ("Ⅲ期临床试验共纳入120名患者。", "The phase III trial enrolled 120 patients."),
    ("2型糖尿病患者应定期监测血糖。", "Patients with type II diabetes should monitor their blood glucose regularly."),
])
def test_a_roman_numeral_that_numbers_a_part_or_a_class_is_its_number(zh, en):
    """A regulation's chapters, a report's sections, a trial's phase: 第三章 is "Chapter III".
    The numeral reads only after such a word and in capitals (the pronoun I is no number)."""
    assert messages(check_number, zh, en) == []


def test_a_roman_numeral_still_has_to_be_the_right_one():
    assert messages(check_number, "第三章 开放平台", "Chapter IV Open Platform") == \
        ["number differs: 第三 (3) in the source, IV (4) in the target"]
    assert [n.value for n in extract_numbers("I think World War II changed it.", "en")] == []


def test_digits_grouped_by_a_space_are_one_number():
    """Chinese scientific writing groups digits in threes with a space (1 200); the English
    writes 1,200."""
    zh = "光强设定为1 200 μmol·m⁻²·s⁻¹。"
    en = "The light intensity was set at 1,200 μmol·m⁻²·s⁻¹."
    assert messages(check_number, zh, en) == []
    assert messages(check_number, "光强设定为1 200 μmol。", "The light intensity was 1,500 μmol.") == \
        ["number differs: 1 200 (1,200) in the source, 1,500 (1,500) in the target"]


def test_the_decimals_of_a_code_are_no_number_of_their_own():
    """A library classification code (S791.248) is a name on both sides; its 248 was read
    as a number in the English alone."""
    assert messages(check_number, "中图分类号：S791.248", "CLC number: S791.248") == []


def test_an_authors_affiliation_mark_is_the_same_digit_glued_to_the_name():
    """李明华1，张振国2 → "LI Minghua1, ZHANG Zhenguo2": digits glued to a Latin name are no
    number in the English, yet they are the Chinese side's 2."""
    assert messages(check_number, "李明华1，王晓燕1，张振国2", "LI Minghua1, WANG Xiaoyan1, ZHANG Zhenguo2") == []
    assert messages(check_number, "李明华1，张振国3", "LI Minghua1, ZHANG Zhenguo2") == \
        ["number missing: 3 (3)"]


@pytest.mark.parametrize("zh, en", [
    ("血样用量：0.6 μL。", "Sample volume: 0.6 μL."),
    ("厚度为5～12 μm。", "The thickness is 5-12 μm."),
    ("电阻为10 kΩ。", "The resistance is 10 kΩ."),
])
def test_a_unit_written_with_mu_or_omega_mixes_no_alphabets(zh, en):
    assert messages(check_mixed_script, zh, en) == []
    assert messages(check_mixed_script, "", "Confirm the pаyment.") == \
        ["“pаyment” mixes cyrillic and latin letters"]


def test_the_middle_dot_of_a_product_of_units_is_no_chinese_punctuation():
    en = "WUE was 4.86 μmol·mmol⁻¹ at a light intensity of 1,200 μmol·m⁻²·s⁻¹ (25 kW·h)."
    assert messages(check_punctuation, "", en) == []
    assert messages(check_punctuation, "", "The authors are Li·Ming and John · Smith.") == \
        ["Chinese punctuation · in the English target"] * 2


def test_a_formulas_subscript_digits_are_its_digits():
    """CO2 written CO₂ (and H₂O as H2O) is the same formula, not an acronym lost."""
    assert messages(check_acronym, "胞间CO2浓度", "intercellular CO₂ concentration") == []
    assert messages(check_acronym, "其中H₂O含量以鲜重计。", "where the H2O content is based on fresh weight") == []
    assert messages(check_acronym, "胞间CO2浓度", "intercellular concentration") == \
        ["CO2 is missing from the target"]


def test_a_software_strings_placeholder_changed_or_lost_is_an_error():
    """%d → %s, {1} dropped: the app shows the wrong value or crashes; plain text (a
    release note's interface strings), no inline codes of a TMX."""
    en = "Your trial ends in %d days."
    assert messages(check_codes, "您的试用期将在 %s 天后结束。", en, "en") == \
        ["placeholder %d of the source is %s in the target"]
    assert messages(check_codes, "已将笔记保存到 {1}。", "Saved {0} notes to {1}.", "en") == \
        ["placeholder {0} of the source is missing in the target"]
    assert messages(check_codes, "已将 {0} 条笔记保存到 {1}。", "Saved {0} notes to {1}.", "en") == []
    assert messages(check_codes, "已将 {1} 条笔记保存到 {0}。", "Saved {0} notes to {1}.", "en") == []
    assert messages(check_codes, "按 <kbd>Esc</kbd> 关闭。", "Press <kbd>Esc</kbd> to close.", "en") == []
    assert messages(check_codes, "搜索结果以粗体</b>显示。", "Results in <b>bold</b>.", "en") == \
        ["tag <b> of the source is missing in the target"]
    # words in angle brackets (a usage line's <options>, a menu's <auto>) are translated
    assert messages(check_codes, "用法：omegat [<选项>] [<项目路径>]", "Usage: omegat [<options>] [<project path>]") == []
    assert messages(check_codes, "换行<br>之后", "after a line break<br/>") == []
    assert messages(check_codes, "换行<br>之后", "after a line break") == \
        ["tag <br> of the source is missing in the target"]
    # the digits of {0} are no number for the number check
    assert messages(check_number, "已将笔记保存到 {1}。", "Saved {0} notes to {1}.", "en") == []


def test_unnumbered_printf_conversions_in_another_order_are_an_error():
    assert messages(check_codes, "共 %d 个文件，已上传 %s", "Uploaded %s of %d files", "en") == \
        ["printf placeholders in another order (%s, %d → %d, %s): they take their values in "
         "order; number them (%1$s)"]
    assert messages(check_codes, "共 %2$d 个文件，已上传 %1$s", "Uploaded %1$s of %2$d files", "en") == []


@pytest.mark.parametrize("text", ["增长12.5%以上", "a 50% discount", "100%d", "x < y > z", "若a<b且c>d"])
def test_a_percent_sign_or_a_comparison_is_no_placeholder(text):
    assert messages(check_codes, text, text) == []
    assert messages(check_codes, text, "") == []


def test_a_circled_number_is_the_number_of_its_item():
    """A leaflet's 禁忌：①…；②… is "(1) …; (2) …" in English: ① is 1, not an extra number of
    the English; at a line's start it numbers a list, as 1. does."""
    zh = "禁忌：①对本品过敏者；②严重肝肾功能不全者。"
    en = "Contraindications: (1) hypersensitivity to this product; (2) severe hepatic or renal impairment."
    assert messages(check_number, zh, en) == []
    assert messages(check_number, "禁忌：①对本品过敏者；②严重者。", "Contraindications: (1) allergy; (3) severe cases.") == \
        ["number differs: ② (2) in the source, 3 (3) in the target"]
    assert [n.value for n in extract_numbers("①对本品过敏者\n②严重者", "zh")] == []


def test_and_or_written_with_brackets_is_no_bracket_lost():
    """和（或） is how Chinese writes "and/or" (standards, leaflets, laws)."""
    zh = "收缩压≥140 mmHg和（或）舒张压≥90 mmHg。"
    en = "Systolic blood pressure ≥ 140 mmHg and/or diastolic blood pressure ≥ 90 mmHg."
    assert messages(check_brackets, zh, en) == []
    assert messages(check_brackets, "采用图形处理器（GPU）", "using graphics processing units, GPUs,") == \
        ["the source has 1 bracketed part(s), the target 0: （GPU） may have lost its brackets"]


@pytest.mark.parametrize("zh, en", [
    ("最后更新：2026年12月6日", "Last updated: Dec 6, 2026"),
    ("试用期于2026年9月6日到期。", "Trial expires on 6 Sep 2026."),
    ("本版本于2026年9月发布。", "This version was released in Sept. 2026."),
])
def test_an_abbreviated_month_is_its_number(zh, en):
    """Release notes and interface strings write Dec 6, 2026; 12月 was a number missing."""
    assert messages(check_number, zh, en) == []


def test_an_abbreviated_month_still_has_to_be_the_right_one():
    assert messages(check_number, "2026年8月6日", "Dec 6, 2026") == \
        ["number differs: 8 (8) in the source, Dec (12) in the target"]


@pytest.mark.parametrize("zh, en", [
    ("营业收入35亿美元。", "Revenue was USD 3.5bn."),
    ("营业收入35亿元。", "Revenue was RMB3.5bn."),
    ("营业收入35亿元。", "Revenue was RMB 3.5 bn."),
    ("净利润1200万元。", "Net profit was RMB 12 mn."),
    ("净利润1200万元。", "Net profit was RMB12m."),
    ("营业收入3500万美元。", "Revenue was $35M."),
])
def test_an_amount_after_a_currency_code_or_with_bn_is_read(zh, en):
    """An annual report's English writes USD 3.5bn and RMB12m: bn was a billion only right
    after a currency sign, and the digits glued to RMB were a name's (as CO2's)."""
    assert messages(check_number, zh, en) == []


def test_a_name_glued_to_its_digits_is_still_no_amount():
    for zh, en in (("支持4K视频。", "Supports 4K video."), ("采用GPT4模型。", "Uses GPT4."),
                   ("5G网络", "5G networks")):
        assert messages(check_number, zh, en) == []
    assert messages(check_number, "营业收入35亿元。", "Revenue was RMB3.8bn.") == \
        ["number differs: 35亿 (3,500,000,000) in the source, 3.8bn (3,800,000,000) in the target"]


@pytest.mark.parametrize("zh, en", [
    ("力争于2026年第三季度实现投产。", "The Company strives to start production in Q3 2026."),
    ("2025财年营业收入增长12%。", "Revenue grew 12% in FY2025."),
])
def test_a_quarter_or_a_fiscal_year_glued_to_its_letter_is_its_number(zh, en):
    """Q3 for 第三季度, FY2025 for 2025财年: the digits the English glues to the letter are the
    Chinese's number, written as a numeral or in digits."""
    assert messages(check_number, zh, en) == []
    assert messages(check_number, "2025财年营业收入增长12%。", "Revenue grew 12% in FY2024.") == \
        ["number missing: 2025 (2,025)"]


def test_a_target_that_copies_the_source_has_its_numbers():
    """A command's output copied as it is (140 of phpunit's 145 number findings): the English
    reading of 'zero' gave a number the Chinese reading of the same text has not."""
    text = ("return array(\n  'adding zeros' => array(0, 0, 0),\n  'zero plus one' => array(0, 1, 1),\n"
            "  'one plus zero' => array(1, 0, 1)\n);")
    assert messages(check_number, text, text) == []


@pytest.mark.parametrize("zh, en", [
    ("本專案的理念說明參閱<a0>這邊</a0>。", "The philosophy of the project is described <a0>here</a0>."),
    ("翻译队伍的所有成员吟诵经文。", "All members of the translation team recite the text."),
    ("直到印度次大陆的佛教发源地。", "As far as the birthplace of Buddhism on the Indian subcontinent."),
    ("它得到了數十位其他貢獻者的支持。", "It has received the support of dozens of other contributors."),
    ("一个或多个十六进制字符。", "One or more hexadecimal characters."),
    ("几百年后，才出现了一批和尚。", "It took several hundred years to bring forth a selection of monks."),
    ("第三个就是我们要找的表。", "The third one is the table we look for."),
])
def test_words_that_only_look_like_numerals_are_no_numbers(zh, en):
    """參閱 "see" (a Traditional text's every cross-reference), 队伍 "team", 大陆 "mainland"
    hold a capital numeral of amounts (參 伍 陆); 數十 is "dozens" as 数十 is; 十六进制 is
    "hexadecimal"; "several hundred" is as vague as 几百; "the third one" is 3, not 4."""
    assert messages(check_number, zh, en) == []


def test_capital_numerals_of_an_amount_are_still_read():
    assert [n.value for n in extract_numbers("人民币叁拾伍万元整", "zh")] == [350000]
    assert [n.value for n in extract_numbers("人民币伍元", "zh")] == [5]
    assert [n.value for n in extract_numbers("the first two chapters", "en")] == [1, 2]
