"""The filter bar (each filter and combined), the units dialog, and the File menu's actions."""

import datetime as dt

from planner.domain.lights import Light
from planner.domain.model import Status
from planner.services import documents, plans, tasks
from planner.storage.units import list_units
from planner.ui.dialogs.new_plan_dialog import NewPlanDialog
from planner.ui.dialogs.policy_text_dialog import PolicyTextDialog
from planner.ui.dialogs.units_dialog import UnitsDialog
from tests.conftest import RESOURCES, ROOT

from .conftest import TODAY


def shown(window):
    return [window.task_model.row(r).task for r in range(window.task_model.rowCount())]


def all_tasks(window):
    window.all_tasks.setChecked(True)
    return tasks.list_tasks(window._db, window._plan.id)


def test_text_filter_matches_two_character_queries(window):
    everything = all_tasks(window)
    window.filter_bar.text.setText("财政")
    expected = [t.id for t in everything if "财政" in t.content or "财政" in t.lead_unit
                or any("财政" in u for u in t.support_units)]
    assert expected and sorted(t.id for t in shown(window)) == sorted(expected)


def test_status_unit_light_and_hide_done_filters_combine(window):
    everything = all_tasks(window)
    bar = window.filter_bar
    bar.status.setCurrentIndex(bar.status.findData(Status.IN_PROGRESS))
    assert {t.status for t in shown(window)} == {Status.IN_PROGRESS}
    bar.status.setCurrentIndex(0)

    bar.unit.setCurrentText("省财政厅")
    assert all(t.lead_unit == "省财政厅" or "省财政厅" in t.support_units for t in shown(window))
    assert len(shown(window)) == sum(1 for t in everything if t.lead_unit == "省财政厅" or "省财政厅" in t.support_units)
    bar.unit.setCurrentText("")

    bar.light.setCurrentIndex(bar.light.findData(Light.RED))
    overdue = shown(window)
    assert overdue and all(t.deadline_date < TODAY and t.status not in (Status.DONE, Status.PAUSED) for t in overdue)
    bar.light.setCurrentIndex(bar.light.findData(Light.YELLOW))
    assert all(TODAY <= t.deadline_date <= TODAY + dt.timedelta(days=30) for t in shown(window))
    bar.light.setCurrentIndex(0)

    bar.hide_done.setChecked(True)
    assert Status.DONE not in {t.status for t in shown(window)}
    assert len(shown(window)) == sum(1 for t in everything if t.status is not Status.DONE)

    # Combined: not done, led or supported by 省发展改革委, in progress.
    bar.unit.setCurrentText("省发展改革委")
    bar.status.setCurrentIndex(bar.status.findData(Status.IN_PROGRESS))
    combined = shown(window)
    assert combined == [t for t in everything if t.status is Status.IN_PROGRESS and (
        t.lead_unit == "省发展改革委" or "省发展改革委" in t.support_units)]


def test_sorting_by_deadline_puts_dates_first_in_order(window):
    all_tasks(window)
    window.task_view.sortByColumn(6, window.task_view.horizontalHeader().sortIndicatorOrder().AscendingOrder)
    dates = [t.deadline_date for t in shown(window) if t.deadline_date]
    assert dates == sorted(dates)
    assert shown(window)[-1].deadline_date is None


def test_units_dialog_merges_and_undo_brings_the_unit_back(window, qtbot, monkeypatch):
    before = {t.id: (t.lead_unit, t.support_units) for t in all_tasks(window)}
    led = [i for i, (lead, _s) in before.items() if lead == "省能源局"]
    assert led
    dialog = UnitsDialog(window.settings_menu.unit_actions(), window)
    qtbot.addWidget(dialog)
    dialog.select("省能源局")
    monkeypatch.setattr(UnitsDialog, "ask_choice", staticmethod(lambda parent, title, label, options: "省发展改革委"))
    dialog.merge()
    assert "省能源局" not in [u.name for u in list_units(window._db)]
    after = {t.id: t.lead_unit for t in tasks.list_tasks(window._db, window._plan.id)}
    assert all(after[i] == "省发展改革委" for i in led)
    window.undo_action.trigger()
    assert {t.id: (t.lead_unit, t.support_units) for t in tasks.list_tasks(window._db, window._plan.id)} == before


