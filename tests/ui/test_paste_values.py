"""Ctrl+V of one value onto a task's cell sets that cell, as in Excel/WPS; it never becomes a task
(trial 5: a unit name pasted onto 牵头单位 created a task named after the unit)."""

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from planner.domain.model import Status
from planner.ui.task_table_model import Column

from .message_box import MessageBoxAnswers
from .test_task_editing import live_ids, stored


def paste(window, qtbot, column: Column, text: str) -> int:
    """Paste ``text`` onto row 0's ``column``; the row's task id."""
    task_id = window.task_model.row(0).task.id
    window.task_view.setCurrentIndex(window.task_model.index(0, column))
    QApplication.clipboard().setText(text)
    qtbot.keyClick(window.task_view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    return task_id


@pytest.mark.parametrize(("column", "text", "field", "expected"), [
    (Column.LEAD, "省财政厅", "lead_unit", "省财政厅"),
    (Column.SUPPORT, "省教育厅、省科技厅\n", "support_units", ("省教育厅", "省科技厅")),
    (Column.LEADER, " 王明（副省长） ", "leader", "王明（副省长）"),
    (Column.DEADLINE, "2027年6月底前", "deadline_date", dt.date(2027, 6, 30)),
    (Column.CONTENT, "编制示范区建设方案", "content", "编制示范区建设方案"),
])
def test_one_value_pasted_onto_a_cell_sets_that_field_as_one_undo_step(window, qtbot, column, text, field, expected):
    tasks_before, steps = live_ids(window), window.undo_stack.count()
    before = stored(window, window.task_model.row(0).task.id)
    task_id = paste(window, qtbot, column, text)
    assert getattr(stored(window, task_id), field) == expected
    assert live_ids(window) == tasks_before and window.undo_stack.count() == steps + 1
    assert window.errors == []
    window.undo_action.trigger()
    assert stored(window, task_id) == before


def test_a_status_pasted_is_checked_and_已完成_brings_100(window, qtbot):
    task_id = paste(window, qtbot, Column.STATUS, "进行中吧")
    assert window.errors == ["“进行中吧”不是有效的状态，可选：" + "、".join(s.value for s in Status) + "。"]
    window.errors.clear()
    paste(window, qtbot, Column.STATUS, "已完成")
    assert (stored(window, task_id).status, stored(window, task_id).percent) == (Status.DONE, 100)


def test_an_unknown_unit_pasted_is_asked_about_first(window, qtbot):
    answers = MessageBoxAnswers("取消")
    task_id = window.task_model.row(0).task.id
    before = stored(window, task_id)
    paste(window, qtbot, Column.LEAD, "省财正厅")
    assert answers.seen and answers.seen[0]["text"] == "单位“省财正厅”不在单位目录中。"
    assert stored(window, task_id) == before


@pytest.mark.parametrize("column", [Column.CODE, Column.LATEST, Column.LIGHT])
def test_one_value_onto_a_cell_nobody_types_in_is_refused_not_made_a_task(window, qtbot, column):
    tasks_before, steps = live_ids(window), window.undo_stack.count()
    task_id = window.task_model.row(0).task.id
    before = stored(window, task_id)
    paste(window, qtbot, column, "编制示范区建设方案")
    header = window.task_model.headerData(column, Qt.Orientation.Horizontal)
    assert window.errors == [f"“{header}”列不能粘贴修改；未作修改。要把复制的内容新建为任务，请用“编辑 → 粘贴为新任务”。"]
    assert live_ids(window) == tasks_before and window.undo_stack.count() == steps
    assert stored(window, task_id) == before
