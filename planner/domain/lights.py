"""红黄绿灯: a task's light from its deadline and status, and an item's light rolled up."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable

from planner.domain.model import Status


class Light(enum.StrEnum):
    """Derived, never stored."""

    RED = "red"  # deadline passed, not done
    YELLOW = "yellow"  # due within the warning window
    GREEN = "green"
    GREY = "grey"  # done or paused
    NONE = "none"  # no date to judge by

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {Light.RED: "已逾期", Light.YELLOW: "临期", Light.GREEN: "正常", Light.GREY: "已完成/暂停",
           Light.NONE: "无时限"}


def task_light(status: Status, deadline: dt.date | None, *, today: dt.date, warning_days: int) -> Light:
    if status in (Status.DONE, Status.PAUSED):
        return Light.GREY
    if deadline is None:
        return Light.NONE
    if deadline < today:
        return Light.RED
    if deadline <= today + dt.timedelta(days=warning_days):
        return Light.YELLOW
    return Light.GREEN


def rollup(lights: Iterable[Light]) -> Light:
    """An item's light: red if any task is overdue, yellow if any is due soon, grey if all done.

    An item without tasks has no light.
    """
    seen = set(lights)
    if not seen:
        return Light.NONE
    for light in (Light.RED, Light.YELLOW):
        if light in seen:
            return light
    if seen == {Light.GREY}:
        return Light.GREY
    return Light.GREEN