def test_units_dialog_add_rename_reorder_and_refuse_deleting_a_used_unit(window, qtbot, monkeypatch):
    dialog = UnitsDialog(window.settings_menu.unit_actions(), window)
    qtbot.addWidget(dialog)
    monkeypatch.setattr(UnitsDialog, "ask_text", staticmethod(lambda parent, title, label, default: "省海洋局"))
    dialog.add()
    assert "省海洋局" in [u.name for u in list_units(window._db)]
    monkeypatch.setattr(UnitsDialog, "ask_text", staticmethod(lambda parent, title, label, default: "省海洋发展局"))
    dialog.rename()
    assert "省海洋发展局" in [u.name for u in list_units(window._db)]
    order = [u.name for u in list_units(window._db)]
    dialog.move(-1)
    assert [u.name for u in list_units(window._db)].index("省海洋发展局") == order.index("省海洋发展局") - 1
    dialog.select("省财政厅")
    dialog.delete()
    assert "省财政厅" in [u.name for u in list_units(window._db)]
    assert "仍被" in window.errors[-1] and "项任务使用" in window.errors[-1]
    for _ in range(3):
        window.undo_action.trigger()
    assert "省海洋局" not in [u.name for u in list_units(window._db)]
    assert "省海洋发展局" not in [u.name for u in list_units(window._db)]


def test_new_plan_from_the_file_menu(window, monkeypatch):
    guidance = documents.list_documents(window._db)[1]
    monkeypatch.setattr(NewPlanDialog, "ask", staticmethod(lambda parent, docs: (guidance.id, "河南省")))
    window.file_menu.new_plan()
    plan = plans.most_recent_plan(window._db)
    assert plan.document_id == guidance.id and plan.office == "河南省"
    assert window.plan_combo.currentData() == plan.id
    assert len(list(window.outline.item_indexes())) == 25


def test_importing_a_policy_file_then_planning_it(window, tmp_path):
    path = tmp_path / "guidance.txt"
    path.write_bytes((RESOURCES / "policy_regional_strategy_guidance.txt").read_bytes())
    window.ask_open_file = lambda caption, filters: path
    questions = []
    window.confirm = lambda question: questions.append(question) or True
    window.file_menu.import_policy_file()
    # The built-in copy is stored already: the user is asked, and wants a copy, then a plan for it.
    assert "已在数据库中" in questions[0] and "副本" in questions[0]
    assert "6 个部分，25 个条目" in questions[1]
    assert window._plan.document_id == documents.list_documents(window._db)[-1].id
    assert len(list(window.outline.item_indexes())) == 25


def test_a_stored_document_is_not_imported_again_when_the_user_wants_no_copy(window, tmp_path):
    path = tmp_path / "guidance.txt"
    path.write_bytes((RESOURCES / "policy_regional_strategy_guidance.txt").read_bytes())
    window.ask_open_file = lambda caption, filters: path
    count = len(documents.list_documents(window._db))
    questions = []
    window.confirm = lambda question: questions.append(question) and False
    window.file_menu.import_policy_file()
    assert len(questions) == 1 and "已在数据库中" in questions[0]
    assert len(documents.list_documents(window._db)) == count


def test_the_import_summary_shows_every_parser_warning(window):
    path = ROOT / "tests" / "fixtures" / "texts" / "govcn_webcopy.txt"
    window.ask_open_file = lambda caption, filters: path
    questions = []
    window.confirm = lambda question: questions.append(question) and False
    window.file_menu.import_policy_file()
    assert questions[0].startswith("已导入《国务院办公厅关于推进示范区建设的实施意见》：3 个部分，5 个条目。")
    assert "注意：已去除网页内容 17 行" in questions[0]


def test_a_bad_policy_file_shows_the_parsers_message(window, tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("这里没有任何编号。", encoding="utf-8")
    window.ask_open_file = lambda caption, filters: path
    count = len(documents.list_documents(window._db))
    window.file_menu.import_policy_file()
    assert "未能识别文件结构" in window.errors[-1] and "notes.txt" in window.errors[-1]
    assert len(documents.list_documents(window._db)) == count


def test_pasted_policy_text_is_imported(window, monkeypatch):
    monkeypatch.setattr(PolicyTextDialog, "ask", staticmethod(
        lambda parent: ("会议纪要", "一、总体要求\n（一）推进工作。做好。\n（二）完善机制。健全。")))
    window.confirm = lambda question: False
    window.file_menu.import_policy_text()
    latest = documents.list_documents(window._db)[-1]
    assert (latest.title, latest.item_count) == ("会议纪要", 2)


def test_backup_and_open_another_database(window, tmp_path):
    target = tmp_path / "backup.db"
    window.ask_save_file = lambda caption, name, filters: target
    window.file_menu.backup_database()
    assert target.exists()
    other = tmp_path / "other.db"
    window.ask_open_file = lambda caption, filters: other
    window.file_menu.open_other_database()
    assert window._db_path == other and window.plan_combo.count() == 1
    assert window.task_model.rowCount() == 0
    window.ask_open_file = lambda caption, filters: target  # the backup opens with the demo plan
    window.file_menu.open_other_database()
    assert "（演示）" in window.plan_combo.currentText()


def test_opening_a_file_that_is_not_a_database_keeps_the_current_one(window, tmp_path):
    bad = tmp_path / "bad.db"
    bad.write_text("不是数据库" * 100, encoding="utf-8")
    current = window._db_path
    window.ask_open_file = lambda caption, filters: bad
    window.file_menu.open_other_database()
    assert window._db_path == current
    assert "不是本程序的数据库" in window.errors[-1]


def test_an_empty_table_says_why_and_what_to_do(empty_plan_window, window):
    assert "按建议分解" in empty_plan_window.task_view.placeholder
    empty_plan_window.filter_bar.text.setText("财政")
    assert empty_plan_window.task_view.placeholder == "没有符合筛选条件的任务。"
    empty_plan_window.filter_bar.clear()
    empty_plan_window.all_tasks.setChecked(True)
    assert empty_plan_window.task_view.placeholder == "这个方案还没有任务。"


def menu_texts(window, title: str) -> list[str]:
    """A menu's entries as the user reads them, top to bottom; a separator is "—"."""
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == title)
    return ["—" if a.isSeparator() else a.text() for a in menu.actions()]


