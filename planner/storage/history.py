"""Progress history of a whole plan at once, for reports as of a date."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from planner.domain.model import ProgressEntry, Status
from planner.storage.clock import date_or_none

if TYPE_CHECKING:
    from sqlite_utils import Database


def progress_by_task(db: Database, plan_id: int, *, until: dt.date | None = None) -> dict[int, list[ProgressEntry]]:
    """Each live task's progress entries, oldest first; only those dated on or before ``until`` if given."""
    where = "" if until is None else " AND p.entry_date <= ?"
    rows = db.query(
        f"""SELECT p.* FROM progress_entries p JOIN tasks t ON t.id = p.task_id
            WHERE t.plan_id = ? AND t.deleted_at IS NULL{where}
            ORDER BY p.task_id, p.entry_date, p.id""",
        [plan_id] + ([until.isoformat()] if until else []))
    history: dict[int, list[ProgressEntry]] = {}
    for row in rows:
        history.setdefault(row["task_id"], []).append(ProgressEntry(
            id=row["id"], date=date_or_none(row["entry_date"]), text=row["text"],
            status=Status(row["status"]) if row["status"] else None, percent=row["percent"],
            source=row["source"]))
    return history
