"""Use cases on working days: the calendar a plan counts with, its setting, the office's 节假日安排."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from planner.domain.lights import INACTIVE
from planner.domain.model import Task
from planner.domain.workdays import (DayKind, HolidayDay, WorkCalendar, merged_calendar, warning_window_end,
                                     workdays_until)
from planner.domain.workdays import default_reply_by as domain_default_reply_by
from planner.errors import UserError
from planner.services.plans import get_plan
from planner.storage import workdays

if TYPE_CHECKING:
    from sqlite_utils import Database


def work_calendar(db: Database) -> WorkCalendar:
    """chinese-calendar's years (2004–2026 in 1.11) with the office's entered years on top."""
    return merged_calendar(workdays.office_arrangements(db))


def default_reply_by(db: Database, today: dt.date) -> dt.date:
    """A 催办单's reply-by date: five working days after ``today``, by the office's calendar."""
    return domain_default_reply_by(work_calendar(db), today)


def counts_workdays(db: Database, plan_id: int) -> bool:
    """Whether the plan counts its warning window and 距截止 in 工作日 (else calendar days)."""
    return workdays.counts_workdays(db, plan_id)


def set_counts_workdays(db: Database, plan_id: int, on: bool) -> bool:
    """Switch the plan's setting; returns the previous value (for undo)."""
    get_plan(db, plan_id)
    previous = workdays.counts_workdays(db, plan_id)
    workdays.set_counts_workdays(db, plan_id, on)
    return previous


def window_end(db: Database, plan_id: int, *, today: dt.date,
               calendar: WorkCalendar | None = None) -> dt.date:
    """The last deadline in the plan's warning window (临期), in working or calendar days."""
    plan = get_plan(db, plan_id)
    if not workdays.counts_workdays(db, plan_id):
        return warning_window_end(today, plan.warning_days, calendar=None)
    return warning_window_end(today, plan.warning_days, calendar=calendar or work_calendar(db))


def effective_warning_days(db: Database, plan_id: int, *, today: dt.date) -> int:
    """The warning window as calendar days from today, for code that counts lights by days."""
    return (window_end(db, plan_id, today=today) - today).days


def days_left_text(calendar: WorkCalendar | None, today: dt.date, deadline: dt.date) -> str:
    """距截止还有 N 个工作日 / N 天 (0: due today), or 已逾期 N 天 (always calendar days)."""
    if deadline < today:
        return f"已逾期 {(today - deadline).days} 天"
    if calendar is None:
        return "今天到期" if deadline == today else f"还有 {(deadline - today).days} 天"
    left = workdays_until(calendar, today, deadline)
    return "今天到期" if deadline == today else f"还有 {left} 个工作日"


def deadline_note(db: Database, plan_id: int, task: Task, *, today: dt.date) -> str:
    """What the task details say beside an active task's deadline.

    距截止 in working days when the plan counts them (else calendar days), and a deadline that
    falls on a day off pointed out: "还有 3 个工作日；截止日为休息日（国庆节）". Empty for a task
    without a date or no longer worked on (已完成, 已暂停).
    """
    if task.deadline_date is None or task.status in INACTIVE:
        return ""
    calendar = work_calendar(db)
    left = days_left_text(calendar if workdays.counts_workdays(db, plan_id) else None, today, task.deadline_date)
    day_off = calendar.holiday_name(task.deadline_date)
    return left + (f"；截止日为休息日（{day_off}）" if day_off else "")


def builtin_years() -> range:
    """Years the built-in calendar (chinese-calendar) knows."""
    from planner.domain.workdays import builtin_years as years

    return years()


def office_year(db: Database, year: int) -> list[HolidayDay]:
    """The office's entered 节假日安排 for one year (empty: not entered)."""
    return workdays.office_arrangements(db).get(year, [])


def office_years(db: Database) -> list[int]:
    return sorted(workdays.office_arrangements(db))


def save_office_year(db: Database, year: int, rows: Sequence[tuple[str, str, str]]) -> list[HolidayDay]:
    """Replace the office's 节假日安排 for ``year`` with ``rows`` of (日期, 放假|上班, 名称).

    Returns the previous days (for undo). An empty ``rows`` forgets the year, so it falls back
    to chinese-calendar (or Monday–Friday).

    Raises:
        UserError: naming the row: a date that is not a date or not in ``year``, an unknown
            kind, the same day twice. Nothing is saved then.
    """
    if not 1949 <= year <= 2100:
        raise UserError(f"年份 {year} 不合理，请填写四位年份。")
    days, problems, seen = [], [], {}
    for number, (day_text, kind_text, name) in enumerate(rows, start=1):
        try:
            day = dt.date.fromisoformat(day_text.strip())
        except ValueError:
            problems.append(f"第 {number} 行：日期“{day_text}”无法识别，请写成 {year}-10-01 的形式。")
            continue
        if day.year != year:
            problems.append(f"第 {number} 行：日期 {day} 不在 {year} 年。")
            continue
        if kind_text.strip() not in {k.value for k in DayKind}:
            problems.append(f"第 {number} 行：类型“{kind_text}”应为“放假”或“上班”。")
            continue
        if day in seen:
            problems.append(f"第 {number} 行：日期 {day} 与第 {seen[day]} 行重复。")
            continue
        seen[day] = number
        days.append(HolidayDay(day, DayKind(kind_text.strip()), name.strip()))
    if problems:
        raise UserError(f"{year} 年节假日安排有误，未保存：", details=problems)
    previous = office_year(db, year)
    workdays.replace_year(db, year, sorted(days, key=lambda d: d.day))
    return previous
