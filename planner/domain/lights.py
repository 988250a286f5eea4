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


# Tasks no longer being worked on: grey, whatever their deadline.
INACTIVE = frozenset({Status.DONE, Status.PAUSED})


def task_light(status: Status, deadline: dt.date | None, *, today: dt.date, warning_days: int) -> Light:
    if status in INACTIVE:
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

    An item without tasks has no light, nor has one whose open tasks have no deadline date:
    green would claim "on time" where nothing can be judged (issue 11).
    """
    lights = list(lights)
    return rollup_counts(total=len(lights), overdue=lights.count(Light.RED), due_soon=lights.count(Light.YELLOW),
                         inactive=lights.count(Light.GREY), dated_active=sum(
                             lights.count(light) for light in (Light.RED, Light.YELLOW, Light.GREEN)))


def rollup_counts(*, total: int, overdue: int, due_soon: int, inactive: int, dated_active: int) -> Light:
    """The same roll-up from counts (as SQL aggregates give them for large plans).

    ``dated_active``: open tasks (not done or paused) that have a deadline date.
    """
    if not total:
        return Light.NONE
    if overdue:
        return Light.RED
    if due_soon:
        return Light.YELLOW
    if inactive == total:
        return Light.GREY
    return Light.GREEN if dated_active else Light.NONE
