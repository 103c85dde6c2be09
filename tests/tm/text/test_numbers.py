"""Number extraction: values, kinds, the policy on false numbers, and cross-language agreement."""

from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import PLAN_EN, PLAN_ZH
from tm.text.numbers import KINDS, Number, extract_numbers, normalise_value
from tm.text.segment import segment_en, segment_zh


def found(text, lang):
    return [(n.text, n.value, n.kind) for n in extract_numbers(text, lang)]


ZH_CASES = [
    # Arabic numerals with 万/亿, separators, decimals, full-width digits
    ("人工智能基础核心企业营业收入突破1000亿元", [("1000亿", 1e11, "number")]),
    ("达到2.5万人，投资1.2亿元，合计1,000万元", [("2.5万", 25000, "number"), ("1.2亿", 1.2e8, "number"),
                                    ("1,000万", 1e7, "number")]),
    ("增长１２．５倍", [("１２．５", 12.5, "number")]),
    ("超过100多万人", [("100多万", 1e6, "number")]),
    # Chinese numerals
    ("三百五十万元", [("三百五十万", 3.5e6, "number")]),
    ("两个平台", [("两", 2, "number")]),
    ("十五项任务", [("十五", 15, "number")]),
    ("一千零二家", [("一千零二", 1002, "number")]),
    ("二〇二七年", [("二〇二七", 2027, "year")]),
    # years and ranges
    ("到2027年，攻克100项关键核心技术", [("2027", 2027, "year"), ("100", 100, "number")]),
    ("（2025—2027年）", [("2025", 2025, "year"), ("2027", 2027, "year")]),
    ("形成3至4个特色产业聚集区", [("3", 3, "number"), ("4", 4, "number")]),
    ("3到5万人", [("3", 30000, "number"), ("5万", 50000, "number")]),
    ("三四个", [("三", 3, "number"), ("四", 4, "number")]),
    # ordinals and percents
    ("第三届，第一批", [("第三", 3, "ordinal"), ("第一", 1, "ordinal")]),
    ("增长百分之三十，占30％和5%", [("百分之三十", 30, "percent"), ("30％", 30, "percent"),
                           ("5%", 5, "percent")]),
    ("30-40%", [("30", 30, "percent"), ("40%", 40, "percent")]),
    # 一 on its own is not a count; fixed expressions are not numbers
    ("一体推进研发攻关，升级统一共享平台，打造一批一流企业，是之一，进一步发展", []),
    ("赋能千行百业，千方百计，万一失败", []),
    ("千万不要放弃，投资千万元", [("千万", 1e7, "number")]),
    ("十分重要的十大工程", [("十", 10, "number")]),
    ("周三开会", []),
    # Latin names keep their digits
    ("CO2排放与GPT4模型", []),
    ("推进5G网络", [("5", 5, "number")]),
    ("防控COVID-19，接入GPT-4o", []),
    # approximate hundreds and dozens are not counts; 近百 ("nearly 100") is
    ("几十个企业，数百家机构，近百家", [("百", 100, "number")]),
    # list markers are structure, not content
    ("1．支持算力技术攻关", []),
    ("（一）夯实底层技术", []),
    ("二、重点任务", []),
    ("（3）加强合作", []),
    ("5月16日", [("5", 5, "number"), ("16", 16, "number")]),
    # 十X五: the (10+X)th Five-Year Plan, matching "the 15th Five-Year Plan"
    ("“十五五”时期", [("十五", 15, "ordinal"), ("五", 5, "number")]),
]


@pytest.mark.parametrize("text,expected", ZH_CASES)
def test_zh_numbers(text, expected):
    assert found(text, "zh-CN") == expected


