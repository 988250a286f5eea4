"""Which task rows the table shows: the filter bar's criteria, applied over cached rows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from planner.domain.lights import Light, task_light
from planner.domain.model import Status
from planner.services.tasks import TaskRow


@dataclass(frozen=True)
class TaskFilter:
    """All criteria combine; an empty filter shows every row the table holds."""

    text: str = ""
    status: Status | None = None
    unit: str = ""  # part of a lead or cooperating unit's name (财政 → 省财政厅)
    light: Light | None = None  # RED (overdue) or YELLOW (due within the window)
    hide_done: bool = False

    def select(self, rows: list[TaskRow], haystacks: list[str], lights: list[Light]) -> list[int]:
        """Indexes of the rows that pass every criterion.

        One comprehension per criterion, text first: 20,000 rows filter in a few milliseconds.
        """
        chosen = range(len(rows))
        if self.text:
            needle = self.text.lower()
            chosen = [i for i in chosen if needle in haystacks[i]]
        # Equality, not identity: a combo box hands StrEnum values back as plain str.
        if self.status is not None:
            chosen = [i for i in chosen if rows[i].task.status == self.status]
        if self.hide_done:
            chosen = [i for i in chosen if rows[i].task.status != Status.DONE]
        if self.unit:
            unit = self.unit
            chosen = [i for i in chosen if unit in rows[i].task.lead_unit
                      or any(unit in name for name in rows[i].task.support_units)]
        if self.light is not None:
            chosen = [i for i in chosen if lights[i] == self.light]
        return list(chosen)


def haystack(row: TaskRow) -> str:
    """The text a search looks through, prepared once per row."""
    task = row.task
    return "\n".join((task.code, row.item_label, task.content, task.lead_unit, "、".join(task.support_units),
                      task.leader, task.deadline_phrase, row.latest_text, task.note)).lower()


def light_of(row: TaskRow, *, today: dt.date, warning_days: int) -> Light:
    return task_light(row.task.status, row.task.deadline_date, today=today, warning_days=warning_days)
