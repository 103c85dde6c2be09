"""Session 34: a span of time restated in another unit (租期一年半 "a lease of 18 months") and a
numeral inside a word whose dictionary sense names no number (五险一金 "social insurance and
the housing fund") are no number findings; a span restated wrongly, and a count in a word
whose sense is a count (两国 "three countries"), still are.  Sentences written for the tests."""

import pytest

from glossary.qa.checks import Pair, check_number
from glossary.qa.run import run_qa


def messages(zh, en, source="zh"):
    return [f.message for f in check_number(Pair("1", zh, en, source=source))]


@pytest.mark.parametrize("zh, en", [
    ("项目工期为一年半。", "The project will take eighteen months."),
    ("租期一年半，自2025年1月1日起。", "The lease runs for 18 months from 1 January 2025."),
    ("合同期限三年。", "The contract runs for 36 months."),
    ("半年内完成整改。", "Corrections are to be made within six months."),
    ("两周内书面答复。", "A written reply is due within 14 days."),
    ("全程约两天半。", "The whole trip takes about 60 hours."),
    ("静置半小时后过滤。", "Filter after letting it stand for 30 minutes."),
    ("静置一刻钟。", "Let it stand for 15 minutes."),
    ("保修期为一年半。", "The warranty lasts 1.5 years."),
])
def test_a_span_of_time_restated_in_another_unit_is_no_finding(zh, en):
    assert messages(zh, en) == []


@pytest.mark.parametrize("zh, en", [
    ("租期为18个月。", "The lease is for one and a half years."),
    ("租期为十八个月。", "The lease is for a year and a half."),
    ("会议持续30分钟。", "The meeting lasts half an hour."),
])
def test_a_span_restated_from_english_is_no_finding(zh, en):
    assert messages(zh, en, source="en") == []


@pytest.mark.parametrize("zh, en, message", [
    ("合同期限三年。", "The contract runs for 30 months.",
     "number differs: 三 (3) in the source, 30 (30) in the target"),
    ("项目工期为一年半。", "The project will take fifteen months.",
     "extra number in the target: fifteen (15)"),
    ("两周内书面答复。", "A written reply is due within 15 days.",
     "number differs: 两 (2) in the source, 15 (15) in the target"),
])
def test_a_span_restated_wrongly_is_still_found(zh, en, message):
    assert messages(zh, en) == [message]


def test_a_numeral_in_a_word_that_names_no_number_is_no_finding():
    # CC-CEDICT: 五险一金 "employment benefits package mandated by labor laws in China,
    # consisting of five insurances … and a housing fund": what it names counts nothing
    assert messages("公司为员工缴纳五险一金。",
                    "The company pays social insurance and the housing fund for its employees.") == []


@pytest.mark.parametrize("zh, en, message", [
    # 两国 "both countries; the two countries": synonyms, each a count of two
    ("两国领导人举行会谈。", "The leaders of the three countries held talks.",
     "number differs: 两 (2) in the source, three (3) in the target"),
    # 四季 "four seasons, namely: spring …": the count is what the word names
    ("这里四季如春。", "It is like spring here in all three seasons.",
     "number differs: 四 (4) in the source, three (3) in the target"),
])
def test_a_numeral_in_a_word_that_names_a_count_is_still_compared(zh, en, message):
    assert messages(zh, en) == [message]


@pytest.mark.parametrize("zh, en", [
    ("会议于上午八点零五分开始。", "The meeting starts at 8:05 a.m."),
    ("列车八点〇五分发车。", "The train leaves at 8:05."),
])
def test_minutes_written_with_a_zero_are_a_time(zh, en):
    # 零五 of 八点零五分 is five minutes past, not the decimal 8.05
    assert messages(zh, en) == []


def test_a_time_with_other_minutes_is_still_found():
    assert messages("会议于上午八点零五分开始。", "The meeting starts at 8:50 a.m.") != []


def negation_messages(zh, en):
    return [f.message for f in run_qa([Pair("1", zh, en)]).findings if f.check == "negation"]


