"""Where a plan stood on a given date: each task's status and latest progress, counts, overdue tasks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from planner.domain.lights import Light, task_light
from planner.domain.model import ProgressEntry, Status, Task
from planner.domain.outside_text import one_line

NO_LEAD_UNIT = "（未明确牵头单位）"


@dataclass(frozen=True)
class TaskAsOf:
    """A task as it stood on the report date."""

    task: Task
    status: Status
    latest: ProgressEntry | None  # the newest entry dated on or before the report date
    overdue: bool  # deadline passed by then and not done (the red light)


@dataclass(frozen=True)
class UnitCounts:
    """One lead unit's tasks by status on the report date."""

    unit: str
    total: int
    by_status: Mapping[Status, int]
    overdue: int


@dataclass(frozen=True)
class ProgressSummary:
    as_of: dt.date
    tasks: tuple[TaskAsOf, ...]  # in the plan's order
    by_status: Mapping[Status, int]
    by_unit: tuple[UnitCounts, ...]  # most tasks first

    @property
    def total(self) -> int:
        return len(self.tasks)

    @property
    def overdue(self) -> tuple[TaskAsOf, ...]:
        return tuple(entry for entry in self.tasks if entry.overdue)


def status_as_of(task: Task, history: Sequence[ProgressEntry], as_of: dt.date) -> Status:
    """The status on ``as_of``: from the newest entry by then that set one.

    Without such an entry the task keeps its current status, unless a later
    entry changed it — then it had not started yet on that date.
    """
    earlier = [entry for entry in history if entry.status is not None and entry.date <= as_of]
    if earlier:
        return earlier[-1].status
    if any(entry.status is not None for entry in history):
        return Status.NOT_STARTED
    return task.status


def summarize(tasks: Sequence[Task], history: Mapping[int, Sequence[ProgressEntry]],
              as_of: dt.date) -> ProgressSummary:
    """The report's figures; ``history`` holds each task's entries oldest first (any dates)."""
    rows = []
    for task in tasks:
        entries = sorted(history.get(task.id, ()), key=lambda entry: entry.date)
        status = status_as_of(task, entries, as_of)
        latest = next((entry for entry in reversed(entries) if entry.date <= as_of), None)
        light = task_light(status, task.deadline_date, today=as_of, warning_days=0)
        rows.append(TaskAsOf(task=task, status=status, latest=latest, overdue=light is Light.RED))
    by_status = {status: sum(1 for row in rows if row.status is status) for status in Status}
    units: dict[str, list[TaskAsOf]] = {}
    for row in rows:
        # The name as printed: a stray control character from a returned workbook makes no second unit.
        units.setdefault(one_line(row.task.lead_unit).strip() or NO_LEAD_UNIT, []).append(row)
    by_unit = tuple(sorted(
        (UnitCounts(unit=unit, total=len(unit_rows),
                    by_status={status: sum(1 for r in unit_rows if r.status is status) for status in Status},
                    overdue=sum(1 for r in unit_rows if r.overdue))
         for unit, unit_rows in units.items()),
        key=lambda counts: (-counts.total, counts.unit)))
    return ProgressSummary(as_of=as_of, tasks=tuple(rows), by_status=by_status, by_unit=by_unit)