def test_the_file_and_settings_menus_list_their_entries_in_order(window):
    assert [a.text() for a in window.menuBar().actions()] == [
        "文件(&F)", "编辑(&E)", "视图(&V)", "任务(&T)", "设置(&S)", "帮助(&H)"]
    assert menu_texts(window, "文件(&F)") == [
        "新建实施方案…", "导入政策文件…", "粘贴政策文本…", "—",
        "导出 Word（实施方案/进展报告）…", "导出进展情况报告…", "导出催办单…", "导出情况通报…",
        "导出 Excel 台账…", "按牵头单位分别导出 Excel…", "导出当前表格所示任务…", "导入返回的台账…",
        "报送轮次…", "导出日历（.ics）…", "—",
        "打开数据库…", "最近打开", "备份数据库…", "恢复备份…", "—", "退出"]
    assert menu_texts(window, "设置(&S)") == ["单位目录…", "方案设置…", "—", "预警期按工作日计算", "节假日安排…"]


def test_every_file_and_settings_entry_opens_its_own_dialog(window, monkeypatch):
    """Each entry, triggered from the menu, asks the question of its own dialog (answered: cancel)."""
    from planner.ui.dialogs.backups_dialog import BackupsDialog
    from planner.ui.dialogs.plan_settings_dialog import PlanSettingsDialog
    from planner.ui.dialogs.word_export_dialog import WordExportDialog

    asked = []
    for cls, name in ((NewPlanDialog, "新建方案"), (PolicyTextDialog, "粘贴文本"), (BackupsDialog, "备份列表"),
                      (PlanSettingsDialog, "方案设置")):
        monkeypatch.setattr(cls, "ask", staticmethod(lambda *args, name=name, **kwargs: asked.append(name)))
    monkeypatch.setattr(WordExportDialog, "ask", staticmethod(
        lambda *args, kind, **kwargs: asked.append(f"Word:{kind.value}")))
    monkeypatch.setattr(UnitsDialog, "exec", lambda dialog: asked.append("单位目录"))
    window.ask_open_file = lambda caption, filters: asked.append(caption)
    window.ask_save_file = lambda caption, name, filters: asked.append(caption)
    window.ask_folder = lambda caption: asked.append(caption)
    window.ask_open_files = lambda caption, filters: asked.append(caption) or []
    expected = {
        "新建实施方案…": "新建方案", "导入政策文件…": "导入政策文件", "粘贴政策文本…": "粘贴文本",
        "导出 Word（实施方案/进展报告）…": "Word:实施方案", "导出进展情况报告…": "Word:进展情况报告",
        "导出催办单…": "Word:催办单", "导出情况通报…": "Word:情况通报", "导出 Excel 台账…": "导出 Excel 台账",
        "按牵头单位分别导出 Excel…": "选择导出文件夹（每个牵头单位一个工作簿）",
        "导出当前表格所示任务…": "导出 Excel 台账", "导入返回的台账…": "导入返回的台账",
        "导出日历（.ics）…": "导出日历", "打开数据库…": "打开数据库", "备份数据库…": "备份数据库",
        "恢复备份…": "备份列表", "单位目录…": "单位目录", "方案设置…": "方案设置"}
    window.all_tasks.setChecked(True)  # 导出当前表格所示任务 needs rows in the table
    entries = {a.text(): a for m in window.menuBar().actions() for a in m.menu().actions()}
    for text, question in expected.items():
        entries[text].trigger()
        assert asked[-1:] == [question], text
    assert len(asked) == len(expected) and window.errors == []


