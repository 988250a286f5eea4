"""Kinds of return beyond the examples: no 台账信息 sheet, two-row headers, footers, extra columns,
bad cells, per-unit files and the 1904 date system; each checked on the database afterwards."""

import csv
import datetime as dt

import pytest
from openpyxl import load_workbook
from openpyxl.utils.datetime import CALENDAR_MAC_1904

from planner.domain.model import Status
from planner.errors import UserError
from planner.services import demo, excel, progress, task_edits, tasks
from planner.exchange.ledger_layout import HEADER_ROW

TODAY = dt.date(2026, 11, 30)
NOW = dt.datetime(2026, 11, 1, 9, 0, 0)


@pytest.fixture
def plan(workspace_db, demo_data):
    return workspace_db, demo.create_demo_plan(workspace_db, demo_data, today=TODAY)


def export_rows(db, plan_id, tmp_path):
    """The exported 台账's header and task rows as values, and the tasks in the same order."""
    path = tmp_path / "台账.xlsx"
    excel.export_xlsx(db, plan_id, path, now=NOW)
    rows = [list(row) for row in load_workbook(path)["任务台账"].iter_rows(min_row=HEADER_ROW, values_only=True)]
    return rows[0], rows[1:], tasks.list_tasks(db, plan_id)


def write_csv(path, rows):
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows([[_as_text(v) for v in row] for row in rows])
    return path


