"""The selected task's details beside its progress history, newest first."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QFormLayout, QFrame, QLabel, QPushButton, QScrollArea, QTabWidget, QTreeWidget,
                               QTreeWidgetItem, QVBoxLayout, QWidget)

from planner.domain.model import ProgressEntry
from planner.services.tasks import TaskRow


class DetailsPanel(QWidget):
    """Two tabs in little height: the task's fields, and its progress history; 添加进展 beside them."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.title = QLabel("未选择任务")
        self.title.setWordWrap(True)
        self.title.setStyleSheet("font-weight: bold;")
        self.fields = {name: QLabel() for name in ("单位", "时限", "状态", "来源")}
        page = QWidget()
        form = QFormLayout(page)
        form.setContentsMargins(6, 4, 6, 4)
        form.setVerticalSpacing(2)
        form.addRow(self.title)
        for name, label in self.fields.items():
            label.setWordWrap(True)
            form.addRow(name, label)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(page)
        self.add_progress_button = QPushButton("添加进展…")
        self.add_progress_button.setEnabled(False)
        self.history = QTreeWidget()
        self.history.setHeaderLabels(["日期", "进展情况", "状态", "进度", "来源"])
        self.history.setRootIsDecorated(False)
        self.history.setWordWrap(True)
        for column, width in enumerate((88, 300, 56, 46)):
            self.history.setColumnWidth(column, width)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(scroll, "任务详情")
        self.tabs.addTab(self.history, "进展记录")
        self.tabs.setCornerWidget(self.add_progress_button, Qt.Corner.TopRightCorner)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

    def show_task(self, row: TaskRow | None, history: list[ProgressEntry]) -> None:
        self.add_progress_button.setEnabled(row is not None)
        self.history.clear()
        self.tabs.setTabText(1, f"进展记录（{len(history)}）" if history else "进展记录")
        if row is None:
            self.title.setText("未选择任务")
            for label in self.fields.values():
                label.clear()
            return
        task = row.task
        self.title.setText(f"{task.code}  {task.content}")
        deadline = task.deadline_phrase or "—"
        if task.deadline_date and task.deadline_phrase != task.deadline_date.isoformat():
            deadline += f"（{task.deadline_date.isoformat()}）"
        support = "、".join(task.support_units)
        values = {"单位": f"牵头：{task.lead_unit or '—'}" + (f"；配合：{support}" if support else ""),
                  "时限": deadline + (f"　分管领导：{task.leader}" if task.leader else ""),
                  "状态": f"{task.status.value}　{task.percent}%", "来源": task.source_passage or row.item_label}
        for name, value in values.items():
            self.fields[name].setText(value)
        for entry in history:
            item = QTreeWidgetItem([entry.date.isoformat(), entry.text, entry.status.value if entry.status else "",
                                    "" if entry.percent is None else f"{entry.percent}%", entry.source])
            item.setToolTip(1, entry.text)
            self.history.addTopLevelItem(item)
