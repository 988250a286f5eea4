"""Help → 使用说明 (the guide in resources/, shown in a window) and 关于 (version, files, Qt and Python)."""

from __future__ import annotations

import platform
from pathlib import Path

from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTextBrowser, QVBoxLayout

from planner import APP_NAME


class GuideDialog(QDialog):
    """The short guide, read from a Markdown file (editable without touching the program)."""

    def __init__(self, guide: Path, parent=None):
        super().__init__(parent)
        self.setWindowTitle(f"使用说明 — {APP_NAME}")
        self.text = QTextBrowser(self)
        self.text.setOpenExternalLinks(False)
        try:
            self.text.setMarkdown(guide.read_text(encoding="utf-8"))
        except OSError as error:
            self.text.setPlainText(f"找不到使用说明文件“{guide}”：{error.strerror or error}")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.resize(640, 520)


def about_text(*, db_path: Path, data_dir: Path | None) -> str:
    """What 关于 shows: version, database, data folder, Qt and Python versions (plain lines)."""
    from PySide6 import __version__ as pyside_version

    return "\n".join([
        f"{APP_NAME} 版本 {program_version()}",
        f"数据库：{db_path}",
        f"数据文件夹：{data_dir if data_dir is not None else '（未知）'}",
        f"Qt {qVersion()}（PySide6 {pyside_version}）",
        f"Python {platform.python_version()}",
    ])


def program_version() -> str:
    from importlib import metadata

    try:
        return metadata.version("policy-planner")
    except metadata.PackageNotFoundError:  # a frozen build may carry no package metadata
        return "（未知）"


class AboutDialog(QDialog):
    def __init__(self, text: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(f"关于 — {APP_NAME}")
        self.label = QLabel(text, self)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)  # paths can be copied
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(buttons)