def _unit_filter_state(window):
    return (window.filter_bar.unit.currentText(), window.filter_bar.is_filtering(),
            window.table_pane.hits.isVisibleTo(window), window.table_pane.hits.text())


def test_a_partial_unit_filter_survives_an_edit_a_delete_and_its_undo(window, qtbot):
    from PySide6.QtCore import Qt

    from planner.ui.task_table_model import Column

    everything = all_tasks(window)
    window.filter_bar.unit.setCurrentText("财政")
    matching = [t.id for t in everything if "财政" in t.lead_unit or any("财政" in u for u in t.support_units)]
    assert sorted(t.id for t in shown(window)) == sorted(matching)
    filtered = ("财政", True, True, f"找到 {len(matching)} 项")
    assert _unit_filter_state(window) == filtered

    window.task_model.setData(window.task_model.index(0, Column.PERCENT), 33)
    assert _unit_filter_state(window) == filtered
    assert sorted(t.id for t in shown(window)) == sorted(matching)

    window.confirm = lambda question: True
    gone = window.task_model.row(0).task.id
    window.task_view.setCurrentIndex(window.task_model.index(0, Column.CONTENT))
    qtbot.keyClick(window.task_view, Qt.Key.Key_Delete)
    assert _unit_filter_state(window) == ("财政", True, True, f"找到 {len(matching) - 1} 项")
    assert sorted(t.id for t in shown(window)) == sorted(i for i in matching if i != gone)

    window.undo_action.trigger()
    assert _unit_filter_state(window) == filtered
    assert sorted(t.id for t in shown(window)) == sorted(matching)


def test_a_row_edited_out_of_the_filter_leaves_it_and_the_counts_agree(window, qtbot):
    from planner.services import task_edits
    from planner.ui.task_table_model import Column

    from .test_task_editing import commit, open_editor

    window.all_tasks.setChecked(True)
    bar = window.filter_bar
    bar.status.setCurrentIndex(bar.status.findData(Status.IN_PROGRESS))
    count = window.task_model.rowCount()
    assert f"推进中 {count}" in window.status_line.counts_label.text()
    assert window.table_pane.hits.text() == f"找到 {count} 项"
    edited, neighbour = window.task_model.row(2).task.id, window.task_model.row(3).task.id
    editor, _index = open_editor(window, 2, Column.STATUS)
    editor.setCurrentIndex(editor.findData(Status.DONE))
    commit(window, editor, Column.STATUS)  # the row stays while its editor closes
    assert window.task_view.open_editor() is None
    assert task_edits.get_task(window._db, edited).status is Status.DONE
    qtbot.waitUntil(lambda: window.task_model.rowCount() == count - 1)  # once the cell's editor has closed
    assert edited not in [t.id for t in shown(window)] and window.task_model.rowCount() == count - 1
    assert f"推进中 {count - 1}" in window.status_line.counts_label.text()
    assert window.table_pane.hits.text() == f"找到 {count - 1} 项"
    assert window.current_task_id() == neighbour
    assert window.details.title.text().startswith(task_edits.get_task(window._db, neighbour).code)
    window.undo_action.trigger()  # the edit undone: the row matches again and is shown
    qtbot.waitUntil(lambda: window.task_model.rowCount() == count)
    assert edited in [t.id for t in shown(window)] and window.table_pane.hits.text() == f"找到 {count} 项"


def test_a_row_edited_out_of_the_filter_stays_while_tab_edits_its_next_cell(window, qtbot):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from planner.ui.task_table_model import Column

    from .test_task_editing import open_editor

    window.all_tasks.setChecked(True)
    bar = window.filter_bar
    bar.status.setCurrentIndex(bar.status.findData(Status.IN_PROGRESS))
    count = window.task_model.rowCount()
    edited = window.task_model.row(2).task.id
    editor, _index = open_editor(window, 2, Column.STATUS)
    editor.setCurrentIndex(editor.findData(Status.DONE))
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: window.task_view.open_editor() is not None)
    QApplication.processEvents()  # what would move the row is queued after the events of the Tab
    assert window.task_view.currentIndex().column() == Column.PERCENT  # the next cell of the same row
    assert window.task_model.rowCount() == count and window.current_task_id() == edited
    qtbot.keyClick(window.task_view.open_editor(), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.task_model.rowCount() == count - 1)
    assert edited not in [t.id for t in shown(window)] and window.table_pane.hits.text() == f"找到 {count - 1} 项"
