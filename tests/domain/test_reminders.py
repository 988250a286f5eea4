"""催办单 per lead unit (overdue longest first, then soon due) and the 情况通报's ranking with shared ranks."""

import datetime as dt

import pytest

from planner.domain.model import Status, Task
from planner.domain.progress_report import summarize
from planner.domain.reminders import lead_units, ranking, reminders

D = dt.date
TODAY = D(2026, 11, 30)


def task(task_id, lead, deadline, status=Status.IN_PROGRESS) -> Task:
    return Task(id=task_id, uid=f"u{task_id}", plan_id=1, item_id=1, code=f"1.{task_id}", content=f"任务{task_id}",
                lead_unit=lead, deadline_date=deadline, status=status)


TASKS = [
    task(1, "省财政厅", D(2026, 11, 29)),  # overdue 1 day
    task(2, "省财政厅", D(2026, 12, 10)),  # due in 10 days
    task(3, "省财政厅", D(2026, 9, 30)),  # overdue 61 days
    task(4, "省发展改革委", D(2026, 9, 1), Status.DONE),  # done: no reminder
    task(5, "省发展改革委", D(2026, 12, 31)),  # due in 31 days: outside a 30-day window
    task(6, "省教育厅\x07", TODAY),  # due today; a control character makes no second unit
    task(7, "省教育厅", None),
]


def test_every_unit_with_overdue_or_soon_due_tasks_gets_one_in_plan_order():
    found = reminders(TASKS, today=TODAY, warning_days=30)
    assert [r.unit for r in found] == ["省财政厅", "省教育厅"]
    finance = found[0]
    assert [(r.task.id, r.days_overdue, r.days_left) for r in finance.tasks] == [(3, 61, 0), (1, 1, 0), (2, 0, 10)]
    assert len(finance.overdue) == 2 and len(finance.due_soon) == 1
    assert [(r.task.id, r.days_left) for r in found[1].tasks] == [(6, 0)]
    assert [r.unit for r in reminders(TASKS, today=TODAY, warning_days=31)] == ["省财政厅", "省发展改革委", "省教育厅"]


def test_named_units_are_reminded_even_without_such_tasks_and_an_unknown_one_is_refused():
    found = reminders(TASKS, today=TODAY, warning_days=30, units=["省发展改革委", " 省财政厅 "])
    assert [(r.unit, len(r.tasks)) for r in found] == [("省发展改革委", 0), ("省财政厅", 3)]
    with pytest.raises(ValueError) as error:
        reminders(TASKS, today=TODAY, warning_days=30, units=["省水利厅"])
    assert error.value.args[0] == ["省水利厅"]
    assert lead_units(TASKS) == ["省财政厅", "省发展改革委", "省教育厅"]


def test_the_ranking_is_by_completion_rate_then_overdue_count_and_equal_figures_share_a_rank():
    tasks = [
        task(1, "甲", D(2026, 1, 1), Status.DONE), task(2, "甲", D(2027, 1, 1)),  # 50%, 0 overdue
        task(3, "乙", D(2026, 1, 1), Status.DONE), task(4, "乙", D(2026, 1, 1)),  # 50%, 1 overdue
        task(5, "丙", D(2026, 1, 1), Status.DONE),  # 100%
        task(6, "丁", D(2027, 1, 1), Status.DONE), task(7, "丁", D(2027, 1, 1)),  # 50%, 0 overdue: ties 甲
    ]
    ranked = ranking(summarize(tasks, {}, TODAY))
    assert [(r.rank, r.counts.unit) for r in ranked] == [(1, "丙"), (2, "丁"), (2, "甲"), (4, "乙")]

