"""The main window: the document outline, the selected item's text and its tasks."""

from __future__ import annotations

from collections import Counter
from html import escape
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (QComboBox, QHeaderView, QLabel, QMainWindow, QSplitter, QTableView,
                               QTextBrowser, QToolBar, QTreeView, QVBoxLayout, QWidget)

from planner import APP_NAME
from planner.domain.model import Document, Item, Status
from planner.domain.numerals import int_to_chinese
from planner.services import documents, plans, tasks
from planner.ui.outline_model import ITEM_ID_ROLE, OutlineModel
from planner.ui.task_table_model import TaskTableModel


class MainWindow(QMainWindow):
    """Opens on the most recently changed plan, with the first item selected."""

    def __init__(self, db, *, db_path: Path, parent=None):
        super().__init__(parent)
        self._db = db
        self._db_path = db_path
        self._document: Document | None = None
        self._tasks_by_item: dict[int, list] = {}
        self.setWindowTitle(f"{APP_NAME} — {db_path.name}")

        self.plan_combo = QComboBox()
        self.plan_combo.setMinimumContentsLength(40)
        self.plan_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        toolbar = QToolBar("方案")
        toolbar.setObjectName("plan_toolbar")
        toolbar.setMovable(False)
        toolbar.addWidget(QLabel(" 实施方案： "))
        toolbar.addWidget(self.plan_combo)
        self.addToolBar(toolbar)

        self.outline = OutlineModel(self)
        self.outline_view = QTreeView()
        self.outline_view.setModel(self.outline)
        self.outline_view.setUniformRowHeights(True)
        self.outline_view.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.outline_view.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.outline_view.header().setStretchLastSection(False)

        self.item_text = QTextBrowser()
        self.item_text.setOpenLinks(False)
        self.task_model = TaskTableModel(self)
        self.task_view = QTableView()
        self.task_view.setModel(self.task_model)
        self.task_view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.task_view.setWordWrap(True)
        self.task_view.verticalHeader().setVisible(False)
        header = self.task_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        for column, width in enumerate((52, 300, 120, 180, 130, 120, 64, 52)):
            self.task_view.setColumnWidth(column, width)
        # The content takes whatever width the fixed columns leave.
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)

        centre = QWidget()
        layout = QVBoxLayout(centre)
        layout.setContentsMargins(0, 0, 0, 0)
        self.centre_split = QSplitter(Qt.Orientation.Vertical)
        self.centre_split.addWidget(self.item_text)
        self.centre_split.addWidget(self.task_view)
        self.centre_split.setSizes([220, 420])
        layout.addWidget(self.centre_split)

        self.main_split = QSplitter(Qt.Orientation.Horizontal)
        self.main_split.addWidget(self.outline_view)
        self.main_split.addWidget(centre)
        self.main_split.setSizes([330, 1030])
        self.main_split.setStretchFactor(1, 1)
        self.setCentralWidget(self.main_split)

        self.plan_label = QLabel()
        self.counts_label = QLabel()
        self.statusBar().addWidget(self.plan_label, 1)
        self.statusBar().addPermanentWidget(self.counts_label)
        self.statusBar().addPermanentWidget(QLabel("已保存"))

        self.plan_combo.currentIndexChanged.connect(self._plan_chosen)
        self.outline_view.selectionModel().currentChanged.connect(self._item_chosen)
        self._restore_layout()
        self._load_plans()

    # --- loading --------------------------------------------------------------------

    def _load_plans(self) -> None:
        self.plan_combo.blockSignals(True)
        self.plan_combo.clear()
        for summary in plans.list_plans(self._db):
            self.plan_combo.addItem(summary.name, summary.id)
        self.plan_combo.blockSignals(False)
        if self.plan_combo.count():
            self._plan_chosen(0)

    def _plan_chosen(self, index: int) -> None:
        plan_id = self.plan_combo.itemData(index)
        if plan_id is None:
            return
        plan = plans.get_plan(self._db, plan_id)
        self._document = documents.load_document(self._db, plan.document_id)
        all_tasks = tasks.list_tasks(self._db, plan_id)
        self._tasks_by_item = {}
        for task in all_tasks:
            self._tasks_by_item.setdefault(task.item_id, []).append(task)
        self.outline.load(self._document, {k: len(v) for k, v in self._tasks_by_item.items()})
        self.outline_view.expandAll()
        self.plan_label.setText(f"{plan.name}  |  共 {len(all_tasks)} 项任务")
        counts = Counter(task.status for task in all_tasks)
        self.counts_label.setText("  ".join(f"{status.value} {counts.get(status, 0)}" for status in Status))
        self._select_first_item()

    def _select_first_item(self) -> None:
        root = self.outline.index(0, 0)
        first = self.outline.index(0, 0, root) if self.outline.hasChildren(root) else root
        if first.isValid():
            self.outline_view.setCurrentIndex(first)

    def _item_chosen(self, current, _previous=None) -> None:
        item_id = current.siblingAtColumn(0).data(ITEM_ID_ROLE)
        item = next((i for i in self._document.items if i.id == item_id), None) if self._document else None
        if item is None:
            return
        self.item_text.setHtml(_item_html(item))
        self.task_model.set_tasks(self._tasks_by_item.get(item.id, []))
        self.task_view.resizeRowsToContents()

    # --- layout memory -----------------------------------------------------------------

    def _restore_layout(self) -> None:
        settings = QSettings()
        geometry = settings.value("main_window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1366, 768)
        for name, splitter in (("main_split", self.main_split), ("centre_split", self.centre_split)):
            state = settings.value(f"main_window/{name}")
            if state is not None:
                splitter.restoreState(state)

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt API
        settings = QSettings()
        settings.setValue("main_window/geometry", self.saveGeometry())
        settings.setValue("main_window/main_split", self.main_split.saveState())
        settings.setValue("main_window/centre_split", self.centre_split.saveState())
        super().closeEvent(event)


def _item_html(item: Item) -> str:
    paragraphs = "".join(f"<p style='text-indent:2em; margin:4px 0'>{escape(p)}</p>" for p in item.paragraphs)
    heading = escape(item.heading) if item.heading else ""
    return (f"<h3 style='margin:4px 0'>（{int_to_chinese(item.number)}）{heading}</h3>"
            f"<div style='font-size:11pt; line-height:150%'>{paragraphs}</div>")
