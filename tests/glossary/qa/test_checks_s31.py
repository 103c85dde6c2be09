"""Session 31: QA on nine short documents of other genres (a press release translated from
English, release notes, UI strings, a package insert, a tender notice, a clinical abstract, a
work report's figures, a contract's payment terms, an equipment specification), each with
planted errors: dates, ordinals, fractions, percentage points, scientific notation, units,
telephone numbers, shortcuts, names, a contract's parties, an added negation, bounds.  Sentences
written for the tests."""

import pytest

from glossary.qa.checks import Pair, check_number
from tm.text.numbers import extract_numbers


def messages(zh, en, source="zh"):
    return [f.message for f in check_number(Pair("1", zh, en, source=source))]


@pytest.mark.parametrize("text, lang, read", [
    ("本办法自2025.5.16起施行。", "zh", [("2025", "year"), ("5", "number"), ("16", "number")]),
    ("签发日期：２０２４．１０．０８", "zh", [("２０２４", "year"), ("１０", "number"), ("０８", "number")]),
    ("issued on 16.5.2025", "en", [("16", "number"), ("5", "number"), ("2025", "year")]),
])
def test_a_dotted_date_is_read_as_its_year_month_and_day(text, lang, read):
    """2025.5.16 was one dotted code (2025516), so that "May 16, 2025" had an extra 16 and a
    2025 that differs from the code: two errors on a right translation."""
    assert [(n.text, n.kind) for n in extract_numbers(text, lang)] == read


@pytest.mark.parametrize("text, lang, value", [
    ("税则号列8703.80.00", "zh", 87038000),      # a tariff line: no month 80
    ("见第3.1.2条", "zh", 312),                  # a clause
    ("version 2024.13.40", "en", 20241340),      # no month 13
    ("build 1999.0.5", "en", 199905),            # no month 0
])
def test_a_dotted_code_that_is_no_date_stays_one_number(text, lang, value):
    assert [n.value for n in extract_numbers(text, lang)] == [value]


@pytest.mark.parametrize("zh, en", [
    ("本办法自2025.5.16起施行。", "These Measures take effect on May 16, 2025."),
    ("会议于2024.10.8召开。", "The meeting was held on 8 October 2024."),
    ("会议于2024.10.8召开。", "The meeting was held on Oct. 8, 2024."),
    ("会议于2024.10.8召开。", "The meeting was held on 2024-10-08."),
    ("签署日期：2023.1.1", "Date signed: 1 January 2023"),
])
def test_a_dotted_date_rendered_with_the_months_name_is_no_finding(zh, en):
    assert messages(zh, en) == []


@pytest.mark.parametrize("zh, en, message", [
    ("会议于2024.10.8召开。", "The meeting was held on October 18, 2024.",
     "number differs: 8 (8) in the source, 18 (18) in the target"),
    ("会议于2024.10.8召开。", "The meeting was held on August 10, 2024.",
     "date differs: 2024.10.8 in the source, August 10, 2024 in the target (month and day turned round)"),
    ("会议于2024.10.8召开。", "The meeting was held on 2024.8.10.",
     "date differs: 2024.10.8 in the source, 2024.8.10 in the target (month and day turned round)"),
    ("会议于2024年10月8日召开。", "The meeting was held on 2024-08-10.",
     "date differs: 2024年10月8日 in the source, 2024-08-10 in the target (month and day turned round)"),
])
def test_a_wrong_or_turned_round_date_is_found_once(zh, en, message):
    """The day wrong is a number that differs; month and day turned round keep every number,
    so the comparison of values cannot see it (it saw 2024.8.10 only as a code that differs,
    and 2024-08-10 or "August 10" not at all)."""
    assert messages(zh, en) == [message]


def test_en_to_zh_says_source_and_target_the_other_way():
    assert messages("会议于2024.8.10召开。", "The meeting was held on 2024.10.8.", source="en") == [
        "date differs: 2024.10.8 in the source, 2024.8.10 in the target (month and day turned round)"]


