"""The office's own 节假日安排 (holiday_days) and each plan's choice of counting working days."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

from planner.domain.workdays import DayKind, HolidayDay

if TYPE_CHECKING:
    from sqlite_utils import Database


def office_arrangements(db: Database) -> dict[int, list[HolidayDay]]:
    """Every year the office entered, with its days in date order."""
    result: dict[int, list[HolidayDay]] = {}
    for row in db.query("SELECT day, year, kind, name FROM holiday_days ORDER BY day"):
        result.setdefault(row["year"], []).append(
            HolidayDay(dt.date.fromisoformat(row["day"]), DayKind(row["kind"]), row["name"]))
    return result


def replace_year(db: Database, year: int, days: Iterable[HolidayDay]) -> None:
    """Make ``days`` the office's whole 节假日安排 for ``year`` (an empty list forgets the year)."""
    with db.atomic():
        db.execute("DELETE FROM holiday_days WHERE year = ?", [year])
        db.conn.executemany("INSERT INTO holiday_days (day, year, kind, name) VALUES (?, ?, ?, ?)",
                            [(d.day.isoformat(), year, d.kind.value, d.name) for d in days])


def counts_workdays(db: Database, plan_id: int) -> bool:
    row = next(db.query("SELECT count_workdays FROM plans WHERE id = ?", [plan_id]), None)
    return bool(row and row["count_workdays"])


def set_counts_workdays(db: Database, plan_id: int, on: bool) -> None:
    db.execute("UPDATE plans SET count_workdays = ? WHERE id = ?", [int(on), plan_id])
