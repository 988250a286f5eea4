"""Where a plan stood on a given date: each task's status and latest progress, counts, overdue tasks."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from planner.domain.chinese_dates import chinese_date
from planner.domain.lights import INACTIVE, Light, task_light
from planner.domain.model import ProgressEntry, Status, Task
from planner.domain.outside_text import one_line

NO_LEAD_UNIT = "（未明确牵头单位）"
# "Due in the next 30 days" in the report's 总体进展 (issue 16).
DUE_SOON_DAYS = 30


@dataclass(frozen=True)
class TaskAsOf:
    """A task as it stood on the report date."""

    task: Task
    status: Status
    latest: ProgressEntry | None  # the newest entry dated on or before the report date
    overdue: bool  # deadline passed by then and not done (the red light)
    days_overdue: int = 0  # days past the deadline on the report date when overdue, else 0


class _Completion:
    """已完成 and 完成率 of figures that have ``by_status`` and ``total``."""

    @property
    def done(self) -> int:
        return self.by_status.get(Status.DONE, 0)

    @property
    def rate(self) -> float | None:
        """完成率 in percent (已完成 ÷ 任务数), None without tasks."""
        return completion_rate(self.done, self.total)


@dataclass(frozen=True)
class UnitCounts(_Completion):
    """One lead unit's tasks by status on the report date."""

    unit: str
    total: int
    by_status: Mapping[Status, int]
    overdue: int


@dataclass(frozen=True)
class ReportFigures(_Completion):
    """The headline figures of one report, kept with the plan to compare the next report with."""

    as_of: dt.date
    total: int
    by_status: Mapping[Status, int]
    overdue: int
    due: int  # 应完成: deadline on or before the date
    due_done: int  # of those, 已完成

    def to_json(self) -> str:
        return json.dumps({"total": self.total, "overdue": self.overdue, "due": self.due, "due_done": self.due_done,
                           "by_status": {status.value: count for status, count in self.by_status.items()}},
                          ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, as_of: dt.date, text: str) -> ReportFigures:
        data = json.loads(text)
        by_status = {status: int(data.get("by_status", {}).get(status.value, 0)) for status in Status}
        return cls(as_of=as_of, total=int(data["total"]), by_status=by_status, overdue=int(data["overdue"]),
                   due=int(data.get("due", 0)), due_done=int(data.get("due_done", 0)))


@dataclass(frozen=True)
class ProgressSummary(_Completion):
    as_of: dt.date
    tasks: tuple[TaskAsOf, ...]  # in the plan's order; tasks that did not exist yet on the date are left out
    by_status: Mapping[Status, int]
    by_unit: tuple[UnitCounts, ...]  # most tasks first

    @property
    def total(self) -> int:
        return len(self.tasks)

    @property
    def overdue(self) -> tuple[TaskAsOf, ...]:
        """逾期未完成 in the plan's order."""
        return tuple(entry for entry in self.tasks if entry.overdue)

    @property
    def overdue_by_days(self) -> tuple[TaskAsOf, ...]:
        """逾期未完成, longest overdue first (ties in the plan's order)."""
        return tuple(sorted(self.overdue, key=lambda entry: -entry.days_overdue))

    @property
    def due(self) -> tuple[TaskAsOf, ...]:
        """应完成: tasks whose deadline date is on or before the report date."""
        return tuple(entry for entry in self.tasks
                     if entry.task.deadline_date is not None and entry.task.deadline_date <= self.as_of)

    @property
    def due_soon(self) -> tuple[TaskAsOf, ...]:
        """Neither done nor paused, deadline from the report date itself to DUE_SOON_DAYS days after it.

        A task due on the report date is not yet overdue (that starts the next day), so it is
        listed here: every unfinished dated task is either overdue, due soon, or due later."""
        end = self.as_of + dt.timedelta(days=DUE_SOON_DAYS)
        return tuple(entry for entry in self.tasks
                     if entry.status not in INACTIVE and entry.task.deadline_date is not None
                     and self.as_of <= entry.task.deadline_date <= end)

    def figures(self) -> ReportFigures:
        due = self.due
        return ReportFigures(as_of=self.as_of, total=self.total, by_status=dict(self.by_status),
                             overdue=len(self.overdue), due=len(due),
                             due_done=sum(1 for entry in due if entry.status is Status.DONE))


