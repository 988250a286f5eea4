"""Editing in the window: delegates, creation from every source, delete, undo/redo — checked in the database."""

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QDialogButtonBox, QLineEdit, QPlainTextEdit

from planner.domain.model import ProgressEntry, Status
from planner.services import plans, progress, task_edits, tasks
from planner.ui.dialogs.progress_dialog import ProgressDialog
from planner.ui.dialogs.suggestions_dialog import SuggestionsDialog
from planner.ui.percent_edit import PercentEdit
from planner.ui.task_table_model import Column

from .conftest import TODAY


def item_id(window, number):
    return next(i.id for i in window._document.items if i.number == number)


def stored(window, task_id):
    return task_edits.get_task(window._db, task_id)


def live_ids(window):
    return [t.id for t in tasks.list_tasks(window._db, window._plan.id)]


def shown_row(window, task_id):
    """The table's text for a task's row, by column."""
    row = window.task_model.visible_row(task_id)
    return {column: window.task_model.index(row, column).data() for column in Column}


def open_editor(window, row, column):
    view = window.task_view
    index = window.task_model.index(row, column)
    view.setCurrentIndex(index)
    view.edit(index)
    editor = view.indexWidget(index)
    assert editor is not None, f"no editor opened for column {column}"
    return editor, index


def commit(window, editor, column):
    delegate = window.task_view.itemDelegateForIndex(window.task_view.currentIndex())
    delegate.commitData.emit(editor)
    delegate.closeEditor.emit(editor)


def test_every_column_is_edited_through_its_delegate_and_undone(window, qtbot):
    window.select_item(item_id(window, 21))
    task_id = window.task_model.row(0).task.id
    before = stored(window, task_id)

    editor, _ = open_editor(window, 0, Column.CONTENT)
    assert isinstance(editor, QPlainTextEdit)
    editor.setPlainText("落实养老保险全国统筹，做好调剂资金上解下拨")  # QTest cannot type Chinese keys
    commit(window, editor, Column.CONTENT)
    assert stored(window, task_id).content == "落实养老保险全国统筹，做好调剂资金上解下拨"

    editor, _ = open_editor(window, 0, Column.LEAD)
    assert isinstance(editor, QLineEdit) and editor.completer() is not None
    editor.setText("省财政厅")
    commit(window, editor, Column.LEAD)
    assert stored(window, task_id).lead_unit == "省财政厅"

    editor, _ = open_editor(window, 0, Column.SUPPORT)
    editor.line.setText("省医保局、省税务局")
    commit(window, editor, Column.SUPPORT)
    assert stored(window, task_id).support_units == ("省医保局", "省税务局")

    editor, _ = open_editor(window, 0, Column.LEADER)
    editor.setText("孙立新（副省长）")
    commit(window, editor, Column.LEADER)
    assert stored(window, task_id).leader == "孙立新（副省长）"

    editor, _ = open_editor(window, 0, Column.DEADLINE)
    editor.line.setText("2027年6月底前")
    assert editor.resolved_text() == "→ 2027-06-30"  # the editor shows what the phrase means
    commit(window, editor, Column.DEADLINE)
    assert (stored(window, task_id).deadline_phrase, stored(window, task_id).deadline_date) == (
        "2027年6月底前", dt.date(2027, 6, 30))

    editor, _ = open_editor(window, 0, Column.STATUS)
    assert isinstance(editor, QComboBox)
    editor.setCurrentIndex(editor.findData(Status.PAUSED))
    commit(window, editor, Column.STATUS)
    assert stored(window, task_id).status is Status.PAUSED

    editor, _ = open_editor(window, 0, Column.PERCENT)
    assert isinstance(editor, PercentEdit)
    editor.setText("65")
    commit(window, editor, Column.PERCENT)
    assert stored(window, task_id).percent == 65
    assert window.task_model.index(0, Column.PERCENT).data() == "65%"

    # Seven edits, seven undo steps; undoing all gives the task back as it was.
    steps = [window.undo_stack.text(i) for i in range(window.undo_stack.count())]
    assert steps == ["修改任务内容", "修改牵头单位", "修改配合单位", "修改分管领导", "修改完成时限", "修改状态", "修改进度"]
    shown_after_edits = shown_row(window, task_id)
    for _ in range(7):
        window.undo_action.trigger()
    after_undo = stored(window, task_id)
    assert after_undo == before
    # What the table shows follows the database, not just the file.
    assert shown_row(window, task_id)[Column.LEAD] == before.lead_unit
    assert shown_row(window, task_id)[Column.PERCENT] == f"{before.percent}%"
    assert shown_row(window, task_id)[Column.DEADLINE] == before.deadline_phrase
    for _ in range(7):
        window.redo_action.trigger()
    assert stored(window, task_id).percent == 65 and stored(window, task_id).lead_unit == "省财政厅"
    assert shown_row(window, task_id) == shown_after_edits


