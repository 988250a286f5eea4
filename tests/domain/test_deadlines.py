"""Deadline phrases to dates: every shape offices write, open phrases, and what must not parse."""

import datetime as dt

import pytest

from planner.domain.deadlines import Deadline, is_open_phrase, month_end, parse_deadline

D = dt.date

DATED = [
    # year ends
    ("2020年底前", D(2020, 12, 31)),
    ("2020年底", D(2020, 12, 31)),
    ("2020年末", D(2020, 12, 31)),
    ("2020年年底前", D(2020, 12, 31)),
    ("2020年前", D(2020, 12, 31)),
    ("2020年", D(2020, 12, 31)),
    ("2020年内", D(2020, 12, 31)),
    ("二〇二〇年底前", D(2020, 12, 31)),
    # month ends
    ("2021年6月底前", D(2021, 6, 30)),
    ("2021年6月", D(2021, 6, 30)),
    ("2021年6月底", D(2021, 6, 30)),
    ("2021年6月末", D(2021, 6, 30)),
    ("2021年六月底前", D(2021, 6, 30)),
    ("2021年十二月底前", D(2021, 12, 31)),
    ("2021年11月份", D(2021, 11, 30)),
    ("2024年2月底前", D(2024, 2, 29)),
    ("2023年2月底前", D(2023, 2, 28)),
    ("2000年2月底", D(2000, 2, 29)),
    ("2100年2月底", D(2100, 2, 28)),
    ("2021年6月上旬", D(2021, 6, 10)),
    ("2021年6月中旬", D(2021, 6, 20)),
    ("2021年6月下旬", D(2021, 6, 30)),
    # halves and quarters
    ("2022年上半年", D(2022, 6, 30)),
    ("2022年下半年", D(2022, 12, 31)),
    ("2022年第三季度", D(2022, 9, 30)),
    ("2022年三季度", D(2022, 9, 30)),
    ("2022年三季度末", D(2022, 9, 30)),
    ("2022年第三季度末", D(2022, 9, 30)),
    ("2022年第3季度", D(2022, 9, 30)),
    ("2022年一季度", D(2022, 3, 31)),
    ("2022年第二季度", D(2022, 6, 30)),
    ("2022年第四季度前", D(2022, 12, 31)),
    # exact dates
    ("2019-03-31", D(2019, 3, 31)),
    ("2019/3/31", D(2019, 3, 31)),
    ("2019.3.31", D(2019, 3, 31)),
    ("2019年3月31日", D(2019, 3, 31)),
    ("2019年3月31日前", D(2019, 3, 31)),
    ("2024年2月29日", D(2024, 2, 29)),
    ("2019年三月三十一日", D(2019, 3, 31)),
    # extra words around the deadline
    ("2020年底前完成", D(2020, 12, 31)),
    ("2020年6月底前出台", D(2020, 6, 30)),
    ("力争2021年底前基本建成", D(2021, 12, 31)),
    ("2020年底前落实到位", D(2020, 12, 31)),
    ("2021年起草完成", D(2021, 12, 31)),
    ("2020年底前见成效", D(2020, 12, 31)),
    ("持续推进，2022年底前取得突破", D(2022, 12, 31)),
    ("2020年底前完成，此后每年报送进展", D(2020, 12, 31)),
    # ranges end at the last date written
    ("2019—2020年", D(2020, 12, 31)),
    ("2019-2020年", D(2020, 12, 31)),
    ("2019至2020年", D(2020, 12, 31)),
    ("2019年至2020年", D(2020, 12, 31)),
    ("2019–2020年底前", D(2020, 12, 31)),
    ("2019年6月至2020年", D(2020, 12, 31)),
    ("2019年至2020年6月", D(2020, 6, 30)),
    ("2019年3月31日至2020年6月30日", D(2020, 6, 30)),
    ("2019年起至2020年底", D(2020, 12, 31)),
    # full-width digits and whitespace
    ("２０２０年底前", D(2020, 12, 31)),
    ("２０２１年６月底前", D(2021, 6, 30)),
    ("２０１９／３／３１", D(2019, 3, 31)),
    ("  2020年底前\n", D(2020, 12, 31)),
    ("\u30002020 年 底前\u3000", D(2020, 12, 31)),
    ("1949年", D(1949, 12, 31)),
    ("2100年底", D(2100, 12, 31)),
]

