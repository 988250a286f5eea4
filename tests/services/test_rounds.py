"""报送轮次 through the services: who is asked, what counts as sent and returned, states and the 催报 list."""

import datetime as dt
import shutil

import pytest
from openpyxl import load_workbook

from planner.domain.model import Status
from planner.errors import UserError
from planner.exchange.ledger_layout import HEADER_ROW
from planner.services import demo, excel, rounds, task_edits, tasks
from planner.storage import units

TODAY = dt.date(2026, 11, 20)
DUE = dt.date(2026, 11, 30)


@pytest.fixture
def plan(workspace_db, demo_data):
    return workspace_db, demo.create_demo_plan(workspace_db, demo_data, today=TODAY)


def _table(db):
    return [tuple(row.values()) for table in ("rounds", "round_units", "round_returns")
            for row in db.query(f"SELECT * FROM {table}")]


def _import(db, plan_id, *paths):
    files = excel.read_files(paths)
    return excel.apply_import(db, plan_id, excel.compare_import(db, plan_id, files), files=files)


def _fill_progress(path, text, row=HEADER_ROW + 1):
    workbook = load_workbook(path)
    sheet = workbook["任务台账"]
    header = [cell.value for cell in sheet[HEADER_ROW]]
    sheet.cell(row, header.index("最新进展") + 1).value = text
    workbook.save(path)


def test_by_default_every_lead_unit_with_open_tasks_is_asked(plan):
    db, plan_id = plan
    open_leads = {t.lead_unit for t in tasks.list_tasks(db, plan_id) if t.lead_unit and t.status is not Status.DONE}
    for task in tasks.list_tasks(db, plan_id):
        if task.lead_unit == "省财政厅":
            task_edits.update_field(db, task.id, "status", Status.DONE)
    started = rounds.start_round(db, plan_id, name="2026年11月进展报送", due=DUE)
    status = rounds.round_status(db, started.round_id, today=TODAY)
    assert {r.unit for r in status.replies} == open_leads - {"省财政厅"}
    assert [r.unit for r in status.replies] == [u.name for u in units.list_units(db) if u.name in open_leads
                                                and u.name != "省财政厅"]


def test_named_units_and_aliases_are_asked_once_and_unknown_ones_refused(plan):
    db, plan_id = plan
    units.add_aliases(db, {"省发改委": "省发展改革委"})
    before = _table(db)
    with pytest.raises(UserError, match="单位目录中没有：省不存在厅"):
        rounds.start_round(db, plan_id, name="十一月", due=DUE, unit_names=["省财政厅", "省不存在厅"])
    with pytest.raises(UserError, match="名称不能为空"):
        rounds.start_round(db, plan_id, name="  ", due=DUE, unit_names=["省财政厅"])
    assert _table(db) == before
    started = rounds.start_round(db, plan_id, name="十一月", due=DUE,
                                 unit_names=["省发改委", "省财政厅", "省发展改革委"])
    assert [r.unit for r in rounds.round_status(db, started.round_id, today=TODAY).replies] == [
        "省发展改革委", "省财政厅"]


def test_a_new_round_ends_the_open_one_and_both_are_kept(plan):
    db, plan_id = plan
    first = rounds.start_round(db, plan_id, name="十月", due=dt.date(2026, 10, 31), unit_names=["省财政厅"])
    second = rounds.start_round(db, plan_id, name="十一月", due=DUE, unit_names=["省教育厅"])
    assert second.closed_previous == "十月"
    listed = rounds.list_rounds(db, plan_id)
    assert [(r.id, r.is_open) for r in listed] == [(second.round_id, True), (first.round_id, False)]


def test_exporting_by_unit_records_the_files_sent_to_units_asked(plan, tmp_path):
    db, plan_id = plan
    leads = {t.lead_unit for t in tasks.list_tasks(db, plan_id)}
    idle = next(u.name for u in units.list_units(db) if u.name not in leads)
    started = rounds.start_round(db, plan_id, name="十一月", due=DUE, unit_names=["省财政厅", "省教育厅", idle])
    excel.export_by_unit(db, plan_id, tmp_path, now=dt.datetime(2026, 11, 21, 9, 30))
    replies = {r.unit: r for r in rounds.round_status(db, started.round_id, today=TODAY).replies}
    assert (replies["省财政厅"].sent_on, replies["省财政厅"].sent_file) == (dt.date(2026, 11, 21), "省财政厅.xlsx")
    assert (tmp_path / "省财政厅.xlsx").exists()
    assert not (tmp_path / f"{idle}.xlsx").exists() and replies[idle].sent_on is None  # no task, no file


