"""A unit name typed into a cell or pasted that the directory does not know is asked about, never created silently."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from planner.services import tasks, units
from planner.ui.task_table_model import Column

from .message_box import MessageBoxAnswers
from .test_task_editing import commit, item_id, open_editor, stored


def unit_names(window):
    return [u.name for u in units.list_units(window._db)]


def first_task_of_item_21(window) -> int:
    """Item (二十一) chosen; the id of its first task (the row edited)."""
    window.select_item(item_id(window, 21))
    return window.task_model.row(0).task.id


def type_into(window, column, text):
    editor, _ = open_editor(window, 0, column)
    (editor.line if column == Column.SUPPORT else editor).setText(text)
    commit(window, editor, column)


def test_a_typo_in_the_lead_cell_offers_the_closest_unit_and_cancel_stores_nothing(window):
    task_id = first_task_of_item_21(window)
    before, directory, steps = stored(window, task_id), unit_names(window), window.undo_stack.count()
    answers = MessageBoxAnswers("取消")
    type_into(window, Column.LEAD, "省财正厅")
    assert [(s["text"], s["informative"], sorted(s["buttons"])) for s in answers.seen] == [
        ("单位“省财正厅”不在单位目录中。", "可能是：省财政厅。\n请选择目录中的单位，或把“省财正厅”新增为单位。",
         sorted(["改为“省财政厅”", "新增单位", "取消"]))]
    assert stored(window, task_id) == before and unit_names(window) == directory
    assert window.undo_stack.count() == steps
    assert window.task_model.index(0, Column.LEAD).data() == before.lead_unit


def test_part_of_a_name_is_stored_as_the_unit_chosen(window):
    task_id = first_task_of_item_21(window)
    directory = unit_names(window)
    answers = MessageBoxAnswers("改为“省财政厅”")
    type_into(window, Column.LEAD, "财政")
    assert answers.seen[0]["text"] == "单位“财政”不在单位目录中。"
    assert stored(window, task_id).lead_unit == "省财政厅" and unit_names(window) == directory
    assert window.task_model.index(0, Column.LEAD).data() == "省财政厅"


def test_new_unit_is_created_only_when_the_clerk_says_so(window):
    task_id = first_task_of_item_21(window)
    answers = MessageBoxAnswers("新增单位")
    type_into(window, Column.LEAD, "省海洋发展局")
    assert answers.seen[0]["informative"] == "单位目录中没有相近的单位。要把“省海洋发展局”新增为单位吗？"
    assert stored(window, task_id).lead_unit == "省海洋发展局" and "省海洋发展局" in unit_names(window)


def test_an_alias_is_stored_as_its_unit_without_asking(window):
    task_id = first_task_of_item_21(window)
    directory = unit_names(window)
    answers = MessageBoxAnswers("取消")
    type_into(window, Column.LEAD, "省发改委")
    assert answers.seen == []
    assert stored(window, task_id).lead_unit == "省发展改革委" and unit_names(window) == directory


def test_each_unknown_cooperating_unit_is_asked_about(window):
    task_id = first_task_of_item_21(window)
    lead = stored(window, task_id).lead_unit
    directory = unit_names(window)
    answers = MessageBoxAnswers("改为“省财政厅”", "改为“省财政厅”")
    type_into(window, Column.SUPPORT, "省财政厅、财政厅、省财正厅")
    assert [seen["text"] for seen in answers.seen] == ["单位“财政厅”不在单位目录中。", "单位“省财正厅”不在单位目录中。"]
    assert unit_names(window) == directory
    assert stored(window, task_id).support_units == (() if lead == "省财政厅" else ("省财政厅",))


def test_pasted_rows_with_an_unknown_unit_are_asked_about_and_cancel_pastes_nothing(window, qtbot):
    window.plan_combo.setCurrentIndex(1)  # the empty plan
    window.select_item(item_id(window, 22))
    directory = unit_names(window)
    QApplication.clipboard().setText("任务内容\t牵头单位\t配合单位\r\n建立跨省异地就医结算机制\t省医保局\t财政厅\r\n")
    answers = MessageBoxAnswers("取消")
    qtbot.keyClick(window.task_view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert sorted(answers.seen[0]["buttons"]) == sorted(["改为“省财政厅”", "新增单位", "取消"])
    assert tasks.list_tasks(window._db, window._plan.id) == [] and unit_names(window) == directory

    answers = MessageBoxAnswers("改为“省财政厅”")
    qtbot.keyClick(window.task_view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    pasted = tasks.list_tasks(window._db, window._plan.id)
    assert [(t.lead_unit, t.support_units) for t in pasted] == [("省医保局", ("省财政厅",))]
    assert unit_names(window) == directory


def test_a_unit_typed_in_the_suggestions_dialog_is_asked_about_like_a_cell(empty_plan_window, monkeypatch):
    from dataclasses import replace

    from planner.ui.dialogs.suggestions_dialog import SuggestionsDialog

    window = empty_plan_window
    window.select_item(item_id(window, 21))
    directory = unit_names(window)
    monkeypatch.setattr(SuggestionsDialog, "ask", staticmethod(
        lambda parent, suggestions, names, heading: [replace(suggestions[0], lead_unit="省财正厅")]))
    answers = MessageBoxAnswers("取消")
    window.suggest_action.trigger()
    assert answers.seen[0]["text"] == "单位“省财正厅”不在单位目录中。"
    assert tasks.list_tasks(window._db, window._plan.id) == [] and unit_names(window) == directory

    answers = MessageBoxAnswers("改为“省财政厅”")
    window.suggest_action.trigger()
    assert [t.lead_unit for t in tasks.list_tasks(window._db, window._plan.id)] == ["省财政厅"]
    assert unit_names(window) == directory


def filter_units(window):
    combo = window.filter_bar.unit
    return [combo.itemText(i) for i in range(combo.count()) if combo.itemText(i)]


def test_undo_of_a_cell_edit_that_added_a_unit_removes_the_unit_too_and_redo_adds_both(empty_plan_window):
    window = empty_plan_window
    window.select_item(item_id(window, 22))
    window.new_task("建立海洋经济协调机制")
    task_id = window.current_task_id()
    directory, steps = unit_names(window), window.undo_stack.count()
    assert "未落实 1 项" in window.plan_label.text()
    answers = MessageBoxAnswers("新增单位")  # noqa: F841 - kept alive while it answers
    type_into(window, Column.LEAD, "省海洋发展局")
    assert stored(window, task_id).lead_unit == "省海洋发展局"
    assert unit_names(window) == [*directory, "省海洋发展局"] and "省海洋发展局" in filter_units(window)
    assert window.undo_stack.count() == steps + 1
    assert window.undo_stack.text(steps) == "修改牵头单位（新增单位：省海洋发展局）"
    assert "未落实" not in window.plan_label.text()

    window.undo_action.trigger()
    assert stored(window, task_id).lead_unit == ""
    assert unit_names(window) == directory and "省海洋发展局" not in filter_units(window)
    assert window.task_model.index(window.task_model.visible_row(task_id), Column.LEAD).data() == "未落实"
    assert "未落实 1 项" in window.plan_label.text()

    window.redo_action.trigger()
    assert stored(window, task_id).lead_unit == "省海洋发展局"
    assert unit_names(window) == [*directory, "省海洋发展局"] and "省海洋发展局" in filter_units(window)
    assert window.task_model.index(window.task_model.visible_row(task_id), Column.LEAD).data() == "省海洋发展局"
    assert "未落实" not in window.plan_label.text()

