"""File → 最近打开 and the database reopened at the next start, remembered in the settings file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

KEY = "files/recent_databases"
LIMIT = 8


def recent_databases() -> list[Path]:
    """Most recent first; files that no longer exist are left out."""
    value = QSettings().value(KEY, [])
    names = [value] if isinstance(value, str) else list(value or [])
    return [Path(name) for name in names if name and Path(name).is_file()]


def remember_database(path: Path) -> None:
    """``path`` becomes the first of the list (and the one opened at the next start)."""
    path = Path(path).resolve()
    names = [str(path)] + [str(p) for p in recent_databases() if p.resolve() != path]
    QSettings().setValue(KEY, names[:LIMIT])


def last_database() -> Path | None:
    """The database used last, if it is still there."""
    found = recent_databases()
    return found[0] if found else None
