"""Pasting a policy text to import it."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QFormLayout, QLineEdit, QPlainTextEdit

from planner.ui.dialogs.buttons import ok_cancel


class PolicyTextDialog(QDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle("粘贴政策文本")
        self.resize(760, 560)
        self.title = QLineEdit(self)
        self.title.setPlaceholderText("文本中没有标题时使用")
        self.text = QPlainTextEdit(self)
        self.text.setPlaceholderText("把政策文件的全文粘贴到这里（含“一、”“（一）”编号）")
        buttons = ok_cancel(self, "导入")
        form = QFormLayout(self)
        form.addRow("文件标题", self.title)
        form.addRow("全文", self.text)
        form.addRow(buttons)

    @classmethod
    def ask(cls, parent) -> tuple[str, str] | None:
        dialog = cls(parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.title.text().strip(), dialog.text.toPlainText()
