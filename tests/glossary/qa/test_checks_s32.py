"""Session 32: QA on eight short documents of other genres (a recipe, a library notice, a
weather forecast, a shipping note, a lease, UI strings, a sports report, a job posting), each
with planted errors: times of day, weekdays, currencies, units of area, volume and food energy,
a mass written as a volume, a telephone number grouped otherwise, a conversion the translator
adds in brackets.  Sentences written for the tests."""

import pytest

from glossary.qa.checks import Pair, check_brackets, check_negation, check_number


def messages(zh, en, source="zh"):
    return [f.message for f in check_number(Pair("1", zh, en, source=source))]


@pytest.mark.parametrize("zh, en", [
    ("会议于15:30开始。", "The meeting starts at 3:30 p.m."),
    ("会议于下午3:30开始。", "The meeting starts at 15:30."),
    ("营业时间：上午10点至晚上10点。", "Opening hours: 10 a.m. to 10 p.m."),
    ("中午12点发布。", "Released at noon."),
    ("晚上12点截止。", "The deadline is midnight."),
    ("凌晨2点发生地震。", "The earthquake struck at 2 a.m."),
    ("北京时间20:00直播。", "Live at 8 p.m. Beijing time."),
    ("下午3点半集合。", "Meet at 3.30pm."),
    ("深夜1点仍有航班。", "There are still flights at 1 AM."),
])
def test_a_time_of_day_written_on_the_other_clock_is_no_finding(zh, en):
    """15:30 "3:30 p.m." gave "number differs: 15 … 3", 中午12点 "noon" a missing 12: five
    errors on seven right sentences."""
    assert messages(zh, en) == []


@pytest.mark.parametrize("zh, en, message", [
    ("上午9:30至下午4:30", "9:30 p.m. to 4:30 p.m.",
     "time of day differs: 上午9:30 in the source, 9:30 p.m. in the target"),
    ("讲座于下午3点举行。", "The lecture is at 3 a.m.",
     "time of day differs: 下午3点 in the source, 3 a.m. in the target"),
    ("中午12点至下午1点闭馆。", "Closed from midnight to 1 p.m.",
     "time of day differs: 中午12点 in the source, midnight in the target"),
    ("会议于15:30开始。", "The meeting starts at 3:30 a.m.",
     "time of day differs: 15:30 in the source, 3:30 a.m. in the target"),
])
def test_a_time_of_day_turned_to_the_other_half_of_the_day_is_found(zh, en, message):
    """The same numbers on both sides: the comparison of values saw nothing."""
    assert messages(zh, en) == [message]


def test_a_bare_dian_is_no_time():
    """三点意见 is three points, 三点五 three and a half: no clock."""
    assert messages("提出三点意见。", "He made three points.") == []
    assert messages("到下午5点增长了三点五倍。", "By 5 p.m. it had grown 3.5-fold.") == []


def test_a_time_with_no_counterpart_keeps_its_numbers():
    assert messages("晚上8点后不再接待访客。", "No visitors are admitted after 9 p.m.") == \
        ["number differs: 8 (8) in the source, 9 (9) in the target"]


def test_a_weekday_named_otherwise_is_found():
    assert messages("周一至周五开放。", "Open Monday to Thursday.") == \
        ["weekday differs: 周五 in the source, Thursday in the target"]


@pytest.mark.parametrize("zh, en", [
    ("周一至周五开放。", "Open Monday to Friday."),
    ("周一至周五开放。", "Open on weekdays."),
    ("每周一次，周日休息。", "Once a week; closed on Sundays."),
    ("星期天闭馆。", "Closed on Sunday."),
])
def test_a_weekday_said_alike_is_no_finding(zh, en):
    assert messages(zh, en) == []


def test_a_dates_weekday_in_brackets_rendered_out_of_them_is_no_lost_bracket():
    """12月8日（星期二） is "Tuesday, December 8": the warning was about how English writes a
    date; a weekday the target does not name still warns."""
    def lost(zh, en):
        return [f.message for f in check_brackets(Pair("1", zh, en))]
    assert lost("讲座于12月8日（星期二）举行。", "The lecture is on Tuesday, December 8.") == []
    assert lost("讲座于12月8日（星期二）举行。", "The lecture is on December 8.") != []