@pytest.mark.parametrize("zh, en, source, message", [
    ("公司公布2026年第二季度业绩", "The company reports its third-quarter 2026 results", "zh",
     "number differs: 第二 (2) in the source, third (3) in the target"),
    ("本届大会为第四届。", "This is the fifth session of the congress.", "zh",
     "number differs: 第四 (4) in the source, fifth (5) in the target"),
    ("Acme公布2026年第二季度业绩", "Acme Announces Third-Quarter 2026 Results", "en",
     "number differs: 第二 (2) in the target, Third (3) in the source"),
])
def test_an_ordinal_against_another_ordinal_is_a_number_that_differs(zh, en, source, message):
    """A small number in words is left over unreported on either side (一体推进, "one of"),
    so 第二季度 "third quarter" was no finding: an ordinal the source leaves over and an
    ordinal the target adds are one number that differs."""
    assert messages(zh, en, source) == [message]


@pytest.mark.parametrize("zh, en", [
    ("第二，加强人才培养。", "Also, strengthen talent training."),      # 第二 as a list word, nothing in its place
    ("这是他第一次来北京。", "It was his first visit to Beijing."),
    ("我们两个人一起去。", "The two of us went together."),
])
def test_a_small_numeral_left_over_is_still_no_finding(zh, en):
    assert messages(zh, en) == []


@pytest.mark.parametrize("zh, en", [
    ("大于 512 MB 的文件会被拆分为 64 MB 的分块。", "Files larger than 512 MB are split into 64 MB chunks."),
    ("电池容量为5000毫安时。", "Battery capacity: 5,000 mAh."),
    ("支持2.4GHz和5GHz频段。", "Supports the 2.4 GHz and 5 GHz bands."),
    ("配65W快充充电器，输入电压220伏。", "Comes with a 65 W fast charger; input voltage 220 V."),
    ("存储空间不足1吉字节。", "Less than 1 gigabyte of storage is free."),
    ("年发电量1200万千瓦时。", "Annual generation of 12 million kWh."),
])
def test_data_frequency_power_and_charge_units_kept_are_no_finding(zh, en):
    assert messages(zh, en) == []


@pytest.mark.parametrize("zh, en, message", [
    ("会被拆分为 64 GB 的分块。", "are split into 64 MB chunks.", "unit differs: 64 GB in the source, 64 MB in the target"),
    ("支持5GHz频段。", "Supports the 5 MHz band.", "unit differs: 5 GHz in the source, 5 MHz in the target"),
    ("额定功率为2千瓦。", "Rated power: 2 W.", "unit differs: 2 kW in the source, 2 W in the target"),
    ("电池容量为5000毫安时。", "Battery capacity: 5,000 Ah.", "unit differs: 5000 mAh in the source, 5,000 Ah in the target"),
])
def test_a_changed_data_frequency_power_or_charge_unit_is_found(zh, en, message):
    """A release note's 64 MB "64 GB", a router's 5 GHz "5 MHz": the number kept, its unit of
    measure not; bytes, hertz, watts, watt-hours and ampere-hours were in no table."""
    assert messages(zh, en) == [message]


def acronyms(zh, en, source="zh"):
    from glossary.qa.checks import check_acronym
    return [f.message for f in check_acronym(Pair("1", zh, en, source=source))]


@pytest.mark.parametrize("zh, en, source, message", [
    ("按 Ctrl+Shift+O 打开命令面板。", "Press Ctrl+Shift+P to open the command palette.", "en",
     "shortcut differs: Ctrl+Shift+P in the source, Ctrl+Shift+O in the target"),
    ("按Alt+F5关闭窗口。", "Press Alt+F4 to close the window.", "zh",
     "shortcut differs: Alt+F5 in the source, Alt+F4 in the target"),
    ("按Alt+F5关闭窗口。", "Press Alt+F4 to close the window.", "en",
     "shortcut differs: Alt+F4 in the source, Alt+F5 in the target"),
])
def test_a_shortcut_written_with_another_key_is_found(zh, en, source, message):
    """The shortcut's last key is one letter or a function key, no acronym the check reads;
    a function key is a code of its own, yet reported once, as the shortcut."""
    assert acronyms(zh, en, source) == [message]


