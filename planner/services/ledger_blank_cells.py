"""Blank cells of a returned 台账: a cell of a plan column left blank never empties the task's field.

A department seldom means "empty this field" by a blank cell of the columns that describe the
task as the office planned it (内容, 牵头/配合单位, 分管领导, 完成时限, 截止日期): the field
would be lost on a guess. Such a cell is listed as a conflict the office may settle; a plan
column blank on every row was not filled in at all and is read as absent; a blank 备注, like
a blank 状态 or 进度, changes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence

from planner.domain.deadlines import Deadline
from planner.domain.model import Task
from planner.exchange.xlsx_import import LedgerRecord
from planner.services.change_set import Conflict, Location

# The plan columns (ledger_layout keys) whose blank cells are never taken as "empty this field".
PLAN_KEYS = ("content", "lead", "support", "leader", "deadline", "due")
BLANK_CELL = "文件中该单元格为空，未作修改"
# Fill-in fields: a blank cell of one is nothing to change.
_FILL_IN_FIELDS = frozenset({"note"})


def is_blank(value: object) -> bool:
    """A cell left empty: no text, no units, no deadline."""
    if isinstance(value, Deadline):
        return not value.phrase and value.date is None
    return value is None or value == "" or value == ()


def unfilled_columns(records: Sequence[LedgerRecord]) -> set[str]:
    """The plan columns of a file blank on every row (as if the file had not had them)."""
    return {key for key in PLAN_KEYS
            if not any(not is_blank(r.values.get(key)) for r in records if key in r.values)}


def changes_nothing(field: str, value: object) -> bool:
    """A fill-in column (备注) left blank: nothing to change, nothing to ask."""
    return field in _FILL_IN_FIELDS and is_blank(value)


def blank_cell_conflict(task: Task, field: str, *, current: object, value: object, where: Location) -> Conflict:
    """The conflict listing a blank cell of a plan column: the task keeps ``current`` unless the office takes it."""
    return Conflict(task.id, task.code, field, current, (value,), BLANK_CELL, (where,))
