"""Hostile and broken workbooks: none crashes, each gets located messages, the database stays as it was."""

import datetime as dt
import zipfile

import pytest
from openpyxl import Workbook, load_workbook

from planner.domain.model import NewTask
from planner.errors import UserError
from planner.services import demo, documents, excel, plans, tasks
from planner.exchange.ledger_layout import HEADER_ROW

FIRST = HEADER_ROW + 1  # the first task row of an exported 台账

from tests.exchange.xlsx_factory import rewrite_member

TODAY = dt.date(2025, 3, 10)
ALL_COLUMNS = "ABCDEFGHIJKLMN"


@pytest.fixture
def plan(workspace_db, demo_data, tmp_path):
    db = workspace_db
    plan_id = demo.create_demo_plan(db, demo_data, today=TODAY)
    excel.export_xlsx(db, plan_id, tmp_path / "exported.xlsx", now=dt.datetime(2025, 3, 1, 9, 0))
    return db, plan_id, tmp_path / "exported.xlsx"


def edited(source, target, change):
    workbook = load_workbook(source)
    change(workbook["任务台账"])
    workbook.save(target)
    return target


def empty(source, target, db):
    Workbook().save(target)
    return target


def no_header(source, target, db):
    workbook = Workbook()
    for n in range(15):
        workbook.active.append([f"第{n}行", n, "随便写的内容"])
    workbook.save(target)
    return target


def wrong_types(source, target, db):
    def change(sheet):
        for letter in "ABCDEFGKM":
            sheet[f"{letter}{FIRST}"] = True
        for letter, value in zip("HIJLN", ("明天", "差不多", "一半", "昨天", "不是标识")):
            sheet[f"{letter}{FIRST}"] = value
    return edited(source, target, change)


def long_cells(source, target, db):
    def change(sheet):
        sheet[f"C{FIRST}"] = "长" * 10000
        sheet[f"K{FIRST + 1}"] = "进展" * 5000
        sheet[f"D{FIRST + 2}"] = "单位" * 5000
    return edited(source, target, change)


def formulas(source, target, db):
    def change(sheet):
        sheet[f"C{FIRST}"] = '=HYPERLINK("http://example.com","点击")'
        sheet[f"J{FIRST + 1}"] = "=1/0"
    return edited(source, target, change)


def merged_header(source, target, db):
    def change(sheet):
        sheet[f"D{FIRST}"] = "省财政厅" if sheet[f"D{FIRST}"].value != "省财政厅" else "省教育厅"
        sheet.merge_cells(f"C{HEADER_ROW}:D{HEADER_ROW}")  # 任务内容 now spans the 牵头单位 column
    return edited(source, target, change)


def uid_of_another_plan(source, target, db):
    other = next(p.id for p in plans.list_plans(db) if p.task_count == 0)
    item_id = documents.load_document(db, plans.get_plan(db, other).document_id).items[0].id
    task_id = tasks.bulk_create_tasks(db, other, [NewTask(item_id=item_id, content="另一方案的任务")])[0]
    uid = next(t.uid for t in tasks.list_tasks(db, other) if t.id == task_id)

    def change(sheet):
        sheet[f"N{FIRST}"] = uid
    return edited(source, target, change)


def truncated(source, target, db):
    data = source.read_bytes()
    target.write_bytes(data[: len(data) * 2 // 3])
    return target


def entity_bomb(source, target, db):
    bomb = b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "' + b"x" * 100 + b'">' + b"".join(
        b'<!ENTITY a%d "%s">' % (n, b"&a%d;" % (n - 1) * 10 if n > 1 else b"&a;" * 10) for n in range(1, 12)) + b"]>"
    return rewrite_member(source, target, "xl/worksheets/sheet1.xml",
                          lambda data: bomb + data.replace(b"<sheetData>", b"<sheetData>&a11;", 1))


def zip_bomb(source, target, db):
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        with zipfile.ZipFile(source) as original:
            for info in original.infolist():
                archive.writestr(info, original.read(info.filename))
        with archive.open("xl/media/padding.bin", "w", force_zip64=True) as member:
            for _ in range(20):
                member.write(b"\0" * (16 * 1024 * 1024))
    return target


# (maker, expected error locations as (row, column) or None for file level, message fragment)
CASES = {
    "empty": (empty, [(1, "A")], "没有找到表头"),
    "no-header": (no_header, [(1, "A")], "没有找到表头"),
    "wrong-types": (wrong_types, [(FIRST, letter) for letter in ALL_COLUMNS], ""),
    "long-cells": (long_cells, [(FIRST, "C"), (FIRST + 1, "K"), (FIRST + 2, "D")], "内容过长"),
    "formulas": (formulas, [(FIRST, "C"), (FIRST + 1, "J")], "含公式"),
    "merged-header": (merged_header, [], ""),
    "uid-of-another-plan": (uid_of_another_plan, [(FIRST, "N")], "另一个实施方案"),
    "truncated-zip": (truncated, [(0, "")], "已损坏"),
    "entity-bomb": (entity_bomb, [(0, "")], "不安全的 XML"),
    "zip-bomb": (zip_bomb, [(0, "")], "超过上限 300 MB"),
}


@pytest.mark.parametrize("case", CASES)
def test_a_bad_workbook_gives_located_messages_and_leaves_the_database(plan, tmp_path, case):
    db, plan_id, source = plan
    maker, locations, fragment = CASES[case]
    path = maker(source, tmp_path / f"{case}.xlsx", db)
    before = tasks_and_units(db)
    change_set = excel.compare_import(db, plan_id, [path], today=TODAY)
    problems = change_set.errors or change_set.warnings
    assert problems, "a bad workbook must be explained"
    assert all(problem.file == path.name for problem in problems)
    assert sorted((p.row, p.column) for p in change_set.errors) == sorted(locations)
    assert all(fragment in p.message for p in change_set.errors)
    assert all(p.sheet for p in problems if p.row)  # a located cell always names its sheet
    if change_set.errors:
        with pytest.raises(UserError, match="未导入任何内容"):
            excel.apply_import(db, plan_id, change_set)
    else:
        assert change_set.is_empty  # the merged header: the hidden column is reported, not imported
        excel.apply_import(db, plan_id, change_set)  # recorded as received, nothing else
    assert tasks_and_units(db) == before


def tasks_and_units(db) -> list[str]:
    """The database as SQL, without the record of received returns."""
    return [line for line in db.conn.iterdump() if not line.startswith('INSERT INTO "ledger_returns"')]


def test_the_merged_header_names_the_column_it_swallowed(plan, tmp_path):
    db, plan_id, source = plan
    change_set = excel.compare_import(db, plan_id, [merged_header(source, tmp_path / "m.xlsx", db)], today=TODAY)
    assert [(w.sheet, w.row, w.column) for w in change_set.warnings] == [("任务台账", HEADER_ROW, "D")]
    assert "C 列" in change_set.warnings[0].message
