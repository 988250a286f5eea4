"""The item text pane: the current item's original wording, with the current task's passage highlighted."""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QTextBrowser, QTextEdit

from planner.domain.model import Item
from planner.domain.numerals import int_to_chinese


class ItemTextPane(QTextBrowser):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("item_text")
        self.setOpenLinks(False)
        self.setPlaceholderText("在左侧选择条目，这里显示原文；选中一段文字可直接创建任务。")

    def show_item(self, item: Item | None, *, chapter_label: str = "") -> None:
        """The item's text; for a chapter (``item`` None), a line saying the table shows its tasks."""
        if item is not None:
            self.setHtml(item_html(item))
        elif chapter_label:
            self.setHtml(f"<h3 style='margin:2px 0 6px 0'>{_escape(chapter_label)}</h3>"
                         "<p>下方表格列出本部分各条目的全部任务。选择一个条目可查看其原文。</p>")
        else:
            self.clear()

    def selected_passage(self) -> str:
        return self.textCursor().selectedText().replace("\u2029", "\n").strip()

    def highlight(self, passage: str) -> None:
        """Mark where the current task's passage stands in the text (nothing when it is not found)."""
        selections = []
        if passage:
            cursor = self.document().find(passage)
            if not cursor.isNull():
                from PySide6.QtGui import QTextCharFormat

                selection = QTextEdit.ExtraSelection()
                selection.cursor = cursor
                highlight = QTextCharFormat()
                highlight.setBackground(QColor("#fff2a8"))
                selection.format = highlight
                selections.append(selection)
        self.setExtraSelections(selections)


def item_html(item: Item) -> str:
    paragraphs = "".join(f"<p style='margin:6px 0'>{_escape(p)}</p>" for p in item.paragraphs)
    heading = _escape(item.heading) if item.heading else ""
    return (f"<h3 style='margin:2px 0 6px 0'>（{int_to_chinese(item.number)}）{heading}</h3>"
            f"<div style='font-size:11pt; line-height:160%'>{paragraphs}</div>")


def _escape(text: str) -> str:
    # html.escape would load html.entities (a 2,000-entry table) at start-up for three characters.
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
