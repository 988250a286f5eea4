"""Habits of Excel and WPS: hit counts, partial unit names, Esc, details that follow the row,
chapters, 未落实, right-click menus, recent databases and help."""

import pytest
from PySide6.QtCore import Qt

from planner.domain.lights import Light
from planner.domain.model import NewTask, Status
from planner.services import tasks
from planner.ui.main_menus import outline_menu, task_table_menu
from planner.ui.outline_model import ITEM_ID_ROLE, LIGHT_ROLE, UNASSIGNED_ROLE
from planner.ui.task_table_model import Column
from tests.conftest import RESOURCES, ROOT

from .conftest import type_new_task


def shown(window):
    return [window.task_model.row(r).task for r in range(window.task_model.rowCount())]


def item_ids(window):
    return [index.data(ITEM_ID_ROLE) for index in window.outline.item_indexes()]


def matching(window, word):
    return [t for t in tasks.list_tasks(window._db, window._plan.id)
            if word in t.content or word in t.lead_unit or any(word in u for u in t.support_units)]


def test_search_counts_hits_in_the_item_and_the_plan_and_one_click_widens(window, qtbot):
    window.select_item(item_ids(window)[0])
    window.filter_bar.text.setText("区域协调")
    in_item = window.task_model.rowCount()
    assert in_item >= 1
    qtbot.waitUntil(lambda: window.table_pane.widen_button.isEnabled())  # the plan's rows arrive on a worker
    everything = tasks.task_rows(window._db, window._plan.id)
    in_plan = sum("区域协调" in "\n".join((r.task.content, r.latest_text, r.item_label, r.task.note)) for r in everything)
    assert in_plan > in_item
    assert window.table_pane.hits.text() == f"本条目 {in_item} 项 / "
    assert window.table_pane.widen_button.text() == f"全方案 {in_plan} 项"
    qtbot.mouseClick(window.table_pane.widen_button, Qt.MouseButton.LeftButton)
    assert window.all_tasks.isChecked() and window.filter_bar.text.text() == "区域协调"
    assert window.task_model.rowCount() == in_plan
    assert window.table_pane.hits.text() == f"找到 {in_plan} 项" and not window.table_pane.widen_button.isVisible()


def test_the_unit_filter_matches_part_of_a_name(window):
    window.all_tasks.setChecked(True)
    window.filter_bar.unit.setCurrentText("财政")
    found = shown(window)
    assert found and all("省财政厅" == t.lead_unit or "省财政厅" in t.support_units for t in found)
    assert sorted(t.id for t in found) == sorted(t.id for t in matching(window, "财政")
                                                 if "财政" in t.lead_unit or any("财政" in u for u in t.support_units))


def test_esc_clears_every_filter(window, qtbot):
    window.all_tasks.setChecked(True)
    total = window.task_model.rowCount()
    bar = window.filter_bar
    bar.text.setText("推进")
    bar.status.setCurrentIndex(bar.status.findData(Status.IN_PROGRESS))
    bar.hide_done.setChecked(True)
    assert window.task_model.rowCount() < total
    qtbot.keyClick(bar.text, Qt.Key.Key_Escape)
    assert (bar.text.text(), bar.status.currentIndex(), bar.hide_done.isChecked()) == ("", 0, False)
    assert window.task_model.rowCount() == total


def test_details_and_add_progress_are_cleared_when_the_row_is_filtered_out(window):
    assert window.details.add_progress_button.isEnabled()
    window.filter_bar.text.setText("不会匹配任何任务的文字")
    assert window.details.title.text() == "未选择任务"
    assert not window.details.add_progress_button.isEnabled()
    assert window.details.history.topLevelItemCount() == 0


