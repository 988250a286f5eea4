"""import-xlsx of a return holding most kinds of cell a department sends: the lines printed, the database after.

A percent cell, dates as dates and as text, padded text, a blank cell, a 。 added to the content,
merged cells over tasks and over one item's rows, a formula, an out-of-range 进度, a repeated uid,
an alias and an unknown unit (mapped), an extra column, a new row and a form footer. The lines are
what the office reads; the database must hold exactly the changes they announce. (Written before
the reader and the comparison were made faster, issue 13, to keep them saying the same.)
"""

import dataclasses
import datetime as dt
import json
import re
import sqlite3

import pytest
from openpyxl import load_workbook

from planner.services import excel
from planner.storage import database, tasks
from tests.cli_runner import run
from tests.conftest import ROOT

CASES = ROOT / "tests" / "fixtures" / "returns"
FILE = "回执.xlsx"
WHERE = f"“{FILE}”，工作表“任务台账”，"
WARNINGS = [
    f"注意：{WHERE}第 11 行 I 列：单元格 I11:I12 合并了第 11–12 行（2 项任务）的“状态”，无法确定各任务的值，未导入；"
    "请为每项任务分别填写",
    f"注意：{WHERE}第 104 行：该行是表尾（填表人、联系电话等），不是任务，已跳过",
    # 6.1's row carries 1.1's hidden id; row 4 is 1.1's own (its 序号 and content): row 19 is read as 6.1.
    f"注意：{WHERE}第 19 行 N 列：隐藏的任务标识与第 4 行（任务 1.1）相同，该行是复制出的行，按没有任务标识的行处理",
    f"注意：{WHERE}第 102 行 B 列：“对应条目”写的是“（二十四）健全区际利益补偿机制”，与条目（24）“建立区域均衡的"
    "财政转移支付制度”的标题不同，按条目编号归入",
]
ERRORS = [
    f"{WHERE}第 9 行 J 列：进度(%)：进度 150% 不在 0–100 之间",
    f"{WHERE}第 10 行 M 列：备注：单元格含公式（=1+1），请改为直接填写内容",
]
CHANGES = [
    "新增任务 1 项，修改字段 9 处，新增进展 2 条，冲突 1 处，错误 2 处",
    "可导入 97 行，2 行有错误（有错误的行不导入）",
    f"新增任务：（二十四）研究建立省内粮食主产区与主销区利益补偿机制（{WHERE}第 102 行 C 列）",
    "修改：任务 1.2 的状态：“已滞后” → “推进中”",
    "修改：任务 1.2 的进度：“75” → “80”",
    "修改：任务 1.3 的备注：“” → “需省财政厅支持”",
    "修改：任务 2.1 的完成时限：“2027年6月底前（2027-06-30）” → “2027年12月底前（2027-12-31）”",
    "修改：任务 2.2 的完成时限：“2027年4月16日前（2027-04-16）” → “2027年5月31日前（2027-05-31）”",
    "修改：任务 4.2 的牵头单位：“省交通运输厅” → “省发展改革委”",
    "修改：任务 4.3 的牵头单位：“省发展改革委” → “省财政厅”",
    "修改：任务 5.1 的状态：“已完成” → “推进中”",
    "修改：任务 4.2 的配合单位：“省发展改革委、省自然资源厅” → “省自然资源厅”",
    "进展：任务 1.2，2026-11-28：已完成方案起草（存在问题：资金缺口较大）",
    "进展：任务 4.4，2026-11-27：11月已召开推进会",
    f"冲突：任务 1.3 的配合单位（文件中该单元格为空，未作修改）：本程序中为“省发展改革委、省统计局”，文件中为 “”（{WHERE}第 6 行 E 列）",
]
MAP = ("--map", "示范新单位=省财政厅")


