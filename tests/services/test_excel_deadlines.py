"""完成时限 cells of a returned 台账 (trial of 2026-11-30, H6/L17): the plan's year counts, bad days are located."""

import datetime as dt

import pytest
from openpyxl import load_workbook

from planner.errors import UserError
from planner.exchange.ledger_layout import HEADER_ROW
from planner.services import demo, excel, tasks

TODAY = dt.date(2026, 11, 30)  # the demo plan's year is 2026


@pytest.fixture
def plan(workspace_db, demo_data):
    return workspace_db, demo.create_demo_plan(workspace_db, demo_data, today=TODAY)


def with_new_rows(db, plan_id, path, deadlines):
    """The plan's 台账 with its rows replaced by one new task per deadline phrase, under item （四）."""
    excel.export_xlsx(db, plan_id, path, now=dt.datetime(2026, 11, 30, 9, 0))
    workbook = load_workbook(path)
    sheet = workbook["任务台账"]
    sheet.delete_rows(HEADER_ROW + 1, sheet.max_row)
    for number, deadline in enumerate(deadlines, start=1):
        sheet.append([str(number), "（四）推动国家重大区域战略融合发展", f"新增任务{number}", "省财政厅", None,
                      None, deadline])
    workbook.save(path)
    return path


def test_a_new_row_due_next_year_is_stored_in_the_year_after_the_plans(plan, tmp_path):
    db, plan_id = plan
    path = with_new_rows(db, plan_id, tmp_path / "新任务.xlsx", ["明年6月底前", "27年底前", "2027年春节前"])
    change_set = excel.compare_import(db, plan_id, [path], today=TODAY)
    assert change_set.errors == ()
    excel.apply_import(db, plan_id, change_set)
    stored = {t.content: (t.deadline_phrase, t.deadline_date) for t in tasks.list_tasks(db, plan_id)}
    assert stored["新增任务1"] == ("明年6月底前", dt.date(2027, 6, 30))
    assert stored["新增任务2"] == ("27年底前", dt.date(2027, 12, 31))
    assert stored["新增任务3"] == ("2027年春节前", dt.date(2027, 2, 5))


def test_a_day_that_does_not_exist_is_a_located_error_and_nothing_is_stored(plan, tmp_path):
    db, plan_id = plan
    before = tasks.list_tasks(db, plan_id)
    path = with_new_rows(db, plan_id, tmp_path / "新任务.xlsx", ["2027年底前", "2027年2月30日前"])
    change_set = excel.compare_import(db, plan_id, [path], today=TODAY)
    [error] = change_set.errors
    assert (error.file, error.sheet, error.row, error.column) == ("新任务.xlsx", "任务台账", HEADER_ROW + 2, "G")
    assert error.message == "完成时限“2027年2月30日前”中的日期不存在（2027年2月没有30日），请核对"
    with pytest.raises(UserError, match="1 处错误"):
        excel.apply_import(db, plan_id, change_set)
    assert tasks.list_tasks(db, plan_id) == before


def test_an_existing_tasks_deadline_changed_to_a_day_that_does_not_exist_is_a_located_error(plan, tmp_path):
    db, plan_id = plan
    path = tmp_path / "台账.xlsx"
    excel.export_xlsx(db, plan_id, path, now=dt.datetime(2026, 11, 30, 9, 0))
    workbook = load_workbook(path)
    sheet = workbook["任务台账"]
    sheet[f"G{HEADER_ROW + 1}"] = "明年2月30日前"
    workbook.save(path)
    change_set = excel.compare_import(db, plan_id, [path], today=TODAY)
    [error] = change_set.errors
    assert (error.row, error.column) == (HEADER_ROW + 1, "G")
    assert "2027年2月没有30日" in error.message
    assert change_set.updates == ()
