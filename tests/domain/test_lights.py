"""红黄绿灯 for a task and rolled up for an item."""

import datetime as dt

import pytest

from planner.domain.lights import Light, rollup, task_light
from planner.domain.model import Status

TODAY = dt.date(2026, 11, 21)


@pytest.mark.parametrize(("status", "deadline", "light"), [
    (Status.IN_PROGRESS, TODAY - dt.timedelta(days=1), Light.RED),
    (Status.DELAYED, TODAY - dt.timedelta(days=90), Light.RED),
    (Status.NOT_STARTED, TODAY, Light.YELLOW),
    (Status.IN_PROGRESS, TODAY + dt.timedelta(days=30), Light.YELLOW),
    (Status.IN_PROGRESS, TODAY + dt.timedelta(days=31), Light.GREEN),
    (Status.DELAYED, TODAY + dt.timedelta(days=200), Light.GREEN),  # 已滞后 is people's judgement
    (Status.DONE, TODAY - dt.timedelta(days=100), Light.GREY),
    (Status.PAUSED, TODAY - dt.timedelta(days=100), Light.GREY),
    (Status.IN_PROGRESS, None, Light.NONE),
])
def test_task_light(status, deadline, light):
    assert task_light(status, deadline, today=TODAY, warning_days=30) == light


def test_the_warning_window_is_a_setting():
    soon = TODAY + dt.timedelta(days=10)
    assert task_light(Status.IN_PROGRESS, soon, today=TODAY, warning_days=7) == Light.GREEN
    assert task_light(Status.IN_PROGRESS, soon, today=TODAY, warning_days=10) == Light.YELLOW


@pytest.mark.parametrize(("lights", "rolled"), [
    ([], Light.NONE),
    ([Light.GREEN, Light.RED, Light.YELLOW], Light.RED),
    ([Light.GREEN, Light.YELLOW, Light.GREY], Light.YELLOW),
    ([Light.GREY, Light.GREY], Light.GREY),
    ([Light.GREY, Light.GREEN], Light.GREEN),
    # Open tasks without a deadline date: nothing to judge, so no light, never green (issue 11).
    ([Light.NONE, Light.GREY], Light.NONE),
    ([Light.NONE, Light.NONE], Light.NONE),
    ([Light.NONE, Light.GREEN], Light.GREEN),
])
def test_rollup(lights, rolled):
    assert rollup(lights) == rolled
