"""Use cases of the 回收站: list the deleted tasks of a plan, restore some, empty it (after a backup)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from planner.domain.model import Task
from planner.errors import UserError
from planner.services.plans import get_plan
from planner.storage import backups, recycle_bin, tasks
from planner.storage.recycle_bin import DeletedTask

if TYPE_CHECKING:
    from sqlite_utils import Database

__all__ = ["DeletedTask", "deleted_tasks", "empty", "restore", "restore_by_uid"]


def deleted_tasks(db: Database, plan_id: int) -> list[DeletedTask]:
    """The plan's deleted tasks with their progress history, most recently deleted first.

    Raises:
        UserError: no plan has this id.
    """
    get_plan(db, plan_id)
    return recycle_bin.deleted_tasks(db, plan_id)


def restore(db: Database, task_ids: Sequence[int]) -> None:
    """Put deleted tasks back where they were (same item, same position, same history)."""
    with db.atomic():
        for task_id in task_ids:
            tasks.restore_task(db, task_id)


def restore_by_uid(db: Database, uid: str) -> Task:
    """Restore the deleted task with this uid (as ``deleted`` prints it); return it.

    Raises:
        UserError: no task has this uid, or it is not in the recycle bin.
    """
    with db.atomic():
        found = recycle_bin.find_by_uid(db, uid.strip())
        if found is None:
            raise UserError(f"没有编号为“{uid}”的任务（可用 deleted --plan 命令查看回收站）。")
        task_id, deleted = found
        if not deleted:
            raise UserError(f"任务“{uid}”不在回收站中，无需恢复。")
        tasks.restore_task(db, task_id)
    return tasks.get_task(db, task_id)


def empty(db: Database, plan_id: int) -> int:
    """Remove the plan's deleted tasks for good; return how many. A backup is taken first."""
    if not recycle_bin.deleted_tasks(db, plan_id):
        return 0
    with backups.backed_up_write(db, "empty-bin"):
        return recycle_bin.purge(db, plan_id)
