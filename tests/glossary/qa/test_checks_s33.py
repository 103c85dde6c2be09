"""Session 33: a party named by its counterpart (借款人 "the Lender") and a place named as
another (天津 "Beijing"), found on session 32's loan agreement and job posting; right
translations with places, abbreviations of places and added places stay silent.  Sentences
written for the tests."""

import pytest

from glossary.qa.checks import Pair, check_acronym
from glossary.qa.run import run_qa


def messages(zh, en, source="zh"):
    pair = Pair("1", zh, en, source=source)
    return [f.message for f in check_acronym(pair)]


@pytest.mark.parametrize("zh, en, message", [
    ("借款人应于每月20日前还款。", "The Lender shall repay by the 20th of each month.",
     "借款人 of the source is named as its counterpart, Lender, in the target"),
    ("原告诉称货物未按期交付。", "The defendant alleges that the goods were not delivered on time.",
     "原告 of the source is named as its counterpart, defendant, in the target"),
    ("承包人应按期完工。", "The Employer shall complete the works on schedule.",
     "承包人 of the source is named as its counterpart, Employer, in the target"),
    ("承租人应按月支付租金。", "The lessor shall pay the rent monthly.",
     "承租人 of the source is named as its counterpart, lessor, in the target"),
])
def test_a_role_named_by_its_counterpart_is_found(zh, en, message):
    assert messages(zh, en) == [message]


def test_a_role_named_by_its_counterpart_is_found_from_english():
    assert messages("出租人应按月支付租金。", "The tenant shall pay the rent monthly.", source="en") == [
        "tenant of the source is named as its counterpart, 出租人, in the target"]


@pytest.mark.parametrize("zh, en", [
    ("借款人应于每月20日前还款。", "The Borrower shall repay by the 20th of each month."),
    ("借款人应于每月20日前还款。", "Repayment is due by the 20th of each month."),
    # both named in the source: which is which is the sentence's meaning
    ("贷款人有权要求借款人提前还款。", "The Borrower may be required by the Lender to repay early."),
    ("被保险人身故的，保险人按基本保额给付。", "If the Insured dies, we pay the sum insured."),
    ("承租人应按月支付租金。", "The Tenant shall pay the rent every month."),
])
def test_a_role_named_rightly_or_not_at_all_is_no_finding(zh, en):
    assert messages(zh, en) == []


@pytest.mark.parametrize("zh, en, message", [
    ("招聘高级软件工程师5名，工作地点：天津。", "We are hiring five senior software engineers, based in Beijing.",
     "place differs: 天津 in the source, Beijing in the target"),
    ("公司总部位于深圳。", "The company is headquartered in Guangzhou.",
     "place differs: 深圳 in the source, Guangzhou in the target"),
    ("本市将在和平区试点。", "The city will run a pilot in Hexi District.",
     "place differs: 和平区 in the source, Hexi in the target"),
    ("他从上海出发，经南京抵达武汉。", "He set off from Shanghai and reached Wuhan by way of Suzhou.",
     "place differs: 南京 in the source, Suzhou in the target"),
])
def test_a_place_named_as_another_is_found(zh, en, message):
    assert messages(zh, en) == [message]


def test_a_place_named_as_another_is_found_from_english():
    assert messages("工厂位于重庆。", "The plant is in Chengdu.", source="en") == [
        "place differs: Chengdu in the source, 重庆 in the target"]


@pytest.mark.parametrize("zh, en", [
    ("推动京津冀协同发展，加强与北京的科技合作。",
     "We will advance the coordinated development of the Beijing-Tianjin-Hebei region and strengthen "
     "scientific cooperation with the capital."),
    ("滨海新区将建设人工智能产业园。", "The Binhai New Area of Tianjin will build an AI industrial park."),
    ("本市将在和平区、河西区试点。", "The city will run pilots in Heping and Hexi districts."),
    ("我市与深圳、杭州签署合作协议。", "Tianjin signed cooperation agreements with Shenzhen and Hangzhou."),
    ("西藏和新疆的光伏项目已并网。", "Solar projects in Tibet and Xinjiang have been connected to the grid."),
    ("她在香港读书，后来去了澳门工作。", "She studied in Hong Kong and later went to work in Macau."),
    ("会议在陕西西安召开。", "The meeting was held in Xi'an, Shaanxi."),
    ("天津的规划与南京的相近。", "Tianjin's plan is close to Nanjing's."),
    # a place's characters inside other words: 大英 of 大英雄, 个旧 of 一个旧式, 新密 of 新密码
    ("他梦想成为大英雄，离开天津。", "He dreamt of being a hero when he left Tianjin, as Beijing folk do."),
    ("导演说她是一个旧式婚礼中的新娘。", "She was a bride in a Beijing wedding, the director said."),
])
def test_places_named_rightly_are_no_finding(zh, en):
    assert messages(zh, en) == []


def test_the_readings_run_in_a_whole_qa_run():
    """Through the command's library call, as `glossary qa` runs them."""
    pairs = [Pair("1", "借款人应于每月20日前还款。", "The Lender shall repay by the 20th of each month."),
             Pair("2", "工作地点：天津。", "Based in Beijing.")]
    found = {(f.id, f.check, f.severity) for f in run_qa(pairs).findings}
    assert found == {("1", "acronym", "warning"), ("2", "acronym", "warning")}


@pytest.mark.parametrize("zh, en", [
    ("张三于2024年入职。", "Zhang San joined in 2024."),
    ("张三于2024年入职。", "John Doe joined in 2024."),
    ("李四和王五签字。", "Li Si and Wang Wu signed."),
    ("张三有3个孩子。", "Zhang San has three children."),
    ("张三有3个孩子。", "John Doe has 3 children."),
])
def test_a_numeral_of_a_persons_name_is_no_number(zh, en):
    """张三, 李四, 王五 (CC-CEDICT: "Zhang San, name for an unspecified person, first of a series
    of three"): the gloss's numbers are the series', not the name's; and where the sentence
    has a number of the same value, that number is the target's, the name's numeral left over."""
    from glossary.qa.checks import check_number
    assert [f.message for f in check_number(Pair("1", zh, en))] == []


def test_a_numeral_in_a_name_still_counts_where_another_number_takes_its_place():
    from glossary.qa.checks import check_number
    assert [f.message for f in check_number(Pair("1", "张三有3个孩子。", "John Doe has 4 children."))] == [
        "number differs: 3 (3) in the source, 4 (4) in the target"]


@pytest.mark.parametrize("text, cue", [
    ("3点", "time"), ("下午", "part"), ("今晚", "part"), ("12元", "money"), ("$5", "money"), ("USD", "money"),
    ("JPY", "money"), ("美金", "money"), ("卢比", "money"), ("-5", "sign"), ("－5", "sign"), ("负3", "sign"),
    ("零下", "sign"), ("周一", "week"), ("礼拜三", "week"), ("週五", "week"), ("一年", "one"), ("半个月", "one"),
    ("每天", "per"), ("年利率", "per"), ("日均", "per"),
])
def test_the_number_checks_cues_are_found_behind_their_first_characters_guard(text, cue):
    """The source's cues are sought behind a look-ahead of their first characters (a scan
    four times quicker): each kind of cue is still found."""
    from glossary.qa.checks import _ZH_CUES
    assert [m.lastgroup for m in _ZH_CUES.finditer("文本" + text + "。")] == [cue]
