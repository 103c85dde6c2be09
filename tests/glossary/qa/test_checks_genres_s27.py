"""Session 27: QA on a new user's documents of other genres (a national standard, a
government work report, a Taiwanese press release, a clinical guideline translated from
English, a tourism brochure, an interview transcript).  Sentences written for the tests."""

import pytest

from glossary.qa.checks import Pair, check_brackets, check_negation, check_number


def messages(check, zh, en, source="zh"):
    return [f.message for f in check(Pair("1", zh, en, source=source))]


@pytest.mark.parametrize("zh, en, said", [
    ("本标准不适用于军用软件。", "This standard is applicable to military software.", "不"),
    ("各单位不得擅自更改检测方法。", "Units may change the test method on their own.", "不得"),
    ("园区内严禁吸烟。", "Smoking is allowed in the park.", "严禁"),
    ("我们不会降低质量标准。", "We will lower the quality standards.", "不会"),
    ("該項目尚未完成驗收。", "The project has completed its acceptance check.", "尚未"),
])
def test_a_negation_the_target_drops_is_found(zh, en, said):
    """A dropped 不/不得/严禁 reverses the sentence, and no other check sees it: a
    standard's scope, a report's prohibition, a notice's rule all read the opposite."""
    assert messages(check_negation, zh, en) == [f"the source says no (“{said}”) and the target has no negation"]


def test_a_negation_the_chinese_target_drops_is_found():
    """en -> zh: "is not recommended" translated 推荐."""
    assert messages(check_negation, "对轻症患儿推荐进行胸部物理治疗。",
                    "Chest physiotherapy is not recommended for children with mild disease.", source="en") == \
        ['the source says no ("not") and the target has no negation']


@pytest.mark.parametrize("zh, en", [
    ("本标准不适用于军用软件。", "This standard does not apply to military software."),
    ("园区内严禁吸烟。", "Smoking is prohibited in the park."),
    ("无并发症患者疗程为5天。", "For uncomplicated cases the course is 5 days."),
    ("支持非营利组织参与。", "Support the participation of non-profit organisations."),
    ("新增就业不少于2万人。", "No fewer than 20,000 new jobs will be created."),
    ("不断提高公共服务水平。", "Continuously raise the level of public services."),
    ("坚定不移推进改革。", "Steadfastly advance the reform."),
    ("这些数据必不可少。", "These data are essential."),
    ("非常感谢您的参与。", "Thank you very much for taking part."),
    ("未来三年将建设10个站点。", "10 sites will be built in the next three years."),
    ("我们不得不调整计划。", "We had to adjust the plan."),
    ("无论天气如何都开放。", "It is open whatever the weather."),
    ("不仅要建设，还要运营好。", "It must be built and also run well."),
])
def test_a_negation_kept_or_a_negator_inside_a_word_is_no_finding(zh, en):
    """The target's negation may sit in an affix (uncomplicated, non-profit) or a word
    (prohibited); 不断, 未来, 非常, 无论 are words of their own, 必不可少 and 坚定不移 idioms
    and 不得不 "have to" a double negation: none says no."""
    assert messages(check_negation, zh, en) == []


def test_a_chinese_target_that_says_no_in_a_word_is_no_finding():
    """en -> zh: "does not overflow" 以免溢出 "so as to avoid overflowing"."""
    assert messages(check_negation, "先取绝对值，以免溢出。", "Take absolute values first so that the sum does not overflow.",
                    source="en") == []


@pytest.mark.parametrize("zh, en", [
    ("此规则的复选框必须取消勾选。", "The rule's check box must not be ticked."),
    ("如果某列定义为 {0}NOT NULL{/0}，则必须提供该值。", "If a column is {0}NOT NULL{/0}, a value is required."),
    ("请避免在高温环境中使用。", "Do not use it in a hot environment."),
])
def test_a_chinese_target_that_says_no_with_a_verb_or_keeps_the_english_negator_is_no_finding(zh, en):
    """en -> zh: "must not be ticked" 取消勾选 ("untick": a negative verb, as "lack" or
    "prohibit" in an English target), a negator the translation keeps as written in code
    (NOT NULL): found on the real OmegaT and PHPUnit memories."""
    assert messages(check_negation, zh, en, source="en") == []


