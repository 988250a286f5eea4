"""The example returns of tests/fixtures/returns (README there): each gives its stated result.

Each test imports into a copy of the base database, asserts what the database holds
afterwards, and imports the same file again to see that nothing changes the second time.
"""

import datetime as dt
import shutil
import sqlite3

import pytest

from planner.domain.model import ProgressEntry, Status
from planner.services import excel, progress
from planner.storage import database, tasks
from tests.conftest import ROOT

CASES = ROOT / "tests" / "fixtures" / "returns"
PLAN = 2  # the demo plan in both base databases
TODAY = dt.date(2026, 11, 30)  # "the import day"
FINANCE = ("17.2", "20.1", "20.2", "24.1", "24.2", "24.3")  # 省财政厅 leads these


@pytest.fixture
def base(tmp_path):
    db = open_copy(tmp_path, "base.db")
    yield db
    db.close()


def open_copy(tmp_path, name):
    target = tmp_path / "work.db"
    with sqlite3.connect(CASES / name) as original, sqlite3.connect(target) as copy:
        original.backup(copy)
    return database.open_database(target)


def case(tmp_path, name):
    """A copy of the case file (the fixtures are never touched)."""
    target = tmp_path / name
    shutil.copyfile(CASES / name, target)
    return target


def by_code(db) -> dict:
    return {task.code: task for task in tasks.list_tasks(db, PLAN)}


def snapshot(db) -> dict:
    """Every task and progress entry as plain rows: equal snapshots mean nothing changed."""
    rows = [tuple(row.values()) for row in db.query("SELECT * FROM tasks ORDER BY id")]
    rows += [tuple(row.values()) for row in db.query("SELECT * FROM progress_entries ORDER BY id")]
    rows += [tuple(row.values()) for row in db.query("SELECT * FROM task_support_units ORDER BY task_id, unit_id")]
    rows += [tuple(row.values()) for row in db.query("SELECT id, name FROM units ORDER BY id")]
    return rows


def import_file(db, path, **kwargs):
    change_set = excel.compare_import(db, PLAN, [path], today=TODAY)
    assert change_set.errors == ()
    result = excel.apply_import(db, PLAN, change_set, **kwargs)
    return change_set, result


def assert_second_import_changes_nothing(db, path):
    again = excel.compare_import(db, PLAN, [path], today=TODAY)
    assert again.errors == () and again.conflicts == ()
    assert (again.new_tasks, again.updates, again.progress) == ((), (), ())


def test_04c3_renumbered_rows_without_uid_are_matched_by_identical_content(base, tmp_path):
    path = case(tmp_path, "04c3_uid_deleted_renumbered.xlsx")
    before = by_code(base)
    change_set, _ = import_file(base, path)
    assert change_set.new_tasks == () and change_set.conflicts == ()
    assert [(u.code, u.field, u.old, u.new) for u in change_set.updates] == [("24.2", "percent", 75, 90)]
    after = by_code(base)
    assert len(after) == len(before) == 98  # no duplicate task, codes as they were
    assert after["24.2"].percent == 90
    assert {code: task for code, task in after.items() if code != "24.2"} == {
        code: task for code, task in before.items() if code != "24.2"}
    assert_second_import_changes_nothing(base, path)


def test_04c4_own_numbering_never_overwrites_the_tasks_that_have_those_codes(base, tmp_path):
    path = case(tmp_path, "04c4_uid_deleted_own_numbering_1.x.xlsx")
    before = snapshot(base)
    change_set = excel.compare_import(base, PLAN, [path], today=TODAY)
    assert change_set.errors == () and change_set.conflicts == ()
    assert change_set.is_empty and change_set.rows_ok == 6
    excel.apply_import(base, PLAN, change_set)
    assert snapshot(base) == before
    assert by_code(base)["1.1"].lead_unit == "省委宣传部"


def test_13m5_a_sub_header_row_is_read_and_never_wipes_cooperating_units(base, tmp_path):
    path = case(tmp_path, "13m5_short_subheaders_wipe_support.xlsx")
    supports = {code: by_code(base)[code].support_units for code in FINANCE}
    change_set, result = import_file(base, path)
    assert change_set.updates == () and change_set.new_tasks == ()
    assert [(p.code, p.entry.date, p.entry.text) for p in change_set.progress] == [
        ("17.2", TODAY, "11月新进展：验收评估报告已报送")]
    assert {code: by_code(base)[code].support_units for code in FINANCE} == supports
    assert progress.history(base, by_code(base)["17.2"].id)[0].text == "11月新进展：验收评估报告已报送"
    assert_second_import_changes_nothing(base, path)


def test_21_numbers_typed_in_date_columns_are_read_as_month_day_and_year_month(base, tmp_path):
    path = case(tmp_path, "21_number_typed_in_date_columns.xlsx")
    import_file(base, path)
    tasks_now = by_code(base)
    assert progress.history(base, tasks_now["17.2"].id)[0].date == dt.date(2026, 11, 28)
    assert progress.history(base, tasks_now["17.2"].id)[0].text == "12月已完成年度评估"
    assert tasks_now["20.1"].deadline_date == dt.date(2027, 6, 30)
    old_dates = list(base.query("SELECT deadline_date AS day FROM tasks WHERE deadline_date < '2000' UNION ALL "
                                "SELECT entry_date FROM progress_entries WHERE entry_date < '2000'"))
    assert old_dates == []
    assert_second_import_changes_nothing(base, path)


