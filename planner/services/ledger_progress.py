"""A returned row's progress: whether its note is new, the day the note is of, and 已完成 below 100 %."""

from __future__ import annotations

import datetime as dt

from planner.domain.completion import done_below_full
from planner.domain.frozen import frozen_instance
from planner.domain.model import ProgressEntry, Task
from planner.exchange.xlsx_import import LedgerRecord, Problem


def is_new_note(text: str, *, base_text: str, current_text: str, history: set[str] | frozenset[str]) -> bool:
    """A note the app does not have yet: not the exported one, not the latest, none of the task's history."""
    return bool(text) and text != base_text and text != current_text and text not in history


def note_entry(record: LedgerRecord, values: dict, *, text: str, base: dict | None, latest: ProgressEntry | None,
               today: dt.date) -> ProgressEntry:
    """The entry a new note adds, on its 进展日期 unless that column still shows the exported entry's day."""
    # The date column still showing the exported entry's date is not this note's date.
    base_date = base["progress_date"] if base is not None else (latest.date.isoformat() if latest else None)
    stale_date = values.get("progress_date") and values["progress_date"].isoformat() == base_date
    return progress_entry(record, values, text=text, today=today, dated=not stale_date)


def progress_entry(record: LedgerRecord, values: dict, *, text: str, today: dt.date,
                   dated: bool = True) -> ProgressEntry:
    """The entry a row's progress note adds: on its 进展日期 (unless ``dated`` is False), else ``today``."""
    date = (values.get("progress_date") if dated else None) or today
    return frozen_instance(ProgressEntry, {"date": date, "text": text, "status": values.get("status"),
                                           "percent": values.get("percent"), "source": f"导入：{record.file}",
                                           "id": None})


def done_below_full_notice(record: LedgerRecord, task: Task | None) -> Problem | None:
    """已完成 with less than 100 %: the file's own figures are kept, the user is told (issue 11)."""
    values = record.values
    if "status" not in values and "percent" not in values:
        return None
    status = values.get("status", task.status if task else None)
    percent = values.get("percent", task.percent if task else None)
    if not done_below_full(status, percent):
        return None
    kept = "按文件原样导入" if "percent" in values else "文件未填进度，任务仍为该进度"
    return record.problem("percent" if "percent" in values else "status",
                          f"状态为“已完成”，进度却为 {percent}%：{kept}，进度未改为 100%，请核实")
