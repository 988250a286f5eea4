"""The document outline for the tree: chapters, then items with their task counts, lights and 未落实 counts."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QStandardItem, QStandardItemModel

from planner.domain.lights import Light, rollup
from planner.domain.model import Document
from planner.domain.numerals import int_to_chinese
from planner.services.tasks import PlanOverview
from planner.ui.light_icons import light_icon

ITEM_ID_ROLE = Qt.ItemDataRole.UserRole + 1
LIGHT_ROLE = Qt.ItemDataRole.UserRole + 2
COUNT_ROLE = Qt.ItemDataRole.UserRole + 3
UNASSIGNED_ROLE = Qt.ItemDataRole.UserRole + 4  # tasks without a lead unit (未落实)
CHAPTER_ITEMS_ROLE = Qt.ItemDataRole.UserRole + 5  # a chapter's item ids: clicking it shows their tasks


class OutlineModel(QStandardItemModel):
    """Chapters → items (a few dozen rows, so a standard model is enough)."""

    def __init__(self, parent=None):
        super().__init__(0, 2, parent)
        self.setHorizontalHeaderLabels(["条目", "任务"])

    def load(self, document: Document, overview: PlanOverview) -> None:
        self.removeRows(0, self.rowCount())
        self.setHorizontalHeaderLabels(["条目", "任务"])
        summaries = overview.items
        task_counts = {item_id: summary.count for item_id, summary in summaries.items()}
        lights = {item_id: summary.light for item_id, summary in summaries.items()}
        for chapter in document.chapters:
            if chapter.number:
                parent = QStandardItem(f"{int_to_chinese(chapter.number)}、{chapter.title}")
                parent.setEditable(False)
                parent.setData([item.id for item in chapter.items], CHAPTER_ITEMS_ROLE)
                count = sum(task_counts.get(item.id, 0) for item in chapter.items)
                unassigned = sum(summaries[i.id].unassigned for i in chapter.items if i.id in summaries)
                light = rollup(lights[i.id] for i in chapter.items if task_counts.get(i.id))
                _decorate(parent, light)
                self.appendRow([parent, _count_cell(count, unassigned)])
            else:
                parent = self.invisibleRootItem()
            for item in chapter.items:
                label = f"（{int_to_chinese(item.number)}）{item.heading or item.text[:16] + '…'}"
                cell = QStandardItem(label)
                cell.setEditable(False)
                cell.setData(item.id, ITEM_ID_ROLE)
                cell.setToolTip(item.text[:300])
                count = task_counts.get(item.id, 0)
                _decorate(cell, lights.get(item.id, Light.NONE) if count else Light.NONE)
                unassigned = summaries[item.id].unassigned if item.id in summaries else 0
                parent.appendRow([cell, _count_cell(count, unassigned)])

    def item_indexes(self):
        """Every item's index, in outline order."""
        for row in range(self.rowCount()):
            top = self.index(row, 0)
            if top.data(ITEM_ID_ROLE) is not None:
                yield top
            for child in range(self.rowCount(top)):
                yield self.index(child, 0, top)


def _decorate(cell: QStandardItem, light: Light) -> None:
    cell.setData(light, LIGHT_ROLE)
    cell.setIcon(light_icon(light))
    if light is not Light.NONE:
        cell.setToolTip(f"{cell.toolTip()}\n{light.label}".strip())


def _count_cell(count: int, unassigned: int) -> QStandardItem:
    text = str(count) if count else "—"
    # Short, so item names keep their room; the tooltip spells it out.
    cell = QStandardItem(f"{text}（未{unassigned}）" if unassigned else text)
    cell.setEditable(False)
    cell.setData(count, COUNT_ROLE)
    cell.setData(unassigned, UNASSIGNED_ROLE)
    if unassigned:
        cell.setForeground(QBrush(QColor("#b03a2e")))
        cell.setToolTip(f"共 {count} 项任务，其中 {unassigned} 项未落实牵头单位")
    cell.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
    return cell
