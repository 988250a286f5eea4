"""Breakdown suggestions: tick, edit the content and the lead unit, accept."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QHeaderView, QLabel, QTableWidget,
                               QTableWidgetItem, QVBoxLayout)

from planner.domain.suggestions import Suggestion
from planner.ui.delegates import UnitDelegate
from planner.ui.dialogs.buttons import ok_cancel

CONTENT, LEAD = 0, 1


class SuggestionsDialog(QDialog):
    def __init__(self, suggestions: list[Suggestion], unit_names: list[str], heading: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle("按建议分解任务")
        self.resize(900, 520)
        self._suggestions = suggestions
        self.table = QTableWidget(len(suggestions), 2, self)
        self.table.setHorizontalHeaderLabels(["任务内容（可修改，取消勾选则不创建）", "建议牵头单位"])
        self.table.horizontalHeader().setSectionResizeMode(CONTENT, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(LEAD, 190)
        self.table.setWordWrap(True)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.table.setItemDelegateForColumn(LEAD, UnitDelegate(lambda: unit_names, self.table))
        for row, suggestion in enumerate(suggestions):
            content = QTableWidgetItem(suggestion.content)
            content.setFlags(content.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            content.setCheckState(Qt.CheckState.Checked)
            content.setToolTip(suggestion.content)
            lead = QTableWidgetItem(suggestion.lead_unit)
            lead.setToolTip("配合单位建议：" + ("、".join(suggestion.support_units) or "无"))
            self.table.setItem(row, CONTENT, content)
            self.table.setItem(row, LEAD, lead)
        self.table.resizeRowsToContents()
        buttons = ok_cancel(self, "创建勾选的任务")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"条目“{heading}”按句子拆分出 {len(suggestions)} 条建议，牵头单位按关键词推荐："))
        layout.addWidget(self.table)
        layout.addWidget(buttons)

    def chosen(self) -> list[Suggestion]:
        """The ticked rows as edited."""
        result = []
        for row, original in enumerate(self._suggestions):
            content = self.table.item(row, CONTENT)
            if content.checkState() != Qt.CheckState.Checked or not content.text().strip():
                continue
            lead = self.table.item(row, LEAD).text().strip()
            result.append(Suggestion(content=content.text().strip(), lead_unit=lead,
                                     support_units=tuple(u for u in original.support_units if u != lead)))
        return result

    @classmethod
    def ask(cls, parent, suggestions: list[Suggestion], unit_names: list[str], heading: str) -> list[Suggestion]:
        dialog = cls(suggestions, unit_names, heading, parent)
        return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else []
