"""The words table offices write in returned 台账, word by word."""

import datetime as dt

import pytest

from planner.domain.ledger_words import (
    WordError, YearlessDate, date_word, percent_word, progress_date_problem, status_word, typed_number_date,
    whole_percent)
from planner.domain.model import Status


@pytest.mark.parametrize(("word", "status"), [
    ("完成", Status.DONE), ("已办结", Status.DONE), ("办结", Status.DONE), ("已完成", Status.DONE),
    ("正在推进", Status.IN_PROGRESS), ("进行中", Status.IN_PROGRESS), ("持续推进", Status.IN_PROGRESS),
    ("正常推进", Status.IN_PROGRESS), ("已启动", Status.IN_PROGRESS), ("推进中 ", Status.IN_PROGRESS),
    ("未开始", Status.NOT_STARTED), ("未开展", Status.NOT_STARTED), ("未启动", Status.NOT_STARTED),
    ("滞后", Status.DELAYED), ("已滞后", Status.DELAYED), ("暂停", Status.PAUSED), ("已暂停", Status.PAUSED),
])
def test_each_status_word_means_one_status(word, status):
    assert status_word(word).status is status
    assert status_word(word).keeps_percent is False


def test_basically_done_is_in_progress_with_its_percent_kept():
    found = status_word("基本完成")
    assert (found.status, found.keeps_percent) == (Status.IN_PROGRESS, True)


def test_an_unknown_status_word_is_refused_with_the_choices():
    with pytest.raises(WordError, match="“差不多”不是有效的状态，可选：未启动、推进中"):
        status_word("差不多")
    assert status_word("  ") is None


@pytest.mark.parametrize(("word", "percent"), [
    ("八成", 80), ("约80%", 80), ("８０％", 80), ("80%", 80), ("0.8", 80), ("80", 80), ("五成", 50),
    ("100", 100), ("0", 0), ("全部完成", 100), ("约 75 %", 75),
])
def test_each_percent_word_means_one_number(word, percent):
    assert percent_word(word) == percent


@pytest.mark.parametrize("word", ["很多", "120%", "八成多", "-5", "85.5", "85.5%", "0.855", "约 99.9%"])
def test_percent_words_that_say_nothing_certain_are_refused(word):
    with pytest.raises(WordError):
        percent_word(word)


@pytest.mark.parametrize(("word", "meant"), [
    ("2026年11月底", dt.date(2026, 11, 30)), ("2026年11月", dt.date(2026, 11, 30)),
    ("2026年2月底", dt.date(2026, 2, 28)), ("2026年11月28日", dt.date(2026, 11, 28)),
    ("11月底", YearlessDate(11, None)), ("11月28日", YearlessDate(11, 28)), ("11月中旬", YearlessDate(11, 20)),
])
def test_progress_date_words(word, meant):
    assert date_word(word) == meant


def test_a_date_without_its_year_takes_the_year_it_is_given():
    assert date_word("11月底").resolve(2026) == dt.date(2026, 11, 30)
    assert date_word("2月底").resolve(2028) == dt.date(2028, 2, 29)


def test_date_words_before_2000_or_impossible_are_refused():
    with pytest.raises(WordError, match="早于 2000 年"):
        date_word("1999年12月")
    with pytest.raises(WordError):
        date_word("2026年13月")
    assert date_word("下周") is None


@pytest.mark.parametrize(("number", "meant"), [
    (11.28, YearlessDate(11, 28)), (2027.06, dt.date(2027, 6, 30)), (2027.12, dt.date(2027, 12, 31)),
    (3.15, YearlessDate(3, 15)), (11.5, YearlessDate(11, 5)), (2026.2, dt.date(2026, 2, 28)),
])
def test_numbers_typed_into_date_columns_that_mean_one_day(number, meant):
    assert typed_number_date(number, field="进展日期") == meant


@pytest.mark.parametrize("number", [
    2027.1,  # January, or October written 2027.10
    11.1, 11.2, 11.3,  # the 1st or the 10th, the 2nd or the 20th …
    13.05, 2027.13, 2.30, 1999.06, 46387.5, 11.285,
])
def test_numbers_typed_into_date_columns_that_may_mean_two_days_are_refused(number):
    with pytest.raises(WordError, match="进展日期填写的是数字"):
        typed_number_date(number, field="进展日期")


@pytest.mark.parametrize(("number", "expected"), [(85.0, 85), (0.29 * 100, 29), (100, 100), (0, 0)])
def test_a_whole_percent_is_kept(number, expected):
    assert whole_percent(number) == expected


@pytest.mark.parametrize(("number", "message"), [
    (85.5, "进度 85.5% 不是整数，请填写 0–100 之间的整数（不做四舍五入）"),  # trial 2026-11-30, L18
    (99.99, "进度 99.99% 不是整数，请填写 0–100 之间的整数（不做四舍五入）"),
    (120, "进度 120% 不在 0–100 之间"),
    (-5, "进度 -5% 不在 0–100 之间"),
])
def test_a_percent_is_never_rounded_on_a_guess(number, message):
    with pytest.raises(WordError) as raised:
        whole_percent(number)
    assert str(raised.value) == message


@pytest.mark.parametrize(("day", "problem"), [
    (None, ""),
    (dt.date(2000, 1, 1), ""),
    (dt.date(2026, 11, 30), ""),  # today
    (dt.date(1999, 12, 31), "进展日期 1999-12-31 早于 2000 年，请核对"),
    (dt.date(2026, 12, 1), "进展日期 2026-12-01 晚于今天（2026-11-30），请核对"),  # trial L5
    (dt.date(2062, 11, 30), "进展日期 2062-11-30 晚于今天（2026-11-30），请核对"),
])
def test_a_progress_date_is_from_2000_to_today(day, problem):
    assert progress_date_problem(day, dt.date(2026, 11, 30)) == problem
