"""已完成 means 100 % unless a percent is set in the same step; imports only get a warning;
only a note not older than the newest sets the status and percent."""

import datetime as dt

import pytest

from planner.domain.completion import done_below_full, older_note_message, percent_with_status, sets_current_state
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
