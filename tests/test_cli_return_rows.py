"""What a unit's returned 台账 may change: blank cells and rows for other units' tasks (import-xlsx).

Made from 省财政厅's own 台账 of the example base.db, edited as departments edit them; the file
keeps its 台账信息, so the import compares with what was exported.
"""

import datetime as dt
import sqlite3

import openpyxl
import pytest

from planner.exchange.ledger_layout import COLUMNS, HEADER_ROW
from tests.cli_runner import run, without_traceback
from tests.test_cli_returns import CASES, plan_data, task, work  # noqa: F401 - the fixture

LETTER = {column.key: openpyxl.utils.get_column_letter(number) for number, column in enumerate(COLUMNS, start=1)}
TASK_12 = "研究制定本省建立更加有效的区域协调发展新机制实施方案，报省委、省政府审定后印发实施"


@pytest.fixture
def finance(work, tmp_path):  # noqa: F811 - pytest fixture argument
    """(省财政厅's exported 台账, the database) — the file as the department received it."""
    folder = tmp_path / "by_unit"
    assert run("--db", work, "export-xlsx", "--plan", 2, "--by-unit", folder).returncode == 0
    return folder / "省财政厅.xlsx", work


def edit(path, change) -> None:
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["任务台账"]
    rows = {sheet[f"{LETTER['code']}{row}"].value: row for row in range(HEADER_ROW + 1, sheet.max_row + 1)}
    change(sheet, rows)
    workbook.save(path)


def imported(file, db):
    done = run("--db", db, "import-xlsx", "--plan", 2, file)
    assert without_traceback(done.stderr), done.stderr
    return done


def test_blank_cells_in_the_plan_columns_empty_nothing_and_are_listed_for_the_office(finance):
    file, db = finance
    before = plan_data(db)

    def blank(sheet, rows):
        sheet[f"{LETTER['lead']}{rows['20.1']}"] = None
        sheet[f"{LETTER['support']}{rows['20.2']}"] = None
        sheet[f"{LETTER['leader']}{rows['24.1']}"] = None
        sheet[f"{LETTER['deadline']}{rows['24.2']}"] = None
        sheet[f"{LETTER['due']}{rows['24.2']}"] = None

    edit(file, blank)
    done = imported(file, db)
    assert done.returncode == 0, done.stderr
    for code, field in (("20.1", "牵头单位"), ("20.2", "配合单位"), ("24.1", "分管领导"), ("24.2", "完成时限")):
        assert f"冲突：任务 {code} 的{field}（文件中该单元格为空，未作修改）" in done.stdout
    assert "修改字段 0 处" in done.stdout
    assert plan_data(db) == before
    assert task(db, "20.1")["lead"] == "省财政厅"


def test_a_plan_column_left_blank_on_every_row_is_as_if_absent(finance):
    file, db = finance
    before = plan_data(db)

    def blank_column(sheet, rows):
        for row in rows.values():
            sheet[f"{LETTER['leader']}{row}"] = None
        sheet[f"{LETTER['percent']}{rows['20.1']}"] = 55

    edit(file, blank_column)
    done = imported(file, db)
    assert done.returncode == 0, done.stderr
    changes = [line for line in done.stdout.splitlines() if line.startswith(("修改：", "冲突：", "待确认："))]
    assert len(changes) == 1 and changes[0].startswith("修改：任务 20.1 的进度") and changes[0].endswith("“55”")
    assert len(plan_data(db)) == len(before)


@pytest.mark.parametrize("with_lead", [False, True])
def test_a_row_for_another_units_task_in_a_units_return_is_held_for_the_office(finance, with_lead):
    file, db = finance
    before = plan_data(db)

    def add_row(sheet, rows):
        row = max(rows.values()) + 1
        sheet[f"{LETTER['content']}{row}"] = TASK_12  # 1.2, which 省发展改革委 leads
        if with_lead:
            sheet[f"{LETTER['code']}{row}"] = "1.2"
            sheet[f"{LETTER['lead']}{row}"] = "省发展改革委"
        sheet[f"{LETTER['status']}{row}"] = "已完成"
        sheet[f"{LETTER['percent']}{row}"] = 100
        sheet[f"{LETTER['progress']}{row}"] = "财政厅负责的测算部分已完成"

    edit(file, add_row)
    done = imported(file, db)
    assert done.returncode == 0, done.stderr
    assert "是由省发展改革委牵头的任务 1.2，不在省财政厅的台账中，该行未导入" in done.stdout
    assert "待确认" in done.stdout
    assert plan_data(db) == before
    assert task(db, "1.2")["lead"] == "省发展改革委"


