"""A task's current status and percent: 已完成 means 100 %, and only the newest progress note sets them."""

from __future__ import annotations

import datetime as dt

from planner.domain.model import Status


def percent_with_status(status: Status | None, percent: int | None) -> int | None:
    """The percent to store when a person sets ``status`` and maybe ``percent`` in one step.

    The person's own percent wins; 已完成 without one means 100; otherwise None (the percent
    stays as it is). Used by the table's status cell and by the progress dialog alike. An
    import does not use it: it keeps the file's own figure (see ``done_below_full``).
    """
    if percent is not None:
        return percent
    return 100 if status == Status.DONE else None


def done_below_full(status: Status | None, percent: int | None) -> bool:
    """True when a status of 已完成 comes with a percent under 100 (an import warns, keeps both)."""
    return status == Status.DONE and percent is not None and percent < 100


def sets_current_state(entry_date: dt.date, newest: dt.date | None) -> bool:
    """Whether a progress note's status and percent become the task's (trial 2026-11-30, M11).

    A note dated before the task's newest note (补录 of an earlier report) goes into the history
    only: the task keeps the status and percent of its newest note, which 最新进展 shows. A note
    of the same day as the newest counts as newer. ``newest`` is None for a task without notes.
    The one rule for the progress dialog (services.progress) and the import (ledger_compare).
    """
    return newest is None or entry_date >= newest


def older_note_message(entry_date: dt.date, newest: dt.date) -> str:
    """What the clerk is told when a note is older than the task's newest one (see sets_current_state)."""
    return (f"进展日期 {entry_date.isoformat()} 早于该任务最新进展的日期 {newest.isoformat()}："
            "这条进展只记入进展历史，任务的状态和进度不变")
