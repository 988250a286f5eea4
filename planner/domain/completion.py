"""A task's current status and percent: 已完成 means 100 %, and only the newest progress note sets them."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal

from planner.domain.ledger_words import WordError, whole_percent
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


_PLAIN_NUMBER = re.compile(r"[-－]?[0-9０-９]+(?:[.．][0-9０-９]+)?\s*[%％]?")


def typed_percent(text: object) -> int:
    """A percent as a clerk types or pastes it (85, 85%, ８５％, " 85 ") → the whole number stored.

    The whole text is judged, never a part of it: 150 is refused, not cut to 15 (trial of
    2026-11-30, issue 11). One rule for the table's 进度 cell, the 添加进展 dialog and
    services.task_edits.

    Raises:
        WordError: not a number, not whole, or outside 0–100 (the message names 进度).
    """
    typed = str(text).strip()
    cleaned = unicodedata.normalize("NFKC", typed).strip().removesuffix("%").strip()
    if not cleaned:
        raise WordError("进度不能为空，请填写 0–100 之间的整数")
    # Digits (half or full width) and one decimal point only: float() would also take 1_0, 1e2,
    # nan and a superscript ², none of which a clerk means as a percent.
    if not _PLAIN_NUMBER.fullmatch(typed) or not _PLAIN_NUMBER.fullmatch(cleaned):
        raise WordError(f"进度“{typed}”不是数字，请填写 0–100 之间的整数")
    number = Decimal(cleaned)  # exact: 99.99999999999999999 is not 100
    if number != number.to_integral_value():
        raise WordError(f"进度 {cleaned}% 不是整数，请填写 0–100 之间的整数（不做四舍五入）")  # as an import says it
    return whole_percent(int(number))


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
