"""Answering a real modal QMessageBox from a test: it is found when shown and one of its buttons clicked."""

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox


class MessageBoxAnswers:
    """Clicks, in turn, the button whose text is each answer; records every box's texts and buttons."""

    def __init__(self, *answers: str):
        self._answers = list(answers)
        self.seen: list[dict] = []
        self._polls_left = 500  # about 5 s: a box that never comes must not answer a later test's
        self._poll()

    def _poll(self) -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox) and box.isVisible() and self._answers:
            buttons = {b.text(): b for b in box.buttons()}
            self.seen.append({"text": box.text(), "informative": box.informativeText(), "buttons": list(buttons)})
            answer = self._answers.pop(0)
            buttons[answer].click() if answer in buttons else box.reject()
        self._polls_left -= 1
        if self._answers and self._polls_left:
            QTimer.singleShot(10, self._poll)
