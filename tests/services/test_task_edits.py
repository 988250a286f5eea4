"""Editing tasks field by field, progress entries, units and plan settings — and taking each back."""

import datetime as dt

import pytest

from planner.domain.model import NewTask, ProgressEntry, Status
from planner.errors import UserError
from planner.services import documents, plans, progress, task_edits, units
from planner.storage.units import list_units


@pytest.fixture
def one_task(workspace_db):
    plan = plans.most_recent_plan(workspace_db)
    document = documents.load_document(workspace_db, plan.document_id)
    task_id = task_edits.create_task(workspace_db, plan.id, NewTask(
        item_id=document.items[20].id, content="落实养老保险全国统筹", lead_unit="省人力资源社会保障厅",
        support_units=("省财政厅",), deadline_phrase="年底前"))
    return workspace_db, plan, task_id


@pytest.mark.parametrize(("field", "value", "expected"), [
    ("content", "  做好省级统筹工作  ", "做好省级统筹工作"),
    ("lead_unit", "省发改委", "省发展改革委"),  # through the alias table
    ("support_units", ("省医保局", "省财政厅", "省医保局"), ("省医保局", "省财政厅")),
    ("leader", "王志远（副省长）", "王志远（副省长）"),
    ("deadline", "2027年6月底前", "2027年6月底前"),
    ("status", "推进中", Status.IN_PROGRESS),
    ("percent", "45%", 45),
    ("note", "备注内容", "备注内容"),
])
def test_each_field_is_saved_and_its_change_reported(one_task, field, value, expected):
    db, _plan, task_id = one_task
    before = task_edits.field_value(task_edits.get_task(db, task_id), field)
    change = task_edits.update_field(db, task_id, field, value)
    assert (change.old, change.new) == (before, expected)
    assert task_edits.field_value(task_edits.get_task(db, task_id), field) == expected
    task_edits.update_field(db, task_id, field, change.old)  # what undo does
    assert task_edits.field_value(task_edits.get_task(db, task_id), field) == before


def test_a_deadline_phrase_resolves_to_its_date(one_task):
    db, plan, task_id = one_task
    assert task_edits.get_task(db, task_id).deadline_date == dt.date(plan.year, 12, 31)
    task_edits.update_field(db, task_id, "deadline", "2027-03-15")
    assert task_edits.get_task(db, task_id).deadline_date == dt.date(2027, 3, 15)
    task_edits.update_field(db, task_id, "deadline", "持续推进")
    assert task_edits.get_task(db, task_id).deadline_date is None


def test_a_new_lead_unit_leaves_the_cooperating_list(one_task):
    db, _plan, task_id = one_task
    task_edits.update_field(db, task_id, "lead_unit", "省财政厅")
    task = task_edits.get_task(db, task_id)
    assert task.lead_unit == "省财政厅" and task.support_units == ()


@pytest.mark.parametrize(("field", "value", "message"), [
    ("content", "   ", "不能为空"),
    ("percent", "很多", "不是数字"),
    ("percent", 120, "0–100"),
    ("status", "差不多", "不是有效的状态"),
    ("deadline", "2027年2月30日前", "2027年2月没有30日"),  # trial 2026-11-30, L17
    ("percent", "85.5", "进度 85.5% 不是整数"),  # trial 2026-11-30, L18: not rounded to 86
])
def test_invalid_values_are_refused_and_nothing_changes(one_task, field, value, message):
    db, _plan, task_id = one_task
    before = list(db.conn.iterdump())
    with pytest.raises(UserError, match=message):
        task_edits.update_field(db, task_id, field, value)
    assert list(db.conn.iterdump()) == before


def test_delete_and_restore(one_task):
    db, plan, task_id = one_task
    task_edits.delete_tasks(db, [task_id])
    assert plans.list_plans(db)[0].task_count == 0
    task_edits.restore_tasks(db, [task_id])
    assert plans.list_plans(db)[0].task_count == 1