@pytest.mark.parametrize("zh, en", [
    ("上一个备注(&T)", "Previous No&te"),
    ('<span translate="no">', '<span translate="no">'),
    ("见第5号", "See No. 5"),
    ("该类要求有读写方法，还要有存取方法。", "The class not only requires read and write methods, but also others."),
    ("使用 --no-team 选项打开项目。", "Open the project with the --no-team option."),
])
def test_an_english_source_says_no_only_in_its_words(zh, en):
    """A menu's accelerator (No&te: "Note"), an attribute's value, the abbreviation "No."
    before a number, the additive "not only" and a command's option are no negation of an
    English source."""
    assert messages(check_negation, zh, en, source="en") == []


@pytest.mark.parametrize("zh, en", [
    ("發布日期：115年6月3日", "Date: June 3, 2026"),
    ("自114年至117年共補助3億元。", "A total of NT$300 million in subsidies will be granted from 2025 to 2028."),
    ("115年度預算已送立法院審議。", "The 2026 budget has been sent to the Legislative Yuan for review."),
])
def test_a_year_of_the_taiwanese_calendar_is_its_gregorian_year(zh, en):
    """Taiwan dates by the Republic of China's calendar: 115年 is 2026 (1911 + 115). Each
    date was a wrong number in the source and an extra one in the target."""
    assert messages(check_number, zh, en) == []


def test_a_taiwanese_year_still_has_to_be_the_right_one():
    assert messages(check_number, "自115年起實施。", "It takes effect from 2027.") == \
        ["number differs: 115 (115) in the source, 2027 (2,027) in the target"]
    assert messages(check_number, "本校創立115年。", "The school was founded 115 years ago.") == []


@pytest.mark.parametrize("zh, en", [
    ("东坡肉以五花肉为原料。", "Dongpo pork is made from pork belly."),
    ("四川盆地气候湿润。", "The Sichuan Basin has a humid climate."),
    ("早餐有三明治和牛奶。", "Breakfast is sandwiches and milk."),
])
def test_a_numeral_inside_a_word_that_names_no_number_is_no_number(zh, en):
    """五花肉 "pork belly", 四川 "Sichuan", 三明治 "sandwich": the numeral is a character of a
    dictionary word whose gloss has no number; a brochure's dish was "number missing: 五"."""
    assert messages(check_number, zh, en) == []


def test_a_numeral_of_a_word_that_names_a_number_is_still_compared():
    """四季 "the four seasons" names its number; a different number in its place is still one."""
    assert messages(check_number, "四季分明。", "The seasons are distinct.") == ["number missing: 四 (4)"]
    assert messages(check_number, "东坡肉以五花肉为原料。", "Dongpo pork is made from 3 cuts of pork.") == \
        ["number differs: 五 (5) in the source, 3 (3) in the target"]


@pytest.mark.parametrize("zh, en", [
    ("OCR：光学字符识别（Optical Character Recognition）", "OCR: Optical Character Recognition"),
    ("CRUD：增删改查（Create-Read-Update-Delete）", "CRUD: Create-Read-Update-Delete"),
])
def test_an_english_name_the_source_glosses_in_brackets_needs_no_brackets_in_english(zh, en):
    """A standard's list of abbreviations glosses each in English in brackets; the English
    writes that name for the Chinese before it, and nothing is left to bracket."""
    assert messages(check_brackets, zh, en) == []


def test_an_acronym_or_a_name_the_target_leaves_out_still_wants_its_brackets():
    assert messages(check_brackets, "图形处理器（GPU）", "graphics processors, GPUs,") == \
        ["the source has 1 bracketed part(s), the target 0: （GPU） may have lost its brackets"]
    assert messages(check_brackets, "光学字符识别（Optical Character Recognition）", "text recognition") == \
        ["the source has 1 bracketed part(s), the target 0: （Optical Character Recognition） "
         "may have lost its brackets"]


