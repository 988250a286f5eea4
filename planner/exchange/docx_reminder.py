"""The 催办单 (督办通知) as Word: one page per lead unit with its overdue and soon-due tasks and a reply-by date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from planner.domain.chinese_dates import chinese_date
from planner.domain.outside_text import one_line
from planner.domain.reminders import ReminderTask, UnitReminder
from planner.exchange import docx_styles as look
from planner.exchange.docx_columns import wrap_phrase
from planner.exchange.docx_export import deadline_text, task_sentence
from planner.exchange.docx_report import TABLE_FONT_SIZE, ReportTexts
from planner.exchange.docx_report_parts import close, fit_columns
from planner.exchange.docx_writer import OfficialDocx, ProgressCallback, report_progress

TITLE = "督办通知"


def reminder_body(reminder: UnitReminder, *, plan_title: str, today: dt.date, reply_by: dt.date,
                  warning_days: int, issuer: str) -> str:
    """The notice's one paragraph: what is overdue or due soon, and by when to reply to whom."""
    to = one_line(issuer).strip() or "我单位"
    basis = f"按照{one_line(plan_title).strip()}分工，截至{chinese_date(today)}，贵单位牵头的重点任务中，"
    if not reminder.tasks:
        return (f"{basis}没有逾期或{warning_days}日内到期的任务。请于{chinese_date(reply_by)}前将全部牵头任务的"
                f"最新进展情况书面报送{to}。")
    parts = []
    if reminder.overdue:
        parts.append(f"已超过完成时限仍未完成的{len(reminder.overdue)}项")
    if reminder.due_soon:
        parts.append(f"将于{warning_days}日内到期的{len(reminder.due_soon)}项")
    return (f"{basis}{'，'.join(parts)}（见下表）。请高度重视，加快推进，并于{chinese_date(reply_by)}前"
            f"将办理情况和下一步工作安排书面报送{to}。")


def timing_text(row: ReminderTask) -> str:
    if row.days_overdue:
        return f"逾期{row.days_overdue}天"
    return "今日到期" if row.days_left == 0 else f"{row.days_left}天后到期"


def export_reminders(path: Path, *, template: Path, plan_title: str, reminders: Sequence[UnitReminder],
                     today: dt.date, reply_by: dt.date, warning_days: int, issuer: str = "",
                     date: dt.date | None = None, texts: ReportTexts = ReportTexts(),
                     progress: ProgressCallback | None = None, now: dt.datetime | None = None) -> int:
    """Write one 督办通知 per unit into one file, each starting on a new page; return the number of units.

    Args:
        today: the day the overdue days are counted on.
        reply_by: the date the units are to reply by.
        warning_days: the plan's window for soon-due tasks (its yellow light), named in the text.
        issuer: the 署名, and the office to reply to; empty: none (the text says 我单位).
        date: 成文日期 under the 署名; None: none.
        texts: 联系人/电话 for the 附注 (the other fields are not used).

    Raises:
        UserError: the template is missing or broken, or ``path`` cannot be written.
    """
    out = OfficialDocx(template, table_font_size=TABLE_FONT_SIZE)
    for done, reminder in enumerate(reminders, start=1):
        out.title(TITLE, new_page=done > 1)
        out.addressee(reminder.unit)
        out.paragraph(reminder_body(reminder, plan_title=plan_title, today=today, reply_by=reply_by,
                                    warning_days=warning_days, issuer=issuer), look.BODY)
        if reminder.tasks:
            _table(out, reminder)
        close(out, issuer=issuer, date=date, contact_name=texts.contact_name, contact_phone=texts.contact_phone)
        report_progress(progress, done, len(reminders))
    out.describe(title=TITLE, author=issuer, now=now or dt.datetime.now(dt.UTC))
    out.save(path)
    return len(reminders)


def _table(out: OfficialDocx, reminder: UnitReminder) -> None:
    timings = [timing_text(row) for row in reminder.tasks]
    deadlines = [deadline_text(row.task) for row in reminder.tasks]
    states = [row.task.status.value for row in reminder.tasks]
    columns = fit_columns(out.text_width_mm(), wide=[("重点任务", 1)], font_size=TABLE_FONT_SIZE,
                          narrow=[("完成时限", deadlines), ("状态", states), ("逾期或到期", timings)])
    # A long 完成时限 phrase may not take the row: it is capped at ten characters and wraps at its commas.
    table = out.table(columns)
    for number, (row, deadline, state, timing) in enumerate(zip(reminder.tasks, deadlines, states, timings,
                                                                strict=True), start=1):
        table.row([str(number), task_sentence(row.task).removesuffix("。"),
                   wrap_phrase(deadline, columns[2].text_width_pt, TABLE_FONT_SIZE), state, timing])
    table.keep_last_row_with_next()
