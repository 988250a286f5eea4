"""Blank cells of a returned 台账 never empty a field (services.ledger_blank_cells)."""

import datetime as dt

import pytest

from planner.domain.deadlines import Deadline
from planner.exchange.xlsx_import import LedgerRecord
from planner.services.ledger_blank_cells import changes_nothing, is_blank, unfilled_columns


@pytest.mark.parametrize(("value", "blank"), [
    ("", True), (None, True), ((), True), (Deadline("", None), True),
    ("x", False), (("省财政厅",), False), (0, False), (Deadline("持续推进", None), False),
    (Deadline("", dt.date(2027, 6, 30)), False),
])
def test_a_cell_is_blank_when_it_holds_no_text_no_unit_and_no_day(value, blank):
    assert is_blank(value) is blank


def test_a_plan_column_blank_on_every_row_is_unfilled_and_a_fill_in_column_never_is():
    rows = [LedgerRecord("回执.xlsx", "任务台账", row, values, {})
            for row, values in ((4, {"leader": "", "lead": "省财政厅", "note": ""}),
                                (5, {"leader": None, "lead": "", "note": ""}))]
    assert unfilled_columns(rows) == {"content", "support", "leader", "deadline", "due"}  # absent ones too


def test_a_blank_note_changes_nothing_a_blank_plan_cell_is_asked_about():
    assert changes_nothing("note", "") and not changes_nothing("note", "需说明")
    assert not changes_nothing("leader", "")  # listed as a conflict instead (ledger_compare)
