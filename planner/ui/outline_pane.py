"""The outline pane: the document's chapters and items with task counts, lights and 未落实 counts."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPoint, Qt, Signal
from PySide6.QtWidgets import QCheckBox, QHeaderView, QLabel, QTreeView, QVBoxLayout, QWidget

from planner.domain.model import Document
from planner.services.tasks import PlanOverview
from planner.ui.outline_model import CHAPTER_ITEMS_ROLE, COUNT_ROLE, ITEM_ID_ROLE, OutlineModel


ALL_COVERED = "所有条目都已分解。取消勾选“只看尚未分解的条目”可看全部条目。"
CHAPTER_COVERED = "本章的条目都已分解。取消勾选“只看尚未分解的条目”可看全部条目。"


class OutlinePane(QWidget):
    """Emits ``scope_chosen`` when the current item or chapter changes, ``menu_requested`` on right-click.

    What the outline shows is what the table and details follow: ticking 只看尚未分解的条目 moves
    the current item to the first one still shown (or to none, saying why the outline is empty).
    An item that gets its first task while current stays shown until another is chosen, so the
    item being worked on is not taken away mid-work. The item (or chapter) the clerk was on is
    remembered: when a filter is lifted (the box unticked, 显示全部章节) and it is shown again,
    it is current again, not the first item of the document (trial 2026-11-30, issue 11).
    """

    scope_chosen = Signal()
    menu_requested = Signal(QPoint)  # global position

    def __init__(self, parent=None):
        super().__init__(parent)
        self.model = OutlineModel(self)
        self.view = QTreeView(self)
        self.view.setObjectName("outline_view")
        self.view.setModel(self.model)
        self.view.setUniformRowHeights(True)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.uncovered_only = QCheckBox("只看尚未分解的条目", self)
        self._chapter_only: int | None = None  # the row of the one chapter shown (只看此章), or None
        self._chosen: tuple[str, int] | None = None  # the clerk's item or chapter (current_scope_key)
        self._following_filter = False  # the current is being moved by a filter, not by the clerk
        self.empty_note = QLabel(self)
        self.empty_note.setObjectName("outline_empty_note")
        self.empty_note.setWordWrap(True)
        self.empty_note.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.uncovered_only)
        layout.addWidget(self.empty_note)
        layout.addWidget(self.view)
        self.view.selectionModel().currentChanged.connect(self._current_changed)
        self.uncovered_only.toggled.connect(self._uncovered_toggled)
        self.view.customContextMenuRequested.connect(
            lambda point: self.menu_requested.emit(self.view.viewport().mapToGlobal(point)))

    def load(self, document: Document, overview: PlanOverview) -> None:
        """Show the outline again with new counts, keeping the current item or chapter (no signal)."""
        selected = self.current_scope_key()
        self.view.selectionModel().blockSignals(True)
        self.model.load(document, overview)
        self.view.expandAll()
        self.apply_filter(keep=selected)
        if selected is not None:
            self._select_key(selected)
        self.view.selectionModel().blockSignals(False)

    def select_first_item(self) -> None:
        """The first item becomes current; ``scope_chosen`` is emitted once."""
        first = next(iter(self.model.item_indexes()), None)
        self.view.selectionModel().blockSignals(True)
        if first is not None:
            self.view.setCurrentIndex(first)
        self.view.selectionModel().blockSignals(False)
        self._chosen = self.current_scope_key()  # another plan: the item of the one before is no guide
        self.scope_chosen.emit()

    def select_item(self, item_id: int) -> None:
        self._select_key(("item", item_id))

    def current_item_id(self) -> int | None:
        """The current item's id; None when nothing or a chapter is current."""
        index = self.view.currentIndex()
        return index.siblingAtColumn(0).data(ITEM_ID_ROLE) if index.isValid() else None

    def current_item_ids(self) -> list[int] | None:
        """The items whose tasks the table shows: the current item's, or a chapter's items; None if none."""
        index = self.view.currentIndex()
        if not index.isValid():
            return None
        cell = index.siblingAtColumn(0)
        if cell.data(ITEM_ID_ROLE) is not None:
            return [cell.data(ITEM_ID_ROLE)]
        return list(cell.data(CHAPTER_ITEMS_ROLE) or [])

    def current_label(self) -> str:
        index = self.view.currentIndex()
        return index.siblingAtColumn(0).data() if index.isValid() else ""

    def current_scope_key(self) -> tuple[str, int] | None:
        index = self.view.currentIndex()
        if not index.isValid():
            return None
        cell = index.siblingAtColumn(0)
        item_id = cell.data(ITEM_ID_ROLE)
        return ("item", item_id) if item_id is not None else ("chapter", cell.row())

    def _select_key(self, key: tuple[str, int]) -> None:
        index = self._index_of(key)
        if index.isValid():
            self.view.setCurrentIndex(index)

    def _index_of(self, key: tuple[str, int] | None) -> QModelIndex:
        """The outline row of an item or chapter key (current_scope_key); invalid when there is none."""
        if key is None:
            return QModelIndex()
        kind, value = key
        if kind == "chapter":
            return self.model.index(value, 0) if value < self.model.rowCount() else QModelIndex()
        return next((index for index in self.model.item_indexes() if index.data(ITEM_ID_ROLE) == value), QModelIndex())

    def current_chapter_row(self) -> int | None:
        """The row of the chapter that is current or holds the current item; None without chapters."""
        index = self.view.currentIndex().siblingAtColumn(0)
        if not index.isValid():
            return None
        top = index.parent() if index.parent().isValid() else index
        return top.row() if top.data(ITEM_ID_ROLE) is None else None

    def chapter_only(self) -> bool:
        return self._chapter_only is not None

    def show_chapter(self, row: int | None) -> None:
        """只看此章: only this chapter in the outline, and current (its tasks in the table); None: all again."""
        self._chapter_only = row
        self.apply_filter(keep=self.current_scope_key())
        if row is not None and self.current_chapter_row() != row:
            self.view.setCurrentIndex(self.model.index(row, 0))
        else:
            self._follow_filter()

    def reveal_item(self, item_id: int) -> None:
        """Before an item is selected from elsewhere (总览): 只看此章 is cleared when it hides the item."""
        if self._chapter_only is None:
            return
        chapter = self.model.index(self._chapter_only, 0)
        if item_id not in (chapter.data(CHAPTER_ITEMS_ROLE) or []):
            self.show_chapter(None)

    def _current_changed(self, *_args) -> None:
        if not self._following_filter:
            self._chosen = self.current_scope_key()
        self.apply_filter(keep=self.current_scope_key())  # an item kept shown while current hides now
        self.scope_chosen.emit()

    def _uncovered_toggled(self) -> None:
        self.apply_filter()
        self._follow_filter()

    def _follow_filter(self) -> None:
        """After a filter changed what is shown: the clerk's item again if it is shown and the current
        is not (hidden, or none left); else a hidden current gives way to the first item shown, or none."""
        current = self.view.currentIndex().siblingAtColumn(0)
        if current.isValid() and not self._is_hidden(current):
            return
        chosen = self._index_of(self._chosen)
        if chosen.isValid() and not self._is_hidden(chosen):
            target = chosen
        else:
            target = next((index for index in self.model.item_indexes() if not self._is_hidden(index)), QModelIndex())
        self._following_filter = True
        try:
            self.view.setCurrentIndex(target)
        finally:
            self._following_filter = False

    def _is_hidden(self, index) -> bool:
        while index.isValid():
            if self.view.isRowHidden(index.row(), index.parent()):
                return True
            index = index.parent()
        return False

    def apply_filter(self, keep: tuple[str, int] | None = None) -> None:
        """Hide items that already have tasks when 只看尚未分解的条目 is ticked, and other chapters (只看此章).

        ``keep``: the current item's key (current_scope_key); it stays shown though it has tasks.
        When no item is left to show, the empty note says why.
        """
        only_uncovered = self.uncovered_only.isChecked()
        kept = keep[1] if keep is not None and keep[0] == "item" else None

        def covered(index) -> bool:
            count = index.siblingAtColumn(1).data(COUNT_ROLE) or 0
            return only_uncovered and count > 0 and index.data(ITEM_ID_ROLE) != kept

        root = self.model.invisibleRootItem().index()
        shown_items = 0
        for row in range(self.model.rowCount()):
            chapter = self.model.index(row, 0)
            if self._chapter_only is not None and row != self._chapter_only and chapter.data(ITEM_ID_ROLE) is None:
                self.view.setRowHidden(row, root, True)
                continue
            if chapter.data(ITEM_ID_ROLE) is not None:  # an item of a document without chapters
                self.view.setRowHidden(row, root, covered(chapter))
                shown_items += not covered(chapter)
                continue
            visible_children = 0
            for child in range(self.model.rowCount(chapter)):
                hidden = covered(self.model.index(child, 0, chapter))
                self.view.setRowHidden(child, chapter, hidden)
                visible_children += not hidden
            shown_items += visible_children
            if self.model.rowCount(chapter):
                self.view.setRowHidden(row, root, only_uncovered and visible_children == 0)
        empty = only_uncovered and shown_items == 0 and self.model.rowCount() > 0
        self.empty_note.setText((CHAPTER_COVERED if self._chapter_only is not None else ALL_COVERED) if empty else "")
        self.empty_note.setVisible(empty)
