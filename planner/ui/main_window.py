"""The main window: outline, item text, task table with filters, details and progress; all edits undoable."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QColor, QKeySequence, QUndoStack
from PySide6.QtWidgets import (QApplication, QCheckBox, QComboBox, QHeaderView, QLabel, QMainWindow, QSplitter,
                               QTextBrowser, QTextEdit, QToolBar, QTreeView, QVBoxLayout, QWidget)

from planner import APP_NAME
from planner.domain.lights import Light
from planner.domain.model import Document, Item, NewTask, Status
from planner.domain.numerals import int_to_chinese
from planner.services import documents, plans, progress, task_edits, tasks, units, workspace
from planner.ui import commands, safety_menu
from planner.ui.delegates import (ContentDelegate, DeadlineDelegate, PercentDelegate, StatusDelegate,
                                  SupportUnitsDelegate, UnitDelegate)
from planner.ui.details_panel import DetailsPanel
from planner.ui.file_menu import FileMenuMixin
from planner.ui.filter_bar import FilterBar
from planner.ui.outcome import FAILED
from planner.ui.outline_model import COUNT_ROLE, ITEM_ID_ROLE, OutlineModel
from planner.ui.settings_menu import SettingsMenuMixin
from planner.ui.task_filter import TaskFilter
from planner.ui.task_table_model import FIELDS, HEADERS, Column, TaskTableModel
from planner.ui.task_view import TaskTableView

# Dialogs (Qt's message boxes and file dialogs included), suggestions and the clipboard format
# are imported where they are first used, not here: every module and Qt class loaded before
# the window is drawn counts against the start-up goal (tests/perf/bench_window.py).

COLUMN_WIDTHS = {Column.CODE: 58, Column.ITEM: 160, Column.CONTENT: 300, Column.LEAD: 110, Column.SUPPORT: 140,
                 Column.LEADER: 100, Column.DEADLINE: 104, Column.STATUS: 56, Column.PERCENT: 46,
                 Column.LATEST: 190, Column.LIGHT: 64}


class MainWindow(FileMenuMixin, SettingsMenuMixin, QMainWindow):
    """Opens on the most recently changed plan, with its first item selected."""

    def __init__(self, db, *, db_path: Path, builtin, keyword_units, word_template: Path,
                 today: dt.date | None = None, remember_layout: bool = True, parent=None):
        """``remember_layout=False`` (the screenshot) neither reads nor writes the user's saved layout."""
        super().__init__(parent)
        self._remember_layout = remember_layout
        self._db, self._db_path, self._builtin = db, db_path, builtin
        self._word_template = word_template
        self._keyword_units = keyword_units
        self._today = today or dt.date.today()
        self._plan = None
        self._document: Document | None = None
        self._items: dict[int, Item] = {}
        self._overview = tasks.PlanOverview(items={}, statuses=dict.fromkeys(Status, 0))
        self.undo_stack = QUndoStack(self)
        self.setAcceptDrops(True)  # returned 台账 can be dropped on the window
        self._build_widgets()
        self._build_actions()
        self._restore_layout()
        self._load_plans()

    # --- construction ----------------------------------------------------------------------

    def _build_widgets(self) -> None:
        self.plan_combo = QComboBox()
        self.plan_combo.setMinimumContentsLength(36)
        self.plan_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)

        self.outline = OutlineModel(self)
        self.outline_view = QTreeView()
        self.outline_view.setObjectName("outline_view")
        self.outline_view.setModel(self.outline)
        self.outline_view.setUniformRowHeights(True)
        header = self.outline_view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.uncovered_only = QCheckBox("只看尚未分解的条目")
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.uncovered_only)
        left_layout.addWidget(self.outline_view)

        self.item_text = QTextBrowser()
        self.item_text.setOpenLinks(False)
        self.item_text.setPlaceholderText("在左侧选择条目，这里显示原文；选中一段文字可直接创建任务。")
        self.filter_bar = FilterBar()
        self.all_tasks = QCheckBox("显示全部任务")
        self.task_model = TaskTableModel(self)
        self.task_view = TaskTableView()
        self.task_view.setObjectName("task_view")
        self.task_view.setModel(self.task_model)
        unit_names = lambda: [u.name for u in units.list_units(self._db)]  # noqa: E731 - read when editing
        self.task_view.setItemDelegateForColumn(Column.CONTENT, ContentDelegate(self.task_view))
        self.task_view.setItemDelegateForColumn(Column.LEAD, UnitDelegate(unit_names, self.task_view))
        self.task_view.setItemDelegateForColumn(Column.SUPPORT, SupportUnitsDelegate(unit_names, self.task_view))
        self.task_view.setItemDelegateForColumn(Column.LEADER, UnitDelegate(
            lambda: tasks.leader_names(self._db, self._plan.id) if self._plan else [], self.task_view))
        self.task_view.setItemDelegateForColumn(Column.DEADLINE, DeadlineDelegate(
            lambda: self._plan.year if self._plan else None, self.task_view))
        self.task_view.setItemDelegateForColumn(Column.STATUS, StatusDelegate(self.task_view))
        self.task_view.setItemDelegateForColumn(Column.PERCENT, PercentDelegate(self.task_view))
        for column, width in COLUMN_WIDTHS.items():
            self.task_view.setColumnWidth(column, width)
        self.task_view.show_item_column(False)
        table_box = QWidget()
        table_layout = QVBoxLayout(table_box)
        table_layout.setContentsMargins(0, 0, 0, 0)
        bar = QWidget()
        bar_layout = QVBoxLayout(bar)
        bar_layout.setContentsMargins(0, 0, 0, 0)
        bar_layout.addWidget(self.filter_bar)
        table_layout.addWidget(bar)
        table_layout.addWidget(self.task_view)
        self.filter_bar.layout().addWidget(self.all_tasks)

        # Details sit below the table so the table gets the full width of a 1366-pixel screen.
        self.details = DetailsPanel()
        self.centre_split = QSplitter(Qt.Orientation.Vertical)
        self.centre_split.addWidget(self.item_text)
        self.centre_split.addWidget(table_box)
        self.centre_split.addWidget(self.details)
        self.centre_split.setStretchFactor(1, 1)
        self.main_split = QSplitter(Qt.Orientation.Horizontal)
        self.main_split.addWidget(left)
        self.main_split.addWidget(self.centre_split)
        self.main_split.setStretchFactor(1, 1)
        self.setCentralWidget(self.main_split)

        self.plan_label = QLabel()
        self.counts_label = QLabel()
        self.saved_label = QLabel("已保存")
        self.statusBar().addWidget(self.plan_label, 1)
        self.statusBar().addPermanentWidget(self.counts_label)
        self.statusBar().addPermanentWidget(self.saved_label)

        self.plan_combo.currentIndexChanged.connect(self._plan_chosen)
        self.outline_view.selectionModel().currentChanged.connect(lambda *_: self._item_chosen())
        self.uncovered_only.toggled.connect(self._apply_outline_filter)
        self.filter_bar.changed.connect(self._apply_filter)
        self.all_tasks.toggled.connect(self._all_tasks_toggled)
        self.task_model.edit_requested.connect(self._edit_requested)
        self.task_view.selectionModel().currentRowChanged.connect(lambda *_: self._task_chosen())
        self.task_view.delete_requested.connect(self.delete_selected)
        self.task_view.copy_requested.connect(self.copy_selected)
        self.task_view.paste_requested.connect(self.paste_tasks)
        self.details.add_progress_button.clicked.connect(self.add_progress)
        self.undo_stack.indexChanged.connect(lambda _i: self._mark_saved())

    def _build_actions(self) -> None:
        def action(text, slot, shortcut=None, tip=None):
            act = QAction(text, self)
            act.triggered.connect(lambda _checked=False: slot())
            if shortcut:
                act.setShortcuts(shortcut if isinstance(shortcut, list) else [shortcut])
            if tip:
                act.setStatusTip(tip)
            return act

        self.undo_action = self.undo_stack.createUndoAction(self, "撤销")
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_stack.createRedoAction(self, "重做")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence.StandardKey.Redo])
        self.new_task_action = action("新建任务", self.new_task, QKeySequence("Ctrl+N"), "在所选条目下新建空白任务")
        self.from_selection_action = action("从选中文字创建", self.task_from_selection, None,
                                            "把条目原文中选中的一段作为任务内容")
        self.suggest_action = action("按建议分解…", self.tasks_from_suggestions, None, "按句子拆分条目并推荐牵头单位")
        self.delete_action = action("删除任务", self.delete_selected)
        self.progress_action = action("添加进展…", self.add_progress)
        self.copy_action = action("复制任务行", self.copy_selected)
        self.paste_action = action("粘贴为新任务", self.paste_tasks)
        self.filter_action = action("筛选", lambda: self.filter_bar.text.setFocus(), QKeySequence("Ctrl+F"))
        self.move_up_action = action("上移任务", lambda: self.move_task(-1), QKeySequence("Ctrl+Up"))
        self.move_down_action = action("下移任务", lambda: self.move_task(1), QKeySequence("Ctrl+Down"))

        file_menu = self.menuBar().addMenu("文件(&F)")
        file_menu.addAction(action("新建实施方案…", self.new_plan))
        file_menu.addAction(action("导入政策文件…", self.import_policy_file))
        file_menu.addAction(action("粘贴政策文本…", self.import_policy_text))
        file_menu.addSeparator()
        file_menu.addAction(action("导出 Word（实施方案/进展报告）…", self.export_word))
        # The 督查 office's documents, each opening the Word dialog on its kind (WordKind's values).
        for kind in ("进展情况报告", "催办单", "情况通报"):
            file_menu.addAction(action(f"导出{kind}…", lambda checked=False, k=kind: self.export_word(k)))
        file_menu.addAction(action("导出 Excel 台账…", lambda: self.export_excel("all")))
        file_menu.addAction(action("按牵头单位分别导出 Excel…", lambda: self.export_excel("by_unit")))
        file_menu.addAction(action("导出当前表格所示任务…", lambda: self.export_excel("shown")))
        file_menu.addAction(action("导入返回的台账…", self.import_excel))
        file_menu.addSeparator()
        file_menu.addAction(action("打开数据库…", self.open_other_database))
        file_menu.addAction(action("备份数据库…", self.backup_database))
        file_menu.addAction(action("恢复备份…", lambda: safety_menu.restore_backup(self)))
        file_menu.addSeparator()
        file_menu.addAction(action("退出", self.close, QKeySequence("Ctrl+Q")))
        edit_menu = self.menuBar().addMenu("编辑(&E)")
        for act in (self.undo_action, self.redo_action, None, self.new_task_action, self.delete_action, None,
                    self.copy_action, self.paste_action, None, self.filter_action):
            edit_menu.addSeparator() if act is None else edit_menu.addAction(act)
        edit_menu.addSeparator()
        edit_menu.addAction(action("回收站…", lambda: safety_menu.show_recycle_bin(self)))
        task_menu = self.menuBar().addMenu("任务(&T)")
        for act in (self.suggest_action, self.from_selection_action, self.progress_action, None,
                    self.move_up_action, self.move_down_action):
            task_menu.addSeparator() if act is None else task_menu.addAction(act)
        settings_menu = self.menuBar().addMenu("设置(&S)")
        settings_menu.addAction(action("单位目录…", self.edit_units))
        settings_menu.addAction(action("方案设置…", self.edit_plan_settings))

        toolbar = QToolBar("常用")
        toolbar.setObjectName("main_toolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        toolbar.addWidget(QLabel(" 实施方案： "))
        toolbar.addWidget(self.plan_combo)
        toolbar.addSeparator()
        for act in (self.new_task_action, self.suggest_action, self.from_selection_action, self.progress_action,
                    self.delete_action, None, self.undo_action, self.redo_action):
            toolbar.addSeparator() if act is None else toolbar.addAction(act)
        self.addToolBar(toolbar)

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

    def _last_folder(self) -> Path:
        return Path(QSettings().value("files/last_folder", str(Path.home())))

    def _remember_folder(self, path: str) -> Path | None:
        if not path:
            return None
        QSettings().setValue("files/last_folder", str(Path(path).parent))
        return Path(path)

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

    def _plan_chosen(self, index: int) -> None:
        plan_id = self.plan_combo.itemData(index)
        if plan_id is None:
            return
        self.undo_stack.clear()  # steps of another plan would act out of sight
        self._plan = plans.get_plan(self._db, plan_id)
        self._document = documents.load_document(self._db, self._plan.document_id)
        self._items = {item.id: item for item in self._document.items}
        self.filter_bar.set_units([u.name for u in units.list_units(self._db)])
        self.filter_bar.set_warning_days(self._plan.warning_days)
        self.setWindowTitle(f"{self._plan.name} — {APP_NAME}")
        self._refresh_outline()
        if self.all_tasks.isChecked():
            self._load_scope()  # the whole new plan; in item mode choosing the item loads it
        self._select_first_item()
        self._refresh_status()

    def refresh(self, task_ids: list[int] | None) -> None:
        """Bring the window up to date after a change: some rows, or everything."""
        if task_ids is None:
            current = self.current_task_id()
            self._load_scope()
            if self.filter_bar.set_units([u.name for u in units.list_units(self._db)]):
                self._apply_filter()  # the unit filtered on is gone (merged or deleted)
            if current is not None:
                self.select_task(current)
        else:
            # Rows stay where they are, so the selection (and an open editor) is left alone.
            self.task_model.update_rows(tasks.task_rows(self._db, self._plan.id, task_ids))
            self.filter_bar.set_units([u.name for u in units.list_units(self._db)])  # a unit typed in a cell
        self._refresh_outline()
        self._refresh_status()
        self._task_chosen()

    def _load_scope(self) -> None:
        """Fetch the rows the table shows: the selected item's, or the whole plan's."""
        self.task_view.discard_editor()
        item_id = None if self.all_tasks.isChecked() else (self.current_item_id() or -1)
        rows = tasks.task_rows(self._db, self._plan.id, item_id=item_id)
        self.task_model.set_rows(rows, today=self._today, warning_days=self._plan.warning_days)

    def _refresh_outline(self) -> None:
        selected = self.current_item_id()
        self._overview = tasks.plan_overview(self._db, self._plan.id, today=self._today,
                                             warning_days=self._plan.warning_days)
        counts = {item_id: summary.count for item_id, summary in self._overview.items.items()}
        lights = {item_id: summary.light for item_id, summary in self._overview.items.items()}
        self.outline_view.selectionModel().blockSignals(True)
        self.outline.load(self._document, counts, lights)
        self.outline_view.expandAll()
        self._apply_outline_filter()
        if selected is not None:
            self.select_item(selected)
        self.outline_view.selectionModel().blockSignals(False)

    def _refresh_status(self) -> None:
        overview = self._overview
        self.plan_label.setText(f"{self._plan.name}　|　共 {overview.total} 项任务，已分解 {len(overview.items)}/"
                                f"{len(self._items)} 个条目")
        self.counts_label.setText("　".join(f"{status.value} {overview.statuses[status]}" for status in Status))

    def _mark_saved(self) -> None:
        self.saved_label.setText(f"已保存 {dt.datetime.now():%H:%M:%S}")

    # --- outline and item text ---------------------------------------------------------------

    def _select_first_item(self) -> None:
        first = next(iter(self.outline.item_indexes()), None)
        self.outline_view.selectionModel().blockSignals(True)
        if first is not None:
            self.outline_view.setCurrentIndex(first)
        self.outline_view.selectionModel().blockSignals(False)
        self._item_chosen()

    def select_item(self, item_id: int) -> None:
        for index in self.outline.item_indexes():
            if index.data(ITEM_ID_ROLE) == item_id:
                self.outline_view.setCurrentIndex(index)
                return

    def current_item_id(self) -> int | None:
        index = self.outline_view.currentIndex()
        return index.siblingAtColumn(0).data(ITEM_ID_ROLE) if index.isValid() else None

    def _item_chosen(self) -> None:
        item = self._items.get(self.current_item_id())
        self.item_text.setHtml(_item_html(item) if item else "")
        if not self.all_tasks.isChecked():
            self._load_scope()
        self._apply_filter()
        if self.task_model.rowCount() and not self.task_view.currentIndex().isValid():
            self.task_view.setCurrentIndex(self.task_model.index(0, Column.CONTENT))
        self._task_chosen()

    def _apply_outline_filter(self) -> None:
        only_uncovered = self.uncovered_only.isChecked()
        root = self.outline.invisibleRootItem().index()
        for row in range(self.outline.rowCount()):
            chapter = self.outline.index(row, 0)
            if chapter.data(ITEM_ID_ROLE) is not None:  # an item of a document without chapters
                count = self.outline.index(row, 1).data(COUNT_ROLE) or 0
                self.outline_view.setRowHidden(row, root, only_uncovered and count > 0)
                continue
            visible_children = 0
            for child in range(self.outline.rowCount(chapter)):
                count = self.outline.index(child, 1, chapter).data(COUNT_ROLE) or 0
                hidden = only_uncovered and count > 0
                self.outline_view.setRowHidden(child, chapter, hidden)
                visible_children += not hidden
            if self.outline.rowCount(chapter):
                self.outline_view.setRowHidden(row, root, only_uncovered and visible_children == 0)

    # --- the task table ---------------------------------------------------------------------

    def _all_tasks_toggled(self, on: bool) -> None:
        self.task_view.show_item_column(on)
        self._load_scope()
        self._apply_filter()

    def _apply_filter(self) -> None:
        bar = self.filter_bar
        self.task_view.placeholder = ("没有符合筛选条件的任务。" if _filtering(bar) else
                                      TaskTableView.placeholder if not self.all_tasks.isChecked() else
                                      "这个方案还没有任务。")
        status, light = bar.status.currentData(), bar.light.currentData()  # plain str from the combo boxes
        self.task_model.set_filter(TaskFilter(
            text=bar.text.text().strip(), status=Status(status) if status else None, unit=bar.unit_name(),
            light=Light(light) if light else None, hide_done=bar.hide_done.isChecked()))

    def current_task_id(self) -> int | None:
        index = self.task_view.currentIndex()
        if not index.isValid() or index.row() >= self.task_model.rowCount():
            return None
        return self.task_model.row(index.row()).task.id

    def select_task(self, task_id: int) -> None:
        row = self.task_model.visible_row(task_id)
        if row is not None:
            self.task_view.setCurrentIndex(self.task_model.index(row, Column.CONTENT))

    def _task_chosen(self) -> None:
        task_id = self.current_task_id()
        row = self.task_model.row(self.task_view.currentIndex().row()) if task_id is not None else None
        self.details.show_task(row, progress.history(self._db, task_id) if task_id is not None else [])
        self._highlight_source(row.task.source_passage if row else "")

    def _highlight_source(self, passage: str) -> None:
        selections = []
        if passage:
            cursor = self.item_text.document().find(passage)
            if not cursor.isNull():
                from PySide6.QtGui import QTextCharFormat

                selection = QTextEdit.ExtraSelection()
                selection.cursor = cursor
                highlight = QTextCharFormat()
                highlight.setBackground(QColor("#fff2a8"))
                selection.format = highlight
                selections.append(selection)
        self.item_text.setExtraSelections(selections)

    def _edit_requested(self, task_id: int, field: str, value: object) -> None:
        change = self._run(lambda: task_edits.update_field(self._db, task_id, field, value))
        if change is FAILED:
            return
        label = next((HEADERS[c] for c, f in FIELDS.items() if f == field), field)
        self.undo_stack.push(commands.EditFieldCommand(self._db, change, self.refresh, label))
        self.refresh([task_id])

    # --- creating tasks ------------------------------------------------------------------------

    def _create(self, new_tasks: list[NewTask], text: str) -> list[int]:
        ids = self._run(lambda: commands.create_tasks(self._db, self._plan.id, new_tasks))
        if ids is FAILED or not ids:
            return []
        self.undo_stack.push(commands.CreateTasksCommand(self._db, ids, self.refresh, text))
        self.refresh(None)
        self.select_task(ids[0])
        return ids

    def _require_item(self) -> int | None:
        item_id = self.current_item_id()
        if item_id is None:
            self.show_error("请先在左侧选择一个条目。")
        return item_id

    def new_task(self) -> None:
        item_id = self._require_item()
        if item_id is None:
            return
        ids = self._create([NewTask(item_id=item_id, content="（新任务，请填写任务内容）")], "新建任务")
        if ids and self.current_task_id() != ids[0]:
            self.filter_bar.clear()  # the filter hid the new task: show it rather than edit another
            self.select_task(ids[0])
        if ids and self.current_task_id() == ids[0]:
            self.task_view.edit(self.task_view.currentIndex())

    def task_from_selection(self) -> None:
        item_id = self._require_item()
        passage = self.item_text.textCursor().selectedText().replace("\u2029", "\n").strip()
        if item_id is None:
            return
        if not passage:
            self.show_error("请先在条目原文中选中一段文字。")
            return
        self._create([NewTask(item_id=item_id, content=passage, source_passage=passage)], "从原文创建任务")

    def tasks_from_suggestions(self) -> None:
        item_id = self._require_item()
        if item_id is None:
            return
        from planner.domain.suggestions import suggest_tasks
        from planner.ui.dialogs.suggestions_dialog import SuggestionsDialog

        item = self._items[item_id]
        suggestions = suggest_tasks(item.text, item.heading, self._keyword_units)
        if not suggestions:
            self.show_error("这个条目没有可拆分的句子。")
            return
        chosen = SuggestionsDialog.ask(self, suggestions, [u.name for u in units.list_units(self._db)],
                                       item.heading or f"（{int_to_chinese(item.number)}）")
        if chosen:
            self._create([NewTask(item_id=item_id, content=s.content, lead_unit=s.lead_unit,
                                  support_units=s.support_units, source_passage=s.content) for s in chosen],
                         f"按建议创建 {len(chosen)} 项任务")

    def paste_tasks(self) -> None:
        item_id = self._require_item()
        if item_id is None:
            return
        from planner.ui.clipboard import tsv_to_new_tasks

        new_tasks = tsv_to_new_tasks(QApplication.clipboard().text(), item_id)
        if not new_tasks:
            self.show_error("剪贴板中没有可粘贴的任务（请从 Excel/WPS 复制含“任务内容”的行）。")
            return
        self._create(new_tasks, f"粘贴 {len(new_tasks)} 项任务")

    # --- other task actions -------------------------------------------------------------------

    def selected_task_ids(self) -> list[int]:
        """The selected rows' tasks, or the current row's when nothing is selected."""
        rows = self.task_view.selected_rows()
        if not rows and self.task_view.currentIndex().isValid():
            rows = [self.task_view.currentIndex().row()]
        return [self.task_model.row(row).task.id for row in rows]

    def delete_selected(self) -> None:
        ids = self.selected_task_ids()
        if not ids or not self.confirm(f"确定删除选中的 {len(ids)} 项任务吗？\n（进展记录会保留，可用“撤销”或“编辑 → 回收站…”恢复。）"):
            return
        if self._run(lambda: task_edits.delete_tasks(self._db, ids)) is FAILED:
            return
        self.undo_stack.push(commands.DeleteTasksCommand(self._db, ids, self.refresh))
        self.refresh(None)

    def move_task(self, step: int) -> None:
        task_id = self.current_task_id()
        if task_id is None:
            return
        moved = self._run(lambda: task_edits.move_task(self._db, task_id, step))
        if moved is FAILED or not moved:
            return
        self.undo_stack.push(commands.MoveTaskCommand(self._db, task_id, step, self.refresh))
        self.refresh(None)

    def copy_selected(self) -> None:
        rows = [self.task_model.row(row) for row in self.task_view.selected_rows()]
        if not rows and self.task_view.currentIndex().isValid():
            rows = [self.task_model.row(self.task_view.currentIndex().row())]
        if rows:
            from planner.ui.clipboard import rows_to_tsv

            QApplication.clipboard().setText(rows_to_tsv(rows))
            self.statusBar().showMessage(f"已复制 {len(rows)} 行，可粘贴到 Excel/WPS。", 4000)

    def add_progress(self) -> None:
        task_id = self.current_task_id()
        if task_id is None:
            self.show_error("请先选择一项任务。")
            return
        from planner.ui.dialogs.progress_dialog import ProgressDialog

        entry = ProgressDialog.ask(self, task_edits.get_task(self._db, task_id), self._today)
        if entry is None:
            return
        added = self._run(lambda: progress.add_progress(self._db, task_id, entry))
        if added is not FAILED:
            self.undo_stack.push(commands.AddProgressCommand(self._db, added, entry, self.refresh))
            self.refresh([task_id])

    # --- layout memory ----------------------------------------------------------------------------

    def _restore_layout(self) -> None:
        settings = QSettings()
        geometry = settings.value("main_window/geometry") if self._remember_layout else None
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1366, 768)
            self.main_split.setSizes([290, 1076])
            self.centre_split.setSizes([150, 330, 190])
        if not self._remember_layout:
            return
        for name, widget in (("main_split", self.main_split), ("centre_split", self.centre_split),
                             ("task_columns", self.task_view.horizontalHeader())):
            state = settings.value(f"main_window/{name}")
            if state is not None:
                widget.restoreState(state)

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt API
        if self._remember_layout:
            settings = QSettings()
            settings.setValue("main_window/geometry", self.saveGeometry())
            settings.setValue("main_window/main_split", self.main_split.saveState())
            settings.setValue("main_window/centre_split", self.centre_split.saveState())
            settings.setValue("main_window/task_columns", self.task_view.horizontalHeader().saveState())
        super().closeEvent(event)


def _filtering(bar: FilterBar) -> bool:
    return bool(bar.text.text().strip() or bar.status.currentIndex() or bar.unit_name()
                or bar.light.currentIndex() or bar.hide_done.isChecked())


def _item_html(item: Item) -> str:
    paragraphs = "".join(f"<p style='margin:6px 0'>{_escape(p)}</p>" for p in item.paragraphs)
    heading = _escape(item.heading) if item.heading else ""
    return (f"<h3 style='margin:2px 0 6px 0'>（{int_to_chinese(item.number)}）{heading}</h3>"
            f"<div style='font-size:11pt; line-height:160%'>{paragraphs}</div>")


def _escape(text: str) -> str:
    # html.escape would load html.entities (a 2,000-entry table) at start-up for three characters.
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
