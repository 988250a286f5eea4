"""Excel round trips through the services: export, edit like a department, compare, apply."""

import datetime as dt

import pytest
from openpyxl import load_workbook

from planner.domain.deadlines import Deadline
from planner.domain.model import Status
from planner.errors import UserError
from planner.services import demo, excel, plans, progress, task_edits, tasks
from planner.storage import exports, units
from planner.exchange.ledger_layout import HEADER_ROW

TODAY = dt.date(2025, 3, 10)
NOW = dt.datetime(2025, 3, 1, 9, 0, 0)


@pytest.fixture
def plan(workspace_db, demo_data):
    plan_id = demo.create_demo_plan(workspace_db, demo_data, today=TODAY)
    return workspace_db, plan_id


def exported(db, plan_id, path, **kwargs):
    excel.export_xlsx(db, plan_id, path, now=kwargs.pop("now", NOW), **kwargs)
    return path


def edit(path, target, changes: dict):
    """Change cells of the rows of the given task uids: {uid: {column letter: value}}."""
    workbook = load_workbook(path)
    sheet = workbook["任务台账"]
    rows = {sheet[f"N{r}"].value: r for r in range(HEADER_ROW + 1, sheet.max_row + 1)}
    for uid, cells in changes.items():
        for letter, value in cells.items():
            sheet[f"{letter}{rows[uid]}"] = value
    workbook.save(target)
    return target


def history_size(db, plan_id) -> int:
    return sum(len(progress.history(db, task.id)) for task in tasks.list_tasks(db, plan_id))


def test_export_then_import_without_edits_changes_nothing(plan, tmp_path):
    db, plan_id = plan
    change_set = excel.compare_import(db, plan_id, [exported(db, plan_id, tmp_path / "台账.xlsx")], today=TODAY)
    printed = change_set.as_json()
    # The six keys import-xlsx --json always printed come first, unchanged; added keys follow.
    assert list(printed)[:6] == ["new", "changed", "progress", "conflicts", "unknown_units", "errors"]
    assert {key: printed[key] for key in list(printed)[:6]} == {
        "new": 0, "changed": 0, "progress": 0, "conflicts": 0, "unknown_units": [], "errors": []}
    assert printed["rows_ok"] == len(tasks.list_tasks(db, plan_id)) and printed["bad_rows"] == 0
    assert change_set.warnings == () and change_set.is_empty


def test_five_edited_cells_are_exactly_five_changes_and_history_grows_by_one(plan, tmp_path):
    db, plan_id = plan
    path = exported(db, plan_id, tmp_path / "台账.xlsx")
    all_tasks = tasks.list_tasks(db, plan_id)
    a, b, d, e = [t for t in all_tasks if t.status is not Status.DONE][:4]
    c = next(t for t in all_tasks if t.lead_unit != "省发展改革委" and "省发展改革委" in t.support_units
             and t not in (a, b, d, e))
    edit(path, path, {a.uid: {"I": "已完成"}, b.uid: {"C": "修改后的任务内容"}, c.uid: {"D": "省发改委"},
                      d.uid: {"G": "2030年6月底前"}, e.uid: {"K": "已完成年度目标的八成"}})
    before = history_size(db, plan_id)
    change_set = excel.compare_import(db, plan_id, [path], today=TODAY)
    assert change_set.errors == () and change_set.conflicts == ()
    assert sorted((u.task_id, u.field, u.new) for u in change_set.updates) == sorted([
        (a.id, "status", Status.DONE), (b.id, "content", "修改后的任务内容"),
        (c.id, "lead_unit", "省发展改革委"), (d.id, "deadline", Deadline("2030年6月底前", dt.date(2030, 6, 30))),
        # The new lead leaves the cooperating units: the preview says so.
        (c.id, "support_units", tuple(n for n in c.support_units if n != "省发展改革委"))])
    assert [(p.task_id, p.entry.text, p.entry.date) for p in change_set.progress] == [
        (e.id, "已完成年度目标的八成", TODAY)]
    result = excel.apply_import(db, plan_id, change_set)
    assert result.changed_fields == 5 and len(result.progress_ids) == 1 and result.backup.exists()
    assert history_size(db, plan_id) == before + 1
    after = {t.id: t for t in tasks.list_tasks(db, plan_id)}
    assert after[a.id].status is Status.DONE
    assert after[b.id].content == "修改后的任务内容"
    assert after[c.id].lead_unit == "省发展改革委" and "省发展改革委" not in after[c.id].support_units
    assert (after[d.id].deadline_phrase, after[d.id].deadline_date) == ("2030年6月底前", dt.date(2030, 6, 30))
    assert progress.history(db, e.id)[0].text == "已完成年度目标的八成"
    assert progress.history(db, e.id)[0].source == "导入：台账.xlsx"
    # Importing the same file again finds nothing left to do.
    assert excel.compare_import(db, plan_id, [path], today=TODAY).is_empty


