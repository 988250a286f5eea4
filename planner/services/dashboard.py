"""The 总览 (dashboard) and the timeline: a plan's figures from SQL aggregates, ready to draw.

Definitions (shown to users in the dashboard's tooltips):
- 逾期: a deadline before today on a task not 已完成/已暂停 (the red light, domain.lights);
- 临期: a deadline from today to the end of the warning window (calendar or working days, a
  plan setting; services.workdays.window_end);
- 完成率: 已完成 ÷ all live tasks;
- 按时完成率 per lead unit: tasks due by today (deadline ≤ today, 已暂停 excluded) that were
  done by their deadline (first 已完成 progress report dated on or before it; a task marked
  已完成 without such a report counts as on time, and is counted in ``done_undated``) ÷ tasks due.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from planner.domain.lights import INACTIVE, Light, task_light
from planner.domain.model import Status
from planner.domain.workdays import WorkCalendar
from planner.services import workdays
from planner.services.plans import get_plan
from planner.storage import dashboard as store

if TYPE_CHECKING:
    from sqlite_utils import Database

_INACTIVE = tuple(status.value for status in INACTIVE)
NO_UNIT = "（未指定牵头单位）"
# A list of thousands of overdue tasks is read by nobody; the status bar's link filters the table to all.
LIST_LIMIT = 200
_STATUS = {status.value: status for status in Status}  # cheaper than Status(value) for 20,000 rows


@dataclass(frozen=True)
class UnitFigures:
    """One lead unit's stacked bar (done / in_progress / not_started / overdue) and 按时完成率."""

    unit: str
    total: int
    done: int
    in_progress: int
    not_started: int
    overdue: int
    paused: int
    due: int
    on_time: int
    done_undated: int

    @property
    def on_time_rate(self) -> float | None:
        """按时完成率 as 0..1, None when nothing is due yet."""
        return self.on_time / self.due if self.due else None


@dataclass(frozen=True)
class ChapterFigures:
    number: int
    title: str
    items: int
    covered: int  # items with at least one live task
    statuses: dict[Status, int]

    @property
    def tasks(self) -> int:
        return sum(self.statuses.values())


@dataclass(frozen=True)
class DueTask:
    """A task in the overdue or due-soon lists."""

    task_id: int
    code: str
    content: str
    unit: str
    deadline_phrase: str
    deadline: dt.date
    days: int  # days overdue (overdue list) or calendar days left
    left_text: str  # 已逾期 3 天 / 还有 4 个工作日 / 今天到期
    day_off: str | None  # the deadline falls on 春节 / 周末 …; None on a working day


@dataclass(frozen=True)
class DashboardFigures:
    today: dt.date
    window_end: dt.date  # last deadline counted as 临期
    counts_workdays: bool
    statuses: dict[Status, int]  # every status, zero included
    overdue: int
    due_soon: int
    undated: int
    units: list[UnitFigures]  # most overdue first
    chapters: list[ChapterFigures]
    overdue_tasks: list[DueTask]  # most days overdue first (at most the list limit)
    due_in_7: list[DueTask]
    due_in_30: list[DueTask]  # includes those due in 7
    due_in_7_count: int  # all of them, also beyond the list limit
    due_in_30_count: int
    day_off_deadlines: int  # active tasks whose deadline is a day off
    fallback_years: tuple[int, ...]  # deadline years counted Monday–Friday (no 节假日安排 known)

    @property
    def total(self) -> int:
        return sum(self.statuses.values())

    @property
    def done_rate(self) -> float | None:
        return self.statuses[Status.DONE] / self.total if self.total else None