def test_after_a_delete_and_its_undo_a_neighbouring_row_is_current(window, qtbot):
    window.select_item(item_ids(window)[20])
    rows = shown(window)
    assert len(rows) >= 3
    window.task_view.setCurrentIndex(window.task_model.index(1, Column.CONTENT))
    window.confirm = lambda question: True
    window.delete_selected()
    assert window.current_task_id() == rows[2].id  # the row that took its place
    assert window.details.title.text().startswith(rows[2].code)
    assert window.details.add_progress_button.isEnabled()
    window.undo_action.trigger()
    assert [t.id for t in shown(window)] == [t.id for t in rows]
    assert window.current_task_id() == rows[2].id
    # Deleting the last row makes the one before it current.
    window.task_view.setCurrentIndex(window.task_model.index(len(rows) - 1, Column.CONTENT))
    window.delete_selected()
    assert window.current_task_id() == rows[-2].id


def test_clicking_a_chapter_shows_the_tasks_of_all_its_items(window):
    chapter = window.outline.index(1, 0)  # 二、建立区域战略统筹机制
    window.outline_view.setCurrentIndex(chapter)
    chapter_items = [window.outline.index(r, 0, chapter).data(ITEM_ID_ROLE)
                     for r in range(window.outline.rowCount(chapter))]
    expected = [t.id for t in tasks.list_tasks(window._db, window._plan.id) if t.item_id in chapter_items]
    assert [t.id for t in shown(window)] == expected
    assert not window.task_view.isColumnHidden(Column.ITEM)
    assert window.item_text.toPlainText().startswith("二、建立区域战略统筹机制")
    assert window.current_task_id() == expected[0]
    window.filter_bar.text.setText("推进")
    assert window.table_pane.hits.text().startswith("本部分 ")


def test_a_task_without_a_lead_unit_is_marked_and_counted_in_the_outline(empty_plan_window, qtbot):
    window = empty_plan_window
    fourth = item_ids(window)[3]
    window.select_item(fourth)
    type_new_task(window, qtbot, "研究制定融合发展方案")
    assert window.task_model.index(0, Column.LEAD).data() == "未落实"
    assert window.task_model.index(0, Column.LEAD).data(Qt.ItemDataRole.EditRole) == ""
    cell = next(i for i in window.outline.item_indexes() if i.data(ITEM_ID_ROLE) == fourth).siblingAtColumn(1)
    assert cell.data() == "1（未1）" and cell.data(UNASSIGNED_ROLE) == 1
    assert "1 项未落实" in cell.data(Qt.ItemDataRole.ToolTipRole)
    chapter_cell = window.outline.index(1, 1)
    assert chapter_cell.data(UNASSIGNED_ROLE) == 1
    assert "未落实 1 项" in window.plan_label.text()
    window.task_model.setData(window.task_model.index(0, Column.LEAD), "省发展改革委")
    assert window.task_model.index(0, Column.LEAD).data() == "省发展改革委"
    cell = next(i for i in window.outline.item_indexes() if i.data(ITEM_ID_ROLE) == fourth).siblingAtColumn(1)
    assert cell.data() == "1" and "未落实" not in window.plan_label.text()


def test_an_item_whose_tasks_have_no_date_is_not_green(empty_plan_window):
    window = empty_plan_window
    first, second = item_ids(window)[:2]
    tasks.bulk_create_tasks(window._db, window._plan.id, [
        NewTask(item_id=first, content="长期坚持的任务", deadline_phrase="长期坚持", lead_unit="省财政厅"),
        NewTask(item_id=second, content="有期限的任务", deadline_phrase="2099年底前", lead_unit="省财政厅")])
    window.refresh(None)
    lights = {i.data(ITEM_ID_ROLE): i.data(LIGHT_ROLE) for i in window.outline.item_indexes()}
    assert lights[first] == Light.NONE and lights[second] == Light.GREEN  # the model hands back plain str