@pytest.fixture
def work(tmp_path):
    """A copy of base.db (plan 2, 98 tasks) and the 台账 exported from it."""
    target = tmp_path / "work.db"
    with sqlite3.connect(CASES / "base.db") as original, sqlite3.connect(target) as copy:
        original.backup(copy)
    assert run("--db", target, "plans").returncode == 0  # migrated before anything is compared
    db = database.open_database(target)
    try:
        excel.export_xlsx(db, 2, tmp_path / "sent.xlsx", now=dt.datetime(2026, 12, 1, 9, 30))
    finally:
        db.close()
    return target


def mixed_return(sent, target):
    workbook = load_workbook(sent)
    sheet = workbook["任务台账"]
    rows = {sheet[f"A{row}"].value: row for row in range(4, sheet.max_row + 1)}
    last = sheet.max_row

    def put(code, letter, value, number_format=None):
        cell = sheet[f"{letter}{rows[code]}"]
        cell.value = value
        if number_format:
            cell.number_format = number_format

    sheet["O3"] = "存在问题"  # a column the 台账 does not have: kept with the new note
    put("1.2", "I", "推进中")
    put("1.2", "J", 0.8, "0%")  # shows 80%
    put("1.2", "K", "  已完成方案起草  ")
    put("1.2", "L", dt.datetime(2026, 11, 28))
    put("1.2", "O", "资金缺口较大")
    put("1.3", "M", "需省财政厅支持")
    put("1.3", "E", None)  # 配合单位 blanked: never emptied, listed as a conflict
    put("2.1", "C", sheet[f"C{rows['2.1']}"].value + "。")  # not an edit
    put("2.1", "G", "2027年12月底前")
    put("2.2", "H", dt.datetime(2027, 5, 31))
    put("2.3", "J", 150)
    put("2.3", "K", "第二季度完成")  # its row is left out: not added
    put("3.1", "M", "=1+1")
    put("3.2", "I", "已完成")
    put("4.1", "I", None)
    sheet.merge_cells(f"I{rows['3.2']}:I{rows['4.1']}")  # one status over two tasks: held back
    put("4.2", "D", "省发改委")  # an alias of 省发展改革委
    put("4.3", "D", "示范新单位")  # unknown: mapped on the command line
    put("4.4", "K", "11月已召开推进会")
    put("4.4", "L", "2026年11月27日")
    put("5.1", "I", "正在推进")
    sheet.merge_cells(f"B{rows['4.2']}:B{rows['4.3']}")  # one item's label: shared by its rows
    put("6.1", "N", sheet[f"N{rows['1.1']}"].value)  # 1.1's hidden id copied onto 6.1's row
    new_row = ["24.4", "（二十四）健全区际利益补偿机制", "研究建立省内粮食主产区与主销区利益补偿机制", "省财政厅",
               "省粮食和储备局、省农业农村厅", "", "2027年6月底前", None, "未启动", 0]
    for letter, value in zip("ABCDEFGHIJ", new_row, strict=True):
        sheet[f"{letter}{last + 1}"] = value
    sheet[f"A{last + 3}"] = "填表人：张三    联系电话：0571-12345678"
    workbook.save(target)
    return target


def tasks_by_code(path) -> dict[str, tuple]:
    with sqlite3.connect(path) as connection:
        found = {row[0]: row[1:] for row in connection.execute(
            """SELECT t.code, t.content, coalesce(u.name, ''), t.leader, t.deadline_phrase, t.deadline_date,
                      t.status, t.percent, t.note, i.number
               FROM tasks t JOIN items i ON i.id = t.item_id LEFT JOIN units u ON u.id = t.lead_unit_id
               WHERE t.plan_id = 2 AND t.deleted_at IS NULL""")}
        support = {}
        for code, name in connection.execute(
                """SELECT t.code, u.name FROM task_support_units s JOIN tasks t ON t.id = s.task_id
                   JOIN units u ON u.id = s.unit_id WHERE t.plan_id = 2 ORDER BY t.code, s.position"""):
            support.setdefault(code, []).append(name)
    return {code: (*row, "、".join(support.get(code, []))) for code, row in found.items()}


