"""Progress notes in a returned 台账 and their dates (trial of 2026-11-30: M11, L5, L18)."""

import datetime as dt

import pytest
from openpyxl import load_workbook

from planner.domain.model import Status
from planner.exchange.ledger_layout import HEADER_ROW
from planner.services import demo, excel, progress, task_edits, tasks

TODAY = dt.date(2026, 11, 30)


@pytest.fixture
def plan(workspace_db, demo_data):
    return workspace_db, demo.create_demo_plan(workspace_db, demo_data, today=TODAY)


def returned(db, plan_id, path, task, cells: dict):
    """The plan's 台账 as exported, with the given cells of ``task``'s row changed: {column letter: value}."""
    excel.export_xlsx(db, plan_id, path, now=dt.datetime(2026, 11, 30, 9, 0))
    workbook = load_workbook(path)
    sheet = workbook["任务台账"]
    row = next(r for r in range(HEADER_ROW + 1, sheet.max_row + 1) if sheet[f"N{r}"].value == task.uid)
    for letter, value in cells.items():
        sheet[f"{letter}{row}"] = value
    workbook.save(path)
    return path, row


def noted_task(db, plan_id):
    return next(t for t in tasks.list_tasks(db, plan_id)
                if progress.history(db, t.id) and t.status is Status.IN_PROGRESS)


def test_a_back_dated_note_is_history_only_and_the_preview_says_so(plan, tmp_path):
    db, plan_id = plan
    task = noted_task(db, plan_id)
    newest = progress.history(db, task.id)[0]
    path, row = returned(db, plan_id, tmp_path / "台账.xlsx", task, {
        "I": "未启动", "J": 5, "K": "补录：2025年初已启动调研", "L": dt.datetime(2025, 1, 5), "M": "补录"})
    change_set = excel.compare_import(db, plan_id, [path], today=TODAY)
    assert change_set.errors == ()
    [warning] = change_set.warnings
    assert (warning.row, warning.column) == (row, "L")
    assert warning.message == (f"进展日期 2025-01-05 早于该任务最新进展的日期 {newest.date.isoformat()}："
                               "这条进展只记入进展历史，任务的状态和进度不变")
    assert {(u.task_id, u.field) for u in change_set.updates} == {(task.id, "note")}  # other columns still count
    [note] = change_set.progress
    assert (note.entry.date, note.entry.status, note.entry.percent) == (dt.date(2025, 1, 5), Status.NOT_STARTED, 5)
    excel.apply_import(db, plan_id, change_set)
    after = task_edits.get_task(db, task.id)
    assert (after.status, after.percent, after.note) == (task.status, task.percent, "补录")
    assert progress.history(db, task.id)[0] == newest
    assert any(e.text == "补录：2025年初已启动调研" for e in progress.history(db, task.id))


def test_a_new_note_sets_the_status_and_percent_without_a_warning(plan, tmp_path):
    db, plan_id = plan
    task = noted_task(db, plan_id)
    path, _row = returned(db, plan_id, tmp_path / "台账.xlsx", task, {
        "I": "已暂停", "J": 45, "K": "因机构调整暂停", "L": dt.datetime(2026, 11, 29)})
    change_set = excel.compare_import(db, plan_id, [path], today=TODAY)
    assert change_set.errors == () and change_set.warnings == ()
    excel.apply_import(db, plan_id, change_set)
    after = task_edits.get_task(db, task.id)
    assert (after.status, after.percent) == (Status.PAUSED, 45)


@pytest.mark.parametrize(("cells", "column", "message"), [
    ({"K": "已完成方案起草", "L": dt.datetime(2026, 12, 1)}, "L",
     "进展日期 2026-12-01 晚于今天（2026-11-30），请核对"),  # L5: a typo, not a note of the future
    ({"J": 85.5}, "J", "进度(%)：进度 85.5% 不是整数，请填写 0–100 之间的整数（不做四舍五入）"),  # L18
])
def test_a_future_progress_date_or_a_fractional_percent_is_a_located_error(plan, tmp_path, cells, column, message):
    db, plan_id = plan
    task = noted_task(db, plan_id)
    path, row = returned(db, plan_id, tmp_path / "台账.xlsx", task, cells)
    change_set = excel.compare_import(db, plan_id, [path], today=TODAY)
    [error] = change_set.errors
    assert (error.file, error.sheet, error.row, error.column, error.message) == (
        "台账.xlsx", "任务台账", row, column, message)
    assert change_set.updates == () and change_set.progress == ()
