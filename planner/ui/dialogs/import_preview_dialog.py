"""Previewing returned 台账 before they are applied: every change, conflict and error, per file.

Rows with an error are left out (and listed); the rest can be applied. A conflict keeps the
app's value unless the user ticks it to take the file's value. An unknown unit defaults to
the directory unit it most probably means; a new unit is created only when chosen.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QGroupBox, QLabel, QListWidget,
                               QListWidgetItem, QTreeWidget, QTreeWidgetItem, QVBoxLayout)

from planner.services.change_set import FIELD_LABELS, ChangeSet, Conflict, show
from planner.ui.dialogs.buttons import ok_cancel

CREATE_UNIT = "（新建此单位）"
CHOOSE_UNIT = "（请选择对应单位）"
CONFLICTS_GROUP = "冲突（默认保留本程序中的值；勾选则采用文件中的值）"


TOOLTIP_ERRORS = 10  # a file's first errors in its tooltip; all of them are in the list below


def _reason(file) -> str:
    """Why nothing could be read from a file: its file-level problems, each naming the file."""
    return "\n".join(problem.line() for problem in file.errors[:TOOLTIP_ERRORS])


def _names(value: object) -> set:
    """Unit names in a lead (text) or cooperating units (tuple) value; nothing for other fields."""
    if isinstance(value, tuple):
        return set(value)
    return {value} if isinstance(value, str) else set()


class ImportPreviewDialog(QDialog):
    """Files can be left out; a file nothing could be read from starts left out."""

    def __init__(self, files: Sequence, compare: Callable[[list, dict[str, str]], ChangeSet | None],
                 unit_names: list[str], parent=None, *, accept_empty: bool = False):
        """``compare(files, unit_mapping)`` compares the files with the plan, reading each unknown unit
        name as the directory unit the mapping gives it (as `import-xlsx --map` does); None when it failed.

        ``accept_empty``: a file that changes nothing is a reply to an open 报送轮次 (issue 20), and says so
        (such a file can always be applied: it is recorded as received)."""
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
            unreadable = bool(file.errors) and not file.records
            item.setCheckState(Qt.CheckState.Unchecked if unreadable else Qt.CheckState.Checked)
            self.file_list.addItem(item)
            self._label(item, file, unreadable)
        self.file_list.setMaximumHeight(110)
        # Why a file could not be read, without ticking it first (the reason is also its tooltip).
        self.unreadable = QLabel("\n".join(_reason(file) for file in self._files if not file.records and file.errors))
        self.unreadable.setObjectName("unreadable_files")
        self.unreadable.setWordWrap(True)
        self.unreadable.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.unreadable.setVisible(bool(self.unreadable.text()))
        self.rows = QLabel()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.changes = QTreeWidget()
        self.changes.setHeaderLabels(["内容", "位置"])
        self.changes.setColumnWidth(0, 640)
        self.conflict_items: list[tuple[QTreeWidgetItem, Conflict]] = []
        self.units_box = QGroupBox("单位目录中没有的单位（默认对应最相近的单位）")
        self.units_form = QFormLayout(self.units_box)
        self.unit_choices: dict[str, QComboBox] = {}
        self._chosen: dict[str, str] = {}  # unknown unit -> what the user picked for it
        self._as_written: ChangeSet | None = None  # the comparison before any unit is mapped
        self.buttons = ok_cancel(self, "应用（先自动备份）")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("导入的文件（无法读取的文件默认不导入；有错误的行不导入，其余各行可以导入）："))
        layout.addWidget(self.file_list)
        layout.addWidget(self.unreadable)
        layout.addWidget(self.rows)
        layout.addWidget(self.summary)
        layout.addWidget(self.changes, 1)
        layout.addWidget(self.units_box)
        layout.addWidget(self.buttons)
        self.file_list.itemChanged.connect(lambda _item: self.recompare())
        self.changes.itemChanged.connect(lambda _item, _column: self._enable_ok())
        self.recompare()

    def included(self) -> list:
        return [file for row, file in enumerate(self._files)
                if self.file_list.item(row).checkState() == Qt.CheckState.Checked]

    def recompare(self) -> None:
        """Compare the files chosen: first as they are, for the unknown units to ask about, then
        with the units chosen for them, which is what is listed and applied (a name mapped to the
        unit a task already has is then no change at all)."""
        # Nothing stale survives a failed comparison: OK stays off until a new change set exists.
        self.change_set = None
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
        files = self.included()
        as_written = self._compare(files, {}) if files else None
        self._ask_units(as_written)
        self._compare_mapped(as_written, failed=bool(files) and as_written is None)

    def _compare_mapped(self, as_written: ChangeSet | None, *, failed: bool = False) -> None:
        mapping = self.unit_mapping()
        change_set = self._compare(self.included(), mapping) if as_written is not None and mapping else as_written
        self.change_set = change_set
        self._show(change_set, failed=failed or (as_written is not None and change_set is None))

    def _units_chosen(self) -> None:
        self.change_set = None
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
        self._compare_mapped(self._as_written)

    @staticmethod
    def _label(item: QListWidgetItem, file, unreadable: bool) -> None:
        errors = len(file.errors)
        if unreadable:
            item.setText(f"{file.file}（无法读取，未选入；原因见下方，也可悬停查看）")
        else:
            item.setText(file.file + (f"（{errors} 处错误，有错误的行不导入）" if errors else ""))
        if errors:
            item.setToolTip("\n".join(problem.line() for problem in file.errors[:TOOLTIP_ERRORS])
                            + (f"\n……共 {errors} 处" if errors > TOOLTIP_ERRORS else ""))

    def _ask_units(self, as_written: ChangeSet | None) -> None:
        """One choice per unit name not in the directory, its most probable unit first."""
        self._as_written = as_written
        # The user's choices survive a new comparison, even one that no longer shows the unit.
        self._chosen.update({name: box.currentText() for name, box in self.unit_choices.items()})
        while self.units_form.rowCount():
            self.units_form.removeRow(0)
        self.unit_choices.clear()
        unknown = as_written.unknown_units if as_written is not None else []
        for name in unknown:
            suggestions = list(as_written.unit_suggestions.get(name, ()))
            choice = QComboBox()
            others = [unit for unit in self._unit_names if unit not in suggestions]
            choice.addItems(suggestions + ([] if suggestions else [CHOOSE_UNIT]) + [CREATE_UNIT] + others)
            if name in self._chosen:
                choice.setCurrentText(self._chosen[name])
            choice.currentTextChanged.connect(lambda _text: self._units_chosen())
            hint = f"（建议：{'、'.join(suggestions)}）" if suggestions else "（没有相近的单位）"
            self.units_form.addRow(f"“{name}”对应{hint}：", choice)
            self.unit_choices[name] = choice
        self.units_box.setVisible(bool(unknown))

    def _show(self, change_set: ChangeSet | None, *, failed: bool = False) -> None:
        self.changes.clear()
        self.conflict_items.clear()
        if change_set is None:
            self.rows.setText("")
            nothing = "没有选择要导入的文件。" + ("（无法读取的文件及原因见上方。）" if self.unreadable.text() else "")
            self.summary.setText("无法比较所选文件（原因见提示信息）。" if failed else nothing)
            return
        self.rows.setText(change_set.rows_line() + ("（有错误的行不导入）" if change_set.bad_rows else ""))
        self.summary.setText(change_set.summary())
        self._group("新增任务", [(f"{t.task.content}（牵头：{t.task.lead_unit or '—'}）", t.where.text())
                              for t in change_set.new_tasks])
        unknown = set(change_set.unknown_units)  # after the mapping: the units to be created
        self._group("修改字段", [(f"任务 {u.code} 的{FIELD_LABELS[u.field]}：“{show(u.old)}” → “{show(u.new)}”"
                               + ("（含单位目录中没有的单位，按下方的选择导入）" if _names(u.new) & unknown else ""),
                               u.where.text()) for u in change_set.updates])
        self._group("新增进展", [(f"任务 {p.code}，{p.entry.date.isoformat()}：{p.entry.text}", p.where.text())
                              for p in change_set.progress])
        self._conflicts(change_set.conflicts)
        self._group("错误（这些行不导入）", [(line, "") for line in change_set.error_lines()], count=len(change_set.errors))
        self._group("提示", [(w.line(), "") for w in change_set.warnings])
        self._enable_ok()
        if self._accept_empty and change_set.is_empty and not change_set.errors:
            self.summary.setText(change_set.summary() + "。文件没有变更；点“应用”记为本轮已报送（无新进展）。")

    def _conflicts(self, conflicts: Sequence[Conflict]) -> None:
        if not conflicts:
            return
        group = QTreeWidgetItem([f"{CONFLICTS_GROUP}（{len(conflicts)}）", ""])
        for conflict in conflicts:
            item = QTreeWidgetItem([conflict.line(), "；".join(w.text() for w in conflict.where)])
            item.setToolTip(0, conflict.line())
            if conflict.acceptable:
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(0, Qt.CheckState.Unchecked)
                self.conflict_items.append((item, conflict))
            group.addChild(item)
        self.changes.addTopLevelItem(group)
        group.setExpanded(len(conflicts) <= 50)

    def _enable_ok(self) -> None:
        change_set = self.change_set
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        chosen_all = all(box.currentText() != CHOOSE_UNIT for box in self.unit_choices.values())
        # A return that changes nothing can still be applied: it is then recorded as received.
        ok.setEnabled(change_set is not None and chosen_all
                      and (bool(change_set.sources) or not change_set.is_empty or bool(self.accepted_conflicts())))

    def _group(self, title: str, rows: list[tuple[str, str]], *, count: int | None = None) -> None:
        if not rows:
            return
        group = QTreeWidgetItem([f"{title}（{len(rows) if count is None else count}）", ""])
        for text, where in rows:
            item = QTreeWidgetItem([text, where])
            item.setToolTip(0, text)
            group.addChild(item)
        self.changes.addTopLevelItem(group)
        group.setExpanded(len(rows) <= 50)

    def accepted_conflicts(self) -> list[Conflict]:
        """The conflicts the user ticked to take the file's value."""
        return [conflict for item, conflict in self.conflict_items if item.checkState(0) == Qt.CheckState.Checked]

    def unit_mapping(self) -> dict[str, str]:
        """Unknown unit → the existing unit it means; units left to be created are absent."""
        return {name: box.currentText() for name, box in self.unit_choices.items()
                if box.currentText() not in (CREATE_UNIT, CHOOSE_UNIT)}

    def accepted_change_set(self) -> ChangeSet | None:
        """What the user accepts: the rows without errors, and the conflicts ticked for the file's value."""
        if self.change_set is None:
            return None
        return self.change_set.accepting(self.accepted_conflicts()).without_errors()

    @classmethod
    def ask(cls, parent, files: Sequence, compare: Callable[[list, dict[str, str]], ChangeSet | None],
            unit_names: list[str], *, accept_empty: bool = False) -> tuple[ChangeSet, dict[str, str]] | None:
        dialog = cls(files, compare, unit_names, parent, accept_empty=accept_empty)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.change_set is None:
            return None
        return dialog.accepted_change_set(), dialog.unit_mapping()
