"""A task's fields as a returned 台账 is compared with them: now, at an export, and the column each comes from."""

from __future__ import annotations

import datetime as dt
import functools

from planner.domain.deadlines import Deadline
from planner.domain.frozen import frozen_instance
from planner.domain.model import Status, Task
from planner.exchange.ledger_layout import clean_text
from planner.exchange.xlsx_import import LedgerRecord
from planner.services.change_set import Location

# The column (ledger_layout key) each field is read from, to locate what the preview shows.
FIELD_COLUMNS = {"content": "content", "lead_unit": "lead", "support_units": "support", "leader": "leader",
                 "deadline": "deadline", "status": "status", "percent": "percent", "note": "note"}
# Fields a row's column of the same name sets as it is (units and deadlines are looked up first).
PLAIN_FIELDS = ("content", "leader", "note", "status", "percent")
_STATUSES = {status.value: status for status in Status}  # a dict look-up: Status(text) is slow per row


def current_value(task: Task, field: str) -> object:
    """A task's field in the shape the change set holds it."""
    if field == "deadline":
        return Deadline(task.deadline_phrase, task.deadline_date)
    if field in ("content", "leader", "note"):
        return clean_text(getattr(task, field))
    return getattr(task, field)


def current_values(task: Task) -> dict[str, object]:
    """Every compared field of a task (FIELD_COLUMNS' keys), as current_value gives each."""
    return {field: current_value(task, field) for field in FIELD_COLUMNS}


def base_values(base: dict) -> dict[str, object]:
    """A task's fields as an export snapshot (storage.exports) holds them, in current_value's shapes."""
    return {"content": base["content"], "leader": base["leader"], "note": base["note"],
            "status": _STATUSES[base["status"]], "percent": base["percent"], "lead_unit": base["lead"],
            "support_units": tuple(base["support"]), "deadline": _deadline_at_export(base["deadline"], base.get("due"))}


@functools.lru_cache(maxsize=4096)
def _deadline_at_export(phrase: str, due: str | None) -> Deadline:
    """A snapshot's 完成时限 (Deadline is frozen, and a plan's deadlines repeat: each pair is built once)."""
    return Deadline(phrase, dt.date.fromisoformat(due) if due else None)


def cell_location(record: LedgerRecord, key: str) -> Location:
    """Where the row's ``key`` column value is: file, sheet, row and the column's letter ("" if the file has none)."""
    # Two a row (its change and its note): built as checked values (domain.frozen).
    return frozen_instance(Location, {"file": record.file, "sheet": record.sheet, "row": record.row,
                                      "column": record.columns.get(key, "")})


def row_location(record: LedgerRecord) -> Location:
    """The cell a question about a whole row names: its 任务内容, or its 序号 when it has no content."""
    return cell_location(record, "content" if record.values.get("content") else "code")