def test_done_with_less_than_100_percent_in_a_file_is_kept_and_warned_about(plan, tmp_path):
    db, plan_id = plan
    path = exported(db, plan_id, tmp_path / "台账.xlsx")
    task = next(t for t in tasks.list_tasks(db, plan_id) if t.status is not Status.DONE and t.percent < 100)
    edit(path, path, {task.uid: {"I": "已完成"}})  # 进度 left as it was
    change_set = excel.compare_import(db, plan_id, [path], today=TODAY)
    assert [(u.field, u.new) for u in change_set.updates] == [("status", Status.DONE)]
    [warning] = change_set.warnings
    assert "已完成" in warning.message and f"{task.percent}%" in warning.message and warning.column == "J"  # 进度
    excel.apply_import(db, plan_id, change_set)
    after = task_edits.get_task(db, task.id)
    assert (after.status, after.percent) == (Status.DONE, task.percent)


def test_a_field_changed_in_the_app_and_in_the_file_is_a_conflict(plan, tmp_path):
    db, plan_id = plan
    path = exported(db, plan_id, tmp_path / "台账.xlsx")
    first, second = tasks.list_tasks(db, plan_id)[:2]
    task_edits.update_field(db, first.id, "leader", "李明（副省长）")  # changed in the app after export
    task_edits.update_field(db, second.id, "leader", "李明（副省长）")
    edit(path, path, {first.uid: {"F": "张华"}})  # the file changes only the first
    change_set = excel.compare_import(db, plan_id, [path], today=TODAY)
    assert change_set.updates == ()  # the second: unchanged in the file, the app's value stands
    [conflict] = change_set.conflicts
    assert (conflict.task_id, conflict.field, conflict.current, conflict.proposed) == (
        first.id, "leader", "李明（副省长）", ("张华",))
    assert conflict.where[0].column == "F" and conflict.where[0].file == "台账.xlsx"


def test_a_task_deleted_since_the_export_is_a_conflict_not_a_change(plan, tmp_path):
    db, plan_id = plan
    path = exported(db, plan_id, tmp_path / "台账.xlsx")
    task = tasks.list_tasks(db, plan_id)[0]
    task_edits.delete_tasks(db, [task.id])
    edit(path, path, {task.uid: {"C": "删除后还在改", "K": "新进展"}})
    change_set = excel.compare_import(db, plan_id, [path], today=TODAY)
    assert change_set.updates == () and change_set.progress == ()
    assert sorted(c.field for c in change_set.conflicts) == ["content", "progress"]
    assert all(c.reason == "该任务已在本程序中删除" for c in change_set.conflicts)


def test_two_files_that_disagree_conflict_and_two_that_agree_change_once(plan, tmp_path):
    db, plan_id = plan
    path = exported(db, plan_id, tmp_path / "台账.xlsx")
    first, second = tasks.list_tasks(db, plan_id)[:2]
    one = edit(path, tmp_path / "甲.xlsx", {first.uid: {"M": "甲的备注"}, second.uid: {"M": "一致的备注"}})
    two = edit(path, tmp_path / "乙.xlsx", {first.uid: {"M": "乙的备注"}, second.uid: {"M": "一致的备注"}})
    change_set = excel.compare_import(db, plan_id, [one, two], today=TODAY)
    assert [(u.task_id, u.new) for u in change_set.updates] == [(second.id, "一致的备注")]
    [conflict] = change_set.conflicts
    assert conflict.reason == "多个文件填写不一致" and conflict.proposed == ("甲的备注", "乙的备注")
    assert [w.file for w in conflict.where] == ["甲.xlsx", "乙.xlsx"]


