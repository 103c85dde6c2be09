"""Session 35: a negator between a verb's first character and itself again is the yes-no
question (能不能, 是不是, 有没有, 投不投降), not a negation; a plain negation still is."""

import pytest

from tm import negations


@pytest.mark.parametrize("text", ["你能不能明天来？", "您有没有考虑过捐赠？", "投不投降？", "也不知成不成？", "是不是这样？"])
def test_a_yes_no_question_is_no_negation(text):
    assert negations(text, "zh") == []


@pytest.mark.parametrize("text, said", [
    ("这样做不能解决问题。", ["不能"]),
    ("他没有来。", ["没有"]),
    ("能不能用，要看说明书；本品不能冷冻。", ["不能"]),     # the question's 不能 left, the statement's kept
])
def test_a_negation_beside_it_still_is(text, said):
    assert [text[a:b] for a, b in negations(text, "zh")] == said


@pytest.mark.parametrize("text", ["rather than calling the API with the root account's key",
                                  "use X instead of Y", "parts other than the main structure",
                                  "internal traffic is free of charge", "the absence of memory effect",
                                  "while the nurses were absent"])
def test_contrasts_and_absences_may_carry_a_negation(text):
    from tm import says_no
    assert says_no(text, "en")


@pytest.mark.parametrize("text", ["after which we will stop collecting it", "the service ceased",
                                  "discontinued models"])
def test_stopping_may_carry_a_negation(text):
    from tm import says_no
    assert says_no(text, "en")


@pytest.mark.parametrize("text, lang, found", [
    ("每日液体入量控制在1.5 L以内。", "zh", [("以内", "upper")]),
    ("剂量为20 mg/kg以下", "zh", [("以下", "upper")]),
    ("5个工作日以内", "zh", []),
    ("2 g of sodium and under 1.5 L of fluid", "en", [("under", "upper")]),
    ("children aged 12 and under", "en", [("and under", "upper")]),
])
def test_a_bound_after_a_unit_and_before_an_amount(text, lang, found):
    from tm import bounds
    assert [(text[a:b], way) for (a, b), way in bounds(text, lang)] == found
