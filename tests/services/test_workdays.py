"""The office's own 节假日安排 and the plan's working-day setting, through the services."""

import datetime as dt

import pytest

from planner.errors import UserError
from planner.services import dashboard, workdays
from tests.dashboard_plan import build_plan


def test_an_entered_year_is_stored_and_used_for_days_off(workspace_db):
    db = workspace_db
    assert workdays.work_calendar(db).is_workday(dt.date(2027, 2, 8))
    previous = workdays.save_office_year(db, 2027, [(" 2027-02-08 ", "放假", "春节"), ("2027-02-06", "上班", "")])
    assert previous == []
    assert workdays.office_years(db) == [2027]
    assert [(d.day, d.kind.value, d.name) for d in workdays.office_year(db, 2027)] == [
        (dt.date(2027, 2, 6), "上班", ""), (dt.date(2027, 2, 8), "放假", "春节")]
    calendar = workdays.work_calendar(db)
    assert calendar.holiday_name(dt.date(2027, 2, 8)) == "春节" and calendar.is_workday(dt.date(2027, 2, 6))
    assert calendar.fallback_years == set()
    workdays.save_office_year(db, 2027, [])
    assert workdays.office_years(db) == []


def test_bad_rows_are_named_and_nothing_is_saved(workspace_db):
    db = workspace_db
    workdays.save_office_year(db, 2027, [("2027-10-01", "放假", "国庆节")])
    with pytest.raises(UserError) as error:
        workdays.save_office_year(db, 2027, [("2027-02-08", "放假", "春节"), ("2月9日", "放假", ""),
                                             ("2028-01-01", "放假", ""), ("2027-02-10", "休息", ""),
                                             ("2027-02-08", "上班", "")])
    assert error.value.details == [
        "第 2 行：日期“2月9日”无法识别，请写成 2027-10-01 的形式。",
        "第 3 行：日期 2028-01-01 不在 2027 年。",
        "第 4 行：类型“休息”应为“放假”或“上班”。",
        "第 5 行：日期 2027-02-08 与第 1 行重复。"]
    assert [d.day for d in workdays.office_year(db, 2027)] == [dt.date(2027, 10, 1)]


def test_a_deadline_year_known_to_neither_is_reported_until_entered(workspace_db):
    db = workspace_db
    plan_id, _ids = build_plan(db)
    from planner.domain.model import NewTask
    from planner.services import documents, plans, tasks

    item = documents.load_document(db, plans.get_plan(db, plan_id).document_id).items[0]
    tasks.bulk_create_tasks(db, plan_id, [NewTask(item_id=item.id, content="春节后首日", deadline_phrase="2027-02-08")])
    today = dt.date(2026, 9, 21)
    figures = dashboard.dashboard_figures(db, plan_id, today=today)
    assert figures.fallback_years == (2027,) and figures.day_off_deadlines == 2
    workdays.save_office_year(db, 2027, [("2027-02-08", "放假", "春节")])
    figures = dashboard.dashboard_figures(db, plan_id, today=today)
    assert figures.fallback_years == () and figures.day_off_deadlines == 3


def test_the_working_day_setting_is_per_plan_and_returns_the_previous_value(workspace_db):
    db = workspace_db
    plan_id, _ids = build_plan(db)
    assert not workdays.counts_workdays(db, plan_id)
    assert workdays.set_counts_workdays(db, plan_id, True) is False
    assert workdays.counts_workdays(db, plan_id)
    assert workdays.set_counts_workdays(db, plan_id, False) is True
    with pytest.raises(UserError):
        workdays.set_counts_workdays(db, 999, True)
