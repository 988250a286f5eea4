"""The document outline for the tree: chapters, then items with their task counts."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel

from planner.domain.model import Document
from planner.domain.numerals import int_to_chinese

ITEM_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class OutlineModel(QStandardItemModel):
    """Chapters → items (a few dozen rows, so a standard model is enough)."""

    def __init__(self, parent=None):
        super().__init__(0, 2, parent)
        self.setHorizontalHeaderLabels(["条目", "任务"])

    def load(self, document: Document, task_counts: dict[int, int]) -> None:
        self.removeRows(0, self.rowCount())
        for chapter in document.chapters:
            if chapter.number:
                parent = QStandardItem(f"{int_to_chinese(chapter.number)}、{chapter.title}")
                parent.setEditable(False)
                parent.setSelectable(False)
                count = sum(task_counts.get(item.id, 0) for item in chapter.items)
                self.appendRow([parent, _count_cell(count)])
            else:
                parent = self.invisibleRootItem()
            for item in chapter.items:
                label = f"（{int_to_chinese(item.number)}）{item.heading or item.text[:16] + '…'}"
                cell = QStandardItem(label)
                cell.setEditable(False)
                cell.setData(item.id, ITEM_ID_ROLE)
                cell.setToolTip(item.text[:200])
                parent.appendRow([cell, _count_cell(task_counts.get(item.id, 0))])


def _count_cell(count: int) -> QStandardItem:
    cell = QStandardItem(str(count) if count else "—")
    cell.setEditable(False)
    cell.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
    return cell
