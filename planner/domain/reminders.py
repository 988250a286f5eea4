"""催办单 and 情况通报 as data: each lead unit's overdue and soon-due tasks, units ranked by completion."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from planner.domain.lights import Light, task_light
from planner.domain.model import Task
from planner.domain.progress_report import ProgressSummary, UnitCounts, unit_name


@dataclass(frozen=True)
class ReminderTask:
    """One task on a 催办单: overdue (days_overdue > 0) or due within the warning window (days_left >= 0)."""

    task: Task
    days_overdue: int  # 0 when not overdue
    days_left: int  # days until the deadline when not overdue (0: due today), else 0


@dataclass(frozen=True)
class UnitReminder:
    """The 催办单 for one lead unit: its overdue tasks (longest overdue first), then its soon-due ones."""

    unit: str
    tasks: tuple[ReminderTask, ...]

    @property
    def overdue(self) -> tuple[ReminderTask, ...]:
        return tuple(row for row in self.tasks if row.days_overdue)

    @property
    def due_soon(self) -> tuple[ReminderTask, ...]:
        return tuple(row for row in self.tasks if not row.days_overdue)


def lead_units(tasks: Sequence[Task]) -> list[str]:
    """Every lead unit of ``tasks`` as printed, in the order first met."""
    return list(dict.fromkeys(unit_name(task.lead_unit) for task in tasks))


def reminders(tasks: Sequence[Task], *, today: dt.date, warning_days: int,
              units: Sequence[str] | None = None) -> list[UnitReminder]:
    """One UnitReminder per lead unit with overdue or soon-due tasks on ``today``.

    Overdue and soon-due are the task's light (red, yellow within ``warning_days``)
    from its current status. With ``units``, exactly those units in that order,
    each even when it has no such task (a unit chased for a late return);
    names are compared as printed (unit_name).

    Raises:
        ValueError: a name in ``units`` that leads no task (the caller words the message).
    """
    rows: dict[str, list[ReminderTask]] = {}
    for task in tasks:
        light = task_light(task.status, task.deadline_date, today=today, warning_days=warning_days)
        if light is Light.RED:
            row = ReminderTask(task=task, days_overdue=(today - task.deadline_date).days, days_left=0)
        elif light is Light.YELLOW:
            row = ReminderTask(task=task, days_overdue=0, days_left=(task.deadline_date - today).days)
        else:
            continue
        rows.setdefault(unit_name(task.lead_unit), []).append(row)

    def ordered(unit: str) -> tuple[ReminderTask, ...]:
        items = rows.get(unit, [])
        return tuple(sorted(items, key=lambda r: (r.days_overdue == 0, -r.days_overdue, r.days_left)))

    if units is None:
        return [UnitReminder(unit=unit, tasks=ordered(unit)) for unit in lead_units(tasks) if unit in rows]
    known = set(lead_units(tasks))
    wanted = [unit_name(name) for name in units]
    unknown = [name for name in wanted if name not in known]
    if unknown:
        raise ValueError(unknown)
    return [UnitReminder(unit=unit, tasks=ordered(unit)) for unit in dict.fromkeys(wanted)]


@dataclass(frozen=True)
class RankedUnit:
    rank: int  # 1 = best; equal figures share a rank (1, 1, 3)
    counts: UnitCounts


def ranking(summary: ProgressSummary) -> list[RankedUnit]:
    """Lead units for the 情况通报: highest 完成率 first, then fewest overdue, then most tasks, then name."""
    def key(counts: UnitCounts):
        return (-(counts.rate or 0.0), counts.overdue)

    ordered = sorted(summary.by_unit, key=lambda c: (*key(c), -c.total, c.unit))
    ranked, previous, rank = [], None, 0
    for position, counts in enumerate(ordered, start=1):
        if key(counts) != previous:
            rank, previous = position, key(counts)
        ranked.append(RankedUnit(rank=rank, counts=counts))
    return ranked
