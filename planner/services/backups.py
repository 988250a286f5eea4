"""Use cases on the automatic backups of the open database: list them, restore one."""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from planner.errors import UserError
from planner.storage import backups, database
from planner.storage.migrations import MIGRATION_NAMES, applied_names

if TYPE_CHECKING:
    from sqlite_utils import Database


@dataclass(frozen=True)
class BackupInfo:
    """What the backup list shows: the file name, when, why, and how many tasks the copy holds."""

    name: str
    path: Path
    taken_at: dt.datetime
    label: str
    task_count: int | None  # None: the copy cannot be read

    def line(self) -> str:
        """One tab-separated line, as the ``backups`` command prints it."""
        count = "?" if self.task_count is None else str(self.task_count)
        return f"{self.name}\t{self.taken_at:%Y-%m-%d %H:%M:%S}\t{self.label}\t{count}"


@dataclass(frozen=True)
class RestoreResult:
    restored: BackupInfo
    kept: Path  # the copy of the database as it was just before the restore


def list_backups(db: Database) -> list[BackupInfo]:
    """The open database's backups, oldest first."""
    path = backups.database_file(db)
    return [_info(backup) for backup in backups.list_backups(path)] if path else []


def restore_backup(db: Database, name: str) -> RestoreResult:
    """Replace the open database's content with the backup ``name``, keeping the current state as a backup.

    A copy from an older version is migrated after it is restored.

    Raises:
        UserError: no such backup, it cannot be read, or it comes from a newer version.
    """
    path = backups.database_file(db)
    found = backups.find_backup(path, name.strip()) if path else None
    if found is None:
        raise UserError(f"没有名为“{name}”的备份（可用 backups 命令查看）。")
    _check_restorable(found.path)
    kept = backups.take_backup(path, "restore")
    backups.copy_into(found.path, db)
    database.migrate(db, path)
    return RestoreResult(_info(found), kept)


def _check_restorable(path: Path) -> None:
    try:
        copy = backups.read_backup(path)
        try:
            ok = copy.execute("PRAGMA quick_check").fetchone()[0] == "ok"
            names = applied_names(copy.conn) or set()
        finally:
            copy.close()
    except sqlite3.Error:
        ok, names = False, set()
    if not ok or not names:
        raise UserError(f"备份“{path.name}”已损坏或不是本程序的数据库，无法恢复。")
    if names - set(MIGRATION_NAMES):
        raise UserError(f"备份“{path.name}”来自更新版本的本程序，请升级程序后再恢复。")


def _info(backup: backups.Backup) -> BackupInfo:
    return BackupInfo(backup.name, backup.path, backup.taken_at, backup.label, backups.task_count(backup.path))