def test_returns_count_with_and_without_changes_and_states_follow_the_reply_by_date(plan, tmp_path):
    db, plan_id = plan
    started = rounds.start_round(db, plan_id, name="2026年11月进展报送", due=DUE,
                                 unit_names=["省财政厅", "省教育厅", "省科技厅"])
    excel.export_by_unit(db, plan_id, tmp_path)
    _fill_progress(tmp_path / "省财政厅.xlsx", "已下达第一批资金")
    changed = _import(db, plan_id, tmp_path / "省财政厅.xlsx")
    unchanged = _import(db, plan_id, tmp_path / "省教育厅.xlsx")
    assert changed.round_notes == ("已记为省财政厅在“2026年11月进展报送”中的报送（省财政厅.xlsx，变更 1 行）。",)
    assert unchanged.round_notes == ("已记为省教育厅在“2026年11月进展报送”中的报送（省教育厅.xlsx，变更 0 行）。",)
    assert unchanged.backup is None  # nothing was written but the reply: no backup needed

    on_time = rounds.round_status(db, started.round_id, today=DUE)
    assert [(r.unit, on_time.state(r).value, r.rows_changed) for r in on_time.replies] == [
        ("省财政厅", "已报送", 1), ("省教育厅", "已报送", 0), ("省科技厅", "未报送", None)]
    late = rounds.round_status(db, started.round_id, today=DUE + dt.timedelta(days=3))
    assert [late.state(r).value for r in late.replies] == ["已报送", "已报送", "逾期未报"]
    assert late.reminder_lines() == ["省科技厅：2026年11月进展报送，报送期限2026年11月30日，已逾期3天，尚未报送"]
    units_json = late.as_json()["units"]
    assert units_json[1] | {"returned": None} == {
        "unit": "省教育厅", "state": "已报送", "sent": dt.date.today().isoformat(), "sent_file": "省教育厅.xlsx",
        "returned": None, "file": "省教育厅.xlsx", "rows_changed": 0, "returns": 1}
    assert units_json[2]["state"] == "逾期未报" and units_json[2]["returned"] is None
    rate = rounds.open_round_reply_rate(db, plan_id, today=DUE + dt.timedelta(days=3))
    assert (rate.asked, rate.returned, rate.late, round(rate.rate, 3)) == (3, 2, 1, 0.667)


def test_a_file_is_counted_by_its_rows_lead_unit_when_renamed(plan, tmp_path):
    db, plan_id = plan
    started = rounds.start_round(db, plan_id, name="十一月", due=DUE, unit_names=["省财政厅", "省教育厅"])
    excel.export_by_unit(db, plan_id, tmp_path)
    renamed = tmp_path / "财政厅反馈(1).xlsx"
    shutil.copy(tmp_path / "省财政厅.xlsx", renamed)
    assert _import(db, plan_id, renamed).round_notes[0].startswith("已记为省财政厅")
    mislabelled = tmp_path / "返回" / "省教育厅.xlsx"
    mislabelled.parent.mkdir()
    shutil.copy(tmp_path / "省财政厅.xlsx", mislabelled)
    (note,) = _import(db, plan_id, mislabelled).round_notes
    assert note == ("“省教育厅.xlsx”的文件名是省教育厅，但任务的牵头单位都是省财政厅，无法确定是哪个单位的报送，"
                    "未计入报送轮次“十一月”。")
    (outside,) = _import(db, plan_id, tmp_path / "省科技厅.xlsx").round_notes
    assert "省科技厅不在本轮报送单位中" in outside
    replies = rounds.round_status(db, started.round_id, today=TODAY).replies
    assert [(r.unit, r.returns) for r in replies] == [("省财政厅", 1), ("省教育厅", 0)]


def test_a_whole_plan_file_is_not_taken_as_any_units_return(plan, tmp_path):
    db, plan_id = plan
    started = rounds.start_round(db, plan_id, name="十一月", due=DUE, unit_names=["省财政厅"])
    excel.export_xlsx(db, plan_id, tmp_path / "全部任务.xlsx")
    (note,) = _import(db, plan_id, tmp_path / "全部任务.xlsx").round_notes
    assert "有多个牵头单位" in note
    assert rounds.round_status(db, started.round_id, today=TODAY).returned_count == 0


def test_without_an_open_round_imports_and_exports_record_nothing(plan, tmp_path):
    db, plan_id = plan
    started = rounds.start_round(db, plan_id, name="十月", due=DUE, unit_names=["省财政厅"])
    rounds.close_round(db, started.round_id)
    excel.export_by_unit(db, plan_id, tmp_path)
    assert _import(db, plan_id, tmp_path / "省财政厅.xlsx").round_notes == ()
    (reply,) = rounds.round_status(db, started.round_id, today=TODAY).replies
    assert (reply.sent_on, reply.returns) == (None, 0)
    assert rounds.open_round_reply_rate(db, plan_id, today=TODAY) is None


def test_a_failed_import_counts_no_return(plan, tmp_path, monkeypatch):
    db, plan_id = plan
    started = rounds.start_round(db, plan_id, name="十一月", due=DUE, unit_names=["省财政厅"])
    excel.export_by_unit(db, plan_id, tmp_path)
    _fill_progress(tmp_path / "省财政厅.xlsx", "已下达第一批资金")
    files = excel.read_files([tmp_path / "省财政厅.xlsx"])
    change_set = excel.compare_import(db, plan_id, files)

    def refuse(*args, **kwargs):
        raise UserError("模拟：写入被拒绝")

    monkeypatch.setattr("planner.services.excel.apply_change_set", refuse)
    with pytest.raises(UserError):
        excel.apply_import(db, plan_id, change_set, files=files)
    assert rounds.round_status(db, started.round_id, today=TODAY).replies[0].returns == 0


def test_an_unknown_round_is_a_user_error(plan):
    db, _ = plan
    with pytest.raises(UserError, match="没有编号为 99 的报送轮次"):
        rounds.round_status(db, 99, today=TODAY)


def test_undoing_and_redoing_an_import_counts_the_return_once(plan, tmp_path):
    db, plan_id = plan
    started = rounds.start_round(db, plan_id, name="十一月", due=DUE, unit_names=["省财政厅"])
    excel.export_by_unit(db, plan_id, tmp_path)
    _fill_progress(tmp_path / "省财政厅.xlsx", "已下达第一批资金")
    files = excel.read_files([tmp_path / "省财政厅.xlsx"])
    change_set = excel.compare_import(db, plan_id, files)
    result = excel.apply_import(db, plan_id, change_set, files=files)
    excel.undo_import(db, plan_id, result)
    again = excel.apply_import(db, plan_id, change_set)  # what the window's redo does
    assert again.round_notes == ()
    (reply,) = rounds.round_status(db, started.round_id, today=TODAY).replies
    assert (reply.returns, reply.rows_changed) == (1, 1)