@pytest.mark.parametrize("zh, en", [
    ("按 Ctrl + S 保存。", "Press Ctrl+S to save."),
    ("按Control-S保存。", "Press Ctrl+S to save."),
    ("按⌘S保存。", "Press Cmd+S to save."),
    ("按下Ctrl和S键保存。", "Press Ctrl+S to save."),      # written out in words: no shortcut to compare
])
def test_a_shortcut_kept_however_written_is_no_finding(zh, en):
    assert [m for m in acronyms(zh, en, "en") if m.startswith("shortcut")] == []


@pytest.mark.parametrize("zh, en, message", [
    ("每日剂量不得超过4 mg。", "The daily dose must not exceed 4 g.", "unit differs: 4 mg in the source, 4 g in the target"),
    ("容量为64 GB。", "Capacity: 64 MB.", "unit differs: 64 GB in the source, 64 MB in the target"),
])
def test_a_changed_unit_written_apart_is_one_finding(zh, en, message):
    """The number check says the unit differs; the acronym check also said "mg is missing from
    the target" of the same unit written apart from its number (4mg was compared already)."""
    from glossary.qa.checks import check_acronym
    pair = Pair("1", zh, en)
    assert [f.message for f in check_number(pair) + check_acronym(pair)] == [message]


def test_a_chinese_month_is_paired_with_the_english_months_name():
    """2026年3月13日 "March 3, 2026": the day differs, and the finding says so (it said 13
    against "March", the 3 of 3月 having taken the English day)."""
    assert messages("2026年3月13日发布", "released on March 3, 2026") == [
        "number differs: 13 (13) in the source, 3 (3) in the target"]


@pytest.mark.parametrize("zh, en", [
    ("联系电话：022-23456789", "Tel.: +86 22 2345 6789"),
    ("咨询电话：13800138000", "Hotline: +86 138 0013 8000"),
    ("电话：(022) 2345 6789，传真：022-2345 6788", "Tel: +86-22-2345-6789; Fax: +86-22-2345-6788"),
    ("服务热线：400-820-8820", "Service hotline: 400 820 8820"),
])
def test_a_telephone_number_written_the_international_way_is_no_finding(zh, en):
    """022-23456789 "+86 22 2345 6789" was three errors (86 and 2345 extra, 23456789 against 6789)."""
    assert messages(zh, en) == []


@pytest.mark.parametrize("zh, en, message", [
    ("联系电话：022-23456798", "Tel.: +86 22 2345 6789",
     "telephone number differs: 022-23456798 in the source, +86 22 2345 6789 in the target"),
    ("电话：022-2345678，共3人", "Tel: +86 22 2345 678; 5 people", "number differs: 3 (3) in the source, 5 (5) in the target"),
])
def test_a_changed_telephone_number_is_one_finding_and_other_numbers_are_still_compared(zh, en, message):
    assert messages(zh, en) == [message]


@pytest.mark.parametrize("zh, en", [
    ("约四分之三的企业已完成改造。", "About three quarters of firms have been upgraded."),
    ("十分之一的样本", "one tenth of the samples"),
    ("约三分之二", "about 2/3"),
    ("约四分之一", "about 25%"),
    ("约25%", "about a quarter"),
    ("第1/3页", "page 1/3"),
    ("可用于包含第三方语言的文档。", "for documents in a third language"),
])
def test_a_fraction_written_as_a_fraction_or_a_percentage_is_no_finding(zh, en):
    """四分之三 "three quarters" was "number missing: 四" (its numerals compared one by one),
    十分之一 "one tenth" an extra 11; a fraction is now one number, its value."""
    assert messages(zh, en) == []


