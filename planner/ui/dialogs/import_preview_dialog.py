"""Previewing returned 台账 before they are applied: every change, conflict and error, per file."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QGroupBox, QLabel, QListWidget,
                               QListWidgetItem, QTreeWidget, QTreeWidgetItem, QVBoxLayout)

from planner.services.change_set import FIELD_LABELS, ChangeSet, show

CREATE_UNIT = "（新建此单位）"


class ImportPreviewDialog(QDialog):
    """Files can be left out (a file with errors must be, before the rest can be applied)."""

    def __init__(self, files: Sequence, compare: Callable[[list], ChangeSet], unit_names: list[str], parent=None):
        super().__init__(parent)
        self.setWindowTitle("导入台账预览")
        self.resize(980, 640)
        self._files, self._compare, self._unit_names = list(files), compare, unit_names
        self.change_set: ChangeSet | None = None
        self.file_list = QListWidget()
        for file in self._files:
            errors = len(file.errors)
            item = QListWidgetItem(f"{file.file}" + (f"（{errors} 处错误）" if errors else ""))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked if errors else Qt.CheckState.Checked)
            self.file_list.addItem(item)
        self.file_list.setMaximumHeight(110)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.changes = QTreeWidget()
        self.changes.setHeaderLabels(["内容", "位置"])
        self.changes.setColumnWidth(0, 640)
        self.units_box = QGroupBox("单位目录中没有的单位")
        self.units_form = QFormLayout(self.units_box)
        self.unit_choices: dict[str, QComboBox] = {}
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("应用（先自动备份）")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("导入的文件（有错误的文件默认不导入，可改正后重新导入）："))
        layout.addWidget(self.file_list)
        layout.addWidget(self.summary)
        layout.addWidget(self.changes, 1)
        layout.addWidget(self.units_box)
        layout.addWidget(self.buttons)
        self.file_list.itemChanged.connect(lambda _item: self.recompare())
        self.recompare()

    def included(self) -> list:
        return [file for row, file in enumerate(self._files)
                if self.file_list.item(row).checkState() == Qt.CheckState.Checked]

    def recompare(self) -> None:
        files = self.included()
        self.change_set = self._compare(files) if files else None
        self._show(self.change_set)

    def _show(self, change_set: ChangeSet | None) -> None:
        self.changes.clear()
        while self.units_form.rowCount():
            self.units_form.removeRow(0)
        self.unit_choices.clear()
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if change_set is None:
            self.summary.setText("没有选择要导入的文件。")
            ok.setEnabled(False)
            self.units_box.setVisible(False)
            return
        self.summary.setText(change_set.summary())
        self._group("新增任务", [(f"{t.task.content}（牵头：{t.task.lead_unit or '—'}）", t.where.text())
                              for t in change_set.new_tasks])
        self._group("修改字段", [(f"任务 {u.code} 的{FIELD_LABELS[u.field]}：“{show(u.old)}” → “{show(u.new)}”",
                               u.where.text()) for u in change_set.updates])
        self._group("新增进展", [(f"任务 {p.code}，{p.entry.date.isoformat()}：{p.entry.text}", p.where.text())
                              for p in change_set.progress])
        self._group("冲突（保留本程序中的值）", [(c.line(), "") for c in change_set.conflicts])
        self._group("错误（有错误时不能导入）", [(e.line(), "") for e in change_set.errors])
        self._group("提示", [(w.line(), "") for w in change_set.warnings])
        for name in change_set.unknown_units:
            choice = QComboBox()
            choice.addItems([CREATE_UNIT, *self._unit_names])
            self.units_form.addRow(f"“{name}”对应：", choice)
            self.unit_choices[name] = choice
        self.units_box.setVisible(bool(change_set.unknown_units))
        ok.setEnabled(not change_set.errors and not change_set.is_empty)

    def _group(self, title: str, rows: list[tuple[str, str]]) -> None:
        if not rows:
            return
        group = QTreeWidgetItem([f"{title}（{len(rows)}）", ""])
        for text, where in rows:
            item = QTreeWidgetItem([text, where])
            item.setToolTip(0, text)
            group.addChild(item)
        self.changes.addTopLevelItem(group)
        group.setExpanded(len(rows) <= 50)

    def unit_mapping(self) -> dict[str, str]:
        """Unknown unit → the existing unit it means; units left to be created are absent."""
        return {name: box.currentText() for name, box in self.unit_choices.items() if box.currentText() != CREATE_UNIT}

    @classmethod
    def ask(cls, parent, files: Sequence, compare: Callable[[list], ChangeSet],
            unit_names: list[str]) -> tuple[ChangeSet, dict[str, str]] | None:
        dialog = cls(files, compare, unit_names, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.change_set is None:
            return None
        return dialog.change_set, dialog.unit_mapping()
