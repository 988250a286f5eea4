"""The demo plan: 2–4 tasks under every item, every status, deadlines around today, history."""

import datetime as dt
from collections import Counter

from planner.domain.model import Status
from planner.services import demo, documents, plans, tasks
from planner.storage.tasks import list_progress
from planner.storage.units import list_units

TODAY = dt.date(2026, 11, 21)


def test_the_demo_plan_covers_all_thirty_items_realistically(workspace_db, demo_data, builtin):
    plan_id = demo.create_demo_plan(workspace_db, demo_data, today=TODAY)
    plan = plans.get_plan(workspace_db, plan_id)
    assert plans.most_recent_plan(workspace_db).id == plan_id
    document = documents.load_document(workspace_db, plan.document_id)
    demo_tasks = tasks.list_tasks(workspace_db, plan_id)
    per_item = Counter(task.item_id for task in demo_tasks)
    assert sorted(per_item) == sorted(item.id for item in document.items)
    assert all(2 <= count <= 4 for count in per_item.values())
    assert {task.status for task in demo_tasks} == set(Status)
    # Only departments of the built-in directory: the demo adds no unit of its own.
    assert {unit.name for unit in list_units(workspace_db)} == set(builtin.units)
    assert all(task.lead_unit in builtin.units for task in demo_tasks)
    assert all(set(task.support_units) <= set(builtin.units) for task in demo_tasks)
    assert any(len(task.support_units) >= 2 for task in demo_tasks)
    dated = [task for task in demo_tasks if task.deadline_date]
    overdue = [t for t in dated if t.deadline_date < TODAY]
    soon = [t for t in dated if TODAY <= t.deadline_date <= TODAY + dt.timedelta(days=30)]
    later = [t for t in dated if t.deadline_date > TODAY + dt.timedelta(days=30)]
    assert overdue and soon and len(later) > len(overdue) and len(later) > len(soon)
    assert any(task.deadline_date is None and task.deadline_phrase for task in demo_tasks)
    for task in demo_tasks:
        history = list_progress(workspace_db, task.id)
        if task.status is not Status.NOT_STARTED:
            assert history, task.code
        if history:
            assert history[0].status == task.status and history[0].percent == task.percent
            assert all(entry.date <= TODAY for entry in history)
    done = [t for t in demo_tasks if t.status is Status.DONE]
    assert all(t.percent == 100 for t in done)


def test_a_second_demo_is_a_second_plan(workspace_db, demo_data):
    first = demo.create_demo_plan(workspace_db, demo_data, today=TODAY)
    second = demo.create_demo_plan(workspace_db, demo_data, today=TODAY)
    assert first != second
    assert len(plans.list_plans(workspace_db)) == 3