def test_the_office_may_take_a_blank_cell_for_an_empty_field_in_the_preview(finance):
    from planner.services import excel
    from planner.storage.database import open_database

    file, path = finance
    edit(file, lambda sheet, rows: sheet.__setitem__(f"{LETTER['leader']}{rows['24.1']}", None))
    db = open_database(path)
    try:
        change_set = excel.compare_import(db, 2, [file])
        blank = [c for c in change_set.conflicts if c.code == "24.1"]
        assert [(c.field, c.acceptable) for c in blank] == [("leader", True)]
        excel.apply_import(db, 2, change_set.accepting(blank))
    finally:
        db.close()
    done = run("--db", path, "export-xlsx", "--plan", 2, file.with_name("after.xlsx"))
    assert done.returncode == 0
    sheet = openpyxl.load_workbook(file.with_name("after.xlsx"))["任务台账"]
    row = next(r for r in range(HEADER_ROW + 1, sheet.max_row + 1) if sheet[f"{LETTER['code']}{r}"].value == "24.1")
    assert sheet[f"{LETTER['leader']}{row}"].value in (None, "")


@pytest.mark.parametrize(("maps", "message"), [
    (["财政厅=省不存在厅"], "--map 财政厅=省不存在厅：单位目录中没有“省不存在厅”。"),
    (["省财政厅=省教育厅"], "--map 省财政厅=省教育厅：“省财政厅”本身就是单位目录中的单位，不能再对应到“省教育厅”。"),
    (["财政厅=省财政厅", "财政厅=省教育厅"], "--map 中“财政厅”对应了两个单位（省财政厅、省教育厅），请只保留一个。"),
])
def test_a_unit_mapping_that_cannot_be_meant_is_refused_before_anything_is_read(work, tmp_path, maps, message):  # noqa: F811
    from tests.test_cli_returns import case

    before = plan_data(work)
    args = [arg for pair in maps for arg in ("--map", pair)]
    done = run("--db", work, "import-xlsx", "--plan", 2, *args, case(tmp_path, "09h2_unit_aliases_lead.xlsx"))
    assert done.returncode == 1 and message in done.stderr.splitlines()
    assert without_traceback(done.stderr)
    assert plan_data(work) == before


def test_a_new_row_copying_the_shortened_item_label_of_the_sheet_gets_no_notice(finance):
    file, db = finance

    def add_rows(sheet, rows):
        label = sheet[f"{LETTER['item']}{rows['20.1']}"].value
        assert label.endswith("…")  # the 台账 shortens this heading
        for offset, (item, content) in enumerate(((label, "新增甲任务：完善县级基本财力保障机制"),
                                                  ("（二十）另写的条目标题", "新增乙任务：健全转移支付绩效评价"))):
            row = max(rows.values()) + 1 + offset
            sheet[f"{LETTER['item']}{row}"], sheet[f"{LETTER['content']}{row}"] = item, content
            sheet[f"{LETTER['lead']}{row}"] = "省财政厅"

    edit(file, add_rows)
    done = run("--db", db, "import-xlsx", "--plan", 2, "--dry-run", file)
    assert done.returncode == 0, done.stderr
    assert "新增任务 2 项" in done.stdout
    notices = [line for line in done.stderr.splitlines() if "标题不同" in line]
    assert len(notices) == 1 and "另写的条目标题" in notices[0]


