"""Previewing returned 台账 before they are applied: every change, conflict and error, per file."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QGroupBox, QLabel, QListWidget,
                               QListWidgetItem, QTreeWidget, QTreeWidgetItem, QVBoxLayout)

from planner.services.change_set import FIELD_LABELS, ChangeSet, show
from planner.ui.dialogs.buttons import ok_cancel

CREATE_UNIT = "（新建此单位）"


class ImportPreviewDialog(QDialog):
    """Files can be left out (a file with errors must be, before the rest can be applied)."""

    def __init__(self, files: Sequence, compare: Callable[[list], ChangeSet], unit_names: list[str], parent=None,
                 *, accept_empty: bool = False):
        """``accept_empty``: a file that changes nothing can be accepted too (a reply to an open 报送轮次, issue 20)."""
        super().__init__(parent)
        self._accept_empty = accept_empty
        self.setWindowTitle("导入台账预览")
        self.resize(980, 640)
        self._files, self._compare, self._unit_names = list(files), compare, unit_names
        self.change_set: ChangeSet | None = None
        self.file_list = QListWidget()
        for file in self._files:
            item = QListWidgetItem()
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked if file.errors else Qt.CheckState.Checked)
            self.file_list.addItem(item)
            self._label(item, file.file, len(file.errors))
        self.file_list.setMaximumHeight(110)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.changes = QTreeWidget()
        self.changes.setHeaderLabels(["内容", "位置"])
        self.changes.setColumnWidth(0, 640)
        self.units_box = QGroupBox("单位目录中没有的单位")
        self.units_form = QFormLayout(self.units_box)
        self.unit_choices: dict[str, QComboBox] = {}
        self._chosen: dict[str, str] = {}  # unknown unit -> what the user picked for it
        self.buttons = ok_cancel(self, "应用（先自动备份）")
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
        # Nothing stale survives a failed comparison: OK stays off until a new change set exists.
        self.change_set = None
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
        files = self.included()
        change_set = self._compare(files) if files else None
        if change_set is not None and change_set.errors and self._leave_out_failing(change_set):
            return  # compared again without them
        self.change_set = change_set
        self._show(change_set, failed=bool(files) and change_set is None)

    def _leave_out_failing(self, change_set: ChangeSet) -> bool:
        """Untick the files whose rows the comparison found wrong, so the rest can be applied."""
        counts: dict[str, int] = {}
        for problem in change_set.errors:
            counts[problem.file] = counts.get(problem.file, 0) + 1
        failing = [row for row, file in enumerate(self._files) if file.file in counts
                   and self.file_list.item(row).checkState() == Qt.CheckState.Checked]
        if not failing or len(failing) == len(self.included()):
            return False  # nothing left to apply without them: show the errors instead
        self.file_list.blockSignals(True)
        for row in failing:
            item = self.file_list.item(row)
            item.setCheckState(Qt.CheckState.Unchecked)
            self._label(item, self._files[row].file, counts[self._files[row].file])
        self.file_list.blockSignals(False)
        self.recompare()
        return True

    @staticmethod
    def _label(item: QListWidgetItem, name: str, errors: int) -> None:
        item.setText(name + (f"（{errors} 处错误，未选入）" if errors else ""))

    def _show(self, change_set: ChangeSet | None, *, failed: bool = False) -> None:
        self.changes.clear()
        # The user's choices survive a new comparison, even one that no longer shows the unit.
        self._chosen.update({name: box.currentText() for name, box in self.unit_choices.items()})
        while self.units_form.rowCount():
            self.units_form.removeRow(0)
        self.unit_choices.clear()
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if change_set is None:
            self.summary.setText("无法比较所选文件（原因见提示信息）。" if failed else "没有选择要导入的文件。")
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
            if name in self._chosen:
                choice.setCurrentText(self._chosen[name])
            self.units_form.addRow(f"“{name}”对应：", choice)
            self.unit_choices[name] = choice
        self.units_box.setVisible(bool(change_set.unknown_units))
        ok.setEnabled(not change_set.errors and (self._accept_empty or not change_set.is_empty))
        if self._accept_empty and change_set.is_empty and not change_set.errors:
            self.summary.setText(change_set.summary() + "。文件没有变更；点“应用”记为本轮已报送（无新进展）。")

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
            unit_names: list[str], *, accept_empty: bool = False) -> tuple[ChangeSet, dict[str, str]] | None:
        dialog = cls(files, compare, unit_names, parent, accept_empty=accept_empty)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.change_set is None:
            return None
        return dialog.change_set, dialog.unit_mapping()