EN_CASES = [
    ("revenue exceeding 100 billion yuan", [("100 billion", 1e11, "number")]),
    ("1.2 million people and 25,000 firms and 1,000.5 tons",
     [("1.2 million", 1.2e6, "number"), ("25,000", 25000, "number"), ("1,000.5", 1000.5, "number")]),
    ("Pi is 3.14, roughly 1.5 times three", [("3.14", 3.14, "number"), ("1.5", 1.5, "number"),
                                             ("three", 3, "number")]),
    ("two thousand and five", [("two thousand and five", 2005, "number")]),
    ("one hundred and twenty-three", [("one hundred and twenty-three", 123, "number")]),
    ("ninety-nine bottles, a dozen eggs, a hundred days",
     [("ninety-nine", 99, "number"), ("a dozen", 12, "number"), ("a hundred", 100, "number")]),
    ("three million and fifty", [("three million and fifty", 3_000_050, "number")]),
    ("the third time, the 3rd time, the twenty-first century",
     [("third", 3, "ordinal"), ("3rd", 3, "ordinal"), ("twenty-first", 21, "ordinal")]),
    ("30%, 30 per cent, 30 percent, 5.1 percentage points",
     [("30%", 30, "percent"), ("30 per cent", 30, "percent"), ("30 percent", 30, "percent"),
      ("5.1 percentage points", 5.1, "points")]),
    ("from 3 to 4, 2025-2027 and 2025–2027",
     [("3", 3, "number"), ("4", 4, "number"), ("2025", 2025, "year"), ("2027", 2027, "year"),
      ("2025", 2025, "year"), ("2027", 2027, "year")]),
    ("3 to 5 billion yuan", [("3", 3e9, "number"), ("5 billion", 5e9, "number")]),
    ("30-40% of firms", [("30", 30, "percent"), ("40%", 40, "percent")]),
    ("$94M for 600 million yuan ($94 million)", [("94M", 9.4e7, "number"),
                                                 ("600 million", 6e8, "number"),
                                                 ("94 million", 9.4e7, "number")]),
    # "one" and "a" alone are not counts; digits inside names are not numbers
    ("one of the leading areas, no one knows, a batch of datasets", []),
    ("CO2, GPT4 and m2", []),
    ("COVID-19 and GPT-4o; aged 5-10; Industry 4.0",
     [("5", 5, "number"), ("10", 10, "number"), ("4.0", 4, "number")]),
    ("often tender", []),
    ("the 15th Five-Year Plan", [("15th", 15, "ordinal"), ("Five", 5, "number")]),
    # list markers
    ("1. Support the research", []),
    ("(1) Consolidate underlying technology", []),
    ("2、 Key tasks", []),
    ("3) Build", []),
    ("2025. A year of growth", [("2025", 2025, "year")]),
    ("In 2025, 1. is not a marker mid-line", [("2025", 2025, "year"), ("1", 1, "number")]),
]


@pytest.mark.parametrize("text,expected", EN_CASES)
def test_en_numbers(text, expected):
    assert found(text, "en") == expected


def test_list_markers_kept_on_request():
    assert [n.value for n in extract_numbers("1．支持算力", "zh", skip_list_markers=False)] == [1]
    assert [n.value for n in extract_numbers("（二）夯实", "zh", skip_list_markers=False)] == [2]
    assert [n.value for n in extract_numbers("1. Support", "en", skip_list_markers=False)] == [1]
    assert [n.value for n in extract_numbers("(2) Build", "en", skip_list_markers=False)] == [2]


def test_spans_point_into_the_text():
    text = "第三，增长百分之三十点五，达到1000亿元。"
    for n in extract_numbers(text, "zh"):
        assert text[n.start:n.end] == n.text
    assert [n.text for n in extract_numbers(text, "zh")] == ["第三", "百分之三十点五", "1000亿"]


def test_normalise_value():
    assert normalise_value(1000 * 1e8) == normalise_value(100 * 1e9) == 1e11
    assert normalise_value(0.1 + 0.2) == normalise_value(0.3)
    assert normalise_value(1.2 * 1e8) == 1.2e8
    assert normalise_value(2.5) != normalise_value(2.6)


def test_unsupported_language():
    with pytest.raises(ValueError):
        extract_numbers("1", "fr")


# --- cross-language agreement on real parallel text -----------------------------------

def values(text, lang):
    return Counter(normalise_value(n.value) for n in extract_numbers(text, lang))


def test_plan_objectives_agree_across_languages():
    """The plan's "work objectives" paragraph: the same numbers on both sides (1000亿 = 100 billion)."""
    zh = [line for line in PLAN_ZH.read_text(encoding="utf-8").splitlines() if "1000亿" in line]
    en = [line for line in PLAN_EN.read_text(encoding="utf-8").splitlines() if "100 billion" in line]
    expected = Counter({2027: 1, 100: 1, 30: 1, 1e11: 1, 3: 1, 4: 1})
    assert values(zh[-1], "zh") == values(en[-1], "en") == expected


def test_plan_documents_agree_on_numbers():
    """Over the whole plan body (after the English news summary) the number multisets match,
    except for 1 and 2, which translations often render as words that are not numbers
    (首批 "first batch", 两重 "dual", 二次开发 "secondary development")."""
    zh_text = PLAN_ZH.read_text(encoding="utf-8")
    en_lines = PLAN_EN.read_text(encoding="utf-8").splitlines()
    body_en = "\n".join(en_lines[en_lines.index("Full text attached") + 1:])
    body_zh = zh_text[zh_text.index("（此件主动公开）") + len("（此件主动公开）"):]
    zh_vals, en_vals = values(body_zh, "zh"), values(body_en, "en")
    assert sum(zh_vals.values()) > 15
    diff = (zh_vals - en_vals) + (en_vals - zh_vals)
    assert {v for v in diff if v > 2} == set(), diff