def test_a_units_return_that_lost_its_info_sheet_still_holds_back_another_units_row(finance):
    file, db = finance
    before = plan_data(db)

    def add_row_and_drop_info(sheet, rows):
        row = max(rows.values()) + 1
        sheet[f"{LETTER['code']}{row}"], sheet[f"{LETTER['content']}{row}"] = "1.2", TASK_12
        sheet[f"{LETTER['lead']}{row}"], sheet[f"{LETTER['status']}{row}"] = "省发展改革委", "已完成"
        del sheet.parent["台账信息"]  # as a CSV re-save or rows copied into a new workbook

    edit(file, add_row_and_drop_info)
    done = imported(file, db)
    assert done.returncode == 0, done.stderr
    assert "是由省发展改革委牵头的任务 1.2，不在省财政厅的台账中，该行未导入" in done.stdout
    assert plan_data(db) == before


def test_a_units_return_may_not_add_a_task_another_unit_leads(finance):
    # Handing one of its own tasks to another unit is an ordinary change (case 09h2); a new task
    # for another unit is that unit's to report.
    file, db = finance
    before = plan_data(db)

    def add_row(sheet, rows):
        row = max(rows.values()) + 1
        sheet[f"{LETTER['item']}{row}"], sheet[f"{LETTER['content']}{row}"] = "（二十）", "新增：开展基本公共服务标准评估"
        sheet[f"{LETTER['lead']}{row}"] = "省发展改革委"

    edit(file, add_row)
    done = run("--db", db, "import-xlsx", "--plan", 2, "--skip-bad-rows", file)
    assert done.returncode == 0, done.stderr
    assert "新任务的牵头单位“省发展改革委”不是本文件的单位“省财政厅”" in done.stderr
    assert plan_data(db) == before


@pytest.mark.parametrize("none", ["无", "暂无", "—"])
def test_none_written_in_the_support_cell_names_no_unit(finance, none):
    file, db = finance
    edit(file, lambda sheet, rows: sheet.__setitem__(f"{LETTER['support']}{rows['20.1']}", none))
    done = run("--db", db, "import-xlsx", "--plan", 2, "--dry-run", file)
    assert done.returncode == 0, done.stderr
    assert "单位目录中没有" not in done.stdout + done.stderr
    assert "冲突：任务 20.1 的配合单位（文件中该单元格为空，未作修改）" in done.stdout


def test_a_changed_due_date_beside_a_blank_deadline_phrase_gives_the_phrase_of_that_day(finance):
    file, db = finance

    def move(sheet, rows):
        sheet[f"{LETTER['deadline']}{rows['20.1']}"] = None
        sheet[f"{LETTER['due']}{rows['20.1']}"] = dt.datetime(2027, 9, 30)

    edit(file, move)
    done = run("--db", db, "import-xlsx", "--plan", 2, "--dry-run", file)
    assert done.returncode == 0, done.stderr
    assert [line for line in done.stdout.splitlines() if "20.1" in line] == [
        "修改：任务 20.1 的完成时限：“2027年4月底前（2027-04-30）” → “2027年9月30日前（2027-09-30）”"]


def test_done_with_a_blank_percent_says_the_tasks_own_percent_stays(finance):
    file, db = finance

    def done_without_percent(sheet, rows):
        sheet[f"{LETTER['status']}{rows['20.1']}"] = "已完成"
        sheet[f"{LETTER['percent']}{rows['20.1']}"] = None

    edit(file, done_without_percent)
    done = run("--db", db, "import-xlsx", "--plan", 2, "--dry-run", file)
    assert "状态为“已完成”，进度却为 20%：文件未填进度，任务仍为该进度，进度未改为 100%，请核实" in done.stderr


def test_a_misspelt_unit_in_a_return_is_offered_the_unit_it_misspells(finance):
    file, db = finance
    edit(file, lambda sheet, rows: sheet.__setitem__(f"{LETTER['support']}{rows['20.1']}", "省财正厅"))
    done = run("--db", db, "import-xlsx", "--plan", 2, "--dry-run", file)
    assert "单位目录中没有的单位：省财正厅（可能是：省财政厅）" in done.stdout


def uid_of(path, code) -> str:
    import sqlite3

    with sqlite3.connect(path) as connection:
        return connection.execute("SELECT uid FROM tasks WHERE plan_id = 2 AND code = ? AND deleted_at IS NULL",
                                  [code]).fetchone()[0]