@pytest.mark.parametrize("zh, en, message", [
    ("付款前须验收。", "Acceptance is required after payment.",
     "the source says before (“付款前”) and the target after (\"after\")"),
    ("请在会议结束后提交材料。", "Please submit the materials before the meeting ends.",
     "the source says after (“结束后”) and the target before (\"before\")"),
    ("安装后请检查管路是否漏水。", "Before installation, check the pipes for leaks.",
     "the source says after (“安装后”) and the target before (\"Before\")"),
    ("在此之前，双方应协商。", "After that, the parties shall consult.",
     "the source says before (“之前”) and the target after (\"After\")"),
])
def test_before_or_after_an_event_turned_round_is_found(zh, en, message):
    assert negation_messages(zh, en) == [message]


@pytest.mark.parametrize("zh, en", [
    ("使用前请仔细阅读本说明书。", "Read this manual carefully before use."),
    ("安装后请检查管路是否漏水。", "After installation, check the pipes for leaks."),
    # 前/后 of a longer word, or after a noun (a place as often as an event)
    ("技术落后的企业将被淘汰。", "Enterprises that lag behind will be phased out after review."),
    ("他站在门前。", "He stood at the door after dinner."),
    ("然后点击确定。", "Then click OK after that."),
    # the next step's "before": after A, B, then C
    ("出炉后冷却一刻钟再脱模。", "Let it cool for 15 minutes before turning it out."),
])
def test_before_or_after_said_alike_or_of_no_event_is_no_finding(zh, en):
    assert negation_messages(zh, en) == []


@pytest.mark.parametrize("zh, en, message", [
    ("销量增长三成。", "Sales rose by 30%.", None),
    ("销量增长三成。", "Sales rose by 3%.", "number differs: 三成 (30) in the source, 3% (3) in the target"),
])
def test_tenths_after_a_word_of_change_are_a_percentage(zh, en, message):
    assert messages(zh, en) == ([message] if message else [])


@pytest.mark.parametrize("zh, en, message", [
    ("今天空气质量良。", "Air quality today is poor.",
     "the target says the opposite: 良 (good) in the source, poor in the target"),
    ("球队在主场迎战对手。", "The team plays away against its rival.",
     "the target says the opposite: 主场 (home) in the source, away in the target"),
    ("请以书面形式通知对方。", "Notify the other party in oral form.",
     "the target says the opposite: 书面 (written) in the source, oral in the target"),
    ("温度上限为40℃。", "The lower limit of temperature is 40 °C.",
     "the target says the opposite: 上限 (upper) in the source, lower in the target"),
    ("今年进口额增长5%。", "Exports grew by 5% this year.",
     "the target says the opposite: 进口 (import) in the source, Exports in the target"),
    ("数据可以导出为CSV。", "Data can be imported as CSV.",
     "the target says the opposite: 导出 (export) in the source, imported in the target"),
])
def test_a_word_said_as_its_opposite_is_found(zh, en, message):
    assert negation_messages(zh, en) == [message]


@pytest.mark.parametrize("zh, en", [
    ("今天空气质量良。", "Air quality today is good."),
    # negated in the source, a negative amount, both words named (高低), a word part of a longer one
    ("产品质量不好。", "The product quality is poor."),
    ("每股收益为-0.15元。", "Loss per share was RMB -0.15."),
    ("这批货物质量高低不一。", "The quality of this batch ranges from high to low."),
    ("在上书房里，手脚可得干净利落。", "In the Upper Study, keep your hands clean."),
    # a localiser is no "inside"; "arriving" is arrive's, so the departure is no opposite
    ("它消失在门口的阳光里。", "It disappeared into the sunshine outside."),
    ("上午8:05出发，10:40抵达成都。", "Departing at 8:05 a.m. and arriving in Chengdu at 10:40."),
    # a sense the gloss hyphenates (精神 "good-looking") names no "good"
    ("这谦虚里有实事求是的精神。", "What would have been poor self-esteem became modesty."),
])
def test_a_word_said_rightly_or_of_no_opposite_is_no_finding(zh, en):
    assert negation_messages(zh, en) == []


def test_a_word_of_the_table_beside_a_digit_or_underscore_is_read_alike():
    # the target's words are its runs of letters: "poor" of poor_quality (a key) is found, and
    # its place in the target with it (it raised StopIteration where \b found no "poor")
    assert negation_messages("今天空气质量良。", "Air quality today: poor_quality.") == [
        "the target says the opposite: 良 (good) in the source, poor in the target"]
