"""已完成 means 100 % unless a percent is set in the same step; imports only get a warning;
only a note not older than the newest sets the status and percent."""

import datetime as dt

import pytest

from planner.domain.completion import (done_below_full, older_note_message, percent_with_status, sets_current_state,
                                       typed_percent)
from planner.domain.ledger_words import WordError
from planner.domain.model import Status


@pytest.mark.parametrize(("status", "percent", "stored"), [
    (Status.DONE, None, 100),
    (Status.DONE, 80, 80),  # set in the same step: the person's figure wins
    (Status.IN_PROGRESS, None, None),  # left as it is
    (Status.IN_PROGRESS, 40, 40),
    (None, 30, 30),
    (None, None, None),
])
def test_done_sets_full_percent_unless_one_is_given(status, percent, stored):
    assert percent_with_status(status, percent) == stored


def test_done_below_full_is_recognised_for_a_warning():
    assert done_below_full(Status.DONE, 90)
    assert not done_below_full(Status.DONE, 100)
    assert not done_below_full(Status.DONE, None)
    assert not done_below_full(Status.IN_PROGRESS, 10)


@pytest.mark.parametrize(("entry_date", "newest", "expected"), [
    (dt.date(2025, 1, 5), dt.date(2026, 11, 22), False),  # 补录 of an older report: history only
    (dt.date(2026, 11, 22), dt.date(2026, 11, 22), True),  # the same day counts as newer
    (dt.date(2026, 11, 30), dt.date(2026, 11, 22), True),
    (dt.date(2025, 1, 5), None, True),  # a task's first note
])
def test_only_a_note_not_older_than_the_newest_sets_the_current_state(entry_date, newest, expected):
    assert sets_current_state(entry_date, newest) is expected


def test_the_older_note_message_names_both_dates():
    assert older_note_message(dt.date(2025, 1, 5), dt.date(2026, 11, 22)) == (
        "进展日期 2025-01-05 早于该任务最新进展的日期 2026-11-22：这条进展只记入进展历史，任务的状态和进度不变")


@pytest.mark.parametrize("text, stored", [("85", 85), ("85%", 85), ("８５％", 85), (" 100 ", 100), ("0", 0), ("85.0", 85),
                                          ("85\n", 85)])
def test_a_typed_percent_is_read_whole(text, stored):
    assert typed_percent(text) == stored


@pytest.mark.parametrize("text, message", [
    ("150", "进度 150% 不在 0–100 之间"),  # refused whole, never cut to 15
    ("1000", "进度 1000% 不在 0–100 之间"),
    ("85.5", "进度 85.5% 不是整数，请填写 0–100 之间的整数（不做四舍五入）"),
    ("-5", "进度 -5% 不在 0–100 之间"),
    # What float() would take but a clerk does not mean (trial of 2026-11-30, second round).
    ("1_0", "进度“1_0”不是数字，请填写 0–100 之间的整数"),
    ("1e2", "进度“1e2”不是数字，请填写 0–100 之间的整数"),
    ("²", "进度“²”不是数字，请填写 0–100 之间的整数"),
    ("nan", "进度“nan”不是数字，请填写 0–100 之间的整数"),
    ("99.99999999999999999", "进度 99.99999999999999999% 不是整数，请填写 0–100 之间的整数（不做四舍五入）"),
    ("100.0000000000001", "进度 100.0000000000001% 不是整数，请填写 0–100 之间的整数（不做四舍五入）"),
    ("八十", "进度“八十”不是数字，请填写 0–100 之间的整数"),
    ("", "进度不能为空，请填写 0–100 之间的整数"),
])
def test_a_typed_percent_outside_the_rule_is_refused_with_its_reason(text, message):
    with pytest.raises(WordError) as caught:
        typed_percent(text)
    assert str(caught.value) == message
