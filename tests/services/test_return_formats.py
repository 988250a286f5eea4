"""A return re-saved by LibreOffice as .xls, .ods or .csv imports with the same result as the .xlsx."""

import datetime as dt

import pytest
from openpyxl import load_workbook

from planner.services import demo, excel
from planner.exchange.ledger_layout import HEADER_ROW
from tests.libreoffice import convert

TODAY = dt.date(2026, 11, 30)
NOW = dt.datetime(2026, 11, 1, 9, 0, 0)
# LibreOffice's CSV filter: comma, double quote, UTF-8 (76), first line 1.
CSV_UTF8 = "csv:Text - txt - csv (StarCalc):44,34,76,1"


@pytest.fixture(scope="module")
def returned(tmp_path_factory):
    """A demo plan's exported 台账, filled in by a department, and LibreOffice's re-saves of it."""
    from planner.exchange.builtin import load_builtin, load_demo
    from planner.services.workspace import open_workspace
    from tests.conftest import RESOURCES

    folder = tmp_path_factory.mktemp("formats")
    db = open_workspace(folder / "plan.db", load_builtin(RESOURCES))
    plan_id = demo.create_demo_plan(db, load_demo(RESOURCES), today=TODAY)
    path = folder / "返回.xlsx"
    excel.export_xlsx(db, plan_id, path, now=NOW)
    workbook = load_workbook(path)
    sheet = workbook["任务台账"]
    sheet[f"I{HEADER_ROW + 1}"], sheet[f"J{HEADER_ROW + 1}"], sheet[f"K{HEADER_ROW + 1}"], sheet[f"L{HEADER_ROW + 1}"] = "已完成", 100, "已全部完成并报送", dt.datetime(2026, 11, 28)
    sheet["J5"], sheet["M6"] = 65, "需省财政厅支持"
    workbook.save(path)
    saved = {"xlsx": path}
    saved["xls"] = convert(path, folder, "xls")
    saved["ods"] = convert(path, folder, "ods")
    csv_folder = folder / "csv"
    csv_folder.mkdir()
    saved["csv"] = convert(path, csv_folder, CSV_UTF8)
    yield db, plan_id, saved
    db.close()


def result(change_set):
    return (sorted((u.task_id, u.field, str(u.new)) for u in change_set.updates),
            sorted((p.task_id, p.entry.date, p.entry.text) for p in change_set.progress),
            len(change_set.new_tasks), len(change_set.conflicts), change_set.errors)


@pytest.mark.parametrize("kind", ["xls", "ods", "csv"])
def test_a_libreoffice_resave_imports_like_the_xlsx(returned, kind):
    db, plan_id, saved = returned
    expected = result(excel.compare_import(db, plan_id, [saved["xlsx"]], today=TODAY))
    assert len(expected[0]) >= 2 and len(expected[1]) == 1 and expected[4] == ()
    assert result(excel.compare_import(db, plan_id, [saved[kind]], today=TODAY)) == expected


def test_a_gbk_csv_reads_like_the_utf8_one(returned, tmp_path):
    db, plan_id, saved = returned
    gbk = tmp_path / "返回-gbk.csv"
    gbk.write_bytes(saved["csv"].read_text(encoding="utf-8-sig").encode("gbk"))
    assert result(excel.compare_import(db, plan_id, [gbk], today=TODAY)) == result(
        excel.compare_import(db, plan_id, [saved["csv"]], today=TODAY))


@pytest.fixture(scope="module")
def formatted(tmp_path_factory, returned):
    """A return using what python-calamine does not report — a 100% typed into a 0% cell, a new
    task's 序号 24.10 in a 0.00 cell, merged 状态/最新进展 cells over two tasks, and 11.28 typed
    into a date cell — as the .xlsx and LibreOffice's .xls and .ods of it."""
    db, plan_id, _ = returned
    folder = tmp_path_factory.mktemp("formatted")
    path = folder / "格式.xlsx"
    excel.export_xlsx(db, plan_id, path, now=NOW)
    workbook = load_workbook(path)
    sheet = workbook["任务台账"]
    sheet["J5"] = 1
    sheet["J5"].number_format = "0%"
    sheet["I7"], sheet["K7"] = "推进中", "两项任务已统筹推进"
    sheet.merge_cells("I7:I8")
    sheet.merge_cells("K7:K8")
    sheet["K9"], sheet["L9"] = "已完成年度评估", 11.28
    sheet["L9"].number_format = "yyyy-mm-dd"
    new = sheet.max_row + 1
    sheet[f"A{new}"], sheet[f"B{new}"], sheet[f"C{new}"] = 24.1, "（二十四）", "完善省对下转移支付绩效评价"
    sheet[f"A{new}"].number_format = "0.00"
    sheet[f"D{new}"] = sheet["D4"].value
    workbook.save(path)
    yield db, plan_id, {"xlsx": path, "xls": convert(path, folder, "xls"), "ods": convert(path, folder, "ods")}


@pytest.mark.parametrize("kind", ["xlsx", "xls", "ods"])
def test_formats_calamine_does_not_report_read_as_the_department_sees_them(formatted, kind):
    db, plan_id, saved = formatted
    change_set = excel.compare_import(db, plan_id, [saved[kind]], today=TODAY)
    tasks_by_row = {u.where.row: u for u in change_set.updates}
    assert ("percent", 100) in {(u.field, u.new) for u in change_set.updates if u.where.row == 5}
    assert [t.task.code for t in change_set.new_tasks] == ["24.10"]
    merged = sorted(w.line().split("：", 1)[-1][:9] for w in change_set.warnings if "合并了" in w.line())
    assert merged == ["单元格 I7:I8", "单元格 K7:K8"], change_set.warnings
    assert not any(row in (7, 8) for row in tasks_by_row)  # neither task takes the merged values
    assert [(p.entry.date, p.entry.text) for p in change_set.progress] == [(dt.date(2026, 11, 28), "已完成年度评估")]
