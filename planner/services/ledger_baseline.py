"""The export a returned 台账 without its 台账信息 sheet came from, found by content.

Issue 12, point 2: a CSV or a table pasted into a new workbook has no export time. Its values
are compared with every stored export snapshot of the plan; the export they fit is the
baseline. When none fits, each task's values at the last export are returned instead, so
that a value the office changed after that export is a conflict, never a change.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from planner.domain.model import Status
from planner.exchange.ledger_layout import clean_text
from planner.exchange.xlsx_import import Problem
from planner.storage import exports

if TYPE_CHECKING:
    from sqlite_utils import Database

# The file came from an export when at least this share of the values it has (for the tasks
# it names) equal that export's. A department edits a few cells of its rows, so its return
# keeps most of them; an export from before several rounds of office edits falls below.
BASELINE_MATCH = 0.8
# (key as read, key in the snapshot) of the values compared.
_COMPARED = (("content", "content"), ("lead", "lead"), ("leader", "leader"), ("deadline", "deadline"),
             ("status", "status"), ("percent", "percent"), ("progress", "progress"), ("note", "note"))


@dataclass(frozen=True)
class Baseline:
    """What a file's values are compared with.

    ``snapshot`` (task uid → exported values) and ``exported_at`` of the export the file fits;
    or, when none fits, ``last``: each task's values at its latest export (None when the
    tasks were never exported).
    """

    snapshot: dict[str, dict] | None = None
    exported_at: str = ""
    last: dict[str, dict] | None = None


def find_baseline(db: Database, plan_uid: str, values_by_uid: Mapping[str, Mapping[str, object]]) -> Baseline:
    """The stored export whose values the file's rows (by task uid) fit best, if it fits at all."""
    if not values_by_uid:
        return Baseline()
    history = exports.snapshots_for(db, plan_uid, list(values_by_uid))
    best, best_score = None, 0.0
    for exported_at, snapshot in history:
        equal = compared = 0
        for uid, fields in snapshot.items():
            values = values_by_uid[uid]
            for key, field in _COMPARED:
                if key in values:
                    compared += 1
                    equal += _comparable(values[key]) == _comparable(fields.get(field))
        score = equal / compared if compared else 0.0
        if score > best_score:  # newest first: a tie keeps the later export
            best, best_score = (exported_at, snapshot), score
    if best is not None and best_score >= BASELINE_MATCH:
        return Baseline(snapshot=best[1], exported_at=best[0])
    last: dict[str, dict] = {}
    for _, snapshot in reversed(history):  # oldest first, so the newest export wins
        last.update(snapshot)
    return Baseline(last=last or None)


def _comparable(value: object) -> object:
    """A read value and a snapshot value in one shape (Status and text, numbers, ISO dates)."""
    if isinstance(value, Status):
        return value.value
    if isinstance(value, str):
        return clean_text(value)
    return value


def baseline_notice(file: str, found: Baseline, *, unknown_export: bool = False) -> Problem | None:
    """What the user is told about a file without its 台账信息 (or, ``unknown_export``, whose
    台账信息 names an export this database has no record of): the export it was found to fit, or none."""
    # A file whose sheet is there but names another database's export must not be told it has none.
    why = "的导出记录在本数据库中找不到" if unknown_export else "没有台账信息"
    if found.snapshot is not None:
        return Problem(file, "", 0, "", f"“{file}”{why}，按内容判断来自 "
                                        f"{found.exported_at[:16].replace('T', ' ')} 导出的台账，以其为准比较")
    if found.last:
        return Problem(file, "", 0, "", f"“{file}”{why}，也找不到与之相符的导出记录："
                                        "文件中与本程序不同的值，凡导出后本程序中改过的，都按冲突列出")
    return None