def test_done_in_the_status_cell_brings_percent_to_100_and_undo_takes_both_back(one_task):
    db, _plan, task_id = one_task
    task_edits.update_field(db, task_id, "percent", 40)
    change = task_edits.update_field(db, task_id, "status", Status.DONE)
    task = task_edits.get_task(db, task_id)
    assert (task.status, task.percent) == (Status.DONE, 100)
    task_edits.revert(db, change)
    task = task_edits.get_task(db, task_id)
    assert (task.status, task.percent) == (Status.NOT_STARTED, 40)
    task_edits.reapply(db, change)
    assert task_edits.get_task(db, task_id).percent == 100


def test_done_with_a_percent_given_in_the_same_progress_step_keeps_that_percent(one_task):
    db, _plan, task_id = one_task
    progress.add_progress(db, task_id, ProgressEntry(date=dt.date(2026, 11, 1), text="基本完成",
                                                     status=Status.DONE, percent=90))
    assert task_edits.get_task(db, task_id).percent == 90
    progress.add_progress(db, task_id, ProgressEntry(date=dt.date(2026, 11, 2), text="全部完成", status=Status.DONE))
    assert task_edits.get_task(db, task_id).percent == 100
    assert progress.history(db, task_id)[0].percent == 100


def test_a_progress_entry_moves_status_and_percent_and_undo_restores_them(one_task):
    db, _plan, task_id = one_task
    added = progress.add_progress(db, task_id, ProgressEntry(
        date=dt.date(2026, 11, 1), text="已印发实施细则", status=Status.IN_PROGRESS, percent=60))
    task = task_edits.get_task(db, task_id)
    assert (task.status, task.percent) == (Status.IN_PROGRESS, 60)
    progress.add_progress(db, task_id, ProgressEntry(date=dt.date(2026, 11, 20), text="完成上解"))
    assert [e.text for e in progress.history(db, task_id)] == ["完成上解", "已印发实施细则"]
    progress.undo_progress(db, added)
    task = task_edits.get_task(db, task_id)
    assert (task.status, task.percent) == (Status.NOT_STARTED, 0)
    assert [e.text for e in progress.history(db, task_id)] == ["完成上解"]
    with pytest.raises(UserError, match="进展内容不能为空"):
        progress.add_progress(db, task_id, ProgressEntry(date=dt.date(2026, 11, 20), text=" "))


def test_merging_units_is_undone_exactly(one_task):
    db, _plan, task_id = one_task
    ids = {u.name: u.id for u in list_units(db)}
    before = list(db.conn.iterdump())
    record = units.merge_units(db, ids["省财政厅"], ids["省人力资源社会保障厅"])
    task = task_edits.get_task(db, task_id)
    assert task.lead_unit == "省人力资源社会保障厅" and task.support_units == ()
    units.unmerge_units(db, record)
    task = task_edits.get_task(db, task_id)
    assert task.support_units == ("省财政厅",)
    assert {u.name: u.id for u in list_units(db)} == ids
    assert len(list(db.conn.iterdump())) == len(before)


def test_a_used_unit_cannot_be_deleted_and_the_message_counts_its_tasks(one_task):
    db, _plan, _task_id = one_task
    ids = {u.name: u.id for u in list_units(db)}
    with pytest.raises(UserError, match="仍被 1 项任务使用"):
        units.delete_unit(db, ids["省财政厅"])
    removed = units.delete_unit(db, ids["省体育局"])
    assert removed.name == "省体育局"
    assert "省体育局" not in [u.name for u in list_units(db)]
    units.restore_unit(db, removed)
    assert {u.name: u.id for u in list_units(db)} == ids


def test_reordering_units_returns_the_previous_order(one_task):
    db, _plan, _task_id = one_task
    order = [u.id for u in list_units(db)]
    previous = units.reorder_units(db, list(reversed(order)))
    assert previous == order
    assert [u.id for u in list_units(db)] == list(reversed(order))