def test_status_and_percent_of_one_task_are_held_together_when_one_of_them_conflicts(plan, tmp_path):
    # 甲 says 已完成 at 80, 乙 leaves the status and says 35: taking 已完成 while the percent waits
    # would leave the task 已完成 at its old percent, which no file said (second trial of 2026-11-30).
    db, plan_id = plan
    path = exported(db, plan_id, tmp_path / "台账.xlsx")
    task = next(t for t in tasks.list_tasks(db, plan_id) if t.status == Status.IN_PROGRESS and t.percent < 35)
    one = edit(path, tmp_path / "甲.xlsx", {task.uid: {"I": "已完成", "J": 80}})
    two = edit(path, tmp_path / "乙.xlsx", {task.uid: {"J": 35}})
    change_set = excel.compare_import(db, plan_id, [one, two], today=TODAY)
    assert [u for u in change_set.updates if u.task_id == task.id] == []
    held = {c.field: c for c in change_set.conflicts if c.task_id == task.id}
    assert held["percent"].reason == "多个文件填写不一致" and held["percent"].proposed == (80, 35)
    assert held["status"].reason == "同一任务的状态和进度一并确认：另一项有冲突"
    assert held["status"].proposed == (Status.DONE,) and held["status"].acceptable  # the office may still take it
    excel.apply_import(db, plan_id, change_set)
    after = task_edits.get_task(db, task.id)
    assert (after.status, after.percent) == (task.status, task.percent)


def test_rows_match_by_code_when_the_uid_column_is_gone(plan, tmp_path):
    db, plan_id = plan
    path = exported(db, plan_id, tmp_path / "台账.xlsx")
    task = tasks.list_tasks(db, plan_id)[3]
    workbook = load_workbook(path)
    sheet = workbook["任务台账"]
    sheet.delete_cols(14)
    row = next(r for r in range(HEADER_ROW + 1, sheet.max_row + 1) if sheet[f"A{r}"].value == task.code)
    sheet[f"L{row}"] = None
    sheet[f"J{row}"] = 0.9
    workbook.save(path)
    change_set = excel.compare_import(db, plan_id, [path], today=TODAY)
    assert [(u.task_id, u.field, u.new) for u in change_set.updates] == [(task.id, "percent", 90)]


def test_running_numbers_are_not_codes_new_rows_need_their_item(plan, tmp_path):
    db, plan_id = plan
    path = tmp_path / "新任务.xlsx"
    workbook = load_workbook(exported(db, plan_id, tmp_path / "台账.xlsx"))
    sheet = workbook["任务台账"]
    sheet.delete_rows(HEADER_ROW + 1, sheet.max_row)
    sheet.append(["1", "（四）推动国家重大区域战略融合发展", "新增的融合发展任务", "省发改委", "省财政厅、新成立的局",
                  None, "2026年底前", None, "推进中", 0.2, "已启动", None, None, None])
    sheet.append(["2", None, "说不清条目的任务", "省财政厅"])
    workbook.save(path)
    change_set = excel.compare_import(db, plan_id, [path], today=TODAY)
    [new] = change_set.new_tasks
    assert new.item_number == 4 and new.task.code == ""
    assert (new.task.lead_unit, new.task.support_units) == ("省发展改革委", ("省财政厅", "新成立的局"))
    assert (new.task.status, new.task.percent, new.task.deadline_phrase) == (Status.IN_PROGRESS, 20, "2026年底前")
    assert change_set.unknown_units == ("新成立的局",)
    [error] = change_set.errors
    assert (error.file, error.sheet, error.row, error.column) == ("新任务.xlsx", "任务台账", HEADER_ROW + 2, "B")
    with pytest.raises(UserError, match="1 处错误"):
        excel.apply_import(db, plan_id, change_set)