@pytest.mark.parametrize("zh, en, message", [
    ("货值12,000美元。", "The goods are worth RMB 12,000.", "currency differs: 美元 in the source, RMB in the target"),
    ("运费为每立方米85美元。", "Freight is EUR 85 per cubic metre.",
     "currency differs: 美元 in the source, EUR in the target"),
    ("月租金为人民币4,500元。", "The rent is $4,500 a month.",
     "currency differs: 元 in the source, $ in the target"),
    ("售价2,000日元。", "It sells for 2,000 euros.", "currency differs: 日元 in the source, euros in the target"),
])
def test_an_amount_in_another_currency_is_found(zh, en, message):
    """The amount right, its currency not: no comparison of values could see it."""
    assert messages(zh, en) == [message]


@pytest.mark.parametrize("zh, en", [
    ("货值12,000美元。", "The goods are worth USD 12,000."),
    ("货值12,000美元。", "The goods are worth $12,000."),
    ("货值12,000美元。", "The goods are worth 12,000 US dollars."),
    ("月租金为人民币4,500元。", "The rent is 4,500 yuan a month."),
    ("月租金为4,500元。", "The rent is ¥4,500 a month."),
    ("投资30万元。", "An investment of RMB 300,000."),
    ("融资1.2亿美元。", "Raised US$120 million."),
    ("票价50港元。", "Tickets cost HK$50."),
    ("票价50港元。", "Tickets cost $50."),
    ("售价2,000日元。", "It sells for ¥2,000."),
    ("售价15欧元。", "It costs €15."),
])
def test_an_amount_in_its_own_currency_however_written_is_no_finding(zh, en):
    assert messages(zh, en) == []


@pytest.mark.parametrize("zh, en, message", [
    ("建筑面积89.5平方米。", "A floor area of 89.5 square feet.", "unit differs: 89.5 m² in the source, 89.5 ft² in the target"),
    ("总体积3.5立方米。", "Total volume 3.5 cubic feet.", "unit differs: 3.5 m³ in the source, 3.5 ft³ in the target"),
    ("每份约含热量320千卡。", "Each serving has about 320 kJ.", "unit differs: 320 kcal in the source, 320 kJ in the target"),
    ("放入200克面粉。", "Add 200 ml of flour.", "unit differs: 200 g in the source, 200 mL in the target"),
])
def test_a_quantity_in_another_unit_is_found(zh, en, message):
    """Square and cubic metres and kilocalories were not in the table of units, and a mass
    written as a volume (克 "ml") was compared only within one dimension."""
    assert messages(zh, en) == [message]


@pytest.mark.parametrize("zh, en", [
    ("建筑面积89.5平方米。", "A floor area of 89.5 square metres."),
    ("总体积3.5立方米。", "Total volume 3.5 cubic meters."),
    ("每份约含热量320千卡。", "Each serving has about 320 kcal."),
    ("将烤箱预热至180°C。", "Preheat the oven to 180°C (356°F)."),
    ("全程5公里。", "The route is 5 km (about 3.1 miles) long."),
])
def test_a_quantity_in_its_unit_or_converted_in_brackets_is_no_finding(zh, en):
    """180°C (356°F): the translator's conversion was an extra number."""
    assert messages(zh, en) == []


def test_a_bracketed_number_of_the_same_unit_is_still_extra():
    assert messages("全程5公里。", "The route is 5 km (about 3 km) long.") == ["extra number in the target: 3 (3)"]


def test_a_telephone_number_grouped_otherwise_after_any_label_is_one_number():
    """022-27403366 "Enquiries: 022-2740 3366" gave an extra 2740 and a 3366 that differs: the
    English's label was none of the list, and the full stop after the number cut it short."""
    assert messages("咨询电话：022-27403366。", "Enquiries: 022-2740 3366.") == []
    assert messages("咨询电话：022-27403366。", "Enquiries: 022-2740 3636.") == \
        ["telephone number differs: 022-27403366 in the source, 022-2740 3636 in the target"]


def negation_messages(zh, en):
    return [f.message for f in check_negation(Pair("1", zh, en))]


