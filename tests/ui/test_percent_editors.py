"""Every percent editor (the 进度 cell, a paste onto it, the 添加进展 dialog) keeps what is typed whole:
a value outside 0–100 is refused with its reason, never cut to fit (trial 2026-11-30, issue 11)."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QDialog, QDialogButtonBox, QToolTip

from planner.ui.dialogs.progress_dialog import ProgressDialog
from planner.ui.task_table_model import Column

from .conftest import TODAY
from .test_task_editing import live_ids, open_editor, stored


def editing(window) -> bool:
    return window.task_view.state() == QAbstractItemView.State.EditingState


def type_keys(qtbot, editor, keys: str) -> None:
    """Replace the editor's text by real keystrokes, as fast as QTest types them."""
    editor.selectAll()
    qtbot.keyClicks(editor, keys)


def test_150_typed_in_the_cell_is_kept_and_refused_on_enter_with_the_reason_nothing_saved(window, qtbot):
    task_id = window.task_model.row(0).task.id
    before, steps = stored(window, task_id), window.undo_stack.count()
    editor, _ = open_editor(window, 0, Column.PERCENT)
    type_keys(qtbot, editor, "150")
    assert editor.text() == "150"  # the third digit is not swallowed
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert editing(window) and editor.text() == "150"
    reason = "进度 150% 不在 0–100 之间：未保存，请改为 0–100 的整数。"
    assert editor.refused() == reason
    assert QToolTip.isVisible() and QToolTip.text() == reason and editor.toolTip() == reason  # shown at once
    assert "#c62828" in editor.styleSheet()  # the box is marked red
    assert stored(window, task_id) == before and window.undo_stack.count() == steps
    assert window.task_model.index(0, Column.PERCENT).data() == f"{before.percent}%"
    type_keys(qtbot, editor, "60")
    assert editor.refused() == "" and editor.toolTip() == "" and editor.styleSheet() == ""  # gone once retyped
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not editing(window))
    assert stored(window, task_id).percent == 60 and window.undo_stack.text(steps) == "修改进度"
    assert window.errors == []


def test_1000_typed_fast_then_tab_stays_1000_and_is_not_saved_as_100(window, qtbot):
    task_id = window.task_model.row(0).task.id
    before = stored(window, task_id)
    editor, _ = open_editor(window, 0, Column.PERCENT)
    type_keys(qtbot, editor, "1000")
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert editing(window) and editor.text() == "1000"
    assert window.task_view.currentIndex().column() == Column.PERCENT  # Tab did not move on
    assert "进度 1000% 不在 0–100 之间" in editor.refused()
    assert stored(window, task_id).percent == before.percent


def test_leaving_the_cell_with_a_refused_value_saves_nothing_and_says_so(window, qtbot):
    task_id = window.task_model.row(0).task.id
    before = stored(window, task_id)
    editor, _ = open_editor(window, 0, Column.PERCENT)
    type_keys(qtbot, editor, "150")
    window.task_view.setCurrentIndex(window.task_model.index(1, Column.CONTENT))  # a click on another row
    qtbot.waitUntil(lambda: window.errors != [])
    assert window.errors == ["进度 150% 不在 0–100 之间：未保存，该任务的进度未改变。"]
    assert stored(window, task_id) == before and not editing(window)