def test_an_unknown_unit_mapped_by_the_user_is_remembered(plan, tmp_path):
    db, plan_id = plan
    path = exported(db, plan_id, tmp_path / "台账.xlsx")
    task = tasks.list_tasks(db, plan_id)[0]
    edit(path, path, {task.uid: {"D": "发改"}})
    change_set = excel.compare_import(db, plan_id, [path], today=TODAY)
    assert change_set.unknown_units == ("发改",)
    with pytest.raises(UserError, match="不在单位目录中"):
        excel.apply_import(db, plan_id, change_set, {"发改": "不存在的委"})
    result = excel.apply_import(db, plan_id, change_set, {"发改": "省发展改革委"})
    assert result.remembered_aliases == {"发改": "省发展改革委"} and result.created_units == ()
    assert tasks.list_tasks(db, plan_id)[0].lead_unit == "省发展改革委"
    assert units.alias_names(db)["发改"] == "省发展改革委"
    edit(path, path, {task.uid: {"D": "发改", "M": "再次导入"}})
    assert excel.compare_import(db, plan_id, [path], today=TODAY).unknown_units == ()


def test_deadline_and_date_columns_the_changed_one_wins_both_changed_must_agree(plan, tmp_path):
    db, plan_id = plan
    path = exported(db, plan_id, tmp_path / "台账.xlsx")
    a, b, c = [t for t in tasks.list_tasks(db, plan_id) if t.deadline_date][:3]
    edit(path, path, {a.uid: {"H": dt.datetime(2031, 3, 31)},
                      b.uid: {"G": "2031年底前", "H": dt.datetime(2031, 12, 31)},
                      c.uid: {"G": "2031年底前", "H": dt.datetime(2031, 6, 30)}})
    change_set = excel.compare_import(db, plan_id, [path], today=TODAY)
    assert {u.task_id: u.new for u in change_set.updates} == {
        a.id: Deadline("2031年3月31日前", dt.date(2031, 3, 31)),
        b.id: Deadline("2031年底前", dt.date(2031, 12, 31))}
    [error] = change_set.errors
    assert error.column == "H" and "不一致" in error.message


def test_a_file_of_another_plan_is_refused(plan, tmp_path):
    db, plan_id = plan
    other = next(p.id for p in plans.list_plans(db) if p.id != plan_id)
    path = exported(db, plan_id, tmp_path / "台账.xlsx")
    change_set = excel.compare_import(db, other, [path], today=TODAY)
    assert [(e.sheet, e.row, e.column) for e in change_set.errors] == [("台账信息", 1, "B")]


def test_apply_is_one_transaction_and_refuses_when_the_task_changed_after_the_preview(plan, tmp_path):
    db, plan_id = plan
    path = exported(db, plan_id, tmp_path / "台账.xlsx")
    first, second = tasks.list_tasks(db, plan_id)[:2]
    edit(path, path, {first.uid: {"M": "一"}, second.uid: {"M": "二"}})
    change_set = excel.compare_import(db, plan_id, [path], today=TODAY)
    task_edits.update_field(db, second.id, "note", "预览后在窗口里改了")
    before = list(db.conn.iterdump())
    with pytest.raises(UserError, match="预览之后已被修改"):
        excel.apply_import(db, plan_id, change_set)
    assert list(db.conn.iterdump()) == before


def test_each_export_is_remembered_with_what_it_wrote(plan, tmp_path):
    db, plan_id = plan
    exported(db, plan_id, tmp_path / "台账.xlsx")
    plan_uid = plans.get_plan(db, plan_id).uid
    snapshot = exports.load_snapshot(db, plan_uid, NOW.isoformat())
    task = tasks.list_tasks(db, plan_id)[0]
    assert snapshot[task.uid]["content"] == task.content
    assert snapshot[task.uid]["status"] == task.status.value


def test_export_by_unit_writes_one_file_per_lead_unit_with_only_its_tasks(plan, tmp_path):
    db, plan_id = plan
    calls = []
    result = excel.export_by_unit(db, plan_id, tmp_path / "分发", now=NOW,
                                  progress=lambda done, total: calls.append((done, total)))
    assert calls[-1] == (result.task_count, result.task_count)
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)  # it only moves forward
    leads = {t.lead_unit for t in tasks.list_tasks(db, plan_id)}
    assert {p.stem for p in result.paths} == leads
    finance = load_workbook(tmp_path / "分发" / "省财政厅.xlsx")["任务台账"]
    units_in_file = {finance[f"D{r}"].value for r in range(HEADER_ROW + 1, finance.max_row + 1)}
    assert units_in_file == {"省财政厅"}
    assert finance.max_row - HEADER_ROW == sum(1 for t in tasks.list_tasks(db, plan_id) if t.lead_unit == "省财政厅")
    assert finance["A1"].value.startswith(plans.get_plan(db, plan_id).name + "（省财政厅）")
    returned = excel.compare_import(db, plan_id, list(result.paths), today=TODAY)
    assert returned.is_empty and returned.errors == ()


