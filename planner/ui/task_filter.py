"""Which task rows the table shows: the filter bar's criteria, applied over cached rows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from planner.domain.lights import Light, task_light
from planner.domain.model import Status
from planner.services.tasks import TaskRow


@dataclass(frozen=True)
class TaskFilter:
    """All criteria combine; an empty filter shows every row of the chosen item (or all items)."""

    item_id: int | None = None  # None: all tasks of the plan
    text: str = ""
    status: Status | None = None
    unit: str = ""  # as lead or cooperating unit
    light: Light | None = None  # RED (overdue) or YELLOW (due within the window)
    hide_done: bool = False

    def accepts(self, row: TaskRow, haystack: str, light: Light) -> bool:
        task = row.task
        if self.item_id is not None and task.item_id != self.item_id:
            return False
        # Equality, not identity: a combo box hands StrEnum values back as plain str.
        if self.status is not None and task.status != self.status:
            return False
        if self.hide_done and task.status is Status.DONE:
            return False
        if self.unit and self.unit != task.lead_unit and self.unit not in task.support_units:
            return False
        if self.light is not None and light != self.light:
            return False
        return not self.text or self.text.lower() in haystack


def haystack(row: TaskRow) -> str:
    """The text a search looks through, prepared once per row."""
    task = row.task
    return "\n".join((task.code, row.item_label, task.content, task.lead_unit, "、".join(task.support_units),
                      task.leader, task.deadline_phrase, row.latest_text, task.note)).lower()


def light_of(row: TaskRow, *, today: dt.date, warning_days: int) -> Light:
    return task_light(row.task.status, row.task.deadline_date, today=today, warning_days=warning_days)