def test_a_calendar_date_fills_the_deadline(window, qtbot):
    from PySide6.QtCore import QDate

    task_id = window.task_model.row(0).task.id
    editor, _ = open_editor(window, 0, Column.DEADLINE)
    editor.calendar.clicked.emit(QDate(2027, 3, 15))
    assert editor.phrase() == "2027-03-15"
    commit(window, editor, Column.DEADLINE)
    assert stored(window, task_id).deadline_date == dt.date(2027, 3, 15)


def test_an_invalid_edit_shows_a_message_and_changes_nothing(window):
    task_id = window.task_model.row(0).task.id
    before = list(window._db.conn.iterdump())
    editor, _ = open_editor(window, 0, Column.CONTENT)
    editor.setPlainText("   ")
    commit(window, editor, Column.CONTENT)
    assert window.errors == ["任务内容不能为空。"]
    assert list(window._db.conn.iterdump()) == before
    assert window.undo_stack.count() == 0
    assert stored(window, task_id).content


def test_new_task_by_hand_with_ctrl_n_then_undo_and_redo(empty_plan_window, qtbot):
    window = empty_plan_window
    window.select_item(item_id(window, 4))
    qtbot.keyClick(window.task_view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    editor = window.task_view.indexWidget(window.task_view.currentIndex())
    assert editor.toPlainText() == "" and editor.placeholderText().startswith("请输入任务内容")
    assert live_ids(window) == []  # nothing is stored before content is typed
    editor.setPlainText("编制区域战略融合发展方案")
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: len(live_ids(window)) == 1)
    [task_id] = live_ids(window)
    assert (stored(window, task_id).code, stored(window, task_id).content) == ("4.1", "编制区域战略融合发展方案")
    assert window.task_model.rowCount() == 1
    window.undo_action.trigger()
    assert live_ids(window) == [] and window.task_model.rowCount() == 0
    window.redo_action.trigger()
    assert live_ids(window) == [task_id]


