"""The task table pane: filter bar, 显示全部任务, search hit counts, and the table with its cell editors."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from planner.domain.lights import Light
from planner.domain.model import Status
from planner.ui.delegates import (ContentDelegate, DeadlineDelegate, PercentDelegate, StatusDelegate,
                                  SupportUnitsDelegate, UnitDelegate)
from planner.ui.filter_bar import FilterBar
from planner.ui.task_filter import TaskFilter
from planner.ui.task_table_model import Column, TaskTableModel
from planner.ui.task_view import TaskTableView


class TaskTablePane(QWidget):
    """Owns the table's widgets; the window decides which rows to load and what edits do.

    Args:
        unit_names: the units directory's names, read whenever a unit editor opens.
        plan_year: the plan's year, for deadline phrases without one.
        today: the day the window counts from (a deadline before it is said to have passed).
    """

    menu_requested = Signal(QPoint, object)  # global position, the index clicked (may be invalid)
    widen_requested = Signal()
    edit_refused = Signal(str)  # a cell's value not saved, and why (said once its editor has closed)

    def __init__(self, *, unit_names: Callable[[], list[str]], leader_names: Callable[[], list[str]],
                 plan_year: Callable[[], int | None], today: Callable[[], dt.date] = dt.date.today, parent=None):
        super().__init__(parent)
        self.filter_bar = FilterBar(self)
        self.all_tasks = QCheckBox("显示全部任务", self)
        self.hits = QLabel(self)
        self.hits.setObjectName("search_hits")
        self.widen_button = QToolButton(self)
        self.widen_button.setObjectName("widen_search")
        self.widen_button.setAutoRaise(True)
        self.widen_button.setToolTip("在全方案中显示这些任务")
        self.widen_button.setStyleSheet("QToolButton { color: #1a5fb4; text-decoration: underline; }")
        self.widen_button.clicked.connect(self.widen_requested)
        self.model = TaskTableModel(self)
        self.view = TaskTableView(self)
        self.view.setObjectName("task_view")
        self.view.setModel(self.model)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(
            lambda point: self.menu_requested.emit(self.view.viewport().mapToGlobal(point), self.view.indexAt(point)))
        view = self.view
        view.setItemDelegateForColumn(Column.CONTENT, ContentDelegate(view))
        view.setItemDelegateForColumn(Column.LEAD, UnitDelegate(unit_names, view))
        view.setItemDelegateForColumn(Column.SUPPORT, SupportUnitsDelegate(unit_names, view))
        view.setItemDelegateForColumn(Column.LEADER, UnitDelegate(leader_names, view))
        view.setItemDelegateForColumn(Column.DEADLINE, DeadlineDelegate(plan_year, view, today=today))
        view.setItemDelegateForColumn(Column.STATUS, StatusDelegate(view))
        percent = PercentDelegate(view)
        percent.refused.connect(self.edit_refused)
        view.setItemDelegateForColumn(Column.PERCENT, percent)
        view.show_item_column(False)

        self.filter_bar.layout().addWidget(self.all_tasks)
        counts = QHBoxLayout()
        counts.setContentsMargins(4, 0, 0, 0)
        counts.setSpacing(0)
        counts.addWidget(self.hits)
        counts.addWidget(self.widen_button)
        self.filter_bar.layout().insertLayout(1, counts)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.view, 1)
        self.show_hits(None, None, scope="")

    def current_filter(self) -> TaskFilter:
        bar = self.filter_bar
        status, light = bar.status.currentData(), bar.light.currentData()  # plain str from the combo boxes
        return TaskFilter(text=bar.text.text().strip(), status=Status(status) if status else None,
                          unit=bar.unit_name(), light=Light(light) if light else None,
                          hide_done=bar.hide_done.isChecked())

    def show_hits(self, in_scope: int | None, in_plan: int | None, *, scope: str) -> None:
        """"本条目 1 项 / 全方案 29 项" while filtering; the plan's figure widens the view when clicked.

        ``in_plan`` None: not known yet (the whole plan is still being read), or not filtering.
        """
        filtering = self.filter_bar.is_filtering()
        self.hits.setVisible(filtering)
        self.widen_button.setVisible(filtering and bool(scope))
        if not filtering:
            return
        plan_text = f"全方案 {in_plan} 项" if in_plan is not None else "全方案 …"
        if not scope:  # the table shows the whole plan already
            self.hits.setText(f"找到 {in_scope} 项")
            return
        self.hits.setText(f"{scope} {in_scope} 项 / ")
        self.widen_button.setText(plan_text)
        self.widen_button.setEnabled(in_plan is not None)