UNDATED = [
    # open phrases
    "持续推进",
    "长期坚持",
    "年内见成效",
    "按年度推进",
    "长期",
    "持续",
    "常态化推进",
    # recurring or start only
    "2025年起",
    "2025年1月起",
    "2025年开始实施",
    "每年12月底前",
    "每季度末",
    "每年年底前",
    # impossible dates never fall back to a coarser reading
    "2019年2月30日",
    "2019-13-01",
    "2023年2月29日",
    "2019年13月底前",
    "2019年0月",
    "2022年第5季度",
    # not years
    "1948年底前",
    "2101年底前",
    "3000年",
    "12020年底前",
    # unknown or empty
    "",
    "   ",
    "尽快",
    "待定",
    "2020",
    "年底前",
    "6月底前",
    "上半年",
]

WITH_PLAN_YEAR = [
    ("年底前", 2025, D(2025, 12, 31)),
    ("年底", 2025, D(2025, 12, 31)),
    ("年末", 2025, D(2025, 12, 31)),
    ("年内", 2025, D(2025, 12, 31)),
    ("年内完成", 2025, D(2025, 12, 31)),
    ("今年底前", 2025, D(2025, 12, 31)),
    ("6月底前", 2025, D(2025, 6, 30)),
    ("六月底前", 2025, D(2025, 6, 30)),
    ("2月底前", 2024, D(2024, 2, 29)),
    ("三季度末", 2025, D(2025, 9, 30)),
    ("第一季度", 2025, D(2025, 3, 31)),
    ("上半年", 2025, D(2025, 6, 30)),
    ("下半年", 2025, D(2025, 12, 31)),
    ("上半年底前", 2025, D(2025, 6, 30)),
    ("9月30日前", 2025, D(2025, 9, 30)),
    # a written year always beats the plan's
    ("2021年底前", 2025, D(2021, 12, 31)),
    ("2021年6月底前", 2025, D(2021, 6, 30)),
    # the plan's year does not turn open, recurring or impossible phrases into dates
    ("年内见成效", 2025, None),
    ("持续推进", 2025, None),
    ("每年12月底前", 2025, None),
    ("每年年底前", 2025, None),
    ("2月30日", 2025, None),
    ("尽快", 2025, None),
    ("", 2025, None),
]


