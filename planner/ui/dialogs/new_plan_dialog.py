"""A new plan for one of the stored documents."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QFormLayout, QLineEdit

from planner.ui.dialogs.buttons import ok_cancel


class NewPlanDialog(QDialog):
    def __init__(self, documents: list[tuple[int, str]], parent=None):
        super().__init__(parent)
        self.setWindowTitle("新建实施方案")
        self.resize(640, 160)
        self.document = QComboBox(self)
        for document_id, title in documents:
            self.document.addItem(f"《{title}》", document_id)
        self.office = QLineEdit(self)
        self.office.setPlaceholderText("如 河南省（用于方案标题）")
        buttons = ok_cancel(self)
        form = QFormLayout(self)
        form.addRow("落实的文件", self.document)
        form.addRow("单位/地区", self.office)
        form.addRow(buttons)

    @classmethod
    def ask(cls, parent, documents: list[tuple[int, str]]) -> tuple[int, str] | None:
        dialog = cls(documents, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.document.currentData(), dialog.office.text().strip()