def dashboard_figures(db: Database, plan_id: int, *, today: dt.date, list_limit: int = LIST_LIMIT) -> DashboardFigures:
    """Every figure of the dashboard for one plan as of ``today``.

    The three lists hold at most ``list_limit`` tasks each (the most overdue, the soonest due);
    their full counts are in overdue / due_in_7_count / due_in_30_count.

    Raises:
        UserError: the plan does not exist.
    """
    get_plan(db, plan_id)
    calendar = workdays.work_calendar(db)
    counting = workdays.counts_workdays(db, plan_id)
    end = workdays.window_end(db, plan_id, today=today, calendar=calendar)
    today_text = today.isoformat()
    week_end, month_end = today + dt.timedelta(days=7), today + dt.timedelta(days=30)

    # Deadline buckets: the SQL counts per bucket, the figures add up the buckets they span.
    bounds = sorted({today, week_end, month_end, end})
    last_bucket = {day: bounds.index(day) + 2 for day in bounds}  # deadlines from today up to ``day``
    statuses = dict.fromkeys(Status, 0)
    sums = dict.fromkeys(("overdue", "due_soon", "due_7", "due_30", "undated"), 0)
    ends = {"due_soon": last_bucket[end], "due_7": last_bucket[week_end], "due_30": last_bucket[month_end]}
    per_unit: dict[int | None, dict] = {}
    for row in store.unit_status_buckets(db, plan_id, today=today_text, bounds=[d.isoformat() for d in bounds]):
        status, bucket, count = _STATUS[row["status"]], row["bucket"], row["tasks"]
        active = status not in INACTIVE
        overdue = count if active and bucket == 1 else 0
        statuses[status] += count
        sums["overdue"] += overdue
        sums["undated"] += count if bucket == 0 else 0
        for key, last in ends.items():
            sums[key] += count if active and 2 <= bucket <= last else 0
        unit = per_unit.setdefault(row["lead_unit_id"], {
            "unit": row["unit"] or NO_UNIT, "order": (row["lead_unit_id"] is None, row["unit_order"] or 0,
                                                       row["unit"] or ""),
            **dict.fromkeys(("total", "done", "in_progress", "not_started", "overdue", "paused", "due", "on_time",
                             "done_undated"), 0)})
        unit["total"] += count
        unit["overdue"] += overdue
        # The bar's parts exclude each other: an overdue task is only 逾期, whatever its status.
        part = {Status.DONE: "done", Status.PAUSED: "paused", Status.NOT_STARTED: "not_started"}.get(
            status, "in_progress")
        unit[part] += count - overdue
        if status is not Status.PAUSED and bucket in (1, last_bucket[today]):  # deadline on or before today
            unit["due"] += count
    for row in store.unit_done_on_time(db, plan_id, today=today_text, done=Status.DONE.value):
        per_unit[row["lead_unit_id"]]["on_time"] = row["on_time"] or 0
        per_unit[row["lead_unit_id"]]["done_undated"] = row["done_undated"] or 0
    units = [UnitFigures(**{key: value for key, value in unit.items() if key != "order"})
             for unit in sorted(per_unit.values(), key=lambda u: (-u["overdue"], u["order"]))]

    chapters: dict[int, ChapterFigures] = {}
    for row in store.chapter_totals(db, plan_id):
        figures = chapters.setdefault(row["id"], ChapterFigures(
            number=row["number"], title=row["title"], items=row["items"], covered=row["covered"] or 0,
            statuses=dict.fromkeys(Status, 0)))
        if row["status"] is not None:
            figures.statuses[Status(row["status"])] = row["tasks"]

    left_calendar = calendar if counting else None
    overdue_tasks = _due(store.dated_tasks(db, plan_id, first=None, last=(today - dt.timedelta(days=1)).isoformat(),
                                           inactive=_INACTIVE, limit=list_limit), calendar, left_calendar, today)
    due_in_30 = _due(store.dated_tasks(db, plan_id, first=today_text, last=month_end.isoformat(),
                                       inactive=_INACTIVE, limit=list_limit), calendar, left_calendar, today)
    due_in_7 = [task for task in due_in_30 if task.days <= 7]

    day_off = sum(row["tasks"] for row in store.deadline_dates(db, plan_id, inactive=_INACTIVE)
                  if not calendar.is_workday(dt.date.fromisoformat(row["day"])))
    return DashboardFigures(
        today=today, window_end=end, counts_workdays=counting, statuses=statuses, overdue=sums["overdue"],
        due_soon=sums["due_soon"], undated=sums["undated"], units=units, chapters=list(chapters.values()),
        overdue_tasks=overdue_tasks, due_in_7=due_in_7, due_in_30=due_in_30, due_in_7_count=sums["due_7"],
        due_in_30_count=sums["due_30"], day_off_deadlines=day_off,
        fallback_years=tuple(sorted(calendar.fallback_years)))