def test_every_conflict_line_names_the_file_the_sheet_the_row_and_the_column(finance):
    import sqlite3

    file, db = finance
    placed = {}

    def change(sheet, rows):
        placed.update(rows)
        sheet[f"{LETTER['support']}{rows['20.2']}"] = None  # a blank plan cell
        sheet[f"{LETTER['note']}{rows['20.1']}"] = "按季度报送"  # also changed in the app after export
        row = max(rows.values()) + 1  # another unit's task, as the office's whole 台账 has it
        sheet[f"{LETTER['code']}{row}"], sheet[f"{LETTER['content']}{row}"] = "1.2", TASK_12
        sheet[f"{LETTER['lead']}{row}"] = "省发展改革委"
        placed["extra"] = row

    edit(file, change)
    with sqlite3.connect(db) as connection:
        connection.execute("UPDATE tasks SET note = '办公室补充' WHERE plan_id = 2 AND code = '20.1'")
    done = run("--db", db, "import-xlsx", "--plan", 2, "--dry-run", file)
    assert done.returncode == 0, done.stderr
    where = "“省财政厅.xlsx”，工作表“任务台账”，"
    lines = [line for line in done.stdout.splitlines() if line.startswith(("冲突：", "待确认："))]
    assert lines == [
        f"待确认：{where}第 {placed['extra']} 行 {LETTER['content']} 列的行（“{TASK_12[:30]}”）"
        "是由省发展改革委牵头的任务 1.2，不在省财政厅的台账中，该行未导入",
        f"冲突：任务 20.2 的配合单位（文件中该单元格为空，未作修改）：本程序中为“{'、'.join(task(db, '20.2')['support'])}”，"
        f"文件中为 “”（{where}第 {placed['20.2']} 行 {LETTER['support']} 列）",
        f"冲突：任务 20.1 的备注（导出后本程序中也修改了该字段）：本程序中为“办公室补充”，"
        f"文件中为 “按季度报送”（{where}第 {placed['20.1']} 行 {LETTER['note']} 列）",
    ]


def test_a_copied_row_whose_hidden_id_is_another_units_task_is_quoted_as_the_file_has_it(finance):
    # A department copied 1.2's row (hidden 任务标识 and all) from the office's whole 台账 and wrote
    # its own task over it: the office must read what the department wrote, and which task the id names.
    file, db = finance
    before = plan_data(db)
    own = "开展县级财政运行监测，按月报送监测结果"
    placed = {}

    def copy_row(sheet, rows):
        row = max(rows.values()) + 1
        sheet[f"{LETTER['code']}{row}"], sheet[f"{LETTER['content']}{row}"] = "20.9", own
        sheet[f"{LETTER['lead']}{row}"], sheet[f"{LETTER['uid']}{row}"] = "省财政厅", uid_of(db, "1.2")
        placed["row"] = row

    edit(file, copy_row)
    done = imported(file, db)
    assert done.returncode == 0, done.stderr
    [line] = [line for line in done.stdout.splitlines() if line.startswith("待确认：")]
    assert line == (f"待确认：“省财政厅.xlsx”，工作表“任务台账”，第 {placed['row']} 行 {LETTER['content']} 列的行"
                    f"（“{own}”）隐藏的任务标识指向由省发展改革委牵头的任务 1.2（“{TASK_12[:30]}…”），"
                    "不在省财政厅的台账中，该行未导入")
    assert plan_data(db) == before


def copy_of(row_code, *, above, **cells):
    """An edit copying ``row_code``'s row (hidden 任务标识 and all) above or below the original,
    then writing ``cells`` (column key → value) over the copy; returns the rows it used."""
    placed = {}

    def change(sheet, rows):
        original = rows[row_code]
        if above:
            sheet.insert_rows(original)
            copy, original = original, original + 1
        else:
            copy = max(rows.values()) + 1
        for column in LETTER.values():
            sheet[f"{column}{copy}"] = sheet[f"{column}{original}"].value
        for key, value in cells.items():
            sheet[f"{LETTER[key]}{copy}"] = value
        placed.update(copy=copy, original=original)

    return change, placed


