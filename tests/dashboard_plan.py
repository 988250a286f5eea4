"""A small plan with boundary deadlines around 2026-09-21, for the dashboard's tests.

The 2026 calendar (State Council notice, in chinese-calendar): 09-20 (Sunday) is a make-up
workday for National Day, 09-25..27 is 中秋 off, 10-01..07 is 国庆 off.
"""

import datetime as dt

from planner.domain.model import NewTask, ProgressEntry, Status
from planner.services import documents, plans, tasks

TODAY = dt.date(2026, 9, 21)  # a Monday
WARNING_DAYS = 7  # calendar window: 09-21 .. 09-28

# key: (item number, lead unit, deadline phrase, status, 已完成 report date or None)
SPECS = {
    "A_today": (1, "省财政厅", "2026-09-21", Status.IN_PROGRESS, None),
    "B_window_last": (1, "省财政厅", "2026-09-28", Status.NOT_STARTED, None),
    "C_after_window": (1, "省财政厅", "2026-09-29", Status.IN_PROGRESS, None),
    "D_holiday": (1, "省发展改革委", "2026-09-25", Status.NOT_STARTED, None),  # 中秋
    "E_makeup_workday": (1, "省发展改革委", "2026-09-20", Status.IN_PROGRESS, None),  # 调休上班, yesterday
    "F_done_on_time": (2, "省发展改革委", "2026-09-01", Status.DONE, dt.date(2026, 8, 30)),
    "G_done_late": (2, "省发展改革委", "2026-09-10", Status.DONE, dt.date(2026, 9, 15)),
    "H_paused": (2, "省发展改革委", "2026-09-01", Status.PAUSED, None),
    "I_undated": (4, "省财政厅", "持续推进", Status.IN_PROGRESS, None),
    "J_delayed_overdue": (4, "省财政厅", "2026-09-10", Status.DELAYED, None),
    "K_national_day_no_unit": (4, "", "2026-10-01", Status.IN_PROGRESS, None),
}


def build_plan(db) -> tuple[int, dict[str, int]]:
    """Create the plan (warning window 7 days) in ``db``; returns its id and the task ids by key."""
    first = plans.most_recent_plan(db)
    plan = plans.create_plan(db, first.document_id, name="总览测试方案", year=2026, warning_days=WARNING_DAYS)
    items = {item.number: item.id for item in documents.load_document(db, plan.document_id).items}
    new = []
    for key, (item, unit, phrase, status, done_on) in SPECS.items():
        history = [ProgressEntry(date=done_on, text="已完成", status=Status.DONE)] if done_on else []
        new.append(NewTask(item_id=items[item], content=f"任务{key}", lead_unit=unit, deadline_phrase=phrase,
                           status=status, progress=history))
    ids = tasks.bulk_create_tasks(db, plan.id, new)
    return plan.id, dict(zip(SPECS, ids))