def _due(rows: list[dict], calendar: WorkCalendar, left_calendar: WorkCalendar | None,
         today: dt.date) -> list[DueTask]:
    result, names = [], {}
    for row in rows:
        deadline = dt.date.fromisoformat(row["deadline_date"])
        if deadline not in names:
            names[deadline] = calendar.holiday_name(deadline)
        result.append(DueTask(task_id=row["id"], code=row["code"], content=row["content"], unit=row["unit"] or "",
                              deadline_phrase=row["deadline_phrase"], deadline=deadline,
                              days=abs((deadline - today).days),
                              left_text=workdays.days_left_text(left_calendar, today, deadline),
                              day_off=names[deadline]))
    return result


# --- the timeline ---------------------------------------------------------------------------

@dataclass(frozen=True)
class TimelineTask:
    task_id: int
    code: str
    content: str
    deadline_phrase: str
    deadline: dt.date | None  # None: an open phrase (持续推进) or no deadline, listed apart
    light: Light
    day_off: str | None


@dataclass(frozen=True)
class TimelineGroup:
    label: str  # 一、… for a chapter, the unit's name for a lead unit
    tasks: list[TimelineTask]


@dataclass(frozen=True)
class Timeline:
    today: dt.date
    groups: list[TimelineGroup]  # dated tasks only, groups in outline / directory order
    undated: list[TimelineTask]  # phrase-only or empty deadlines, drawn nowhere

    @property
    def first(self) -> dt.date | None:
        return min((t.deadline for g in self.groups for t in g.tasks), default=None)

    @property
    def last(self) -> dt.date | None:
        return max((t.deadline for g in self.groups for t in g.tasks), default=None)


GROUP_BY = {"chapter": "按部分", "unit": "按牵头单位"}


def timeline(db: Database, plan_id: int, *, today: dt.date, group_by: str = "chapter") -> Timeline:
    """The plan's tasks placed by deadline, grouped by chapter or by lead unit, coloured by light.

    Raises:
        ValueError: ``group_by`` is not one of GROUP_BY (a bug, not a user's input).
    """
    if group_by not in GROUP_BY:
        raise ValueError(f"group_by must be one of {set(GROUP_BY)}")
    from planner.domain.numerals import int_to_chinese

    calendar = workdays.work_calendar(db)
    warning_days = (workdays.window_end(db, plan_id, today=today, calendar=calendar) - today).days
    groups: dict[object, tuple[tuple, str, list[TimelineTask]]] = {}
    undated, names = [], {}
    for row in store.timeline_rows(db, plan_id):
        deadline = dt.date.fromisoformat(row["deadline_date"]) if row["deadline_date"] else None
        if deadline is not None and deadline not in names:
            names[deadline] = calendar.holiday_name(deadline)
        task = TimelineTask(task_id=row["id"], code=row["code"], content=row["content"],
                            deadline_phrase=row["deadline_phrase"], deadline=deadline,
                            light=task_light(_STATUS[row["status"]], deadline, today=today,
                                             warning_days=warning_days),
                            day_off=names.get(deadline))
        if deadline is None:
            undated.append(task)
            continue
        key = row["chapter_id"] if group_by == "chapter" else row["unit"]
        if key not in groups:
            if group_by == "chapter":
                order = (row["chapter_order"],)
                label = f"{int_to_chinese(row['chapter_number'])}、{row['chapter_title']}" \
                    if row["chapter_number"] else "（正文）"
            else:
                order, label = (row["unit"] is None, row["unit_order"] or 0, row["unit"] or ""), row["unit"] or NO_UNIT
            groups[key] = (order, label, [])
        groups[key][2].append(task)
    ordered = sorted(groups.values(), key=lambda group: group[0])
    return Timeline(today=today, groups=[TimelineGroup(label, sorted(tasks, key=lambda t: t.deadline))
                                         for _, label, tasks in ordered], undated=undated)