def test_of_several_bracketed_parts_the_one_whose_token_is_in_no_target_bracket_is_named():
    """The lost pair is the first whose acronym the target writes only outside brackets (an
    open bracket before it and no close between counts as inside, however far back)."""
    assert messages(check_brackets, "图形处理器（GPU）和中央处理器（CPU）",
                    "graphics processors (such as the GPU) and central processors, CPUs") == \
        ["the source has 2 bracketed part(s), the target 1: （CPU） may have lost its brackets"]
    assert messages(check_brackets, "图形处理器（GPU）和中央处理器（CPU）",
                    "graphics processors, GPUs, and central processors (CPU)") == \
        ["the source has 2 bracketed part(s), the target 1: （GPU） may have lost its brackets"]


@pytest.mark.parametrize("zh, en, message", [
    ("环湖步道全长3.5公里。", "The lakeside trail is 3.5 miles long.",
     "unit differs: 3.5 km in the source, 3.5 mile in the target"),
    ("每次口服250毫克。", "Take 250 g by mouth each time.", "unit differs: 250 mg in the source, 250 g in the target"),
    ("每日最大剂量为2 g。", "The maximum daily dose is 2 mg.", "unit differs: 2 g in the source, 2 mg in the target"),
    ("疗程为10天。", "The course lasts 10 weeks.", "unit differs: 10 day in the source, 10 weeks in the target"),
])
def test_a_number_whose_unit_of_measure_changed_is_found(zh, en, message):
    """The number is right and its unit is not: 公里 became miles, mg became g. The values
    alone agree, and the number check said nothing."""
    assert messages(check_number, zh, en) == [message.replace("10 weeks", "10 week")]


@pytest.mark.parametrize("zh, en", [
    ("环湖步道全长3.5公里。", "The lakeside trail is 3.5 km long."),
    ("每6～8小时服用10 mg/kg。", "Give 10 mg/kg every 6-8 hours."),
    ("第2～5天每日1次5 mg/kg。", "5 mg/kg once daily on days 2 to 5."),
    ("粮食产量稳定在120万吨以上。", "Grain output stayed above 1.2 million tonnes."),
    ("体温超过38.5℃时服用。", "Take it when the temperature exceeds 38.5 °C."),
])
def test_the_same_unit_in_other_words_or_another_dimension_is_no_finding(zh, en):
    """公里 is km, 小时 hours, 吨 tonnes; 5天 and "5 mg" of one sentence are two numbers of
    two dimensions, each compared with its own."""
    assert messages(check_number, zh, en) == []


@pytest.mark.parametrize("zh, en", [
    ("排放浓度不超过50毫克每立方米。", "Emissions are at most 50 mg per cubic metre."),
    ("研发投入占比不低于3%。", "R&D spending is at least 3% of revenue."),
    ("申请人应不迟于3月1日提交材料。", "Applicants shall submit the documents by March 1."),
    ("单笔金额不得超过5万元。", "Each payment is capped at 50,000 yuan."),
    ("并不断完善体制机制。", "And keep improving the institutions and mechanisms."),
])
def test_a_bound_or_a_negator_of_another_word_is_no_negation_of_a_chinese_source(zh, en):
    """不超过 "up to", 不低于 "at least", 不迟于 "by", 不得超过 "is capped at" state a limit that a
    translation writes as often without a negation; 并不断 is 并 "and" + 不断 "continuously".
    Each was a false warning on an ordinary government or technical sentence."""
    assert messages(check_negation, zh, en) == []


@pytest.mark.parametrize("zh, en", [
    ("最迟于2025年底完成。", "It shall be completed no later than the end of 2025."),
    ("每人最多申请3次。", "Each person may apply no more than 3 times."),
    ("功率最大为50瓦。", "The power shall be not exceeding 50 W."),
])
def test_a_bound_is_no_negation_of_an_english_source(zh, en):
    assert messages(check_negation, zh, en, source="en") == []


def test_a_bound_does_not_hide_another_negation():
    assert messages(check_negation, "本规定不超过期限的部分不适用。", "The part within the time limit is applicable.") == \
        ["the source says no (“不”) and the target has no negation"]
    assert messages(check_negation, "可以", "Do not delete more than 5; no more than 5.", source="en") == \
        ['the source says no ("not") and the target has no negation']