def entries(path) -> list[tuple]:
    with sqlite3.connect(path) as connection:
        return connection.execute(
            """SELECT t.code, p.entry_date, p.text, p.status, p.percent, p.source FROM progress_entries p
               JOIN tasks t ON t.id = p.task_id ORDER BY p.id""").fetchall()


def unit_names(path) -> list[str]:
    with sqlite3.connect(path) as connection:
        return [name for (name,) in connection.execute("SELECT name FROM units ORDER BY id")]


def test_a_mixed_return_prints_the_same_lines_and_stores_exactly_what_they_say(work, tmp_path):
    path = mixed_return(tmp_path / "sent.xlsx", tmp_path / FILE)
    before_tasks, before_entries, before_units = tasks_by_code(work), entries(work), unit_names(work)

    preview = run("--db", work, "import-xlsx", "--plan", 2, path, "--dry-run", "--skip-bad-rows", *MAP)
    assert preview.returncode == 0, preview.stderr
    assert preview.stdout.splitlines() == CHANGES
    assert preview.stderr.splitlines() == [*WARNINGS, *ERRORS, "注意：2 行有错误，已跳过；其余各行照常导入。"]
    assert (tasks_by_code(work), entries(work)) == (before_tasks, before_entries)

    done = run("--db", work, "import-xlsx", "--plan", 2, path, "--skip-bad-rows", *MAP)
    assert done.returncode == 0, done.stderr
    *changes, summary = done.stdout.splitlines()
    assert changes == CHANGES
    assert re.fullmatch(r"已导入：新增任务 1 项，修改字段 9 处，新增进展 2 条；导入前已备份到 .+-import\.db", summary)
    assert done.stderr == preview.stderr

    expected = dict(before_tasks)

    def changed(code, **fields):
        names = ["content", "lead", "leader", "phrase", "due", "status", "percent", "note", "item", "support"]
        row = dict(zip(names, expected[code], strict=True))
        row.update(fields)
        expected[code] = tuple(row[name] for name in names)

    changed("1.2", status="推进中", percent=80)
    changed("1.3", note="需省财政厅支持")
    changed("2.1", phrase="2027年12月底前", due="2027-12-31")
    changed("2.2", phrase="2027年5月31日前", due="2027-05-31")
    changed("4.2", lead="省发展改革委", support="省自然资源厅")
    changed("4.3", lead="省财政厅")
    changed("5.1", status="推进中")
    expected["24.4"] = ("研究建立省内粮食主产区与主销区利益补偿机制", "省财政厅", "", "2027年6月底前", "2027-06-30",
                        "未启动", 0, "", 24, "省粮食和储备局、省农业农村厅")
    assert tasks_by_code(work) == expected
    source = f"导入：{FILE}"
    assert entries(work) == [*before_entries,
                             ("1.2", "2026-11-28", "已完成方案起草（存在问题：资金缺口较大）", "推进中", 80, source),
                             ("4.4", "2026-11-27", "11月已召开推进会", "未启动", 0, source)]
    assert unit_names(work) == before_units  # the alias and the mapped name add no unit

    again = run("--db", work, "import-xlsx", "--plan", 2, path, "--dry-run", "--skip-bad-rows", *MAP)
    assert again.stdout.splitlines()[:2] == [
        "新增任务 0 项，修改字段 0 处，新增进展 0 条，冲突 1 处，错误 2 处", "可导入 97 行，2 行有错误（有错误的行不导入）"]


def test_the_same_return_without_its_export_sheet_is_compared_with_the_export_it_fits(work, tmp_path):
    path = mixed_return(tmp_path / "sent.xlsx", tmp_path / FILE)
    workbook = load_workbook(path)
    del workbook["台账信息"]
    workbook.save(path)
    preview = run("--db", work, "import-xlsx", "--plan", 2, path, "--dry-run", "--skip-bad-rows", *MAP)
    assert preview.returncode == 0, preview.stderr
    assert preview.stdout.splitlines() == CHANGES
    assert preview.stderr.splitlines() == [
        *WARNINGS[:3], f"注意：“{FILE}”没有台账信息，按内容判断来自 2026-12-01 09:30 导出的台账，以其为准比较",
        WARNINGS[3], *ERRORS, "注意：2 行有错误，已跳过；其余各行照常导入。"]


