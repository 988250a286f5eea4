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
    ("明年底前", 2025, None),
    ("2月30日", 2025, None),
    ("尽快", 2025, None),
    ("", 2025, None),
]


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
