"""Use cases on tasks: create them in bulk (the path imports take), list them, count them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from sqlite_utils import Database

from planner.domain.deadlines import parse_deadline
from planner.domain.model import NewTask, Task
from planner.errors import UserError
from planner.services.plans import get_plan
from planner.storage import documents, tasks


def bulk_create_tasks(db: Database, plan_id: int, new_tasks: Sequence[NewTask]) -> list[int]:
    """Create many tasks in one transaction; deadlines resolve against the plan's year.

    Raises:
        UserError: an item does not belong to the plan's document, or a task is empty.
    """
    plan = get_plan(db, plan_id)
    valid_items = documents.item_ids(db, plan.document_id)
    prepared = []
    for index, task in enumerate(new_tasks, start=1):
        if task.item_id not in valid_items:
            raise UserError(f"第 {index} 个任务所属的条目不在该方案的文件中。")
        if not task.content.strip():
            raise UserError(f"第 {index} 个任务的任务内容为空。")
        if not 0 <= task.percent <= 100:
            raise UserError(f"第 {index} 个任务的进度 {task.percent}% 不在 0–100 之间。")
        deadline = parse_deadline(task.deadline_phrase, plan_year=plan.year)
        prepared.append(replace(task, content=task.content.strip(), deadline_phrase=deadline.phrase,
                                deadline_date=task.deadline_date or deadline.date))
    return tasks.insert_tasks(db, plan_id, prepared)


def list_tasks(db: Database, plan_id: int) -> list[Task]:
    return tasks.list_tasks(db, plan_id)


def task_counts_by_item(db: Database, plan_id: int) -> dict[int, int]:
    """Live tasks per item id, for the outline."""
    return tasks.count_by_item(db, plan_id)
