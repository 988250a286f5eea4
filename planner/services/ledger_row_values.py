"""A returned row's values made ready to compare: its days, the deadline it sets, its extra columns."""

from __future__ import annotations

import datetime as dt

from planner.domain.deadlines import Deadline, parse_deadline
from planner.domain.ledger_words import EARLIEST_DATE, WordError, YearlessDate, progress_date_problem
from planner.exchange.xlsx_import import LedgerRecord, Problem


def resolved_values(record: LedgerRecord, *, unfilled: set[str], year: int, today: dt.date) -> dict | Problem:
    """The row's values without the columns left blank on every row (ledger_blank_cells), days
    written without a year placed in ``year``; the located Problem instead when a day is wrong."""
    values = dict(record.values)
    for key in unfilled:
        values.pop(key, None)
    for key in ("due", "progress_date"):
        if isinstance(values.get(key), YearlessDate):
            try:
                values[key] = values[key].resolve(year)
            except WordError as error:
                return record.problem(key, str(error))
    problem = progress_date_problem(values.get("progress_date"), today)  # L5: one rule with the dialog
    if problem:
        return record.problem("progress_date", problem)
    return values


def row_deadline(record: LedgerRecord, values: dict, *, was: Deadline, plan_year: int | None) -> Deadline | Problem:
    """The deadline the row sets (``was`` when it sets none): the column changed since export wins.

    Returns the located Problem for a day that does not exist, a date before 2000, or 完成时限
    and 截止日期 both changed to different days.
    """
    phrase_changed = "deadline" in values and values["deadline"] != was.phrase
    date_changed = "due" in values and values["due"] != was.date
    if phrase_changed and not values["deadline"] and "due" in values:
        phrase_changed = False  # 完成时限 left blank beside a 截止日期: the date says it
    if not phrase_changed and not date_changed:
        return was
    if phrase_changed and not date_changed:
        parsed = parse_deadline(values["deadline"], plan_year=plan_year)
        if parsed.problem:  # 2月30日: a located error, not a phrase stored without its date
            return record.problem("deadline", parsed.problem)
        if parsed.date is not None and parsed.date < EARLIEST_DATE:
            return record.problem("deadline", f"完成时限“{values['deadline']}”早于 2000 年，请核对")
        return parsed
    due = values["due"]
    if not phrase_changed:
        return Deadline(f"{due.year}年{due.month}月{due.day}日前", due)
    meant = parse_deadline(values["deadline"], plan_year=plan_year).date
    if meant is not None and meant != due:
        return record.problem("due", f"完成时限“{values['deadline']}”与截止日期 {due.isoformat()} 不一致，两列都被修改；"
                                     "请只改其中一列，或使两者一致")
    return Deadline(values["deadline"], due)


def progress_text(values: dict) -> str:
    """The progress note with the row's extra columns kept beside it."""
    text = values.get("progress", "")
    if text and values.get("extra"):
        text += "（" + "；".join(f"{header}：{value}" for header, value in values["extra"]) + "）"
    return text


def note_with_extras(values: dict, note: str, *, text_used: bool) -> str:
    """备注 with the extra columns' text added when no new progress note carries it."""
    if text_used or not values.get("extra"):
        return note
    parts = [note] if note else []
    parts += [piece for piece in (f"{h}：{v}" for h, v in values["extra"]) if piece not in note]
    return "；".join(parts)