@pytest.mark.parametrize("zh, en, message", [
    ("血清IL-6水平下降了约四分之一。", "Serum IL-6 levels fell by about one third.",
     "number differs: 四分之一 (0.25) in the source, one third (0.333333) in the target"),
    ("约四分之三的企业", "about two thirds of firms",
     "number differs: 四分之三 (0.75) in the source, two thirds (0.666667) in the target"),
    ("约四分之一", "about 20%", "number differs: 四分之一 (0.25) in the source, 20% (20) in the target"),
])
def test_a_changed_fraction_is_found(zh, en, message):
    """Small numerals in words left over are not reported, so 四分之一 "one third" was silent."""
    assert messages(zh, en) == [message]


def test_a_mean_and_deviation_bracketed_before_its_unit_keeps_no_bracket_in_english():
    """（56.3±8.2）岁 "56.3 ± 8.2 years": a Chinese paper's way of writing it, no lost bracket."""
    from glossary.qa.checks import check_brackets
    assert check_brackets(Pair("1", "患者平均年龄为（56.3±8.2）岁。", "The mean age was 56.3 ± 8.2 years.")) == []
    assert len(check_brackets(Pair("2", "患者平均年龄（中位数）为56岁。", "The mean age was 56 years."))) == 1


def negation_messages(zh, en, source="zh"):
    from glossary.qa.checks import check_negation
    return [f.message for f in check_negation(Pair("1", zh, en, source=source))]


@pytest.mark.parametrize("zh, en, said", [
    ("如漏服一次，请加倍服用。", "If a dose is missed, do not take a double dose.", "not"),
    ("两组差异有统计学意义（P=0.23）。", "There was no statistically significant difference between the groups (P = 0.23).", "no"),
    ("本项目接受联合体投标。", "Consortium bids are not accepted for this project.", "not"),
])
def test_a_negation_the_target_adds_is_found(zh, en, said):
    """The dropped negation's twin: 请勿加倍 written 请加倍 under a right translation reverses
    an instruction as surely, and was no finding."""
    assert negation_messages(zh, en) == [f'the target says no ("{said}") and the source has no negation']


@pytest.mark.parametrize("zh, en", [
    ("禁止在共享设备上停用加密。", "Do not disable encryption on shared devices."),     # 禁止 says it
    ("避免阳光直射。", "Keep out of direct sunlight; do not expose to the sun."),       # 避免 too
    ("直到第二天才出发。", "They did not leave until the next day."),                  # an idiom's "not until"
    ("周围全是荒草坡。", "It was surrounded by nothing but weedy slopes."),            # a pronoun, no statement negated
    ("谁也休想跟踪我。", "No one could track me."),
    ("该方法仅适用于成人。", "The method is not for children."),                        # 仅 "only": read generously
])
def test_a_negation_the_source_says_otherwise_or_an_idiom_is_no_finding(zh, en):
    assert [m for m in negation_messages(zh, en) if "target says no" in m] == []


@pytest.mark.parametrize("zh, en, source, expected", [
    ("3 分钟前更新", "Updated 3 hours ago", "en", ["unit differs: 3 min in the target, 3 h in the source"]),
    ("3 小时前更新", "Updated 3 hours ago", "en", []),
    ("超时时间为 30 秒。", "The timeout is 30 minutes.", "zh", ["unit differs: 30 s in the source, 30 min in the target"]),
])
def test_a_unit_after_a_space_is_read_in_chinese(zh, en, source, expected):
    """Software's Chinese puts a space between a number and its unit (3 小时): the unit was
    not read there, so 3 分钟 "3 hours" was no finding."""
    assert messages(zh, en, source) == expected