# Trial of 2026-11-30 (H6): plan year 2026. Years named from the plan's year, two-digit years,
# festivals, and the other shapes offices write; each date is the last day the phrase allows.
PLAN_2026 = [
    ("明年6月底前", D(2027, 6, 30)),
    ("明年底前", D(2027, 12, 31)),
    ("明年上半年", D(2027, 6, 30)),
    ("次年3月底前", D(2027, 3, 31)),
    ("来年一季度", D(2027, 3, 31)),
    ("后年底前", D(2028, 12, 31)),
    ("今年底前", D(2026, 12, 31)),
    ("今年内", D(2026, 12, 31)),
    ("当年完成", D(2026, 12, 31)),
    ("本年度内", D(2026, 12, 31)),
    ("去年底前", D(2025, 12, 31)),
    ("年内", D(2026, 12, 31)),
    ("年底前", D(2026, 12, 31)),
    ("持续推进，明年底前见效", D(2027, 12, 31)),
    ("27年6月", D(2027, 6, 30)),
    ("27年底前", D(2027, 12, 31)),
    ("2026-27年", D(2027, 12, 31)),
    ("2027-06", D(2027, 6, 30)),
    ("2027.6", D(2027, 6, 30)),
    ("2026.6-2027.6", D(2027, 6, 30)),
    ("2027年春节前", D(2027, 2, 5)),
    ("2027年春节之前", D(2027, 2, 5)),
    ("2027年春节", D(2027, 2, 6)),
    ("春节前", D(2026, 2, 16)),
    ("明年春节前", D(2027, 2, 5)),
    ("2027年元旦前", D(2026, 12, 31)),
    ("2027年国庆节前", D(2027, 9, 30)),
    ("2027年五一前", D(2027, 4, 30)),
    ("年中", D(2026, 6, 30)),
    ("年中前", D(2026, 6, 30)),
    ("2027年年中", D(2027, 6, 30)),
    ("2027年中", D(2027, 6, 30)),
    ("6月中", D(2026, 6, 15)),
    ("6月中前完成", D(2026, 6, 15)),
    ("2027年年中见效", D(2027, 6, 30)),
    ("年中基本建成", D(2026, 6, 30)),
    ("2027年初步建成", D(2027, 12, 31)),  # 初步 is not 年初
    ("6月初", D(2026, 6, 10)),
    ("6月上中旬", D(2026, 6, 20)),
    ("6月中下旬", D(2026, 6, 30)),
    ("上半年", D(2026, 6, 30)),
    ("下半年", D(2026, 12, 31)),
    ("一季度", D(2026, 3, 31)),
    ("第三季度", D(2026, 9, 30)),
    ("年底", D(2026, 12, 31)),
    ("年末", D(2026, 12, 31)),
    ("月底", None),  # which month?
    ("6月底", D(2026, 6, 30)),
    ("2026—2027年", D(2027, 12, 31)),
    ("2026-2027年", D(2027, 12, 31)),
    ("2020年以前", D(2020, 12, 31)),
    ("“十四五”期间", D(2025, 12, 31)),
    ("“十四五”末", D(2025, 12, 31)),
    ("十五五时期", D(2030, 12, 31)),
    # no fixed date: never the plan's year end, never a later day than meant
    ("长期", None),
    ("持续推进", None),
    ("长期坚持", None),
    ("两年内", None),
    ("三年内完成", None),
    ("3年内", None),
    ("半年内", None),
    ("20年内", None),
    ("十五个工作日内", None),
    ("年初", None),
    ("2027年初", None),
    ("元旦前", None),  # this 元旦 or the next?
    ("2027年中秋节前", None),
    ("2027年端午前", None),
    ("2027年汛期前", None),
    ("2027年两会前", None),
    ("2060年春节前", None),  # beyond the festival table
    ("2027年春节后", None),
    ("2027年6月以后", None),
    ("2025年以后", None),
    ("每年6月底前", None),
    ("每年年底前，次年3月底前报送", None),
]


@pytest.mark.parametrize(("phrase", "expected"), PLAN_2026)
def test_phrase_in_a_2026_plan(phrase, expected):
    deadline = parse_deadline(phrase, plan_year=2026)
    assert deadline.date == expected
    assert deadline.problem == ""


@pytest.mark.parametrize("phrase", ["明年6月底前", "明年底前", "后年底前", "今年内", "春节前", "年中"])
def test_year_named_from_the_plan_has_no_date_without_the_plan_year(phrase):
    assert parse_deadline(phrase).date is None


@pytest.mark.parametrize(("phrase", "detail"), [
    ("2027年2月30日前", "2027年2月没有30日"),
    ("2023年2月29日", "2023年2月没有29日"),
    ("2019-13-01", "没有13月"),
    ("2019年13月底前", "没有13月"),
    ("2022年第5季度", "没有第5季度"),
    ("明年2月30日前", "2027年2月没有30日"),
])
def test_a_day_that_does_not_exist_is_a_problem(phrase, detail):
    deadline = parse_deadline(phrase, plan_year=2026)
    assert deadline.date is None
    assert deadline.problem == f"完成时限“{phrase}”中的日期不存在（{detail}），请核对"


