"""Use cases on progress reports: add one (the task's status and percent follow), list the history."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from planner.domain.model import ProgressEntry, Status
from planner.errors import UserError
from planner.storage import tasks

if TYPE_CHECKING:
    from sqlite_utils import Database


@dataclass(frozen=True)
class ProgressAdded:
    """What adding an entry changed: enough to undo it."""

    task_id: int
    entry_id: int
    old_status: Status
    old_percent: int
    # The task's newest note was later than this one, so its status and percent were kept.
    older_than: dt.date | None = None


def add_progress(db: Database, task_id: int, entry: ProgressEntry, *, today: dt.date | None = None) -> ProgressAdded:
    """Record a dated progress note; a status or percent given with it becomes the task's.

    已完成 given without a percent records and sets 100 % (planner.domain.completion). A note
    dated before the task's newest note is only recorded: the task keeps its status and
    percent, and ``older_than`` gives the newest note's date (completion.sets_current_state).

    Raises:
        UserError: empty text, a percent outside 0–100, or a date outside 2000-01-01 … ``today``
            (ledger_words.progress_date_problem; without ``today`` only the lower bound is checked).
    """
    # Here, not with the module: the window reads history() to draw, and needs none of these.
    from planner.domain.completion import percent_with_status, sets_current_state
    from planner.domain.ledger_words import progress_date_problem
    from planner.services.task_edits import get_task

    if not entry.text.strip():
        raise UserError("进展内容不能为空。")
    problem = progress_date_problem(entry.date, today or dt.date.max)
    if problem:
        raise UserError(f"{problem}。")
    if entry.percent is not None and not 0 <= entry.percent <= 100:
        raise UserError(f"进度 {entry.percent}% 不在 0–100 之间。")
    entry = replace(entry, percent=percent_with_status(entry.status, entry.percent))
    with db.atomic():
        task = get_task(db, task_id)
        earlier = tasks.list_progress(db, task_id)  # newest first
        newest = earlier[0].date if earlier else None
        entry_id = tasks.insert_progress(db, task_id, entry)
        changes = {}
        if sets_current_state(entry.date, newest):
            if entry.status is not None:
                changes["status"] = entry.status.value
            if entry.percent is not None:
                changes["percent"] = entry.percent
        tasks.update_columns(db, task_id, **changes)
    return ProgressAdded(task_id=task_id, entry_id=entry_id, old_status=task.status, old_percent=task.percent,
                         older_than=None if sets_current_state(entry.date, newest) else newest)


def undo_progress(db: Database, added: ProgressAdded) -> None:
    """Take an entry back and give the task its status and percent from before."""
    with db.atomic():
        tasks.delete_progress(db, added.entry_id)
        tasks.update_columns(db, added.task_id, status=added.old_status.value, percent=added.old_percent)


def history(db: Database, task_id: int) -> list[ProgressEntry]:
    """All entries of a task, newest first."""
    return tasks.list_progress(db, task_id)