@pytest.mark.parametrize("zh, en, message", [
    ("OmegaT 可在 Windows、Micintosh OS X 及 Linux 上安装。", "OmegaT installs on Windows, Macintosh OS X and Linux.",
     "Macintosh of the source is written Micintosh in the target"),
    ("使用 Kubernets 部署应用。", "Deploy the app with Kubernetes.", "Kubernetes of the source is written Kubernets in the target"),
])
def test_en_to_zh_a_name_written_misspelt_is_found(zh, en, message):
    """en -> zh read codes of capitals and digits only: a product's name misspelt in the target
    (three such in the real OmegaT and PHPUnit files: Micintosh, SVG for SVN, DataSe) was silent."""
    assert acronyms(zh, en, "en") == [message]


@pytest.mark.parametrize("zh, en", [
    ("使用您的 Google 帐户登录。", "Sign in with your Google account."),
    ("发展人工智能（AI）。", "Develop Artificial Intelligence."),       # an acronym added beside its translation
    ("显示非 OmegaT 的 TMX 中的标签", "Displaying tags in non-OmegaT TMXs"),   # a plural
    ("下载 MediaWiki 页面(&W)...", "Download Media&Wiki Page..."),            # an accelerator's &
])
def test_en_to_zh_a_name_kept_or_added_is_no_finding(zh, en):
    assert acronyms(zh, en, "en") == []


@pytest.mark.parametrize("zh, en, source, message", [
    ("不到 30 天的备份会被自动删除。", "Backups older than 30 days are deleted automatically.", "en",
     'the source sets a lower bound ("older than") and the target an upper one (“不到”)'),
    ("12岁以上儿童", "children younger than 12", "zh",
     'the source sets a lower bound (“以上”) and the target an upper one ("younger than")'),
])
def test_a_bound_of_age_or_less_than_turned_round_is_found(zh, en, source, message):
    """不到 and 不足 ("less than") and older / younger / later / earlier than were no bounds."""
    assert negation_messages(zh, en, source) == [message]


@pytest.mark.parametrize("zh, en", [
    ("不到30天的备份会被删除。", "Backups less than 30 days old are deleted."),
    ("存储空间不足1 GB时", "when less than 1 GB of storage is free"),
    ("资金不足。", "Funds are insufficient."),
    ("超过 30 天的备份", "Backups older than 30 days"),
])
def test_a_bound_kept_is_no_finding(zh, en):
    assert negation_messages(zh, en) == []


@pytest.mark.parametrize("zh, en, message", [
    ("城镇调查失业率比上年下降0.4%。", "The unemployment rate fell 0.4 percentage points.",
     "percent and percentage points differ: 0.4% in the source, 0.4 percentage points in the target"),
    ("比上年下降0.4个百分点。", "down 0.4% from the previous year.",
     "percent and percentage points differ: 0.4个百分点 in the source, 0.4% in the target"),
    ("到2035年，人均国内生产总值翻两番。", "By 2035, per capita GDP will double.",
     "number differs: 翻两番 (4) in the source, double (2) in the target"),
])
def test_percentage_points_and_doublings_are_read(zh, en, message):
    """A rate's change in 百分点 is no percentage ("percentage points" was read as percent and
    个百分点 as a bare number); 翻两番 is fourfold, not the 两 read as 2 ("double")."""
    assert messages(zh, en) == [message]


@pytest.mark.parametrize("zh, en", [
    ("比上年下降0.4个百分点。", "down 0.4 percentage points from the previous year."),
    ("提高2至3个百分点", "up 2 to 3 percentage points"),
    ("人均收入翻两番", "per capita income will quadruple"),
    ("收入翻了一番", "income doubled"),
])
def test_percentage_points_and_doublings_kept_are_no_finding(zh, en):
    assert messages(zh, en) == []