def test_the_task_table_right_click_menu(window):
    window.select_item(item_ids(window)[20])
    index = window.task_model.index(0, Column.SUPPORT)
    task = window.task_model.row(0).task
    assert task.support_units
    menu = task_table_menu(window, index)
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert texts[:4] == ["新建任务", "删除任务", "添加进展…", "复制任务行"]
    assert texts[4:-1] == [f"按此单位筛选：{u}" for u in (task.lead_unit, *task.support_units)]
    assert texts[-1] == f"给牵头单位发催办单：{task.lead_unit}…"  # issue 16
    next(a for a in menu.actions() if a.text() == f"按此单位筛选：{task.support_units[0]}").trigger()
    assert window.filter_bar.unit_name() == task.support_units[0]
    assert all(task.support_units[0] in (t.lead_unit, *t.support_units) for t in shown(window))


def test_right_clicking_the_new_row_of_ctrl_n_offers_no_tasks_unit_or_notice(window):
    window.select_item(item_ids(window)[20])
    window.new_task_action.trigger()  # the empty new row, last in the table
    draft = window.task_model.rowCount() - 1
    assert window.task_model.task_id_at(draft) is None
    menu = task_table_menu(window, window.task_model.index(draft, Column.SUPPORT))
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert texts[4:] == ["按此单位筛选", "给牵头单位发催办单…"]
    assert not any(a.isEnabled() for a in menu.actions() if a.text() in texts[4:])


def test_right_clicking_below_the_rows_offers_nothing_that_acts_on_the_current_row(window, monkeypatch):
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QMenu

    window.select_item(item_ids(window)[20])
    view = window.task_view
    view.setCurrentIndex(window.task_model.index(0, Column.CONTENT))
    shown_menus = []
    monkeypatch.setattr(QMenu, "popup", lambda menu, *args: shown_menus.append(
        {a.text(): a.isEnabled() for a in menu.actions() if not a.isSeparator()}))
    last = view.visualRect(window.task_model.index(window.task_model.rowCount() - 1, Column.CONTENT))
    below = QPoint(last.center().x(), last.bottom() + 20)
    assert not view.indexAt(below).isValid() and view.viewport().rect().contains(below)
    view.customContextMenuRequested.emit(below)
    assert shown_menus[-1] == {"新建任务": True, "删除任务": False, "添加进展…": False, "复制任务行": False,
                               "按此单位筛选": False, "给牵头单位发催办单…": False}
    view.customContextMenuRequested.emit(last.center())  # on a row: they act on it
    assert [shown_menus[-1][text] for text in ("删除任务", "添加进展…", "复制任务行")] == [True, True, True]


def test_the_outline_right_click_menu_shows_one_chapter(window, monkeypatch):
    from planner.ui.dialogs.suggestions_dialog import SuggestionsDialog

    window.select_item(item_ids(window)[3])  # in 二、
    menu = outline_menu(window)
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert texts == ["新建任务", "按建议分解…", "只看此章"]
    asked = []
    monkeypatch.setattr(SuggestionsDialog, "ask", staticmethod(lambda *args: asked.append(args) or []))
    next(a for a in menu.actions() if a.text() == "按建议分解…").trigger()
    assert asked
    next(a for a in menu.actions() if a.text() == "只看此章").trigger()
    root = window.outline.invisibleRootItem().index()
    hidden = [window.outline_view.isRowHidden(r, root) for r in range(window.outline.rowCount())]
    assert hidden.count(False) == 1 and not hidden[1]
    assert [a.text() for a in outline_menu(window).actions() if not a.isSeparator()][-1] == "显示全部章节"
    next(a for a in outline_menu(window).actions() if a.text() == "显示全部章节").trigger()
    assert not any(window.outline_view.isRowHidden(r, root) for r in range(window.outline.rowCount()))


