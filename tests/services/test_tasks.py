"""Creating tasks in bulk through the service: deadlines against the plan year, validation."""

import datetime as dt

import pytest

from planner.domain.lights import Light
from planner.domain.model import NewTask, Status
from planner.errors import UserError
from planner.services import documents, plans, tasks


@pytest.fixture
def plan_and_items(workspace_db):
    plan = plans.most_recent_plan(workspace_db)
    document = documents.load_document(workspace_db, plan.document_id)
    return workspace_db, plan, {item.number: item.id for item in document.items}


def test_deadline_phrases_resolve_against_the_plans_year(plan_and_items):
    db, plan, items = plan_and_items
    ids = tasks.bulk_create_tasks(db, plan.id, [
        NewTask(item_id=items[4], content="任务一", deadline_phrase="年底前"),
        NewTask(item_id=items[4], content="任务二", deadline_phrase=" 2021年6月底前 "),
        NewTask(item_id=items[5], content="任务三", deadline_phrase="持续推进"),
    ])
    stored = {t.id: t for t in tasks.list_tasks(db, plan.id)}
    assert (stored[ids[0]].deadline_phrase, stored[ids[0]].deadline_date) == ("年底前", dt.date(plan.year, 12, 31))
    assert (stored[ids[1]].deadline_phrase, stored[ids[1]].deadline_date) == ("2021年6月底前", dt.date(2021, 6, 30))
    assert (stored[ids[2]].deadline_phrase, stored[ids[2]].deadline_date) == ("持续推进", None)
    overview = tasks.plan_overview(db, plan.id, today=dt.date(plan.year, 1, 1), warning_days=30)
    assert {item_id: s.count for item_id, s in overview.items.items()} == {items[4]: 2, items[5]: 1}
    assert overview.total == 3


def test_a_pasted_deadline_naming_a_day_that_does_not_exist_is_refused(plan_and_items):
    """Trial 2026-11-30 (L17): paste creates tasks here; 2月30日 was stored without a date."""
    db, plan, items = plan_and_items
    before = tasks.list_tasks(db, plan.id)
    with pytest.raises(UserError, match="第 2 个任务：完成时限“2027年2月30日前”中的日期不存在"):
        tasks.bulk_create_tasks(db, plan.id, [
            NewTask(item_id=items[4], content="任务一", deadline_phrase="年底前"),
            NewTask(item_id=items[4], content="任务二", deadline_phrase="2027年2月30日前"),
        ])
    assert tasks.list_tasks(db, plan.id) == before


def test_an_item_whose_tasks_have_no_date_has_no_light_and_tasks_without_a_lead_are_counted(plan_and_items):
    db, plan, items = plan_and_items
    tasks.bulk_create_tasks(db, plan.id, [
        NewTask(item_id=items[4], content="任务一", deadline_phrase="持续推进", lead_unit="省财政厅"),
        NewTask(item_id=items[4], content="任务二", deadline_phrase="长期坚持"),
        NewTask(item_id=items[5], content="任务三", deadline_phrase="2099年底前"),
        NewTask(item_id=items[5], content="任务四", lead_unit="省财政厅"),
    ])
    overview = tasks.plan_overview(db, plan.id, today=dt.date(plan.year, 1, 1), warning_days=30)
    assert overview.items[items[4]].light is Light.NONE
    assert overview.items[items[5]].light is Light.GREEN
    assert (overview.items[items[4]].unassigned, overview.items[items[5]].unassigned) == (1, 1)
    assert overview.unassigned == 2


@pytest.mark.parametrize(("task", "message"), [
    (NewTask(item_id=-1, content="不属于本文件"), "条目不在"),
    (NewTask(item_id=0, content="   "), "任务内容为空"),
    (NewTask(item_id=0, content="进度", percent=101), "0–100"),
])
def test_invalid_tasks_are_refused_and_nothing_is_written(plan_and_items, task, message):
    db, plan, items = plan_and_items
    if task.item_id == 0:
        task = NewTask(item_id=items[1], content=task.content, percent=task.percent)
    good = NewTask(item_id=items[1], content="正常任务")
    with pytest.raises(UserError, match=message):
        tasks.bulk_create_tasks(db, plan.id, [good, task])
    assert tasks.list_tasks(db, plan.id) == []


def test_an_unknown_plan_is_a_user_error(workspace_db):
    with pytest.raises(UserError, match="没有编号为 999"):
        tasks.bulk_create_tasks(workspace_db, 999, [])


def test_outline_lights_and_status_counts_from_sql_agree_with_the_domain_rule(workspace_db, demo_data):
    from collections import Counter

    from planner.domain.lights import rollup, task_light
    from planner.services import demo, task_edits

    today = dt.date(2026, 11, 21)
    plan_id = demo.create_demo_plan(workspace_db, demo_data, today=today)
    listed = tasks.list_tasks(workspace_db, plan_id)
    task_edits.delete_tasks(workspace_db, [listed[0].id])  # a deleted task is counted nowhere
    listed = listed[1:]
    assert len({task.status for task in listed}) >= 3, "the demo plan should mix statuses"
    for warning_days in (0, 7, 30, 90):
        overview = tasks.plan_overview(workspace_db, plan_id, today=today, warning_days=warning_days)
        by_item: dict[int, list] = {}
        for task in listed:
            by_item.setdefault(task.item_id, []).append(
                task_light(task.status, task.deadline_date, today=today, warning_days=warning_days))
        assert {i: s.light for i, s in overview.items.items()} == {i: rollup(v) for i, v in by_item.items()}
        assert {i: s.count for i, s in overview.items.items()} == {i: len(v) for i, v in by_item.items()}
        expected = Counter(task.status for task in listed)
        assert overview.statuses == {status: expected.get(status, 0) for status in Status}
        assert overview.total == len(listed)
