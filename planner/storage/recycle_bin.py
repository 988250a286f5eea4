"""The 回收站: tasks deleted (softly) from a plan, found again, restored or removed for good."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from planner.domain.model import ProgressEntry, Task
from planner.storage import tasks

if TYPE_CHECKING:
    from sqlite_utils import Database


@dataclass(frozen=True)
class DeletedTask:
    """A task in the recycle bin with when it was deleted and its whole progress history (newest first)."""

    task: Task
    deleted_at: str  # ISO text as stored, to the second
    progress: tuple[ProgressEntry, ...]


def deleted_tasks(db: Database, plan_id: int) -> list[DeletedTask]:
    """The plan's deleted tasks, most recently deleted first."""
    deleted_at = {row["id"]: row["deleted_at"] for row in db.query(
        "SELECT id, deleted_at FROM tasks WHERE plan_id = ? AND deleted_at IS NOT NULL", [plan_id])}
    if not deleted_at:
        return []
    found = [DeletedTask(task, deleted_at[task.id], tuple(tasks.list_progress(db, task.id)))
             for task in tasks.list_tasks(db, plan_id, include_deleted=True) if task.id in deleted_at]
    return sorted(found, key=lambda d: (d.deleted_at, d.task.id), reverse=True)


def find_by_uid(db: Database, uid: str) -> tuple[int, bool] | None:
    """(task id, whether it is deleted) for a task uid, or None when no task has it."""
    row = next(db.query("SELECT id, deleted_at FROM tasks WHERE uid = ?", [uid]), None)
    return (row["id"], row["deleted_at"] is not None) if row else None


def purge(db: Database, plan_id: int) -> int:
    """Remove the plan's deleted tasks and their history for good; return how many tasks."""
    with db.atomic():
        ids = [row["id"] for row in db.query(
            "SELECT id FROM tasks WHERE plan_id = ? AND deleted_at IS NOT NULL", [plan_id])]
        marks = ", ".join("?" * len(ids))
        if ids:
            db.execute(f"DELETE FROM progress_entries WHERE task_id IN ({marks})", ids)
            db.execute(f"DELETE FROM task_support_units WHERE task_id IN ({marks})", ids)
            db.execute(f"DELETE FROM tasks WHERE id IN ({marks})", ids)
    return len(ids)