def test_each_change_of_the_mixed_return_names_the_cell_it_comes_from(work, tmp_path):
    path = mixed_return(tmp_path / "sent.xlsx", tmp_path / FILE)
    db = database.open_database(work)
    try:
        change_set = excel.compare_import(db, 2, [path], today=dt.date(2026, 12, 2),
                                          unit_mapping={"示范新单位": "省财政厅"})
    finally:
        db.close()
    assert [(u.code, u.field, u.where.row, u.where.column) for u in change_set.updates] == [
        ("1.2", "status", 5, "I"), ("1.2", "percent", 5, "J"), ("1.3", "note", 6, "M"),
        ("2.1", "deadline", 7, "G"), ("2.2", "deadline", 8, "G"), ("4.2", "lead_unit", 13, "D"),
        ("4.3", "lead_unit", 14, "D"), ("5.1", "status", 16, "I"), ("4.2", "support_units", 13, "D")]
    assert [(p.code, p.where.row, p.where.column) for p in change_set.progress] == [("1.2", 5, "K"), ("4.4", 15, "K")]
    assert [(n.task.content, n.where.row, n.where.column) for n in change_set.new_tasks] == [
        ("研究建立省内粮食主产区与主销区利益补偿机制", 102, "C")]
    assert [(e.row, e.column) for e in change_set.errors] == [(9, "J"), (10, "M")]
    assert [(c.code, c.field, c.where[0].row, c.where[0].column) for c in change_set.conflicts] == [
        ("1.3", "support_units", 6, "E")]
    assert (change_set.unknown_units, change_set.rows_ok) == ((), 97)


def complete(value) -> bool:
    """Whether a value built without its __init__ (domain.frozen) holds every field of its class."""
    return set(vars(value)) == {field.name for field in dataclasses.fields(value)}


def test_the_values_built_field_by_field_have_every_field_of_their_class(work, tmp_path):
    path = mixed_return(tmp_path / "sent.xlsx", tmp_path / FILE)
    [ledger] = excel.read_files([path])
    db = database.open_database(work)
    try:
        change_set = excel.compare_import(db, 2, [ledger], today=dt.date(2026, 12, 2),
                                          unit_mapping={"示范新单位": "省财政厅"})
        assert all(complete(task) for task in tasks.list_tasks(db, 2))
        assert all(complete(entry) for entry in tasks.latest_progress(db, 2).values())
    finally:
        db.close()
    assert ledger.records and all(complete(record) for record in ledger.records)
    assert all(complete(update) and complete(update.where) for update in change_set.updates)
    assert all(complete(note) and complete(note.entry) and complete(note.where) for note in change_set.progress)


def test_json_gives_each_conflict_as_an_object_naming_its_cell(work, tmp_path):
    path = mixed_return(tmp_path / "sent.xlsx", tmp_path / FILE)
    preview = run("--db", work, "import-xlsx", "--plan", 2, path, "--dry-run", "--skip-bad-rows", "--json", *MAP)
    assert preview.returncode == 0, preview.stderr
    report = json.loads(preview.stdout)
    assert report["conflicts"] == len(report["conflict_details"]) == 1
    conflict = report["conflict_details"][0]
    assert {key: conflict[key] for key in ("task", "field", "label", "where")} == {
        "task": "1.3", "field": "support_units", "label": "配合单位",
        "where": [{"file": FILE, "sheet": "任务台账", "row": 6, "column": "E"}]}
    assert conflict["current"] and conflict["reason"] and len(conflict["proposed"]) == 1
    assert conflict["message"].startswith("冲突：任务 1.3 的配合单位") and "第 6 行 E 列" in conflict["message"]
    assert [set(error) for error in report["errors"]] == [{"file", "sheet", "row", "column", "message"}] * 2