OWN_TASK = "开展县级财政运行监测，按月报送监测结果"
NOTICE = "注意：“省财政厅.xlsx”，工作表“任务台账”，第 {} 行 {} 列：隐藏的任务标识与第 {} 行（任务 20.1）相同，" \
         "该行是复制出的行，按没有任务标识的行处理"


@pytest.mark.parametrize("above", [True, False])
def test_a_copied_row_written_over_is_not_taken_for_the_task_it_was_copied_from(finance, above):
    # The department copied 20.1's row (hidden 任务标识 and all) and wrote another task over the copy,
    # keeping the 序号: the copy's 已完成 must not reach 20.1. 20.1's own row (its 序号 and content)
    # is 20.1; the copy, read without the id, names 20.1 by its 序号 but not by its content: asked.
    file, db = finance
    before = plan_data(db)
    change, rows = copy_of("20.1", above=above, content=OWN_TASK, status="已完成", percent=100)
    edit(file, change)
    done = imported(file, db)
    assert done.returncode == 0, done.stderr
    assert NOTICE.format(rows["copy"], LETTER["uid"], rows["original"]) in done.stderr.splitlines()
    [question] = [line for line in done.stdout.splitlines() if line.startswith("待确认：")]
    assert question.startswith(f"待确认：“省财政厅.xlsx”，工作表“任务台账”，第 {rows['copy']} 行 {LETTER['content']} 列的行"
                               f"（“{OWN_TASK}”）")
    assert plan_data(db) == before  # 20.1 neither 已完成 nor renamed


def test_a_copied_row_renumbered_as_a_new_task_is_added_and_the_original_kept(finance):
    file, db = finance
    change, rows = copy_of("20.1", above=True, code="20.9", content=OWN_TASK, status="推进中", percent=10)
    edit(file, change)
    before = task(db, "20.1")
    done = imported(file, db)
    assert done.returncode == 0, done.stderr
    assert NOTICE.format(rows["copy"], LETTER["uid"], rows["original"]) in done.stderr.splitlines()
    assert "新增任务：" in done.stdout and OWN_TASK in done.stdout
    assert task(db, "20.1") == before
    with sqlite3.connect(db) as connection:
        assert connection.execute("SELECT count(*) FROM tasks WHERE plan_id = 2 AND content = ? AND deleted_at IS NULL",
                                  [OWN_TASK]).fetchone()[0] == 1


def test_two_rows_that_both_look_like_the_task_are_held_and_the_rest_imported(finance):
    # An exact copy reporting another 进度: which report is 20.1's cannot be told.
    file, db = finance

    def change(sheet, rows):
        copy_row, _ = copy_of("20.1", above=False, percent=90)
        copy_row(sheet, rows)
        sheet[f"{LETTER['note']}{rows['20.2']}"] = "已与省发展改革委会商"

    edit(file, change)
    done = imported(file, db)
    assert done.returncode == 0, done.stderr
    questions = [line for line in done.stdout.splitlines() if line.startswith("待确认：")]
    assert len(questions) == 2 and all("都指向任务 20.1）" in line and "无法确定哪一行是该任务" in line for line in questions)
    assert "修改：任务 20.2 的备注：“” → “已与省发展改革委会商”" in done.stdout
    with sqlite3.connect(db) as connection:
        assert connection.execute("SELECT percent FROM tasks WHERE plan_id = 2 AND code = '20.1' AND deleted_at IS NULL"
                                  ).fetchone()[0] != 90


def test_a_return_exported_from_another_copy_of_the_database_is_not_said_to_lack_its_info_sheet(finance, tmp_path):
    # The 台账 went out from a colleague's copy of the database: its 台账信息 names an export this
    # file has no record of. The notices say that, not that the sheet is missing.
    file, db = finance
    other = tmp_path / "other.db"
    with sqlite3.connect(CASES / "base.db") as original, sqlite3.connect(other) as copy:
        original.backup(copy)
    done = run("--db", other, "import-xlsx", "--plan", 2, file, "--dry-run")
    assert done.returncode == 0, done.stderr
    assert "找不到该文件导出时的记录" in done.stderr
    assert "没有台账信息" not in done.stderr
    assert "“省财政厅.xlsx”的导出记录在本数据库中找不到，" in done.stderr