@pytest.mark.parametrize("zh, en, source, message", [
    ("甲方应于10日内向甲方支付预付款。", "Party A shall pay Party B the advance within 10 days.", "zh",
     "the parties differ: 甲方 in the source, Party A, Party B in the target"),
    ("如乙方逾期交付，应向乙方支付违约金。", "If Party B delays delivery, it shall pay Party A liquidated damages.", "zh",
     "the parties differ: 乙方 in the source, Party A, Party B in the target"),
    ("乙方应向乙方支付违约金。", "Party B shall pay Party A liquidated damages.", "en",
     "the parties differ: Party A, Party B in the source, 乙方 in the target"),
])
def test_a_contracts_party_named_otherwise_is_found(zh, en, source, message):
    """甲方 and 乙方 swapped or repeated: a contract's most dangerous slip, no number and no term."""
    assert acronyms(zh, en, source) == [message]


@pytest.mark.parametrize("zh, en", [
    ("甲方应向乙方支付预付款。", "Party A shall pay Party B the advance."),
    ("本合同一式四份，甲乙双方各执两份。", "This contract is made in four copies, two for each of Party A and Party B."),
    ("甲方有权检查，甲方检查不免除乙方责任。", "Party A may inspect; its inspection does not relieve Party B of liability."),
    ("本合同自双方签字之日起生效。", "This contract takes effect when signed by the Parties."),
])
def test_a_contracts_parties_kept_are_no_finding(zh, en):
    assert acronyms(zh, en) == []


@pytest.mark.parametrize("zh, en, expected", [
    ("漏电流不大于1×10⁻⁵ A。", "Leakage current shall not exceed 1 × 10⁻⁶ A.",
     ["number differs: 1×10⁻⁵ (1e-05) in the source, 1 × 10⁻⁶ (1e-06) in the target"]),
    ("漏电流不大于1×10⁻⁶ A。", "Leakage current shall not exceed 1 × 10⁻⁶ A.", []),
    ("压力为1.5×10^5 Pa。", "The pressure is 1.5E+5 Pa.", []),
])
def test_scientific_notation_is_one_number(zh, en, expected):
    """The exponent was no number read (10⁻⁶ "10⁻⁵" kept 1 and 10 on both sides)."""
    assert messages(zh, en) == expected


@pytest.mark.parametrize("zh, en", [
    ("碳含量为0.15wt%～0.25wt%。", "The carbon content is 0.15–0.25 wt%."),
    ("转速为3000rpm。", "Speed: 3,000 rpm."),
])
def test_a_unit_no_table_holds_glued_to_its_number_is_no_missing_acronym(zh, en):
    """0.15wt% "0.15 wt%": "0.15wt is missing from the target" was a false error."""
    assert acronyms(zh, en) == []


def test_a_round_amount_after_yishang_is_a_number():
    """五万元以上十万元以下 "from RMB 50,000 to RMB 100,000": the 上 of 以上 before 十万 was read as
    上千's "some" (an approximate number, none), so 十万 "200,000" was only an extra number."""
    assert messages("处五万元以上十万元以下罚款。", "a fine of not less than RMB 50,000 but not more than RMB 200,000.") == [
        "number differs: 十万 (100,000) in the source, 200,000 (200,000) in the target"]
    assert messages("处五万元以上十万元以下罚款。", "a fine of not less than RMB 50,000 but not more than RMB 100,000.") == []
    assert [n.text for n in extract_numbers("上千人参加。", "zh")] == []


@pytest.mark.parametrize("zh, en, expected", [
    ("单位：人民币千元", "Unit: RMB'000", []),
    ("净利润为人民币(12,345)千元。", "Net profit was RMB(12,345) thousand.", []),
    ("单位：人民币万元", "Unit: RMB'000", ["number differs: 万 (10,000) in the source, 000 (1,000) in the target"]),
])
def test_a_financial_tables_unit_and_a_bracketed_amount_in_thousands(zh, en, expected):
    """RMB'000 is "in thousands" (千元), not 0; (12,345)千元 is a negative amount in thousands,
    its 千 the amount's scale as (312)万元's 万 is (it was 12,345 and a lone 千)."""
    assert messages(zh, en) == expected