def test_recent_databases_and_the_last_one_reopens_at_the_next_start(window, tmp_path, monkeypatch, qapp):
    from planner import app
    from planner.ui import recent_databases

    first = window._db_path
    other = tmp_path / "other.db"
    window.open_database_path(other)
    assert window._db_path == other and window.plan_combo.count() == 1
    assert recent_databases.recent_databases()[:2] == [other.resolve(), first.resolve()]
    window.file_menu.fill_recent_menu()
    [entry] = window.file_menu.recent_menu.actions()
    assert entry.text() == str(first.resolve())
    entry.trigger()
    assert window._db_path == first.resolve() and window.plan_combo.count() == 2

    # Next start without --db: the database used last opens.
    import gc
    import sys
    import threading

    # run_gui installs the crash handler for the process; it is put back after this test.
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    opened, collecting = probe_window(monkeypatch, qapp)
    assert app.run_gui(db_path=None, screenshot=None) == 0
    assert opened == [first.resolve()]
    # Start-up pauses the cycle collector; it runs again once the window is shown, and after.
    assert collecting == [False] and gc.isenabled()


def probe_window(monkeypatch, qapp) -> tuple[list, list]:
    """run_gui without a real window or event loop: the databases it opened the window on, and
    whether the cycle collector was on when the window was shown."""
    import gc

    from PySide6.QtCore import QObject

    opened, collecting = [], []

    class Probe(QObject):  # a QObject, as the window is: run_gui ties its start-up timer to it
        def __init__(self, db, *, db_path, **kwargs):
            super().__init__()
            self.db = db
            opened.append(db_path)  # run_gui closes the database when the window is gone

        def show(self):
            collecting.append(gc.isenabled())

        def close(self):
            pass

    monkeypatch.setattr("planner.ui.main_window.MainWindow", Probe)
    monkeypatch.setattr(type(qapp), "exec", lambda self=None: 0)
    return opened, collecting


def test_help_shows_the_guide_and_about_names_versions_and_places(window, monkeypatch):
    import platform

    from PySide6.QtCore import qVersion

    from planner.ui import help_dialogs

    shown_texts = []
    monkeypatch.setattr(help_dialogs.GuideDialog, "exec", lambda self: shown_texts.append(self.text.toPlainText()))
    monkeypatch.setattr(help_dialogs.AboutDialog, "exec", lambda self: shown_texts.append(self.label.text()))
    window._guide = RESOURCES / "guide.md"
    window._data_dir = ROOT / "appdata"
    window.show_guide()
    window.show_about()
    guide, about = shown_texts
    assert "使用说明" in guide and "本条目" in guide and "最近打开" in guide
    assert help_dialogs.program_version() in about
    assert str(window._db_path) in about and str(ROOT / "appdata") in about
    assert f"Qt {qVersion()}" in about and f"Python {platform.python_version()}" in about


@pytest.mark.parametrize("action_name", ["使用说明", "关于"])
def test_help_menu_has_both_entries(window, action_name):
    [help_menu] = [a.menu() for a in window.menuBar().actions() if a.text() == "帮助(&H)"]
    assert action_name in [a.text() for a in help_menu.actions()]


def test_a_last_database_that_cannot_be_opened_is_reported_and_the_default_opens(tmp_path, monkeypatch, qapp):
    from PySide6.QtWidgets import QMessageBox

    from planner import app, paths
    from planner.ui import recent_databases

    broken = tmp_path / "损坏.db"
    broken.write_bytes(b"this is not a database at all" * 100)
    recent_databases.remember_database(broken)
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda parent, title, text: warnings.append(text)))
    opened, _collecting = probe_window(monkeypatch, qapp)
    assert app.run_gui(db_path=None, screenshot=None) == 0
    assert opened == [paths.default_db_path()]
    assert len(warnings) == 1 and "损坏.db" in warnings[0] and "默认数据库" in warnings[0]
    assert broken.read_bytes() == b"this is not a database at all" * 100


def test_the_light_column_names_what_a_grey_light_means(window):
    window.all_tasks.setChecked(True)
    grey = [(row, window.task_model.row(row).task.status) for row in range(window.task_model.rowCount())
            if window.task_model.row(row).task.status in (Status.DONE, Status.PAUSED)]
    assert {status for _row, status in grey} == {Status.DONE, Status.PAUSED}
    assert all(window.task_model.index(row, Column.LIGHT).data() == status.value for row, status in grey)
