"""The units directory: add, rename, merge (tasks follow), reorder, delete when unused."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QHBoxLayout, QInputDialog, QListWidget,
                               QListWidgetItem, QPushButton, QVBoxLayout)

from planner.domain.model import Unit


@dataclass(frozen=True)
class UnitActions:
    """What the dialog asks the window to do (each an undoable step); True when it worked."""

    list_units: Callable[[], list[Unit]]
    add: Callable[[str], bool]
    rename: Callable[[int, str], bool]
    merge: Callable[[int, int], bool]
    reorder: Callable[[list[int]], bool]
    delete: Callable[[int], bool]


class UnitsDialog(QDialog):
    def __init__(self, actions: UnitActions, parent=None):
        super().__init__(parent)
        self.setWindowTitle("单位目录")
        self.resize(480, 560)
        self._actions = actions
        self.units = QListWidget(self)
        buttons = QVBoxLayout()
        for text, handler in (("添加…", self.add), ("改名…", self.rename), ("合并到…", self.merge),
                              ("上移", lambda: self.move(-1)), ("下移", lambda: self.move(1)), ("删除", self.delete)):
            button = QPushButton(text, self)
            button.clicked.connect(handler)
            buttons.addWidget(button)
        buttons.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.units, 1)
        row.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(close)
        self.reload()

    def reload(self, select_id: int | None = None) -> None:
        self.units.clear()
        for unit in self._actions.list_units():
            item = QListWidgetItem(unit.name)
            item.setData(Qt.ItemDataRole.UserRole, unit.id)
            self.units.addItem(item)
            if unit.id == select_id:
                self.units.setCurrentItem(item)

    def current(self) -> tuple[int, str] | None:
        item = self.units.currentItem()
        return (item.data(Qt.ItemDataRole.UserRole), item.text()) if item else None

    def select(self, name: str) -> None:
        for row in range(self.units.count()):
            if self.units.item(row).text() == name:
                self.units.setCurrentRow(row)

    def add(self) -> None:
        name = self.ask_text(self, "添加单位", "单位名称：", "")
        if name and self._actions.add(name):
            self.reload()
            self.select(name.strip())

    def rename(self) -> None:
        current = self.current()
        if current is None:
            return
        name = self.ask_text(self, "单位改名", f"“{current[1]}”改为：", current[1])
        if name and name.strip() != current[1] and self._actions.rename(current[0], name):
            self.reload(current[0])

    def merge(self) -> None:
        current = self.current()
        if current is None:
            return
        others = [u for u in self._actions.list_units() if u.id != current[0]]
        target = self.ask_choice(self, "合并单位", f"把“{current[1]}”的全部任务并入：", [u.name for u in others])
        target_unit = next((u for u in others if u.name == target), None)
        if target_unit and self._actions.merge(current[0], target_unit.id):
            self.reload(target_unit.id)

    def move(self, step: int) -> None:
        current = self.current()
        if current is None:
            return
        ids = [u.id for u in self._actions.list_units()]
        index = ids.index(current[0])
        if not 0 <= index + step < len(ids):
            return
        ids[index], ids[index + step] = ids[index + step], ids[index]
        if self._actions.reorder(ids):
            self.reload(current[0])

    def delete(self) -> None:
        current = self.current()
        if current and self._actions.delete(current[0]):
            self.reload()

    @staticmethod
    def ask_text(parent, title: str, label: str, default: str) -> str | None:
        text, ok = QInputDialog.getText(parent, title, label, text=default)
        return text if ok else None

    @staticmethod
    def ask_choice(parent, title: str, label: str, options: list[str]) -> str | None:
        choice, ok = QInputDialog.getItem(parent, title, label, options, 0, False)
        return choice if ok else None
