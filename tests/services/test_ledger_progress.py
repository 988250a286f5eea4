"""A returned row's progress note and 已完成 below 100 % (services.ledger_progress)."""

import datetime as dt

from planner.domain.model import ProgressEntry, Status, Task
from planner.exchange.xlsx_import import LedgerRecord
from planner.services.ledger_progress import done_below_full_notice, is_new_note, note_entry

TODAY = dt.date(2026, 12, 2)
LATEST = ProgressEntry(date=dt.date(2026, 11, 1), text="已完成调研")
TASK = Task(id=1, uid="u", plan_id=2, item_id=1, code="1.2", content="任务", status=Status.IN_PROGRESS, percent=60)


def row(**values) -> LedgerRecord:
    return LedgerRecord("回执.xlsx", "任务台账", 5, values, {"status": "I", "percent": "J", "progress": "K"})


def test_a_note_is_new_unless_the_app_has_it_already():
    assert is_new_note("已召开推进会", base_text="已完成调研", current_text="已完成调研", history={"已完成调研"})
    assert not is_new_note("已完成调研", base_text="", current_text="", history={"已完成调研"})  # an older entry
    assert not is_new_note("", base_text="", current_text="", history=set())


def test_a_new_note_is_of_its_own_day_unless_the_column_still_shows_the_exported_one():
    base = {"progress_date": "2026-11-01"}
    dated = note_entry(row(progress_date=dt.date(2026, 11, 28)), {"progress_date": dt.date(2026, 11, 28)},
                       text="已召开推进会", base=base, latest=LATEST, today=TODAY)
    stale = note_entry(row(), {"progress_date": dt.date(2026, 11, 1)}, text="已召开推进会", base=base, latest=LATEST,
                       today=TODAY)
    undated = note_entry(row(), {}, text="已召开推进会", base=None, latest=None, today=TODAY)
    assert (dated.date, stale.date, undated.date) == (dt.date(2026, 11, 28), TODAY, TODAY)
    assert dated.source == "导入：回执.xlsx"


def test_done_below_full_is_told_where_the_figure_is():
    both = done_below_full_notice(row(status=Status.DONE, percent=80), TASK)
    status_only = done_below_full_notice(row(status=Status.DONE), TASK)
    assert both.line() == ("“回执.xlsx”，工作表“任务台账”，第 5 行 J 列：状态为“已完成”，进度却为 80%：按文件原样导入，"
                           "进度未改为 100%，请核实")
    assert (status_only.column, "任务仍为该进度" in status_only.message) == ("I", True)
    assert done_below_full_notice(row(status=Status.DONE, percent=100), TASK) is None
    assert done_below_full_notice(row(progress="进展"), TASK) is None  # neither column in the row