def test_export_what_the_table_shows_keeps_its_order(plan, tmp_path):
    db, plan_id = plan
    chosen = [t.id for t in tasks.list_tasks(db, plan_id)][5:1:-1]
    path = exported(db, plan_id, tmp_path / "筛选.xlsx", task_ids=chosen)
    sheet = load_workbook(path)["任务台账"]
    codes = {t.id: t.code for t in tasks.list_tasks(db, plan_id)}
    assert [sheet[f"A{r}"].value for r in range(HEADER_ROW + 1, sheet.max_row + 1)] == [codes[i] for i in chosen]


def test_an_export_path_must_end_in_xlsx(plan, tmp_path):
    db, plan_id = plan
    with pytest.raises(UserError, match=r"\.xlsx"):
        excel.export_xlsx(db, plan_id, tmp_path / "台账.xls")


def test_one_task_twice_in_a_file_by_its_code_is_an_error(plan, tmp_path):
    db, plan_id = plan
    task = tasks.list_tasks(db, plan_id)[0]
    path = tmp_path / "重复.xlsx"
    workbook = load_workbook(exported(db, plan_id, tmp_path / "台账.xlsx"))
    sheet = workbook["任务台账"]
    sheet.delete_rows(HEADER_ROW + 1, sheet.max_row)
    sheet.append([task.code, None, task.content, None, None, None, None, None, None, None, "第一次"])
    sheet.append([task.code, None, task.content, None, None, None, None, None, None, None, "第二次"])
    workbook.save(path)
    change_set = excel.compare_import(db, plan_id, [path], today=TODAY)
    assert [(e.row, e.column) for e in change_set.errors] == [(HEADER_ROW + 2, "A")]
    assert f"与第 {HEADER_ROW + 1} 行是同一项任务" in change_set.errors[0].message


def test_an_applied_import_is_taken_back_in_one_step(plan, tmp_path):
    db, plan_id = plan
    path = exported(db, plan_id, tmp_path / "台账.xlsx")
    a, b, c = tasks.list_tasks(db, plan_id)[:3]
    edit(path, path, {a.uid: {"I": "已暂停", "D": "发改"}, b.uid: {"E": "省财政厅、新设的中心", "K": "新进展"},
                      c.uid: {"G": "持续推进"}})
    workbook = load_workbook(path)
    workbook["任务台账"].append([None, "（四）", "导入新增的任务", "另一个新单位"])
    workbook.save(path)

    def state():
        return (tasks.list_tasks(db, plan_id), [progress.history(db, t.id) for t in tasks.list_tasks(db, plan_id)],
                units.list_units(db), units.alias_names(db))

    before = state()
    change_set = excel.compare_import(db, plan_id, [path], today=TODAY)
    assert change_set.errors == () and len(change_set.new_tasks) == 1
    result = excel.apply_import(db, plan_id, change_set, {"发改": "省发展改革委"})
    assert set(result.created_units) == {"新设的中心", "另一个新单位"}
    assert state() != before
    excel.undo_import(db, plan_id, result)
    after = state()
    for old, new in zip(before, after, strict=True):
        assert new == old


def test_undo_is_refused_when_a_field_was_edited_after_the_import(plan, tmp_path):
    db, plan_id = plan
    path = exported(db, plan_id, tmp_path / "台账.xlsx")
    task = tasks.list_tasks(db, plan_id)[0]
    edit(path, path, {task.uid: {"M": "导入的备注"}})
    result = excel.apply_import(db, plan_id, excel.compare_import(db, plan_id, [path], today=TODAY))
    task_edits.update_field(db, task.id, "note", "之后手工改的备注")
    before = list(db.conn.iterdump())
    with pytest.raises(UserError, match="已被修改"):
        excel.undo_import(db, plan_id, result)
    assert list(db.conn.iterdump()) == before