# --- properties -------------------------------------------------------------------------

@settings(max_examples=300, deadline=None)
@given(st.one_of(
    st.text(max_size=120),
    st.lists(st.sampled_from(list("0123456789,.．%％ -—至到第百分之一二两三十百千万亿零〇年个点")
                             + ["per cent", "million", "billion", "hundred", "and", "a ",
                                "twenty", "one", "first", "\n", "（", "）", "、", "$", "M"]),
             max_size=30).map("".join),
))
def test_never_crashes_and_spans_are_consistent(text):
    for lang in ("zh", "en"):
        nums = extract_numbers(text, lang)
        last = 0
        for n in nums:
            assert isinstance(n, Number) and n.kind in KINDS
            assert text[n.start:n.end] == n.text and n.start >= last
            assert n.value == n.value and n.value >= 0  # not NaN, never negative
            last = n.end


UNITS = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen " \
        "fifteen sixteen seventeen eighteen nineteen".split()
TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()


def write_en(n: int) -> str:
    """A reference writer for English number words below 10**12."""
    def below_1000(k):
        words = []
        if k >= 100:
            words += [UNITS[k // 100], "hundred"]
            k %= 100
            if k:
                words.append("and")
        if k >= 20:
            words.append(TENS[k // 10 - 2] + ("-" + UNITS[k % 10] if k % 10 else ""))
        elif k or not words:
            words.append(UNITS[k])
        return words

    words = []
    for value, name in ((10**9, "billion"), (10**6, "million"), (10**3, "thousand"), (1, "")):
        group = n // value % 1000
        if group:
            words += below_1000(group) + ([name] if name else [])
    return " ".join(words) or "zero"


@given(st.integers(min_value=2, max_value=10**12 - 1))
def test_english_words_invert_a_reference_writer(n):
    text = write_en(n)
    assert [n.value for n in extract_numbers(f"about {text} units", "en")] == [n]


@given(st.integers(min_value=0, max_value=10**12), st.sampled_from(["", "万", "亿"]))
def test_arabic_with_separators(n, unit):
    scale = {"": 1, "万": 10**4, "亿": 10**8}[unit]
    text = f"共{n:,}{unit}元"
    assert [normalise_value(x.value) for x in extract_numbers(text, "zh")] == \
        [normalise_value(n * scale)]
    assert [x.value for x in extract_numbers(f"a total of {n:,} yuan", "en")] == [n]


def test_kilo_of_a_unit_of_measure_is_no_thousand():
    assert [(n.value, n.text) for n in extract_numbers("全长5千米，重三千克，功率千瓦级", "zh")] == [(5, "5"), (3, "三")]
    assert [(n.value, n.text) for n in extract_numbers("投资5千万元，三千人", "zh")] == [(5e7, "5千万"), (3000, "三千")]


# --- a match's numbers adjusted (tm match's "adjusted") -----------------------------------

@pytest.mark.parametrize("old_zh,old_en,new_zh,expected", [
    ("到2025年，建成10个示范区。", "By 2025, build 10 demonstration zones.", "到2026年，建成12个示范区。",
     "By 2026, build 12 demonstration zones."),
    ("投资5亿元，增长5.2%。", "Invest 500 million yuan, up 5.2 percent.", "投资6亿元，增长6.1%。",
     "Invest 600 million yuan, up 6.1 percent."),
    ("覆盖15000人。", "Covering 15,000 people.", "覆盖16500人。", "Covering 16,500 people."),
    ("增长1.5%。", "up 1.5%.", "增长2%。", "up 2%."),
    # a changed number written twice, or in words, or not found once: nothing offered
    ("建成10个示范区和10个基地。", "Build 10 zones and 10 bases.", "建成12个示范区和10个基地。", None),
    ("建成3个示范区。", "Build three zones.", "建成4个示范区。", None),
    ("建成3个示范区。", "Build zones.", "建成4个示范区。", None),
    ("2025年建成10个。", "Build 10 by 2025.", "建成10个。", None),           # not the same numbers
    ("建成10个示范区。", "Build 10 zones.", "建成10个示范区。", None),       # nothing changed
])
def test_a_matchs_translation_takes_the_numbers_its_source_changes(old_zh, old_en, new_zh, expected):
    from tm.text.numbers import adjust_numbers
    assert adjust_numbers(old_zh, old_en, new_zh) == expected


def test_an_english_source_adjusts_the_chinese_translation():
    from tm.text.numbers import adjust_numbers
    assert adjust_numbers("By 2025, build 10 zones.", "到2025年，建成10个示范区。", "By 2027, build 12 zones.",
                          "en", "zh") == "到2027年，建成12个示范区。"


@pytest.mark.parametrize("old_zh,old_en,new_zh,expected", [
    # a price's cents: the new source's 2.00 is written so, not rounded to $2
    ("单价为1.50美元。", "The unit price is $1.50.", "单价为2.00美元。", "The unit price is $2.00."),
    ("公差为0.50毫米。", "The tolerance is 0.50 mm.", "公差为0.40毫米。", "The tolerance is 0.40 mm."),
    # the source's grouping is not the translation's, or the new source's not the old one's:
    # the translation's kept
    ("覆盖15000人。", "Covering 15,000 people.", "覆盖16500人。", "Covering 16,500 people."),
    ("覆盖1,200人。", "Covering 1,200 people.", "覆盖1500人。", "Covering 1,500 people."),
])
def test_an_adjusted_number_keeps_the_decimals_the_new_source_writes(old_zh, old_en, new_zh, expected):
    from tm.text.numbers import adjust_numbers
    assert adjust_numbers(old_zh, old_en, new_zh) == expected


@pytest.mark.parametrize("old_zh,old_en,new_zh,expected", [
    ("1. 共10人。", "1. 10 people in all.", "2. 共12人。", "2. 12 people in all."),
    ("（1）共10人。", "(1) 10 people in all.", "（2）共12人。", "(2) 12 people in all."),
    ("1. 共10人。", "1. 10 people in all.", "1. 共12人。", "1. 12 people in all."),
])
def test_a_list_marker_the_new_source_changes_is_changed_in_the_translation(old_zh, old_en, new_zh, expected):
    """A list's marker was no number to adjust_numbers, so item 2 was offered item 1's
    number: "2. 共12人" → "1. 12 people in all"."""
    from tm.text.numbers import adjust_numbers
    assert adjust_numbers(old_zh, old_en, new_zh) == expected


@pytest.mark.parametrize("old_zh,old_en,new_zh", [
    ("型号A100，共10台。", "Model A100, 10 units.", "型号A200，共12台。"),
    ("版本v2.0发布，修复10个问题。", "Version v2.0 released, fixing 10 issues.", "版本v2.1发布，修复12个问题。"),
])
def test_a_code_whose_digits_change_leaves_nothing_offered(old_zh, old_en, new_zh):
    """A100 → A200, v2.0 → v2.1: digits the number reader leaves to a code changed too, and
    the offer kept the old code ("Model A100, 12 units.")."""
    from tm.text.numbers import adjust_numbers
    assert adjust_numbers(old_zh, old_en, new_zh) is None
    # the same code kept: the count is adjusted
    assert adjust_numbers("型号A100，共10台。", "Model A100, 10 units.", "型号A100，共12台。") == "Model A100, 12 units."


def test_the_number_reader_compiles_its_patterns_when_first_used():
    """Importing :mod:`tm.text.numbers` compiles none of its patterns (they cost ~9 ms, which
    a one-shot ``tm match`` paid for a match differing in digits alone); adjusting a plain
    match's numbers compiles only those it reads, and every pattern, compiled, is the one
    ``re.compile`` makes of its arguments."""
    import subprocess
    import sys
    from pathlib import Path
    probe = ("import re, tm.text.numbers as n\n"
             "from tm.text.lazy import Pattern\n"
             "every = {k: v for k, v in vars(n).items() if isinstance(v, Pattern)}\n"
             "every.update({'_PER.' + k: v for k, v in n._PER.items()})\n"
             "compiled = lambda: sorted(k for k, v in every.items() if v._compiled is not None)\n"
             "print(compiled())\n"
             "print(n.adjust_numbers('2025年建成10个示范区。', 'Build 10 zones by 2025.', '2026年建成12个示范区。'))\n"
             "print(compiled())\n"
             "print(len(every), all(v.pattern == re.compile(*v._args).pattern and v.flags == re.compile(*v._args).flags"
             " for v in every.values()))\n")
    root = Path(__file__).resolve().parents[3]
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120,
                          env={**__import__("os").environ, "PYTHONPATH": str(root)})
    assert done.returncode == 0, done.stderr
    before, adjusted, after, every = done.stdout.splitlines()
    assert (before, adjusted, every) == ("[]", "Build 12 zones by 2026.", "30 True")
    assert "_ZH_RE" in after and "_EN_RE" in after
    assert not {"_SCIENTIFIC", "_ZH_DISCOUNT", "_ZH_FRACTION", "_EN_FRACTION", "_DOTTED_DATE"} & set(eval(after))