def completion_rate(done: int, total: int) -> float | None:
    """完成率 in percent: done ÷ total × 100; None when there is nothing to complete."""
    return done * 100 / total if total else None


def rate_text(rate: float | None) -> str:
    """41.7%, 100%, 0% — one decimal unless whole; — without tasks."""
    if rate is None:
        return "—"
    rounded = round(rate, 1)
    return f"{rounded:.0f}%" if rounded == int(rounded) else f"{rounded:.1f}%"


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


def existed_on(created: dt.date | None, history: Sequence[ProgressEntry], as_of: dt.date) -> bool:
    """Whether a task counts on ``as_of``: created by then, or with progress dated by then.

    A task imported later with older progress (a 台账 kept elsewhere first) existed
    when its first progress was reported; ``created`` None (unknown) always counts.
    """
    if created is None or created <= as_of:
        return True
    return any(entry.date <= as_of for entry in history)


def summarize(tasks: Sequence[Task], history: Mapping[int, Sequence[ProgressEntry]],
              as_of: dt.date, *, created: Mapping[int, dt.date] | None = None) -> ProgressSummary:
    """The report's figures; ``history`` holds each task's entries oldest first (any dates).

    ``created`` maps task ids to the day each was created: a task created after
    ``as_of`` is not counted on that date (see ``existed_on``).
    """
    created = created or {}
    rows = []
    for task in tasks:
        entries = sorted(history.get(task.id, ()), key=lambda entry: entry.date)
        if not existed_on(created.get(task.id), entries, as_of):
            continue
        status = status_as_of(task, entries, as_of)
        latest = next((entry for entry in reversed(entries) if entry.date <= as_of), None)
        light = task_light(status, task.deadline_date, today=as_of, warning_days=0)
        overdue = light is Light.RED
        rows.append(TaskAsOf(task=task, status=status, latest=latest, overdue=overdue,
                             days_overdue=(as_of - task.deadline_date).days if overdue else 0))
    by_status = {status: sum(1 for row in rows if row.status is status) for status in Status}
    units: dict[str, list[TaskAsOf]] = {}
    for row in rows:
        units.setdefault(unit_name(row.task.lead_unit), []).append(row)
    by_unit = tuple(sorted(
        (UnitCounts(unit=unit, total=len(unit_rows),
                    by_status={status: sum(1 for r in unit_rows if r.status is status) for status in Status},
                    overdue=sum(1 for r in unit_rows if r.overdue))
         for unit, unit_rows in units.items()),
        key=lambda counts: (-counts.total, counts.unit)))
    return ProgressSummary(as_of=as_of, tasks=tuple(rows), by_status=by_status, by_unit=by_unit)


def unit_name(lead_unit: str) -> str:
    """A lead unit's name as printed and grouped by.

    A stray control character from a returned workbook makes no second unit.
    """
    return one_line(lead_unit).strip() or NO_LEAD_UNIT


def change_sentence(now: ReportFigures, previous: ReportFigures | None) -> str:
    """与上次报告（截至…）相比，… — or that this is the plan's first report."""
    if previous is None:
        return "此前未报送过本方案的进展情况报告，本次为首次报告。"

    def delta(label: str, new: int, old: int) -> str:
        if new == old:
            return f"{label}持平（{new}项）"
        return f"{label}{'增加' if new > old else '减少'}{abs(new - old)}项（{old}项→{new}项）"

    parts = [delta("任务总数", now.total, previous.total), delta("已完成", now.done, previous.done),
             delta("已滞后", now.by_status.get(Status.DELAYED, 0), previous.by_status.get(Status.DELAYED, 0)),
             delta("逾期未完成", now.overdue, previous.overdue)]
    return f"与上次报告（截至{chinese_date(previous.as_of)}）相比，{'，'.join(parts)}。"