@pytest.mark.parametrize("zh, en", [
    ("年满18周岁的公民享有选举权。", "Citizens aged 18 years and over have the right to vote."),
    ("庆祝建院60周年。", "Celebrating 60 years of the academy."),
    ("上世纪90年代以来，产业快速发展。", "Since the 90s, the industry has grown quickly."),
])
def test_an_age_an_anniversary_or_a_decade_is_no_week_or_year_unit(zh, en):
    """18周岁 "18 years of age" and 60周年 "60 years" count years, not 周 "weeks"; 90年代 is
    "the 90s", no 年 read against the s of "90s" (seconds): each was an error "unit differs"."""
    assert messages(check_number, zh, en) == []
    assert messages(check_number, "年满18周岁。", "Aged 18 weeks.") == \
        ["unit differs: 18 year in the source, 18 week in the target"]


@pytest.mark.parametrize("zh, en", [
    ("输入的密码不正确。", "The password entered is incorrect."),
    ("两份清单的数据不一致。", "The data of the two lists are inconsistent."),
    ("该过程不可逆。", "The process is irreversible."),
    ("部分委员不同意该方案。", "Some members disagree with the plan."),
    ("该账户处于不活跃状态。", "The account is inactive."),
    ("办理不动产登记。", "Handle the registration of real estate."),
    ("建设无障碍设施。", "Build accessible facilities."),
])
def test_a_negation_the_english_writes_in_one_word_is_no_finding(zh, en):
    """不|正确 "incorrect", 不|一致 "inconsistent", 不可|逆 "irreversible", 不|同意 "disagree":
    in-, ir- and dis- on a word of the negated word's gloss; 不动产 "real estate", 无障碍
    "accessible": the dictionary's sense of the negative word. Each was a false
    warning on an ordinary software string or report sentence."""
    assert messages(check_negation, zh, en) == []


def test_a_prefix_on_another_word_still_leaves_the_negation_missing():
    """in- on a word that is not the negated one's (information) says nothing of it."""
    assert messages(check_negation, "本标准不适用于信息系统。", "This standard is applicable to information systems.") == \
        ["the source says no (“不”) and the target has no negation"]
    assert messages(check_negation, "输入的密码不正确。", "The password entered is correct.") == \
        ["the source says no (“不”) and the target has no negation"]
    assert messages(check_negation, "办理不动产登记。", "Handle the registration of movable property.") == \
        ["the source says no (“不”) and the target has no negation"]


@pytest.mark.parametrize("zh, en", [
    ("文件最大为5 MB。", "The file cannot exceed 5 MB."),
    ("每日剂量最多4 g。", "The dose must not exceed 4 g a day."),
])
def test_must_not_exceed_is_a_bound_of_an_english_source(zh, en):
    assert messages(check_negation, zh, en, source="en") == []


@pytest.mark.parametrize("zh, en", [
    ("环湖步道全长5千米。", "The lakeside trail is 5 km long."),
    ("每袋重3千克。", "Each bag weighs 3 kg."),
    ("装机容量500千瓦。", "An installed capacity of 500 kW."),
    ("每千克售价20元。", "It sells at 20 yuan per kg."),
])
def test_kilo_of_a_unit_is_no_thousand(zh, en):
    """千米 "km", 千克 "kg", 千瓦 "kW": the 千 is the unit's "kilo-". 5千米 was read as 5,000
    and "number differs" against "5 km" (the unit table's 千米 and 千克 never met)."""
    assert messages(check_number, zh, en) == []
    assert messages(check_number, "全长5千米。", "It is 5 miles long.") == \
        ["unit differs: 5 km in the source, 5 mile in the target"]


def test_a_one_letter_unit_is_read_in_its_own_case():
    """M is mega or million, G a generation, not metres or grams: the table's one-letter
    symbols are read as written (5M users was 5 metres; a 5 m wall still is)."""
    from tm.text.numbers import unit_after

    assert [unit_after(text, 1, "en") for text in ("5M users", "5G network", "5T disk", "5S")] == [None] * 4
    assert [unit_after(text, 1, "en") for text in ("5 m wall", "5 g salt", "5 t steel", "5 L water")] == [
        ("length", "m"), ("mass", "g"), ("mass", "t"), ("volume", "L")]
    assert unit_after("5米长", 1, "zh") == ("length", "m") and unit_after("5G基站", 1, "zh") is None
