"""Use cases on tasks: create them in bulk (the path imports take), list them, count them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from planner.domain.lights import INACTIVE, Light, rollup_counts
from planner.domain.model import NewTask, Status, Task
from planner.domain.numerals import int_to_chinese
from planner.errors import UserError
from planner.services.gc_pause import without_gc
from planner.services.plans import get_plan
from planner.storage import database, documents, tasks

if TYPE_CHECKING:
    from sqlite_utils import Database


def bulk_create_tasks(db: Database, plan_id: int, new_tasks: Sequence[NewTask]) -> list[int]:
    """Create many tasks in one transaction; deadlines resolve against the plan's year.

    Raises:
        UserError: an item does not belong to the plan's document, a task is empty, or its deadline
            names a day that does not exist (2月30日) and no date is given with it.
    """
    # The deadline grammar loads with the first new task: the window reads tasks without it.
    from planner.domain.deadlines import parse_deadline

    with db.atomic():  # the plan's year read under the same write lock as the inserts
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
            if deadline.problem and task.deadline_date is None:
                raise UserError(f"第 {index} 个任务：{deadline.problem}。")
            prepared.append(replace(task, content=task.content.strip(), deadline_phrase=deadline.phrase,
                                    deadline_date=task.deadline_date or deadline.date))
        return tasks.insert_tasks(db, plan_id, prepared)


def list_tasks(db: Database, plan_id: int, *, item_id: int | None = None) -> list[Task]:
    return tasks.list_tasks(db, plan_id, item_id=item_id)


@dataclass(frozen=True)
class TaskRow:
    """What the task table shows for one task: the task, its item, its latest progress."""

    task: Task
    item_number: int
    item_label: str
    latest_text: str = ""
    latest_date: dt.date | None = None


def leader_names(db: Database, plan_id: int) -> list[str]:
    """The 分管领导 already written in the plan, most used first: what the leader cell offers."""
    return tasks.leader_names(db, plan_id)


def task_rows(db: Database, plan_id: int, task_ids: Sequence[int] | None = None, *,
              item_id: int | None = None) -> list[TaskRow]:
    """Rows for the table, in outline order: the plan's, one item's, or only ``task_ids``."""
    plan = get_plan(db, plan_id)
    items = {item.id: item for item in documents.load_document(db, plan.document_id).items}
    if task_ids is None:
        latest = tasks.latest_progress(db, plan_id, item_id=item_id)
        listed = tasks.list_tasks(db, plan_id, item_id=item_id)
    else:  # a few rows after an edit: no need to read the whole plan
        listed = [task for task in map(lambda i: tasks.get_task(db, i), task_ids) if task is not None]
        latest = {task.id: history[0] for task in listed if (history := tasks.list_progress(db, task.id))}
    labels = {item.id: f"（{int_to_chinese(item.number)}）{item.heading}" for item in items.values()}
    rows = []
    for task in listed:
        entry = latest.get(task.id)
        rows.append(TaskRow(task=task, item_number=items[task.item_id].number, item_label=labels[task.item_id],
                            latest_text=entry.text if entry else "", latest_date=entry.date if entry else None))
    return rows


@without_gc  # 20,000 rows are a few hundred thousand objects, none in cycles (see gc_pause)
def read_plan_rows(db_path: Path, plan_id: int) -> list[TaskRow]:
    """The whole plan's rows through a connection of its own: for a worker thread (a Database
    belongs to the thread that opened it). The file is already open and migrated by the window,
    so this connection only reads: it never needs sqlite-utils loaded (``defer``)."""
    db = database.open_database(db_path, defer=True)
    try:
        return task_rows(db, plan_id)
    finally:
        db.close()


@dataclass(frozen=True)
class ItemSummary:
    """An item's task count and rolled-up light, for the outline."""

    count: int
    light: Light
    unassigned: int = 0  # tasks without a lead unit (未落实)


@dataclass(frozen=True)
class PlanOverview:
    """What the outline and the status bar show of a plan: per item, and per status."""

    items: dict[int, ItemSummary]  # only items that have live tasks
    statuses: dict[Status, int]  # every status, zero included
    # Tasks still worked on past their deadline / due within the warning window: the status
    # bar's 逾期 N 项 · 临期 M 项, from the same pass as the outline (no second scan of the plan).
    overdue: int = 0
    due_soon: int = 0

    @property
    def total(self) -> int:
        return sum(self.statuses.values())

    @property
    def unassigned(self) -> int:
        """Tasks without a lead unit (未落实) in the whole plan."""
        return sum(summary.unassigned for summary in self.items.values())


def plan_overview(db: Database, plan_id: int, *, today: dt.date, warning_days: int) -> PlanOverview:
    """Counts and lights for every item, and counts by status, from one SQL pass (large plans stay instant).

    Must agree with planner.domain.lights.task_light (a test compares them).
    """
    soon = today + dt.timedelta(days=warning_days)
    per_item: dict[int, dict[str, int]] = {}
    statuses = dict.fromkeys(Status, 0)
    for row in tasks.tallies(db, plan_id, today=today.isoformat(), soon=soon.isoformat()):
        status = Status(row["status"])
        statuses[status] += row["total"]
        counts = per_item.setdefault(row["item_id"], dict.fromkeys(
            ("total", "overdue", "due_soon", "inactive", "dated_active", "unassigned"), 0))
        counts["total"] += row["total"]
        counts["unassigned"] += row["unassigned"] or 0
        if status in INACTIVE:
            counts["inactive"] += row["total"]
        else:
            counts["overdue"] += row["overdue"] or 0
            counts["due_soon"] += row["due_soon"] or 0
            counts["dated_active"] += row["dated"] or 0
    return PlanOverview(items={
        item_id: ItemSummary(count=counts["total"], unassigned=counts["unassigned"], light=rollup_counts(
            total=counts["total"], overdue=counts["overdue"], due_soon=counts["due_soon"],
            inactive=counts["inactive"], dated_active=counts["dated_active"]))
        for item_id, counts in per_item.items()}, statuses=statuses,
        overdue=sum(counts["overdue"] for counts in per_item.values()),
        due_soon=sum(counts["due_soon"] for counts in per_item.values()))