def test_a_new_row_left_empty_stores_nothing_and_disappears(empty_plan_window, qtbot):
    window = empty_plan_window
    window.select_item(item_id(window, 4))
    qtbot.keyClick(window.task_view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert window.task_model.rowCount() == 1 and window.current_task_id() is None
    editor = window.task_view.indexWidget(window.task_view.currentIndex())
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.task_model.rowCount() == 0)
    qtbot.keyClick(window.task_view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    editor = window.task_view.indexWidget(window.task_view.currentIndex())
    qtbot.keyClick(editor, Qt.Key.Key_Tab)  # saved empty: still nothing
    qtbot.waitUntil(lambda: window.task_model.rowCount() == 0)
    assert live_ids(window) == [] and window.undo_stack.count() == 0 and window.errors == []


def test_a_task_from_a_selected_passage_keeps_its_source_and_highlights_it(empty_plan_window):
    window = empty_plan_window
    window.select_item(item_id(window, 6))
    passage = "编制实施海岸带保护与利用综合规划"
    cursor = window.item_text.document().find(passage)
    window.item_text.setTextCursor(cursor)
    window.from_selection_action.trigger()
    [task_id] = live_ids(window)
    task = stored(window, task_id)
    assert task.content == passage and task.source_passage == passage
    [highlight] = window.item_text.extraSelections()
    assert highlight.cursor.selectedText() == passage


def test_tasks_from_suggestions_are_created_as_one_undo_step(empty_plan_window, qtbot, monkeypatch):
    window = empty_plan_window
    window.select_item(item_id(window, 21))

    def answer(parent, suggestions, unit_names, heading):
        dialog = SuggestionsDialog(suggestions, unit_names, heading, parent)
        qtbot.addWidget(dialog)
        assert dialog.table.rowCount() == 3
        assert [dialog.table.item(r, 1).text() for r in range(3)] == ["省人力资源社会保障厅", "省医保局", "省教育厅"]
        dialog.table.item(2, 0).setCheckState(Qt.CheckState.Unchecked)  # leave the education one out
        dialog.table.item(1, 1).setText("省卫生健康委")  # and change a unit
        return dialog.chosen()

    monkeypatch.setattr(SuggestionsDialog, "ask", staticmethod(answer))
    window.suggest_action.trigger()
    created = tasks.list_tasks(window._db, window._plan.id)
    assert [(t.code, t.lead_unit) for t in created] == [("21.1", "省人力资源社会保障厅"), ("21.2", "省卫生健康委")]
    assert created[0].content.startswith("完善企业职工基本养老保险基金中央调剂制度")
    assert window.undo_stack.count() == 1
    window.undo_action.trigger()
    assert live_ids(window) == []


def test_delete_asks_first_and_is_undoable(window, qtbot):
    window.select_item(item_id(window, 4))
    count = window.task_model.rowCount()
    task_id = window.task_model.row(0).task.id
    window.confirm = lambda question: False
    window.task_view.setCurrentIndex(window.task_model.index(0, Column.CODE))
    qtbot.keyClick(window.task_view, Qt.Key.Key_Delete)
    assert task_id in live_ids(window)
    window.confirm = lambda question: "1 项任务" in question
    qtbot.keyClick(window.task_view, Qt.Key.Key_Delete)
    assert task_id not in live_ids(window)
    assert window.task_model.rowCount() == count - 1
    assert progress.history(window._db, task_id)  # history kept
    window.undo_action.trigger()
    assert task_id in live_ids(window)


def test_copy_gives_tab_separated_rows_with_a_header_and_paste_makes_tasks(window, qtbot):
    window.select_item(item_id(window, 21))
    window.task_view.selectAll()
    qtbot.keyClick(window.task_view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    lines = QApplication.clipboard().text().splitlines()
    assert lines[0].split("\t")[:4] == ["编号", "条目", "任务内容", "牵头单位"]
    assert len(lines) == 1 + window.task_model.rowCount()
    assert lines[1].split("\t")[0] == "21.1"

    window.plan_combo.setCurrentIndex(1)  # the empty plan
    window.select_item(item_id(window, 22))
    QApplication.clipboard().setText("任务内容\t牵头单位\t完成时限\r\n建立跨省异地就医结算机制\t省医保局\t2027年底前\r\n"
                                     "推进社保关系转移接续\t省人社厅\t持续推进\r\n")
    qtbot.keyClick(window.task_view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    pasted = tasks.list_tasks(window._db, window._plan.id)
    assert [(t.code, t.content, t.lead_unit, t.deadline_phrase) for t in pasted] == [
        ("22.1", "建立跨省异地就医结算机制", "省医保局", "2027年底前"),
        ("22.2", "推进社保关系转移接续", "省人力资源社会保障厅", "持续推进")]
    window.undo_action.trigger()
    assert live_ids(window) == []


def test_a_progress_entry_updates_the_task_and_its_history(window, monkeypatch):
    task_id = window.current_task_id()
    entry = ProgressEntry(date=TODAY, text="已完成省级统筹方案起草", status=Status.IN_PROGRESS, percent=55)
    monkeypatch.setattr(ProgressDialog, "ask", staticmethod(lambda parent, task, today: entry))
    before = stored(window, task_id)
    window.details.add_progress_button.click()
    task = stored(window, task_id)
    assert (task.status, task.percent) == (Status.IN_PROGRESS, 55)
    assert progress.history(window._db, task_id)[0].text == "已完成省级统筹方案起草"
    assert window.details.history.topLevelItem(0).text(1) == "已完成省级统筹方案起草"
    assert window.task_model.row(window.task_view.currentIndex().row()).latest_text == "已完成省级统筹方案起草"
    window.undo_action.trigger()
    task = stored(window, task_id)
    assert (task.status, task.percent) == (before.status, before.percent)
    assert all(e.text != "已完成省级统筹方案起草" for e in progress.history(window._db, task_id))


def not_done_task(window):
    window.all_tasks.setChecked(True)
    row = next(r for r in range(window.task_model.rowCount())
               if window.task_model.row(r).task.status is not Status.DONE and window.task_model.row(r).task.percent < 90)
    window.task_view.setCurrentIndex(window.task_model.index(row, Column.CONTENT))
    return stored(window, window.current_task_id())


def test_the_progress_dialog_shows_and_applies_the_done_rule(qtbot, window):
    task = not_done_task(window)
    dialog = ProgressDialog(task, TODAY)
    qtbot.addWidget(dialog)
    dialog.text.setPlainText("召开推进会")
    dialog.status.setCurrentIndex(dialog.status.findData(Status.DONE))
    assert dialog.percent.value() == 100  # what the task will get, shown before saving
    entry = dialog.entry()
    assert (entry.date, entry.text, entry.status, entry.percent) == (TODAY, "召开推进会", Status.DONE, None)
    assert isinstance(entry.status, Status)
    added = progress.add_progress(window._db, task.id, entry)
    assert progress.history(window._db, task.id)[0].id == added.entry_id
    assert (stored(window, task.id).percent, progress.history(window._db, task.id)[0].percent) == (100, 100)


def test_a_percent_set_in_the_progress_dialog_wins_over_done(qtbot, window):
    task = not_done_task(window)
    dialog = ProgressDialog(task, TODAY)
    qtbot.addWidget(dialog)
    dialog.text.setPlainText("基本完成，尚余验收")
    dialog.percent.setText("90")
    dialog.status.setCurrentIndex(dialog.status.findData(Status.DONE))
    assert dialog.percent.value() == 90
    progress.add_progress(window._db, task.id, dialog.entry())
    assert (stored(window, task.id).status, stored(window, task.id).percent) == (Status.DONE, 90)


def test_ok_on_an_empty_progress_report_keeps_the_dialog_open_with_what_was_chosen(qtbot, window):
    task = not_done_task(window)
    dialog = ProgressDialog(task, TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.status.setCurrentIndex(dialog.status.findData(Status.PAUSED))
    dialog.percent.setText("40")
    dialog.date.setDate(dialog.date.date().addDays(-3))
    qtbot.mouseClick(dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok),
                     Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.result() != ProgressDialog.DialogCode.Accepted
    assert dialog.message.isVisible() and dialog.message.text() == "进展内容不能为空。"
    assert (dialog.status.currentData(), dialog.percent.value()) == (Status.PAUSED, 40)
    assert dialog.entry().date == TODAY - dt.timedelta(days=3)
    dialog.text.setPlainText("暂缓实施，等待上级意见")
    assert not dialog.message.isVisible()
    qtbot.mouseClick(dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok),
                     Qt.MouseButton.LeftButton)
    assert not dialog.isVisible() and dialog.result() == ProgressDialog.DialogCode.Accepted
    entry = dialog.entry()
    assert (entry.text, entry.status, entry.percent) == ("暂缓实施，等待上级意见", Status.PAUSED, 40)


def test_done_in_the_status_cell_shows_100_percent_and_one_undo_takes_both_back(window):
    task = not_done_task(window)
    row = window.task_view.currentIndex().row()
    editor, _ = open_editor(window, row, Column.STATUS)
    editor.setCurrentIndex(editor.findData(Status.DONE))
    commit(window, editor, Column.STATUS)
    assert (stored(window, task.id).status, stored(window, task.id).percent) == (Status.DONE, 100)
    assert shown_row(window, task.id)[Column.PERCENT] == "100%"
    assert window.undo_stack.count() == 1
    window.undo_action.trigger()
    assert (stored(window, task.id).status, stored(window, task.id).percent) == (task.status, task.percent)
    assert shown_row(window, task.id)[Column.PERCENT] == f"{task.percent}%"


def test_the_deadline_editor_shows_the_phrase_and_its_date_in_full(window):
    editor, _ = open_editor(window, 0, Column.DEADLINE)
    editor.line.setText("2027年12月31日前")
    column_width = window.task_view.columnWidth(Column.DEADLINE)
    metrics = editor.line.fontMetrics()
    assert editor.width() > column_width
    assert editor.line.width() >= metrics.horizontalAdvance("2027年12月31日前")
    assert editor.resolved.width() >= metrics.horizontalAdvance(editor.resolved_text())
    assert editor.geometry().right() <= window.task_view.viewport().width()  # not cut off at the table's edge


def test_the_cooperating_units_tick_list_stays_open_for_several_ticks(window, qtbot):
    editor, _ = open_editor(window, 0, Column.SUPPORT)
    editor.line.setText("")
    menu = editor.pick.menu()
    menu.popup(editor.mapToGlobal(editor.rect().bottomLeft()))
    qtbot.waitUntil(menu.isVisible)
    for name in ("省财政厅", "省自然资源厅", "省交通运输厅"):
        action = next(a for a in menu.actions() if a.text() == name)
        qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(action).center())
        assert menu.isVisible(), f"the list closed after ticking {name}"
    assert editor.units() == ("省财政厅", "省自然资源厅", "省交通运输厅")
    menu.close()


def test_plan_settings_change_and_undo(window, monkeypatch):
    from planner.ui.dialogs.plan_settings_dialog import PlanSettings, PlanSettingsDialog

    old = plans.get_plan(window._db, window._plan.id)
    monkeypatch.setattr(PlanSettingsDialog, "ask", staticmethod(
        lambda parent, plan: PlanSettings(name="河南省实施方案", office="河南省", year=2027, warning_days=10,
                                          preamble="为推动区域协调发展，制定本方案。")))
    window.settings_menu.edit_plan_settings()
    plan = plans.get_plan(window._db, window._plan.id)
    assert (plan.name, plan.office, plan.year, plan.warning_days, plan.preamble) == (
        "河南省实施方案", "河南省", 2027, 10, "为推动区域协调发展，制定本方案。")
    assert window.plan_combo.currentText() == "河南省实施方案"
    window.undo_action.trigger()
    plan = plans.get_plan(window._db, window._plan.id)
    assert (plan.name, plan.year, plan.warning_days, plan.preamble) == (old.name, old.year, old.warning_days, "")


@pytest.mark.parametrize("use_key", [False, True])
def test_enter_opens_the_editor(window, qtbot, use_key):
    index = window.task_model.index(0, Column.LEADER)
    window.task_view.setCurrentIndex(index)
    if use_key:
        qtbot.keyClick(window.task_view, Qt.Key.Key_Return)
    else:
        window.task_view.edit(index)
    assert window.task_view.indexWidget(index) is not None


def test_reordering_a_task_with_ctrl_down_and_undo(window, qtbot):
    window.select_item(item_id(window, 21))
    first, second = (window.task_model.row(r).task.id for r in range(2))
    window.task_view.setCurrentIndex(window.task_model.index(0, Column.CONTENT))
    window.addAction(window.move_down_action)  # window-wide shortcut, as in the menu
    qtbot.keyClick(window.task_view, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    order = [t.id for t in tasks.list_tasks(window._db, window._plan.id, item_id=item_id(window, 21))]
    assert order[:2] == [second, first]
    assert window.task_model.row(1).task.id == first and window.current_task_id() == first
    window.undo_action.trigger()
    order = [t.id for t in tasks.list_tasks(window._db, window._plan.id, item_id=item_id(window, 21))]
    assert order[:2] == [first, second]
    window.task_view.setCurrentIndex(window.task_model.index(0, Column.CONTENT))
    window.move_up_action.trigger()  # already first: nothing happens, no undo step
    assert (window.undo_stack.count(), window.undo_stack.index()) == (1, 0)


def test_qt_standard_texts_are_chinese(qapp):
    from PySide6.QtCore import QCoreApplication

    from planner.ui.translations import install_chinese_translations

    translators = install_chinese_translations(qapp)
    assert translators
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
    for translator in translators:
        qapp.removeTranslator(translator)


def test_the_leader_cell_offers_the_leaders_already_in_the_plan(window):
    index = window.task_model.index(0, Column.LEADER)
    window.task_view.setCurrentIndex(index)
    window.task_view.edit(index)
    editor = window.task_view.open_editor()
    assert isinstance(editor, QLineEdit)
    offered = editor.completer().model().stringList()
    written = {t.leader for t in tasks.list_tasks(window._db, window._plan.id) if t.leader}
    assert set(offered) == written and len(offered) == len(written) > 1
    editor.setText("孙立新（副省长）")
    commit(window, editor, Column.LEADER)
    assert stored(window, window.task_model.row(0).task.id).leader == "孙立新（副省长）"


def test_the_deadline_editor_says_a_day_does_not_exist_and_the_task_keeps_its_deadline(window):
    """Trial 2026-11-30 (L17): 2027年2月30日前 showed 无具体日期 and was stored without a date."""
    window.select_item(item_id(window, 21))
    task_id = window.task_model.row(0).task.id
    before = stored(window, task_id)
    editor, _ = open_editor(window, 0, Column.DEADLINE)
    editor.line.setText("明年6月底前")
    assert editor.resolved_text() == "→ 2027-06-30"  # the demo plan's year is 2026
    editor.line.setText("2027年2月30日前")
    assert editor.resolved_text() == "日期不存在"
    assert "2027年2月没有30日" in editor.resolved.toolTip()
    commit(window, editor, Column.DEADLINE)
    assert window.errors == ["完成时限“2027年2月30日前”中的日期不存在（2027年2月没有30日），请核对。"]
    assert stored(window, task_id) == before
    assert shown_row(window, task_id)[Column.DEADLINE] == before.deadline_phrase


def test_a_back_dated_progress_note_keeps_the_tasks_state_and_the_clerk_is_told(window, monkeypatch):
    """Trial 2026-11-30 (M11): a note dated before the newest one changed the task's status and percent."""
    task = not_done_task(window)
    progress.add_progress(window._db, task.id, ProgressEntry(date=TODAY, text="已召开推进会"))
    newest = progress.history(window._db, task.id)[0]
    window.refresh([task.id])
    entry = ProgressEntry(date=dt.date(2025, 1, 5), text="补录：2025年初已启动调研", status=Status.NOT_STARTED, percent=5)
    monkeypatch.setattr(ProgressDialog, "ask", staticmethod(lambda parent, task, today: entry))
    window.details.add_progress_button.click()
    assert (stored(window, task.id).status, stored(window, task.id).percent) == (task.status, task.percent)
    assert any(e.text == "补录：2025年初已启动调研" for e in progress.history(window._db, task.id))
    assert window.task_model.row(window.task_view.currentIndex().row()).latest_text == newest.text
    assert window.errors == [f"进展日期 2025-01-05 早于该任务最新进展的日期 {newest.date.isoformat()}："
                             "这条进展只记入进展历史，任务的状态和进度不变。"]


def test_the_progress_dialog_offers_dates_from_2000_to_today_only(qtbot, window):
    """Trial 2026-11-30 (L5): the dialog took 1752–9999; the import's rule is 2000-01-01 to today."""
    from PySide6.QtCore import QDate

    dialog = ProgressDialog(not_done_task(window), TODAY)
    qtbot.addWidget(dialog)
    assert (dialog.date.minimumDate(), dialog.date.maximumDate()) == (QDate(2000, 1, 1), QDate(TODAY))
    dialog.date.setDate(QDate(2030, 1, 1))
    dialog.text.setPlainText("未来日期的进展")
    assert dialog.entry().date == TODAY


def test_the_window_refuses_a_progress_note_dated_after_today(window, monkeypatch):
    task = not_done_task(window)
    history = progress.history(window._db, task.id)
    entry = ProgressEntry(date=TODAY + dt.timedelta(days=1), text="日期写错的进展")
    monkeypatch.setattr(ProgressDialog, "ask", staticmethod(lambda parent, task, today: entry))
    window.details.add_progress_button.click()
    assert window.errors == [f"进展日期 {(TODAY + dt.timedelta(days=1)).isoformat()} 晚于今天（{TODAY.isoformat()}），请核对。"]
    assert progress.history(window._db, task.id) == history and stored(window, task.id) == task


def test_the_deadline_editor_says_when_the_day_a_phrase_means_has_passed(window):
    """Second trial: 上半年 typed in November meant a June already gone; the task turned red unexplained."""
    editor, _ = open_editor(window, 0, Column.DEADLINE)  # the window's today: 2026-11-21, plan year 2026
    editor.line.setText("上半年")
    assert editor.resolved_text() == "→ 2026-06-30（已过）"
    assert "保存后该任务即为逾期" in editor.resolved.toolTip()
    editor.line.setText("下半年")
    assert editor.resolved_text() == "→ 2026-12-31" and editor.resolved.toolTip() == ""