def test_a_hyphenated_codes_changed_digits_are_one_finding():
    """TJZB-2025-0618 "TJZB-2025-0816": the acronym check names the code; the number check no
    longer also reports 0618 against 0816 (zh -> en, where every Latin token of the source is
    looked for whole)."""
    from glossary.qa.checks import check_acronym
    pair = Pair("1", "项目编号：TJZB-2025-0618", "Project No.: TJZB-2025-0816")
    assert [f.message for f in check_number(pair) + check_acronym(pair)] == ["TJZB-2025-0618 is missing from the target"]
    assert messages("项目编号：TJZB-2025-0618，共3个标段", "Project No.: TJZB-2025-0618, 4 lots") == [
        "number differs: 3 (3) in the source, 4 (4) in the target"]


@pytest.mark.parametrize("zh, en, expected", [
    ("近三成参展企业为首次参展。", "Nearly 30 percent of the exhibitors are first-time participants.", []),
    ("近四成参展企业为首次参展。", "Nearly 30 percent of the exhibitors are first-time participants.",
     ["number differs: 四成 (40) in the source, 30 percent (30) in the target"]),
    ("第八届世界智能大会16日在天津开幕。", "The 8th World Intelligence Expo opened in Tianjin on Thursday.", []),
    ("第七届世界智能大会16日在天津开幕。", "The 8th World Intelligence Expo opened in Tianjin on Thursday.",
     ["number differs: 第七 (7) in the source, 8th (8) in the target"]),
])
def test_a_news_reports_tenths_weekday_and_edition(zh, en, expected):
    """三成 is 30 % (it was a bare 3, and "first" of 首次 was taken for it); a news report's 16日
    is "on Thursday" (16 was missing); an ordinal or a percentage left over pairs with one of
    its kind first (第七 against "8th", not 16 against "8th")."""
    assert messages(zh, en) == expected


@pytest.mark.parametrize("zh, en, expected", [
    ("任何一方可提前不少于30日书面通知另一方。", "Either Party may give not less than thirty (30) days' written notice.", []),
    ("任何一方可提前不少于三十（30）日书面通知另一方。", "Either Party may give not less than thirty (30) days' written notice.", []),
    ("应按净销售额的百分之三（3%）支付。", "shall pay five percent (5%) of Net Sales.",
     ["number differs: 百分之三（3%） (3) in the source, five percent (5%) (5) in the target"]),
])
def test_a_number_restated_in_digits_in_brackets_is_one_number(zh, en, expected):
    """A contract writes "thirty (30) days": the 30 in brackets was an extra number against 30日."""
    assert messages(zh, en) == expected


@pytest.mark.parametrize("zh, en, expected", [
    ("新品限时8折。", "New arrivals are 20% off for a limited time.", []),
    ("全场八五折。", "15% off everything.", []),
    ("新品限时7折。", "New arrivals are 20% off for a limited time.",
     ["number differs: 7折 (30) in the source, 20% (20) in the target"]),
    ("固定资产按5年折旧。", "Fixed assets are depreciated over 5 years.", []),
])
def test_a_discount_in_tenths_of_the_price_is_the_percentage_off(zh, en, expected):
    """8折 is the price paid in tenths, "20% off": it was a bare 8 against 20 %."""
    assert messages(zh, en) == expected


def test_a_date_with_an_abbreviated_month_of_four_letters_is_read():
    """"Sept. 9, 2024" against 2024.8.9 was no date (its abbreviation looked up whole)."""
    assert messages("会议于2024.8.9召开。", "The meeting was held on Sept. 8, 2024.") == [
        "date differs: 2024.8.9 in the source, Sept. 8, 2024 in the target (month and day turned round)"]
    assert messages("会议于2024.9.8召开。", "The meeting was held on Sept. 8, 2024.") == []
