"""The status bar's 逾期 N 项 · 临期 M 项: two counts from one SQL pass, read at every refresh.

Kept apart from services.dashboard so the window's start does not load the dashboard's figures.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from planner.domain.lights import INACTIVE
from planner.services import workdays
from planner.storage import dashboard as store

if TYPE_CHECKING:
    from sqlite_utils import Database

_INACTIVE = tuple(status.value for status in INACTIVE)


@dataclass(frozen=True)
class LightCounts:
    """The status bar's 逾期 N 项 · 临期 M 项."""

    overdue: int
    due_soon: int
    fallback_years: tuple[int, ...]  # years the warning window crossed counted Monday–Friday


def warning_window(db: Database, plan_id: int, *, today: dt.date) -> tuple[dt.date, tuple[int, ...]]:
    """The last day of the plan's 临期 window, and the years it crossed that no calendar covers
    (counted Monday–Friday); no years when the plan counts calendar days."""
    calendar = workdays.work_calendar(db) if workdays.counts_workdays(db, plan_id) else None
    end = workdays.window_end(db, plan_id, today=today, calendar=calendar)
    return end, tuple(sorted(calendar.fallback_years)) if calendar else ()


def light_counts(db: Database, plan_id: int, *, today: dt.date) -> LightCounts:
    """逾期 and 临期 task counts with the plan's warning window (calendar or working days)."""
    end, fallback_years = warning_window(db, plan_id, today=today)
    rows = store.status_totals(db, plan_id, today=today.isoformat(), window_end=end.isoformat(), inactive=_INACTIVE)
    return LightCounts(overdue=sum(r["overdue"] or 0 for r in rows), due_soon=sum(r["due_soon"] or 0 for r in rows),
                       fallback_years=fallback_years)