def test_festival_table_agrees_with_chinese_calendar_holidays():
    """Every 春节 the table knows falls inside the State Council's 春节 days off, where those are known."""
    import chinese_calendar

    from planner.domain.festivals import SPRING_FESTIVAL_YEARS, festival_day

    checked = 0
    for year in SPRING_FESTIVAL_YEARS:
        day = festival_day("春节", year)
        try:
            on, name = chinese_calendar.get_holiday_detail(day)
        except NotImplementedError:
            continue  # chinese-calendar does not know that year
        assert on and name == chinese_calendar.Holiday.spring_festival.value, (year, day)
        checked += 1
    assert checked >= 20


@pytest.mark.parametrize(("phrase", "expected"), DATED)
def test_dated_phrase(phrase, expected):
    assert parse_deadline(phrase) == Deadline(phrase.strip(), expected)


@pytest.mark.parametrize("phrase", UNDATED)
def test_undated_phrase_keeps_phrase(phrase):
    deadline = parse_deadline(phrase)
    assert deadline == Deadline(phrase.strip(), None)
    assert deadline.is_open


@pytest.mark.parametrize(("phrase", "plan_year", "expected"), WITH_PLAN_YEAR)
def test_plan_year_fills_missing_year(phrase, plan_year, expected):
    assert parse_deadline(phrase, plan_year=plan_year) == Deadline(phrase, expected)


@pytest.mark.parametrize("phrase", ["２０２０年底前", " 2020年底前 ", "2019年起至2020年底", "二〇二〇年底前"])
def test_phrase_is_kept_as_written_not_normalised(phrase):
    assert parse_deadline(phrase).phrase == phrase.strip()


@pytest.mark.parametrize(("phrase", "expected"), [
    ("持续推进", True),
    ("长期坚持", True),
    ("年内见成效", True),
    ("每年12月底前", True),
    ("2025年起", True),
    ("2020年底前", False),
    ("2020年底前见成效", False),
    ("年底前", False),
    ("尽快", False),
    ("", False),
])
def test_is_open_phrase(phrase, expected):
    assert is_open_phrase(phrase) is expected


@pytest.mark.parametrize(("year", "month", "expected"), [
    (2024, 2, D(2024, 2, 29)),
    (1900, 2, D(1900, 2, 28)),
    (2021, 4, D(2021, 4, 30)),
    (2021, 12, D(2021, 12, 31)),
])
def test_month_end(year, month, expected):
    assert month_end(year, month) == expected


def test_deadline_is_frozen_and_open_means_no_date():
    deadline = parse_deadline("2020年底前")
    assert not deadline.is_open
    with pytest.raises(AttributeError):
        deadline.date = None  # type: ignore[misc]


# A remark in brackets is a note on the deadline; the deadline outside it counts.
REMARKS = [
    ("2028年底前（2027年中期评估）", None, D(2028, 12, 31)),
    ("2028年底前(2027年6月中期评估)", None, D(2028, 12, 31)),
    ("2027年6月底前（视情况可延至2027年底）", None, D(2027, 6, 30)),
    ("2026年底前（每季度报送进展）", 2026, D(2026, 12, 31)),
    ("年底前（含中期评估）", 2026, D(2026, 12, 31)),
    # A remark that is only a year is the year of the phrase before it.
    ("6月底前（2027年）", None, D(2027, 6, 30)),
    ("6月底前（2027年）", 2026, D(2027, 6, 30)),
    ("年底前(2027)", 2026, D(2027, 12, 31)),
    # Nothing dated outside: the remark is the deadline.
    ("持续推进（2027年底前见效）", 2026, D(2027, 12, 31)),
    ("（2027年底前）", None, D(2027, 12, 31)),
]


@pytest.mark.parametrize(("phrase", "plan_year", "expected"), REMARKS)
def test_a_remark_in_brackets_does_not_replace_the_deadline_before_it(phrase, plan_year, expected):
    assert parse_deadline(phrase, plan_year=plan_year) == Deadline(phrase, expected)


def test_a_day_that_does_not_exist_outside_a_remark_is_still_a_problem():
    deadline = parse_deadline("2027年2月30日（以通知为准）")
    assert deadline.date is None and "2027年2月没有30日" in deadline.problem