@pytest.mark.parametrize("zh, en, message", [
    ("请于开始前15分钟入场。", "Please be seated 15 minutes after it starts.",
     "the source says before (“前15分钟”) and the target after (\"after\")"),
    ("3天后复查。", "Come back for a check 3 days earlier.",
     "the source says after (“3天后”) and the target before (\"earlier\")"),
    ("东北风3到4级。", "Northwest wind, force 3 to 4.",
     "compass point differs: “东北” in the source, \"Northwest\" in the target"),
    ("房屋朝南。", "The flat is north-facing.", "compass point differs: “南” in the source, \"north\" in the target"),
])
def test_a_time_or_a_direction_turned_round_is_a_warning(zh, en, message):
    """The same numbers, or none: 开始前15分钟 "15 minutes after it starts" and 东北风 "Northwest
    wind" were silent."""
    assert negation_messages(zh, en) == [message]


@pytest.mark.parametrize("zh, en", [
    ("请于开始前15分钟入场。", "Please be seated 15 minutes before it starts."),
    ("收到押金后3个工作日内交付。", "Hand over within three working days of receiving the deposit."),
    ("3天后复查。", "Come back for a check in 3 days."),
    ("东北风3到4级。", "Northeasterly winds, force 3 to 4."),
    ("房屋朝南。", "The flat faces south."),
    ("东南亚市场增长20%。", "Sales in Southeast Asia grew 20%."),
    ("华北地区降雨。", "Rain in North China."),
])
def test_a_time_or_a_direction_said_alike_is_no_finding(zh, en):
    assert negation_messages(zh, en) == []


@pytest.mark.parametrize("zh, en, message", [
    ("工作温度范围为-10℃至40℃。", "Operating temperature: 10°C to 40°C.", "sign differs: -10 in the source, 10 in the target"),
    ("最低气温零下5℃。", "A low of 5°C.", "sign differs: -5 in the source, 5 in the target"),
    ("逾期罚息为贷款利率上浮50%。", "Overdue interest is the loan rate minus 50%.",
     "sign differs: 50% in the source, -50% in the target"),
])
def test_a_number_whose_sign_was_lost_or_added_is_found(zh, en, message):
    """The reader gives values without their sign (a hyphen is as often a range or a code):
    -10℃ "10°C" was silent."""
    assert messages(zh, en) == [message]


@pytest.mark.parametrize("zh, en", [
    ("工作温度范围为-10℃至40℃。", "Operating temperature: -10°C to 40°C."),
    ("工作温度范围为-10℃至40℃。", "Operating temperature: −10 to 40 °C."),
    ("最低气温零下5℃。", "A low of minus 5°C."),
    ("最低气温零下5℃。", "A low of 5 degrees below zero."),
    ("见第3-5条。", "See Articles 3-5."),
    ("型号XR-2000。", "Model XR-2000."),
    ("净利润-312万元。", "Net profit: RMB -3.12 million."),
    ("净利润-312万元。", "A net loss of RMB 3.12 million."),
    ("年薪20万-30万元。", "The annual salary is RMB 200,000–300,000."),
])
def test_a_sign_kept_or_said_in_words_or_a_range_is_no_finding(zh, en):
    assert messages(zh, en) == []


@pytest.mark.parametrize("zh, en, message", [
    ("保修期为自购买之日起一年。", "The warranty lasts one month from the date of purchase.",
     "unit differs: 一年 in the source, one month in the target"),
    ("下午参观大熊猫基地。", "In the morning, visit the panda base.",
     "time of day differs: 下午 in the source, morning in the target"),
    ("随机分为两组，每组120例。", "They were randomized into three groups of 120.",
     "number differs: 两 (2) in the source, three (3) in the target"),
    ("含往返交通和两晚住宿。", "Including return travel and three nights' accommodation.",
     "number differs: 两 (2) in the source, three (3) in the target"),
])
def test_one_unit_a_part_of_the_day_or_a_small_count_said_otherwise_is_found(zh, en, message):
    """一 and "one", 两 and "three" in words are no numbers either side reports left over (they
    are as often words): 一年 "one month" and 两组 "three groups" were silent, and so was 下午 "in
    the morning" with no hour."""
    assert messages(zh, en) == [message]


@pytest.mark.parametrize("zh, en", [
    ("保修期为自购买之日起一年。", "The warranty lasts a year from the date of purchase."),
    ("三月一日起施行。", "It takes effect on March 1."),
    ("每一天都很重要。", "Every day matters."),
    ("下午参观大熊猫基地。", "In the afternoon, visit the panda base."),
    ("夜间降水概率60%。", "There is a 60% chance of rain overnight."),
    ("随机分为两组，每组120例。", "They were randomized into two groups of 120."),
    ("两国领导人举行会谈。", "The two leaders held talks."),
])
def test_one_unit_a_part_of_the_day_or_a_small_count_said_alike_is_no_finding(zh, en):
    assert messages(zh, en) == []