def test_a_paste_into_the_open_editor_follows_the_same_rule(window, qtbot):
    task_id = window.task_model.row(0).task.id
    before = stored(window, task_id)
    editor, _ = open_editor(window, 0, Column.PERCENT)
    QApplication.clipboard().setText("150")
    editor.selectAll()
    qtbot.keyClick(editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert editor.text() == "150"
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert editing(window) and stored(window, task_id) == before
    QApplication.clipboard().setText("85%")
    editor.selectAll()
    qtbot.keyClick(editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not editing(window))
    assert stored(window, task_id).percent == 85


def test_ctrl_v_on_a_percent_cell_sets_it_by_the_same_rule_and_creates_no_task(window, qtbot):
    task_id = window.task_model.row(0).task.id
    before, tasks_before, steps = stored(window, task_id), live_ids(window), window.undo_stack.count()
    window.task_view.setCurrentIndex(window.task_model.index(0, Column.PERCENT))
    QApplication.clipboard().setText("150")
    qtbot.keyClick(window.task_view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert window.errors == ["进度 150% 不在 0–100 之间：未保存，该任务的进度未改变。"]
    assert stored(window, task_id) == before and live_ids(window) == tasks_before
    assert window.undo_stack.count() == steps
    QApplication.clipboard().setText("85%")
    qtbot.keyClick(window.task_view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert stored(window, task_id).percent == 85 and live_ids(window) == tasks_before
    assert window.task_model.index(0, Column.PERCENT).data() == "85%"
    assert window.undo_stack.text(steps) == "修改进度"
    window.undo_action.trigger()
    assert stored(window, task_id).percent == before.percent


@pytest.mark.parametrize("clipboard", ["50\n60\n", "85\r\n90\r\n95\r\n", "85\t90"])
def test_several_values_pasted_onto_a_percent_cell_change_nothing_and_make_no_task(window, qtbot, clipboard):
    # A column (or row) of 进度 cells copied from Excel once became tasks named “50” and “60”.
    task_id = window.task_model.row(0).task.id
    before, tasks_before, steps = stored(window, task_id), live_ids(window), window.undo_stack.count()
    window.task_view.setCurrentIndex(window.task_model.index(0, Column.PERCENT))
    QApplication.clipboard().setText(clipboard)
    qtbot.keyClick(window.task_view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    count = len(clipboard.split())
    assert window.errors == [f"剪贴板中有 {count} 个值，在“进度”单元格上一次只能粘贴一个；未作修改。"
                             "要把复制的行新建为任务，请用“编辑 → 粘贴为新任务”。"]
    assert stored(window, task_id) == before and live_ids(window) == tasks_before
    assert window.undo_stack.count() == steps


def test_numbers_pasted_as_new_tasks_are_refused_naming_them(window, qtbot):
    tasks_before, steps = live_ids(window), window.undo_stack.count()
    window.task_view.setCurrentIndex(window.task_model.index(0, Column.CONTENT))
    QApplication.clipboard().setText("50\n60%\n")
    qtbot.keyClick(window.task_view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert window.errors == ["剪贴板中的“50”“60%”只是数字，不是任务内容；未粘贴任何任务（请从 Excel/WPS 复制含“任务内容”的行）。"]
    assert live_ids(window) == tasks_before and window.undo_stack.count() == steps


def test_the_progress_dialog_keeps_150_and_refuses_it_on_ok_saving_nothing(window, qtbot):
    task = window.task_model.row(0).task
    dialog = ProgressDialog(task, TODAY, window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.text.setPlainText("完成初稿")
    type_keys(qtbot, dialog.percent, "150")
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    ok.click()
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.percent.text() == "150"
    assert dialog.message.isVisible()
    assert dialog.message.text() == "进度 150% 不在 0–100 之间：未保存，请改为 0–100 的整数。"
    type_keys(qtbot, dialog.percent, "60")
    assert not dialog.message.isVisible()
    ok.click()
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.entry().percent == 60


def test_typing_on_the_cell_itself_replaces_the_value_and_keeps_every_digit(window, qtbot):
    """The clerk selects the 进度 cell and types: the first key opens the editor, as in Excel."""
    task_id = window.task_model.row(0).task.id
    before = stored(window, task_id)
    window.task_view.setFocus()
    window.task_view.setCurrentIndex(window.task_model.index(0, Column.PERCENT))
    qtbot.keyClick(window.task_view, Qt.Key.Key_1)
    editor = QApplication.focusWidget()
    assert editing(window) and editor.text() == "1"
    qtbot.keyClicks(editor, "50")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert editing(window) and editor.text() == "150" and stored(window, task_id) == before
    qtbot.keyClick(editor, Qt.Key.Key_End)  # the refused text is selected, ready to be typed over
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not editing(window))
    assert stored(window, task_id).percent == 15  # what the clerk made it, seen before saving


def test_a_click_on_another_row_with_a_refused_value_saves_nothing_and_says_so_once(window, qtbot):
    task_id = window.task_model.row(0).task.id
    before = stored(window, task_id)
    window.task_view.setFocus()
    editor, _ = open_editor(window, 0, Column.PERCENT)
    editor.setFocus()
    type_keys(qtbot, editor, "1000")
    other = window.task_view.visualRect(window.task_model.index(1, Column.CONTENT)).center()
    qtbot.mouseClick(window.task_view.viewport(), Qt.MouseButton.LeftButton, pos=other)
    qtbot.waitUntil(lambda: window.errors != [])
    QApplication.processEvents()  # a second (queued) message would arrive here
    assert window.errors == ["进度 1000% 不在 0–100 之间：未保存，该任务的进度未改变。"]
    assert stored(window, task_id) == before and not editing(window)
    assert window.task_model.index(0, Column.PERCENT).data() == f"{before.percent}%"


def test_a_value_typed_in_the_cell_is_saved_when_the_overview_moves_the_table_on(window, qtbot):
    # Clicking a task in the 总览 (another window) gives the table no focus-out that saves: the
    # editor used to be closed without a word and the 40 was lost (second trial of 2026-11-30).
    task_id = window.task_model.row(0).task.id
    other = window.task_model.row(1).task.id
    editor, _ = open_editor(window, 0, Column.PERCENT)
    type_keys(qtbot, editor, "40")
    window.dashboard.show_task(other)
    assert stored(window, task_id).percent == 40 and not editing(window)
    assert window.current_task_id() == other and window.errors == []


def test_a_refused_value_is_said_when_the_status_bar_link_moves_the_table_on(window, qtbot):
    from planner.domain.lights import Light

    task_id = window.task_model.row(0).task.id
    before = stored(window, task_id)
    editor, _ = open_editor(window, 0, Column.PERCENT)
    type_keys(qtbot, editor, "150")
    window.dashboard.filter_to(Light.RED)
    qtbot.waitUntil(lambda: window.errors != [])
    assert window.errors == ["进度 150% 不在 0–100 之间：未保存，该任务的进度未改变。"]
    assert stored(window, task_id) == before and not editing(window)


def test_a_percent_under_100_typed_on_a_done_task_is_kept_and_said(window, qtbot):
    # The import says this of a file's 已完成 with 80; the cell said nothing (second trial of 2026-11-30).
    from planner.domain.model import Status

    row = next(r for r in range(window.task_model.rowCount()) if window.task_model.row(r).task.status == Status.DONE)
    task = window.task_model.row(row).task
    editor, _ = open_editor(window, row, Column.PERCENT)
    type_keys(qtbot, editor, "80")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not editing(window))
    assert (stored(window, task.id).status, stored(window, task.id).percent) == (Status.DONE, 80)
    assert window.statusBar().currentMessage() == f"任务 {task.code} 状态为“已完成”，进度却为 80%：请核实状态或进度"