def test_changing_the_plan_year_moves_year_less_deadlines(one_task):
    db, plan, task_id = one_task
    previous = plans.update_settings(db, plan.id, name="河南省实施方案", office="河南省", year=2030,
                                     warning_days=15)
    assert previous.year == plan.year
    assert task_edits.get_task(db, task_id).deadline_date == dt.date(2030, 12, 31)
    updated = plans.get_plan(db, plan.id)
    assert (updated.name, updated.office, updated.year, updated.warning_days) == ("河南省实施方案", "河南省", 2030, 15)
    with pytest.raises(UserError, match="预警天数"):
        plans.update_settings(db, plan.id, name="x", office="", year=2030, warning_days=-1)


def test_a_lead_taken_from_the_cooperating_list_is_given_back_on_undo(one_task):
    db, _plan, task_id = one_task
    change = task_edits.update_field(db, task_id, "lead_unit", "省财政厅")
    assert change.also[0].old == ("省财政厅",) and change.also[0].new == ()
    task_edits.revert(db, change)
    task = task_edits.get_task(db, task_id)
    assert (task.lead_unit, task.support_units) == ("省人力资源社会保障厅", ("省财政厅",))
    task_edits.reapply(db, change)
    task = task_edits.get_task(db, task_id)
    assert (task.lead_unit, task.support_units) == ("省财政厅", ())


def unit_names(db):
    return [unit.name for unit in list_units(db)]


@pytest.mark.parametrize(("field", "value"), [("lead_unit", "省海洋发展局"),
                                              ("support_units", ("省财政厅", "省海洋发展局"))])
def test_undo_of_an_edit_that_added_a_unit_removes_it_and_redo_adds_it_back(one_task, field, value):
    db, _plan, task_id = one_task
    before, directory = task_edits.get_task(db, task_id), unit_names(db)
    change = task_edits.update_field(db, task_id, field, value)
    assert change.created_units == ("省海洋发展局",)
    assert unit_names(db) == [*directory, "省海洋发展局"]
    assert task_edits.revert(db, change) == ("省海洋发展局",)
    assert task_edits.get_task(db, task_id) == before and unit_names(db) == directory
    task_edits.reapply(db, change)
    assert task_edits.field_value(task_edits.get_task(db, task_id), field) == value
    assert unit_names(db) == [*directory, "省海洋发展局"]


def test_an_edit_naming_known_units_or_aliases_adds_none(one_task):
    db, _plan, task_id = one_task
    assert task_edits.update_field(db, task_id, "lead_unit", "省发改委").created_units == ()
    assert task_edits.update_field(db, task_id, "support_units", ("省财政厅",)).created_units == ()


def test_undo_keeps_an_added_unit_that_something_else_names_by_then(one_task):
    db, plan, task_id = one_task
    document = documents.load_document(db, plan.document_id)
    other = task_edits.create_task(db, plan.id, NewTask(item_id=document.items[21].id, content="海洋经济"))
    deleted = task_edits.create_task(db, plan.id, NewTask(item_id=document.items[21].id, content="海岛保护"))
    change = task_edits.update_field(db, task_id, "lead_unit", "省海洋发展局")
    task_edits.update_field(db, other, "support_units", ("省海洋发展局",))
    assert task_edits.revert(db, change) == ()
    assert task_edits.get_task(db, task_id).lead_unit == "省人力资源社会保障厅"
    assert "省海洋发展局" in unit_names(db)  # the other task still names it
    # A task in the 回收站 that names it keeps it too: restoring the task must find its unit.
    task_edits.reapply(db, change)
    task_edits.update_field(db, other, "support_units", ())
    task_edits.update_field(db, deleted, "lead_unit", "省海洋发展局")
    task_edits.delete_tasks(db, [deleted])
    assert task_edits.revert(db, change) == () and "省海洋发展局" in unit_names(db)
    task_edits.restore_tasks(db, [deleted])
    assert task_edits.get_task(db, deleted).lead_unit == "省海洋发展局"
