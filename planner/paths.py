"""The one owner of locations: data dir, database file, resources/ and templates/."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from planner import APP_ID, ORG_NAME

# Tests and portable installs point the data directory elsewhere with this.
DATA_DIR_ENV = "PLANNER_DATA_DIR"
DB_FILE_NAME = "planner.db"


def install_root() -> Path:
    """Where resources/ and templates/ live: beside the package, or inside a frozen build."""
    if getattr(sys, "frozen", False):
        return Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent))
    return Path(__file__).resolve().parent.parent


def resources_dir() -> Path:
    return install_root() / "resources"


def templates_dir() -> Path:
    return install_root() / "templates"


def word_template() -> Path:
    """The official-document template the Word exports are built on."""
    return templates_dir() / "official.docx"


def data_dir() -> Path:
    """The per-user data directory (QStandardPaths.AppDataLocation), created on demand."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        path = Path(override)
    else:
        # Imported here so headless commands given --db never load Qt.
        from PySide6.QtCore import QCoreApplication, QStandardPaths

        QCoreApplication.setOrganizationName(ORG_NAME)
        QCoreApplication.setApplicationName(APP_ID)
        path = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_db_path() -> Path:
    return data_dir() / DB_FILE_NAME
