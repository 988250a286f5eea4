"""The main window: wires the outline, item text, task table and details panes, the menus and the services."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QComboBox, QMainWindow, QSplitter

from planner import APP_NAME
from planner.domain.model import Document, Item, Status
from planner.services import documents, plans, progress, tasks, units, workspace
from planner.ui import recent_databases
from planner.ui.dashboard.hookup import DashboardHookup
from planner.ui.details_panel import DetailsPanel
from planner.ui.file_menu import FileMenu
from planner.ui.item_text_pane import ItemTextPane
from planner.ui.main_menus import build_menus, outline_menu, task_table_menu
from planner.ui.outcome import FAILED
from planner.ui.outline_pane import OutlinePane
from planner.ui.plan_rows import PlanRows
from planner.ui.settings_menu import SettingsMenu
from planner.ui.status_line import StatusLine
from planner.ui.task_table_model import Column
from planner.ui.task_actions import TaskActions
from planner.ui.task_table_pane import TaskTablePane
from planner.ui.task_view import COLUMN_WIDTHS, TaskTableView
from planner.ui.window_layout import DEFAULT_SIZE, default_splits, fit_to_screen, restore_layout, save_layout

# Dialogs (Qt's message boxes and file dialogs included), suggestions and the clipboard format
# are imported where they are first used, not here: every module and Qt class loaded before
# the window is drawn counts against the start-up goal (tests/perf/bench_window.py).

__all__ = ["COLUMN_WIDTHS", "MainWindow"]

# The whole plan's rows are read on a worker this long after the window first shows, so the
# first drawing and the first clicks do not share the processor with it.
PREFETCH_DELAY_MS = 1000


class MainWindow(QMainWindow):
    """Opens on the most recently changed plan, with its first item selected."""

    def __init__(self, db, *, db_path: Path, builtin, keyword_units, word_template: Path,
                 today: dt.date | None = None, remember_layout: bool = True, guide: Path | None = None,
                 data_dir: Path | None = None, parent=None):
        """``remember_layout=False`` (the screenshot) neither reads nor writes the user's saved layout."""
        super().__init__(parent)
        self._remember_layout = remember_layout
        self._db, self._db_path, self._builtin = db, db_path, builtin
        self._word_template = word_template
        self._keyword_units = keyword_units
        self._guide, self._data_dir = guide, data_dir
        self._today = today or dt.date.today()
        self._plan = None
        self._document: Document | None = None
        self._items: dict[int, Item] = {}
        self._overview = tasks.PlanOverview(items={}, statuses=dict.fromkeys(Status, 0))
        self.undo_stack = QUndoStack(self)
        self.plan_rows = PlanRows(self)
        self._prefetch_scheduled = False
        self.task_actions = TaskActions(self)
        self.settings_menu = SettingsMenu(self)
        self.file_menu = FileMenu(self, word_template=word_template,
                                  plan_settings_changed=self.settings_menu.plan_settings_changed)
        self._build_panes()
        self.window_actions = build_menus(self)
        self.dashboard = DashboardHookup(self)  # 总览: its action, the status bar's 逾期/临期 label
        for name in ("undo", "redo", "new_task", "from_selection", "suggest", "delete", "progress", "copy",
                     "paste", "filter", "move_up", "move_down"):
            setattr(self, f"{name}_action", getattr(self.window_actions, name))
        self._restore_layout()
        self._load_plans()
        if remember_layout:
            recent_databases.remember_database(db_path)

    # --- construction ----------------------------------------------------------------------

    def _build_panes(self) -> None:
        self.plan_combo = QComboBox()
        self.plan_combo.setMinimumContentsLength(28)
        self.plan_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)

        self.outline_pane = OutlinePane()
        self.outline, self.outline_view = self.outline_pane.model, self.outline_pane.view
        self.uncovered_only = self.outline_pane.uncovered_only
        self.item_text = ItemTextPane()
        self.details = DetailsPanel()
        self.table_pane = TaskTablePane(unit_names=lambda: [u.name for u in units.list_units(self._db)],
                                        leader_names=lambda: tasks.leader_names(self._db, self._plan.id)
                                        if self._plan else [],
                                        plan_year=lambda: self._plan.year if self._plan else None,
                                        today=lambda: self._today)
        self.task_model, self.task_view = self.table_pane.model, self.table_pane.view
        self.filter_bar, self.all_tasks = self.table_pane.filter_bar, self.table_pane.all_tasks

        # Item text and details side by side above the table: the table gets the window's full
        # width and most of its height (≥ 10 rows at 1280×680), and either pane folds away.
        self.top_split = QSplitter(Qt.Orientation.Horizontal)
        self.top_split.setObjectName("top_split")
        self.top_split.addWidget(self.item_text)
        self.top_split.addWidget(self.details)
        self.top_split.setStretchFactor(0, 3)
        self.top_split.setStretchFactor(1, 2)
        self.centre_split = QSplitter(Qt.Orientation.Vertical)
        self.centre_split.setObjectName("centre_split")
        self.centre_split.addWidget(self.top_split)
        self.centre_split.addWidget(self.table_pane)
        self.centre_split.setStretchFactor(1, 1)
        self.centre_split.setCollapsible(1, False)
        self.main_split = QSplitter(Qt.Orientation.Horizontal)
        self.main_split.setObjectName("main_split")
        self.main_split.addWidget(self.outline_pane)
        self.main_split.addWidget(self.centre_split)
        self.main_split.setStretchFactor(1, 1)
        self.main_split.setCollapsible(1, False)
        self.setCentralWidget(self.main_split)

        self.status_line = StatusLine(self.statusBar())
        self.plan_label = self.status_line.plan_label

        self.plan_combo.currentIndexChanged.connect(self._plan_chosen)
        self.outline_pane.scope_chosen.connect(self._scope_chosen)
        self.outline_pane.menu_requested.connect(lambda pos: outline_menu(self).popup(pos))
        self.filter_bar.changed.connect(self._apply_filter)
        self.all_tasks.toggled.connect(self._all_tasks_toggled)
        self.table_pane.widen_requested.connect(lambda: self.all_tasks.setChecked(True))
        self.table_pane.menu_requested.connect(lambda pos, index: task_table_menu(self, index).popup(pos))
        self.task_model.edit_requested.connect(self._edit_requested)
        # After the editor has closed: creating the task reloads the rows the editor stands on.
        self.task_model.draft_committed.connect(
            lambda item_id, text: QTimer.singleShot(0, lambda: self.task_actions.create_from_draft(item_id, text)))
        self.task_view.selectionModel().currentRowChanged.connect(lambda *_: self._task_chosen())
        self.task_view.itemDelegateForColumn(Column.CONTENT).closeEditor.connect(
            lambda *_: QTimer.singleShot(0, self.task_model.drop_draft))
        self.task_actions.hook_up(self.table_pane)  # Delete, Ctrl+C, Ctrl+V, a cell's value refused
        self.details.add_progress_button.clicked.connect(self.add_progress)
        self.undo_stack.indexChanged.connect(lambda _i: self.status_line.mark_saved())
        self.plan_rows.loaded.connect(self._show_hits)

    # --- the seams dialogs and tests go through ----------------------------------------------

    def show_error(self, message: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.warning(self, APP_NAME, message)

    def show_info(self, message: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.information(self, APP_NAME, message)

    def confirm(self, question: str) -> bool:
        from PySide6.QtWidgets import QMessageBox

        answer = QMessageBox.question(self, APP_NAME, question)
        return answer == QMessageBox.StandardButton.Yes

    def ask_open_file(self, caption: str, filters: str) -> Path | None:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getOpenFileName(self, caption, str(self._last_folder()), filters)
        return self._remember_folder(path)

    def ask_save_file(self, caption: str, name: str, filters: str) -> Path | None:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getSaveFileName(self, caption, str(self._last_folder() / name), filters)
        return self._remember_folder(path)

    def ask_open_files(self, caption: str, filters: str) -> list[Path]:
        from PySide6.QtWidgets import QFileDialog

        names, _ = QFileDialog.getOpenFileNames(self, caption, str(self._last_folder()), filters)
        if names:
            self._remember_folder(names[0])
        return [Path(name) for name in names]

    def ask_folder(self, caption: str) -> Path | None:
        from PySide6.QtWidgets import QFileDialog

        folder = QFileDialog.getExistingDirectory(self, caption, str(self._last_folder()))
        if not folder:
            return None
        QSettings().setValue("files/last_folder", folder)
        return Path(folder)

    def _last_folder(self) -> Path:
        return Path(QSettings().value("files/last_folder", str(Path.home())))

    def _remember_folder(self, path: str) -> Path | None:
        if not path:
            return None
        QSettings().setValue("files/last_folder", str(Path(path).parent))
        return Path(path)

    # What the panes' helpers (task_actions, the menus) read of the window.
    db = property(lambda self: self._db)
    db_path = property(lambda self: self._db_path)
    plan = property(lambda self: self._plan)
    today = property(lambda self: self._today)
    items = property(lambda self: self._items)
    keyword_units = property(lambda self: self._keyword_units)

    def run(self, work):
        return self._run(work)

    def _run(self, work):
        """Run a service call; a UserError (or a failing database file) becomes a message and FAILED."""
        try:
            return work()
        except Exception as error:  # noqa: BLE001 - sorted into the user's problem or a bug
            user_error = workspace.explain_failure(error, self._db_path)
            if user_error is None:
                raise
            self.show_error("\n".join(user_error.lines()))
            return FAILED

    # --- loading -----------------------------------------------------------------------------

    def _load_plans(self, select_id: int | None = None) -> None:
        self.plan_combo.blockSignals(True)
        self.plan_combo.clear()
        for summary in plans.list_plans(self._db):
            self.plan_combo.addItem(summary.name, summary.id)
        index = self.plan_combo.findData(select_id) if select_id is not None else 0
        self.plan_combo.setCurrentIndex(max(0, index))
        self.plan_combo.blockSignals(False)
        self._plan_chosen(self.plan_combo.currentIndex())

    def show_plan(self, plan_id: int) -> None:
        """Show this plan (one just created), the list of plans read again."""
        self._load_plans(plan_id)

    def reload_plan(self) -> None:
        """Read the plan shown again after its settings were saved; the rows are left as they are."""
        self._plan = plans.get_plan(self._db, self._plan.id)

    def _plan_chosen(self, index: int) -> None:
        plan_id = self.plan_combo.itemData(index)
        if plan_id is None:
            return
        self.undo_stack.clear()  # steps of another plan would act out of sight
        self._plan = plans.get_plan(self._db, plan_id)
        self._document = documents.load_document(self._db, self._plan.document_id)
        self._items = {item.id: item for item in self._document.items}
        self.plan_rows.forget(self._db_path, plan_id)
        if self.isVisible():
            self._prefetch_plan_rows()
        self.filter_bar.set_units([u.name for u in units.list_units(self._db)])
        self.filter_bar.set_warning_days(self._plan.warning_days)
        self.setWindowTitle(f"{self._plan.name} — {APP_NAME}")
        self.outline_pane.show_chapter(None)  # 只看此章 belonged to the other plan's document
        self._refresh_outline()
        if self.all_tasks.isChecked():
            self._load_scope()  # the whole new plan; in item mode choosing the item loads it
        self.outline_pane.select_first_item()
        self._refresh_status()

    def _prefetch_plan_rows(self) -> None:
        # Not for a closed window: its timer may still fire.
        if self._plan is not None and self.isVisible() and not self.plan_rows.ready() and not self.plan_rows.loading():
            self.plan_rows.reload(self._db_path, self._plan.id)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        if not self._prefetch_scheduled:
            self._prefetch_scheduled = True
            QTimer.singleShot(PREFETCH_DELAY_MS, self._prefetch_plan_rows)

    def refresh(self, task_ids: list[int] | None) -> None:
        """Bring the window up to date after a change: some rows, or everything."""
        if task_ids is None:
            current, current_row = self.current_task_id(), self.task_view.currentIndex().row()
            self.plan_rows.forget(self._db_path, self._plan.id)
            self._load_scope()
            if self.filter_bar.set_units([u.name for u in units.list_units(self._db)]):
                self._apply_filter()  # the unit filtered on is gone (merged or deleted)
            self._keep_a_current_row(current, current_row)
            if self.isVisible():
                self._prefetch_plan_rows()
        else:
            # Rows stay where they are, so the selection (and an open editor) is left alone; a row
            # the edit took out of the filter (or back in) moves once the editor has closed.
            changed = tasks.task_rows(self._db, self._plan.id, task_ids)
            if self.task_model.update_rows(changed):
                self.task_view.when_not_editing(self._refilter)
            self.plan_rows.update(changed)
            self.filter_bar.set_units([u.name for u in units.list_units(self._db)])  # a unit typed in a cell
            if self.isVisible():
                self._prefetch_plan_rows()  # the plan's rows, if not read yet, now with this edit
        self._refresh_outline()
        self._refresh_status()
        self._task_chosen()
        self._show_hits()

    def _refilter(self) -> None:
        task_id, row = self.current_task_id(), self.task_view.currentIndex().row()
        self.task_model.refilter()
        self._keep_a_current_row(task_id, row)
        self._task_chosen()
        self._show_hits()

    def _keep_a_current_row(self, task_id: int | None, row: int) -> None:
        """The same task stays current; if it is gone (deleted, undone), its neighbour becomes current."""
        if task_id is not None and self.task_model.visible_row(task_id) is not None:
            self.select_task(task_id)
        elif self.task_model.rowCount():
            row = min(max(row, 0), self.task_model.rowCount() - 1)
            self.task_view.setCurrentIndex(self.task_model.index(row, Column.CONTENT))

    def _load_scope(self) -> None:
        """Fetch the rows the table shows: the current item's or chapter's, or the whole plan's."""
        self.task_view.discard_editor()
        self.task_model.drop_draft()
        if self.all_tasks.isChecked():
            rows = self.plan_rows.rows()
        else:
            item_ids = self.outline_pane.current_item_ids() or []
            rows = self.plan_rows.rows_of_items(set(item_ids))
            if rows is None:  # the plan's rows are not at hand yet: read just these items
                rows = [row for item_id in item_ids for row in tasks.task_rows(self._db, self._plan.id,
                                                                                 item_id=item_id)]
        self.task_model.set_rows(rows, today=self._today, warning_days=self._warning_days())

    def _refresh_outline(self) -> None:
        self._overview = tasks.plan_overview(self._db, self._plan.id, today=self._today,
                                             warning_days=self._warning_days())
        self.outline_pane.load(self._document, self._overview)

    def _warning_days(self) -> int:
        """The 临期 window in calendar days (a plan counting working days spans more of them, issue 19)."""
        return self.dashboard.warning_days(self._db, self._plan, today=self._today)

    def _refresh_status(self) -> None:
        overview = self._overview
        self.status_line.show(self._plan.name, overview, len(self._items))
        self.dashboard.refresh(self._db, self._plan, today=self._today, overdue=overview.overdue,
                               due_soon=overview.due_soon)

    # --- outline and item text ---------------------------------------------------------------

    def select_item(self, item_id: int) -> None:
        self.outline_pane.select_item(item_id)

    def current_item_id(self) -> int | None:
        return self.outline_pane.current_item_id()

    def _scope_chosen(self) -> None:
        item = self._items.get(self.current_item_id())
        self.item_text.show_item(item, chapter_label=self.outline_pane.current_label())
        if not self.all_tasks.isChecked():
            self.task_view.show_item_column(item is None)  # a chapter's tasks come from several items
            self._load_scope()
        self._apply_filter()
        if self.task_model.rowCount() and not self.task_view.currentIndex().isValid():
            self.task_view.setCurrentIndex(self.task_model.index(0, Column.CONTENT))
        self._task_chosen()

    # --- the task table ---------------------------------------------------------------------

    def _all_tasks_toggled(self, on: bool) -> None:
        current = self.current_task_id()
        self.task_view.show_item_column(on or not self.current_item_id())
        self._load_scope()
        self._apply_filter()
        self._keep_a_current_row(current, 0)

    def _apply_filter(self) -> None:
        filtering = self.filter_bar.is_filtering()
        self.task_view.placeholder = ("没有符合筛选条件的任务。" if filtering else
                                      "这个方案还没有任务。" if self.all_tasks.isChecked() else
                                      TaskTableView.placeholder if self.outline_pane.current_item_ids() is not None
                                      else "左侧没有选中的条目。")
        self.task_model.set_filter(self.table_pane.current_filter())
        self._task_chosen()  # the current row may have been filtered out
        self._show_hits()

    def _show_hits(self) -> None:
        if self._plan is None:
            return
        scope = "" if self.all_tasks.isChecked() else ("本条目" if self.current_item_id() else "本部分")
        in_plan = None
        if self.filter_bar.is_filtering() and scope:
            in_plan = self.plan_rows.count(self.task_model.task_filter, today=self._today,
                                           warning_days=self._warning_days())
            if in_plan is None and self.isVisible():
                self._prefetch_plan_rows()  # the count follows when the rows arrive (plan_rows.loaded)
        self.table_pane.show_hits(self.task_model.rowCount(), in_plan, scope=scope)

    def filter_by_unit(self, name: str) -> None:
        self.filter_bar.unit.setCurrentText(name)

    def current_task_id(self) -> int | None:
        index = self.task_view.currentIndex()
        if not index.isValid() or index.row() >= self.task_model.rowCount():
            return None
        return self.task_model.task_id_at(index.row())

    def select_task(self, task_id: int) -> None:
        row = self.task_model.visible_row(task_id)
        if row is not None:
            self.task_view.setCurrentIndex(self.task_model.index(row, Column.CONTENT))

    def _task_chosen(self) -> None:
        task_id = self.current_task_id()
        row = self.task_model.row(self.task_view.currentIndex().row()) if task_id is not None else None
        self.details.show_task(row, progress.history(self._db, task_id) if task_id is not None else [],
                               deadline_note=self.dashboard.deadline_note(self._db, self._plan, row and row.task,
                                                                          today=self._today))
        self.item_text.highlight(row.task.source_passage if row else "")

    def _edit_requested(self, task_id: int, field: str, value: object) -> None:
        self.task_actions.edit_field(task_id, field, value)

    # --- what a person does to tasks (planner/ui/task_actions.py) ---------------------------------

    def new_task(self, content: str | None = None) -> None:
        self.task_actions.new_task(content)

    def task_from_selection(self) -> None:
        self.task_actions.task_from_selection()

    def tasks_from_suggestions(self) -> None:
        self.task_actions.tasks_from_suggestions()

    def paste_tasks(self) -> None:
        self.task_actions.paste_tasks()

    def selected_task_ids(self) -> list[int]:
        return self.task_actions.selected_task_ids()

    def delete_selected(self) -> None:
        self.task_actions.delete_selected()

    def move_task(self, step: int) -> None:
        self.task_actions.move_task(step)

    def copy_selected(self) -> None:
        self.task_actions.copy_selected()

    def add_progress(self) -> None:
        self.task_actions.add_progress()

    # --- databases, help ------------------------------------------------------------------------

    def switch_database(self, db, path: Path) -> None:
        """Show another (already opened) database; the old connection is closed."""
        self.plan_rows.stop()
        self._db.close()
        self._db, self._db_path = db, path
        if self._remember_layout:
            recent_databases.remember_database(path)
        self._load_plans()
        from planner.ui import safety_menu  # backups and the 回收站: not needed to draw the window

        safety_menu.database_opened(self, path)  # the day's backup, a network-share warning

    def open_database_path(self, path: Path) -> None:
        db = self._run(lambda: workspace.open_workspace(path, self._builtin))
        if db is not FAILED:
            self.switch_database(db, path)

    def show_guide(self) -> None:
        from planner.ui.help_dialogs import GuideDialog

        GuideDialog(self._guide or Path("guide.md"), self).exec()

    def show_about(self) -> None:
        from planner.ui.help_dialogs import AboutDialog, about_text

        AboutDialog(about_text(db_path=self._db_path, data_dir=self._data_dir), self).exec()

    # --- layout ---------------------------------------------------------------------------------

    def show_item_text(self, visible: bool) -> None:
        self._show_top_pane(0, visible)

    def show_details(self, visible: bool) -> None:
        self._show_top_pane(1, visible)

    def _show_top_pane(self, index: int, visible: bool) -> None:
        self.top_split.widget(index).setVisible(visible)
        # The top row folds away when both its panes do, giving the table the height.
        self.top_split.setVisible(self.item_text.isVisibleTo(self.top_split)
                                  or self.details.isVisibleTo(self.top_split))

    def _restore_layout(self) -> None:
        if self._remember_layout:
            restore_layout(self, QSettings())
        else:
            self.resize(DEFAULT_SIZE)
            self.apply_default_splits()
            fit_to_screen(self)

    def apply_default_splits(self) -> None:
        """The default pane sizes for the window's current size."""
        sizes = default_splits(self.size())
        self.main_split.setSizes(sizes.main)
        self.centre_split.setSizes(sizes.centre)
        self.top_split.setSizes(sizes.top)

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt API
        self.plan_rows.stop()
        if self._remember_layout:
            save_layout(self, QSettings())
        super().closeEvent(event)