@pytest.mark.parametrize("zh, en, message", [
    ("年利率为4.35%。", "The monthly interest rate is 4.35%.", "period differs: 年利率 in the source, monthly in the target"),
    ("每日按应付租金的0.5%支付违约金。", "A penalty of 0.5% of the rent due for each month.",
     "period differs: 每日 in the source, each month in the target"),
])
def test_a_rates_period_named_as_another_is_found(zh, en, message):
    assert messages(zh, en) == [message]


@pytest.mark.parametrize("zh, en", [
    ("年利率为4.35%。", "The annual interest rate is 4.35%."),
    ("年利率为4.35%。", "The interest rate is 4.35% per annum."),
    ("每日服用一次。", "Take once daily."),
    ("月租金为4,500元。", "The rent is RMB 4,500 a month."),
    ("每年举办一次，每次三天。", "Held once a year, for three days each time."),
    ("每人每天限购两件。", "Limit two per person per day."),
])
def test_a_rates_period_said_alike_is_no_finding(zh, en):
    assert messages(zh, en) == []


def test_half_of_a_unit_of_time_named_as_another_is_found():
    assert messages("静置半小时后倒入模具。", "Leave it to rest for half a day, then pour it into the tin.") == \
        ["unit differs: 半小时 in the source, half a day in the target"]


@pytest.mark.parametrize("zh, en", [
    ("静置半小时后倒入模具。", "Leave it to rest for half an hour, then pour it into the tin."),
    ("静置半小时后倒入模具。", "Leave it to rest for 30 minutes, then pour it into the tin."),
    ("出炉后冷却一刻钟再脱模。", "Let it cool for 15 minutes before turning it out."),
    ("一个半小时后出发。", "We leave in an hour and a half."),
    ("一月份销量上升。", "Sales rose in January."),
])
def test_a_fraction_of_an_hour_in_words_or_in_minutes_is_no_finding(zh, en):
    """半小时 "30 minutes" and 一刻钟 "15 minutes" had an extra 30 and 15."""
    assert messages(zh, en) == []


@pytest.mark.parametrize("zh, en, message", [
    ("饭前服用。", "Take after meals.", "the source says before (“饭前”) and the target after (\"after\")"),
    ("早餐后乘大巴前往乐山。", "Before breakfast, take the coach to Leshan.",
     "the source says after (“早餐后”) and the target before (\"Before\")"),
])
def test_before_or_after_a_meal_turned_round_is_a_warning(zh, en, message):
    assert negation_messages(zh, en) == [message]


@pytest.mark.parametrize("zh, en", [
    ("饭前服用。", "Take before meals."),
    ("早餐后乘大巴前往乐山。", "After breakfast, take the coach to Leshan."),
    ("睡前半小时服用。", "Take half an hour before bedtime."),
])
def test_before_or_after_a_meal_said_alike_is_no_finding(zh, en):
    assert negation_messages(zh, en) == []


@pytest.mark.parametrize("zh, en, message", [
    ("保修期为一个月。", "The warranty lasts one year.", "unit differs: 一个月 in the source, one year in the target"),
    ("今晚有雨。", "Rain this morning.", "time of day differs: 今晚 in the source, morning in the target"),
])
def test_a_month_with_its_measure_word_and_tonight_are_read(zh, en, message):
    """一个月 was left out with 一月 (January), and 今晚 was no part of the day the source's cues
    looked for."""
    assert messages(zh, en) == [message]
    assert messages("保修期为一个月。", "The warranty lasts one month.") == []
    assert messages("今晚有雨。", "Rain tonight.") == []


def test_an_hour_in_characters_is_a_time():
    """上午十点 "10 a.m." gave an extra 10: the hour in characters was not read."""
    assert messages("会议定于下周三上午十点召开。", "The meeting will be held at 10 a.m. next Wednesday.") == []
    assert messages("会议定于下周三上午十点召开。", "The meeting will be held at 10 p.m. next Wednesday.") == \
        ["time of day differs: 上午十点 in the source, 10 p.m. in the target"]
    assert messages("晚上八点二十分出发。", "We leave at 8:20 p.m.") == []
