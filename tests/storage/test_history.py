"""A plan's progress history read at once, and the plan's own preamble."""

import datetime as dt

from planner.domain.model import NewTask, ProgressEntry, Status
from planner.storage import history, plans, tasks


def test_progress_by_task_is_oldest_first_per_live_task_and_can_stop_at_a_date(stored):
    db, plan, document = stored
    item = document.items[0].id
    ids = tasks.insert_tasks(db, plan.id, [
        NewTask(item_id=item, content="甲", progress=(
            ProgressEntry(date=dt.date(2026, 5, 1), text="后", status=Status.DONE, percent=100),
            ProgressEntry(date=dt.date(2026, 1, 1), text="先"))),
        NewTask(item_id=item, content="乙"),
        NewTask(item_id=item, content="丙", progress=(ProgressEntry(date=dt.date(2026, 2, 1), text="删"),)),
    ])
    tasks.soft_delete_task(db, ids[2])
    everything = history.progress_by_task(db, plan.id)
    assert list(everything) == [ids[0]]
    assert [(e.date, e.text, e.status, e.percent) for e in everything[ids[0]]] == [
        (dt.date(2026, 1, 1), "先", None, None), (dt.date(2026, 5, 1), "后", Status.DONE, 100)]
    until = history.progress_by_task(db, plan.id, until=dt.date(2026, 4, 30))
    assert [e.text for e in until[ids[0]]] == ["先"]


def test_the_plan_carries_the_preamble_update_plan_wrote(stored):
    db, plan, _document = stored
    assert plans.get_plan(db, plan.id).preamble == ""
    plans.update_plan(db, plan.id, preamble="为推动……，制定本方案。")
    assert plans.get_plan(db, plan.id).preamble == "为推动……，制定本方案。"