def _as_text(value) -> str:
    """A cell as Excel writes it into a CSV (a date as 2027/2/1)."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return f"{value.year}/{value.month}/{value.day}"
    return str(value)
    return path


def test_a_csv_without_its_export_sheet_finds_its_export_by_content(plan, tmp_path):
    db, plan_id = plan
    header, rows, all_tasks = export_rows(db, plan_id, tmp_path)
    office_edit, department_edit = all_tasks[0], all_tasks[1]
    task_edits.update_field(db, office_edit.id, "leader", "办公室后来改的领导")
    rows[1][header.index("进度(%)")] = 95 if department_edit.percent != 95 else 96
    path = write_csv(tmp_path / "返回.csv", [header[:-1]] + [row[:-1] for row in rows])  # uid column dropped
    change_set = excel.compare_import(db, plan_id, [path], today=TODAY)
    assert change_set.errors == () and change_set.conflicts == ()
    assert [(u.task_id, u.field) for u in change_set.updates] == [(department_edit.id, "percent")]
    assert any("按内容判断来自" in w.message for w in change_set.warnings)
    excel.apply_import(db, plan_id, change_set)
    assert task_edits.get_task(db, office_edit.id).leader == "办公室后来改的领导"  # not undone


def test_without_a_fitting_export_a_value_the_office_changed_since_is_a_conflict(plan, tmp_path):
    db, plan_id = plan
    _, _, all_tasks = export_rows(db, plan_id, tmp_path)
    changed_here, untouched = all_tasks[0], all_tasks[1]
    task_edits.update_field(db, changed_here.id, "leader", "办公室后来改的领导")
    path = write_csv(tmp_path / "自制.csv", [["任务内容", "分管领导"], [changed_here.content, "张三"],
                                           [untouched.content, "李四"]])
    change_set = excel.compare_import(db, plan_id, [path], today=TODAY)
    assert [(c.task_id, c.field, c.proposed) for c in change_set.conflicts] == [
        (changed_here.id, "leader", ("张三",))]
    assert [(u.task_id, u.field, u.new) for u in change_set.updates] == [(untouched.id, "leader", "李四")]


def test_completion_over_status_and_percent_and_a_footer_are_read_as_headers_and_not_tasks(plan, tmp_path):
    db, plan_id = plan
    task = tasks.list_tasks(db, plan_id)[2]
    from tests.exchange.xlsx_factory import write_sheet

    path = write_sheet(tmp_path / "两行表头.xlsx", [
        ["某单位任务进展表"],
        ["序号", "任务内容", "完成情况", None, "备注"],
        [None, None, "状态", "进度", None],
        [task.code, task.content, "已办结", "100%", None],
        ["填表人：张三", None, "联系电话：12345678", None, None],
    ], merges=("A2:A3", "B2:B3", "C2:D2", "E2:E3"))
    change_set = excel.compare_import(db, plan_id, [path], today=TODAY)
    assert change_set.errors == () and change_set.new_tasks == ()
    assert sorted((u.field, u.new) for u in change_set.updates) == [("percent", 100), ("status", Status.DONE)]
    assert any(w.row == 5 and "表尾" in w.message for w in change_set.warnings)


def test_a_missing_column_means_no_change_never_empty(plan, tmp_path):
    db, plan_id = plan
    task = next(t for t in tasks.list_tasks(db, plan_id) if t.support_units and t.note == "")
    path = write_csv(tmp_path / "少列.csv", [["任务内容", "牵头单位", "最新进展"],
                                           [task.content, task.lead_unit, "本月已召开专题会"]])
    change_set = excel.compare_import(db, plan_id, [path], today=TODAY)
    assert change_set.updates == () and [p.entry.text for p in change_set.progress] == ["本月已召开专题会"]
    excel.apply_import(db, plan_id, change_set)
    assert task_edits.get_task(db, task.id).support_units == task.support_units


def test_extra_columns_are_kept_with_the_note_or_as_the_tasks_remark(plan, tmp_path):
    db, plan_id = plan
    first, second = tasks.list_tasks(db, plan_id)[3:5]
    path = write_csv(tmp_path / "多列.csv", [
        ["任务内容", "最新进展", "存在问题", "备注", "备注"],
        [first.content, "已完成调研", "资金缺口较大", None, None],
        [second.content, None, None, None, "请省财政厅协调"]])
    change_set = excel.compare_import(db, plan_id, [path], today=TODAY)
    excel.apply_import(db, plan_id, change_set)
    assert progress.history(db, first.id)[0].text == "已完成调研（存在问题：资金缺口较大）"
    assert task_edits.get_task(db, second.id).note.endswith("备注：请省财政厅协调")
    again = excel.compare_import(db, plan_id, [path], today=TODAY)
    assert again.is_empty and again.conflicts == ()


def test_one_bad_cell_leaves_its_row_out_and_the_rest_can_be_applied(plan, tmp_path):
    db, plan_id = plan
    good, bad = tasks.list_tasks(db, plan_id)[5:7]
    path = write_csv(tmp_path / "一格有误.csv", [["任务内容", "状态", "进度"],
                                             [good.content, "已完成", "100"], [bad.content, "已完成", "很多"]])
    change_set = excel.compare_import(db, plan_id, [path], today=TODAY)
    assert [(e.row, e.column) for e in change_set.errors] == [(3, "C")]
    assert (change_set.rows_ok, change_set.bad_rows) == (1, 1)
    assert {u.task_id for u in change_set.updates} == {good.id}
    with pytest.raises(UserError, match="未导入任何内容"):
        excel.apply_import(db, plan_id, change_set)
    assert task_edits.get_task(db, good.id).status == good.status
    excel.apply_import(db, plan_id, change_set, skip_bad_rows=True)
    assert task_edits.get_task(db, good.id).status is Status.DONE
    assert task_edits.get_task(db, bad.id).status == bad.status


def test_a_per_unit_file_records_its_unit_and_a_code_of_another_units_task_is_not_applied(plan, tmp_path):
    db, plan_id = plan
    result = excel.export_by_unit(db, plan_id, tmp_path / "按单位", now=NOW)
    finance = next(p for p in result.paths if p.stem == "省财政厅")
    workbook = load_workbook(finance)
    assert {row[0]: row[1] for row in workbook["台账信息"].iter_rows(values_only=True)}["导出单位"] == "省财政厅"
    other = next(t for t in tasks.list_tasks(db, plan_id) if t.lead_unit == "省委宣传部")
    sheet = workbook["任务台账"]
    sheet[f"N{HEADER_ROW + 1}"] = None  # the uid deleted, the row retyped as another unit's task with a typo
    sheet[f"A{HEADER_ROW + 1}"], sheet[f"C{HEADER_ROW + 1}"] = other.code, other.content[:-1] + "。" if len(other.content) > 20 else other.content
    sheet[f"J{HEADER_ROW + 1}"] = 99
    workbook.save(finance)
    change_set = excel.compare_import(db, plan_id, [finance], today=TODAY)
    assert change_set.updates == () and change_set.new_tasks == ()
    assert [c.field for c in change_set.conflicts] == ["row"]
    assert "不在本单位导出的台账中" in change_set.conflicts[0].reason


def test_dates_in_a_1904_date_system_workbook_mean_the_same_days(plan, tmp_path):
    db, plan_id = plan
    path = tmp_path / "台账.xlsx"
    excel.export_xlsx(db, plan_id, path, now=NOW)
    workbook = load_workbook(path)
    sheet = workbook["任务台账"]
    task_uid = sheet[f"N{HEADER_ROW + 1}"].value
    sheet[f"K{HEADER_ROW + 1}"], sheet[f"L{HEADER_ROW + 1}"] = "1904 日期系统中填写的进展", dt.datetime(2026, 11, 28)
    workbook.epoch = CALENDAR_MAC_1904
    workbook.save(path)
    assert 'date1904="1"' in __import__("zipfile").ZipFile(path).read("xl/workbook.xml").decode()
    change_set = excel.compare_import(db, plan_id, [path], today=TODAY)
    task = next(t for t in tasks.list_tasks(db, plan_id) if t.uid == task_uid)
    assert [(p.task_id, p.entry.date) for p in change_set.progress] == [(task.id, dt.date(2026, 11, 28))]
    assert change_set.updates == ()  # every other date (截止日期) reads as the same day as exported


def test_no_date_before_2000_is_taken_from_any_date_column(plan, tmp_path):
    db, plan_id = plan
    first, second, third = tasks.list_tasks(db, plan_id)[7:10]
    path = write_csv(tmp_path / "旧日期.csv", [
        ["任务内容", "完成时限", "截止日期", "最新进展", "进展日期"],
        [first.content, "1999年底前", None, None, None],
        [second.content, None, "1905/7/19", None, None],
        [third.content, None, None, "新进展", "11.3"]])
    change_set = excel.compare_import(db, plan_id, [path], today=TODAY)
    assert sorted((e.row, e.column) for e in change_set.errors) == [(2, "B"), (3, "C"), (4, "E")]
    assert all("早于 2000 年" in e.message or "无法确定是哪一天" in e.message for e in change_set.errors)
    assert change_set.is_empty


def test_a_csv_of_a_two_row_header_keeps_the_cooperating_units(plan, tmp_path):
    db, plan_id = plan
    task = next(t for t in tasks.list_tasks(db, plan_id) if len(t.support_units) >= 2)
    path = write_csv(tmp_path / "两行表头.csv", [
        ["进展情况表"], ["序号", "重点任务", "责任单位", "", "进展情况"], ["", "", "牵头", "配合", ""],
        [task.code, task.content, task.lead_unit, "、".join(task.support_units), "本月新进展"]])
    change_set = excel.compare_import(db, plan_id, [path], today=TODAY)
    assert change_set.errors == () and change_set.updates == ()
    assert [p.entry.text for p in change_set.progress] == ["本月新进展"]
    excel.apply_import(db, plan_id, change_set)
    assert task_edits.get_task(db, task.id).support_units == task.support_units


def test_returns_with_the_same_name_from_different_folders_import_together(plan, tmp_path):
    db, plan_id = plan
    first, second = tasks.list_tasks(db, plan_id)[10:12]
    paths = []
    for folder, task in (("财政", first), ("教育", second)):
        (tmp_path / folder).mkdir()
        paths.append(write_csv(tmp_path / folder / "台账.csv", [["任务内容", "最新进展"], [task.content, f"{folder}的进展"]]))
    broken = tmp_path / "财政" / "坏.xlsx"
    broken.write_bytes(b"PK\x03\x04 not a workbook")
    other = tmp_path / "教育" / "坏.xlsx"
    other.write_bytes(b"PK\x03\x04 not a workbook")
    files = excel.read_files([*paths, broken, other])
    assert [f.file for f in files] == ["财政/台账.csv", "教育/台账.csv", "财政/坏.xlsx", "教育/坏.xlsx"]
    assert "“财政/坏.xlsx”" in files[2].errors[0].message
    change_set = excel.compare_import(db, plan_id, files[:2], today=TODAY)
    assert sorted((p.task_id, p.entry.text) for p in change_set.progress) == sorted(
        [(first.id, "财政的进展"), (second.id, "教育的进展")])
    assert {p.where.file for p in change_set.progress} == {"财政/台账.csv", "教育/台账.csv"}


def test_errors_are_listed_up_to_200_with_a_count_of_the_rest(plan, tmp_path):
    db, plan_id = plan
    rows = [["任务内容", "进度"]] + [[f"新任务{n}", "很多"] for n in range(230)]
    change_set = excel.compare_import(db, plan_id, [write_csv(tmp_path / "多错.csv", rows)], today=TODAY)
    lines = change_set.error_lines()
    assert len(change_set.errors) == 230 and len(lines) == 201
    assert lines[-1] == "……另有 30 处错误未列出"


def test_reading_reports_progress_per_file(tmp_path):
    paths = [write_csv(tmp_path / f"{n}.csv", [["任务内容"], ["甲"]]) for n in range(3)]
    seen = []
    excel.read_files(paths, progress=lambda done, total: seen.append((done, total)))
    assert seen == [(1, 3), (2, 3), (3, 3)]


@pytest.mark.parametrize(("typed", "phrase", "day"), [
    (2027.06, "2027年6月底前", dt.date(2027, 6, 30)), ("2027.06", "2027年6月底前", dt.date(2027, 6, 30)),
    (46387, "2026-12-31", dt.date(2026, 12, 31)),
])
def test_a_number_typed_into_the_deadline_column_is_read_as_a_date(plan, tmp_path, typed, phrase, day):
    db, plan_id = plan
    task = tasks.list_tasks(db, plan_id)[12]
    from tests.exchange.xlsx_factory import write_sheet

    path = write_sheet(tmp_path / "时限.xlsx", [["任务内容", "完成时限"], [task.content, typed]])
    change_set = excel.compare_import(db, plan_id, [path], today=TODAY)
    assert [(u.field, u.new.phrase, u.new.date) for u in change_set.updates] == [("deadline", phrase, day)]


def test_a_day_without_a_year_typed_into_the_deadline_column_is_a_located_error(plan, tmp_path):
    db, plan_id = plan
    task = tasks.list_tasks(db, plan_id)[12]
    from tests.exchange.xlsx_factory import write_sheet

    path = write_sheet(tmp_path / "时限.xlsx", [["任务内容", "完成时限"], [task.content, 11.28]])
    change_set = excel.compare_import(db, plan_id, [path], today=TODAY)
    assert [(e.row, e.column) for e in change_set.errors] == [(2, "B")] and change_set.updates == ()
    assert "没有年份" in change_set.errors[0].message