def test_02a_progress_and_status_once_and_a_newer_note_makes_the_old_percent_a_conflict(base, tmp_path):
    path = case(tmp_path, "02a_progress_status.xlsx")
    change_set, result = import_file(base, path)
    assert sorted((u.code, u.field, u.new) for u in change_set.updates) == [
        ("20.1", "percent", 50), ("20.1", "status", Status.IN_PROGRESS), ("20.2", "percent", 100),
        ("20.2", "status", Status.DONE), ("24.1", "percent", 10), ("24.1", "status", Status.IN_PROGRESS)]
    assert [(p.code, p.entry.date) for p in change_set.progress] == [
        ("20.1", dt.date(2026, 11, 28)), ("20.2", TODAY), ("24.1", TODAY)]
    assert "11月已正式启动，召开部署会" in progress.history(base, by_code(base)["24.1"].id)[0].text
    assert_second_import_changes_nothing(base, path)
    # The office enters a newer note for 20.1; the same file again adds no old note back.
    task = by_code(base)["20.1"]
    progress.add_progress(base, task.id, ProgressEntry(date=TODAY, text="12月进展：方案已报审", percent=60))
    again = excel.compare_import(base, PLAN, [path], today=TODAY)
    assert again.progress == () and again.updates == () and again.new_tasks == ()
    assert [(c.code, c.field, c.current, c.proposed) for c in again.conflicts] == [("20.1", "percent", 60, (50,))]


def test_05d_a_new_row_becomes_one_task_and_is_not_added_twice(base, tmp_path):
    path = case(tmp_path, "05d_new_row.xlsx")
    count = len(by_code(base))
    change_set, result = import_file(base, path)
    assert len(result.new_task_ids) == 1 and change_set.updates == () and change_set.progress == ()
    new = by_code(base)["24.4"]
    assert new.content == "研究建立省内粮食主产区与主销区利益补偿机制"
    assert (new.lead_unit, new.support_units) == ("省财政厅", ("省粮食和储备局", "省农业农村厅"))
    assert (new.deadline_phrase, new.deadline_date) == ("2027年6月底前", dt.date(2027, 6, 30))
    assert (new.status, new.percent) == (Status.NOT_STARTED, 0)
    assert new.item_id == by_code(base)["24.1"].item_id
    assert any("对应条目" in w.message for w in change_set.warnings)  # the label differs from the heading
    assert len(by_code(base)) == count + 1
    assert_second_import_changes_nothing(base, path)


def test_12l_cells_merged_over_three_tasks_are_named_per_range_and_not_copied(base, tmp_path):
    path = case(tmp_path, "12l_merged_progress_rows.xlsx")
    before = snapshot(base)
    change_set = excel.compare_import(base, PLAN, [path], today=TODAY)
    named = [w.message for w in change_set.warnings]
    assert any("I5:I7" in m and "3 项任务" in m for m in named)
    assert any("K5:K7" in m and "3 项任务" in m for m in named)
    assert change_set.is_empty and change_set.errors == ()
    excel.apply_import(base, PLAN, change_set)
    assert snapshot(base) == before


def test_01_an_excel_97_2003_resave_reads_like_the_xlsx(base, tmp_path):
    path = case(tmp_path, "01_lo_resave.xls")
    change_set = excel.compare_import(base, PLAN, [path], today=TODAY)
    assert change_set.errors == () and change_set.conflicts == () and change_set.warnings == ()
    assert change_set.is_empty and change_set.rows_ok == 98


def test_08g_free_status_words_are_read_through_the_words_table(base, tmp_path):
    path = case(tmp_path, "08g_status_free_text.xlsx")
    change_set, _ = import_file(base, path)
    assert sorted((u.code, u.field, u.new.value) for u in change_set.updates) == sorted([
        ("1.2", "status", "已完成"), ("2.1", "status", "已完成"), ("3.2", "status", "未启动"),
        ("4.1", "status", "已滞后"), ("4.3", "status", "已完成"), ("12.1", "status", "推进中"),
        ("15.2", "status", "推进中")])
    assert change_set.progress == () and change_set.new_tasks == ()
    assert (by_code(base)["10.3"].status, by_code(base)["10.3"].percent) == (Status.IN_PROGRESS, 80)
    assert_second_import_changes_nothing(base, path)


def test_x4_zh_cn_builtin_date_format_31_is_a_date_in_every_date_column(tmp_path, request):
    db = open_copy(tmp_path, "fieldbase.db")
    request.addfinalizer(db.close)
    path = case(tmp_path, "x4_zhcn_builtin_datefmt31.xlsx")
    change_set, _ = import_file(db, path)
    task = by_code(db)["1.2"]
    assert (task.status, task.percent) == (Status.IN_PROGRESS, 80)
    assert (task.deadline_phrase, task.deadline_date) == ("2026-12-31", dt.date(2026, 12, 31))
    assert [(p.code, p.entry.date, p.entry.text) for p in change_set.progress] == [
        ("1.2", dt.date(2026, 11, 28), "已完成初稿，正在征求意见")]
    assert sorted(u.field for u in change_set.updates) == ["deadline", "percent", "status"]
    assert_second_import_changes_nothing(db, path)


def test_a_return_that_changes_nothing_still_counts_as_received(base, tmp_path):
    from planner.storage import ledger_returns

    path = case(tmp_path, "04c4_uid_deleted_own_numbering_1.x.xlsx")
    change_set = excel.compare_import(base, PLAN, [path], today=TODAY)
    assert change_set.is_empty
    result = excel.apply_import(base, PLAN, change_set)
    received = ledger_returns.list_returns(base, PLAN)
    assert [(r.file_name, r.unit, r.exported_at[:16], r.changed_fields) for r in received] == [
        ("04c4_uid_deleted_own_numbering_1.x.xlsx", "省财政厅", "2026-11-30T13:46", 0)]
    excel.undo_import(base, PLAN, result)
    assert ledger_returns.list_returns(base, PLAN) == []
