"""The table keeps showing and acting on the right tasks across filters, sorting, plans and databases."""

from PySide6.QtCore import Qt

from planner.services import documents, plans, tasks, task_edits
from planner.storage.units import list_units
from planner.ui.dialogs.units_dialog import UnitsDialog
from planner.ui.outline_model import ITEM_ID_ROLE
from planner.ui.task_table_model import Column

from .conftest import type_new_task
from .message_box import MessageBoxAnswers


def test_a_filter_that_hides_the_current_row_leaves_no_dangling_selection(window, qtmodeltester):
    window.all_tasks.setChecked(True)
    qtmodeltester.check(window.task_model)
    window.task_view.setCurrentIndex(window.task_model.index(50, Column.CONTENT))
    chosen = window.current_task_id()
    content = task_edits.get_task(window._db, chosen).content
    window.filter_bar.text.setText(content)  # only that task is left: it stays current, on row 0
    assert window.task_model.rowCount() == 1 and window.current_task_id() == chosen
    window.filter_bar.text.setText("不会匹配任何任务的文字")
    assert window.task_model.rowCount() == 0 and window.current_task_id() is None
    window.add_progress()  # must not act on a task that is no longer shown
    assert window.errors[-1] == "请先选择一项任务。"


def test_sorting_keeps_the_current_task_current(window):
    window.all_tasks.setChecked(True)
    window.task_view.setCurrentIndex(window.task_model.index(0, Column.CONTENT))
    chosen = window.current_task_id()
    window.task_view.sortByColumn(Column.CONTENT, Qt.SortOrder.DescendingOrder)
    assert window.current_task_id() == chosen
    assert window.details.title.text().startswith(task_edits.get_task(window._db, chosen).code)


def test_with_all_tasks_on_switching_plan_or_database_shows_the_new_rows(window, tmp_path):
    window.all_tasks.setChecked(True)
    empty = plans.list_plans(window._db)[-1].id
    window.plan_combo.setCurrentIndex(window.plan_combo.findData(empty))
    assert window.task_model.rowCount() == 0
    window.plan_combo.setCurrentIndex(0)
    assert window.task_model.rowCount() == len(tasks.list_tasks(window._db, window._plan.id))
    window.ask_open_file = lambda caption, filters: tmp_path / "new.db"
    window.file_menu.open_other_database()
    assert window.task_model.rowCount() == 0


def test_ctrl_n_under_a_filter_shows_and_edits_the_new_task_not_another(window, qtbot):
    window.filter_bar.text.setText("学习")
    before = {t.id: t.content for t in tasks.list_tasks(window._db, window._plan.id)}
    type_new_task(window, qtbot, "新写的任务")
    [new_id] = set(t.id for t in tasks.list_tasks(window._db, window._plan.id)) - set(before)
    assert window.filter_bar.text.text() == ""
    assert window.current_task_id() == new_id
    assert window.task_model.row(window.task_view.currentIndex().row()).task.content == "新写的任务"
    assert {t.id: t.content for t in tasks.list_tasks(window._db, window._plan.id) if t.id in before} == before


def test_merging_away_the_unit_filtered_on_clears_that_filter(window, qtbot, monkeypatch):
    window.all_tasks.setChecked(True)
    window.filter_bar.unit.setCurrentText("省委宣传部")
    assert window.task_model.rowCount() > 0
    dialog = UnitsDialog(window.settings_menu.unit_actions(), window)
    qtbot.addWidget(dialog)
    dialog.select("省委宣传部")
    monkeypatch.setattr(UnitsDialog, "ask_choice", staticmethod(lambda *args: "省发展改革委"))
    dialog.merge()
    assert window.filter_bar.unit_name() == ""
    assert window.task_model.rowCount() == len(tasks.list_tasks(window._db, window._plan.id))


def test_only_uncovered_items_also_works_for_a_document_without_chapters(window):
    imported = documents.import_policy_text(window._db, "（一）第一件事。做好。\n（二）第二件事。做好。", title="通知")
    plan = plans.create_plan(window._db, imported.id)
    window._load_plans(plan.id)
    first = window.outline.index(0, 0)
    window.select_item(first.data(ITEM_ID_ROLE))
    window.new_task("第一件事的任务")
    window.uncovered_only.setChecked(True)
    root = window.outline.invisibleRootItem().index()
    assert window.outline_view.isRowHidden(0, root) and not window.outline_view.isRowHidden(1, root)
    assert first.data() == "（一）第一件事"


def test_a_unit_typed_in_a_cell_can_be_filtered_on_at_once(window):
    editor_row = window.task_model.row(0).task.id
    answers = MessageBoxAnswers("新增单位")  # a new unit is created only when the clerk says so
    window._edit_requested(editor_row, "lead_unit", "省海洋发展局")
    assert answers.seen
    names = [window.filter_bar.unit.itemText(i) for i in range(window.filter_bar.unit.count())]
    assert "省海洋发展局" in names and "省海洋发展局" in [u.name for u in list_units(window._db)]
