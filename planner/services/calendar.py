"""Use case: the plan's deadlines and its open round's reply-by date as an .ics calendar file."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from planner.domain.model import Status
from planner.domain.rounds import ReplyState
from planner.exchange.calendar_ics import CalendarEvent, write_calendar
from planner.services import rounds
from planner.services.plans import get_plan
from planner.storage import tasks

if TYPE_CHECKING:
    from sqlite_utils import Database


@dataclass(frozen=True)
class CalendarResult:
    """What the calendar holds: one event per dated open task, one per open round."""

    path: Path
    deadline_count: int
    round_count: int


def export_ics(db: Database, plan_id: int, path: Path | str, *, today: dt.date) -> CalendarResult:
    """Write the calendar: the 完成时限 of every task not yet 已完成 that has a date, and the open round's
    reply-by date (with a reminder the day before). Tasks with an open phrase (持续推进) have no day to show.

    Raises:
        UserError: no such plan; the file name or place cannot be written.
    """
    plan = get_plan(db, plan_id)
    events = []
    for task in tasks.list_tasks(db, plan_id):
        if task.deadline_date is None or task.status is Status.DONE:
            continue
        head = f"{task.code} " if task.code else ""
        short = task.content if len(task.content) <= 40 else task.content[:40] + "…"
        lead = f"（牵头：{task.lead_unit}）" if task.lead_unit else ""
        details = [task.content, f"牵头单位：{task.lead_unit or '未明确'}"]
        if task.support_units:
            details.append(f"配合单位：{'、'.join(task.support_units)}")
        details += [f"完成时限：{task.deadline_phrase or task.deadline_date.isoformat()}", f"状态：{task.status.value}",
                    f"实施方案：{plan.name}"]
        events.append(CalendarEvent(uid=f"task-{task.uid}@planner", day=task.deadline_date,
                                    summary=f"【完成时限】{head}{short}{lead}", description="\n".join(details)))
    deadline_count = len(events)
    status = rounds.open_round_status(db, plan_id, today=today)
    if status is not None:
        waiting = status.units_in(ReplyState.WAITING, ReplyState.LATE)
        events.append(CalendarEvent(
            uid=f"round-{plan.uid}-{status.id}@planner", day=status.due, summary=f"【报送截止】{status.name}",
            description=f"报送单位：{'、'.join(r.unit for r in status.replies)}\n"
                        f"截至{today.isoformat()}尚未报送：{'、'.join(waiting) or '无'}\n实施方案：{plan.name}",
            remind_days_before=1))
    written = write_calendar(path, plan.name, events)
    return CalendarResult(Path(written), deadline_count, len(events) - deadline_count)
