"""Automatic copies of a plan database in ``backups/`` beside it: taken, named, listed, pruned, restored.

Every copy goes through SQLite's backup API on a connection of its own, never by copying
the file (which can miss what is still in the WAL) and never on a connection that holds a
write transaction (the backup would wait for that transaction to end, i.e. forever).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from planner.errors import UserError

if TYPE_CHECKING:
    from sqlite_utils import Database

FOLDER_NAME = "backups"
# Why each copy was taken; the word is part of the file name, the label is what a person reads.
KIND_LABELS = {"daily": "每日自动备份", "import": "导入台账前", "migration": "升级数据库前",
               "restore": "恢复备份前", "empty-bin": "清空回收站前"}
# How many of each kind are kept (issue 18); copies taken before a migration are rare and all kept.
KEEP = {"daily": 10, "import": 20, "restore": 20, "empty-bin": 20}
# A .partial file or an empty reserved name older than this belongs to a backup that was killed;
# a younger one may be another program's backup still being written.
STRAY_AGE = dt.timedelta(minutes=10)
BUSY_TIMEOUT_S = 5.0
_STAMP = "%Y%m%d-%H%M%S"


@dataclass(frozen=True)
class Backup:
    """One copy of the database: its file, when it was taken and why."""

    path: Path
    taken_at: dt.datetime
    kind: str
    sequence: int = 1  # 2, 3 … for later copies of the same kind within the same second

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)


def folder_for(db_path: Path | str) -> Path:
    """The ``backups/`` folder beside the database file."""
    return Path(db_path).parent / FOLDER_NAME


def take_backup(db_path: Path | str, kind: str, *, now: dt.datetime | None = None) -> Path:
    """Copy the database file at ``db_path`` into its backups folder; return the new file.

    The name is ``<stem>-YYYYMMDD-HHMMSS-<kind>[-N].db``; it is reserved with an exclusive
    create before anything is written, so two programs finishing in the same second get
    two files, never one overwriting the other. The copy is written to ``<name>.partial``
    and renamed into place. Older copies of the same kind beyond ``KEEP`` are removed.

    Raises:
        OSError, sqlite3.Error: the folder cannot be written or the database cannot be read;
            nothing is left behind then.
    """
    if kind not in KIND_LABELS:
        raise ValueError(f"unknown backup kind {kind!r}")
    db_path = Path(db_path)
    folder = folder_for(db_path)
    folder.mkdir(exist_ok=True)
    target = _reserve(folder, db_path.stem, kind, now or dt.datetime.now())
    partial = target.with_name(target.name + ".partial")
    try:
        source = sqlite3.connect(str(db_path), timeout=BUSY_TIMEOUT_S)
        try:
            _copy(source, partial)
        finally:
            source.close()
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        target.unlink(missing_ok=True)
        raise
    prune(db_path)
    return target


def _reserve(folder: Path, stem: str, kind: str, now: dt.datetime) -> Path:
    stamp = now.strftime(_STAMP)
    sequence = 1
    while True:
        target = folder / f"{stem}-{stamp}-{kind}{'' if sequence == 1 else f'-{sequence}'}.db"
        try:
            os.close(os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
            return target
        except FileExistsError:
            sequence += 1


def _copy(source: sqlite3.Connection, target: Path) -> None:
    destination = sqlite3.connect(str(target))
    try:
        source.backup(destination)
        # A standalone file: the copy of a WAL database would otherwise need -wal/-shm files
        # beside it as soon as it is opened.
        destination.execute("PRAGMA journal_mode = DELETE")
    finally:
        destination.close()


@contextlib.contextmanager
def backed_up_write(db: Database, kind: str) -> Iterator[Path | None]:
    """One write transaction, preceded by a backup of the state it starts from.

    The write lock is taken first (``db.atomic()`` on a PlannerDatabase is BEGIN IMMEDIATE),
    so nobody can change the file between the copy and the write; the copy is read on a
    second connection. If the block raises (a refused or failed write), the transaction is
    rolled back and the backup removed. Yields the backup's path (None in memory).

    Raises:
        UserError: the backup cannot be made (nothing is written then).
    """
    if db.conn.in_transaction:
        raise RuntimeError("backed_up_write must start the transaction, not join one")
    db_path = database_file(db)
    backup = None
    try:
        with db.atomic():
            backup = _guarding_backup(db_path, kind) if db_path else None
            yield backup
    except BaseException:
        if backup is not None:
            backup.unlink(missing_ok=True)
        raise


def _guarding_backup(db_path: str, kind: str) -> Path:
    try:
        return take_backup(db_path, kind)
    except (OSError, sqlite3.Error) as error:
        raise UserError(f"无法先备份数据库到“{folder_for(db_path)}”（{getattr(error, 'strerror', None) or error}），"
                        "为安全起见本次未写入任何更改；请检查磁盘空间和文件夹权限。") from None


def take_daily_backup(db_path: Path | str, *, now: dt.datetime | None = None) -> Path | None:
    """The first start of a day copies the database; later starts that day only prune (and return None)."""
    now = now or dt.datetime.now()
    if any(b.kind == "daily" and b.taken_at.date() == now.date() for b in list_backups(db_path)):
        prune(db_path, now=now)  # still clear what a backup killed since left behind
        return None
    return take_backup(db_path, "daily", now=now)


def list_backups(db_path: Path | str) -> list[Backup]:
    """This database's copies, oldest first (copies of other databases in the folder are not listed)."""
    db_path = Path(db_path)
    folder = folder_for(db_path)
    if not folder.is_dir():
        return []
    pattern = re.compile(rf"{re.escape(db_path.stem)}-(\d{{8}}-\d{{6}})-([a-z-]+?)(?:-(\d+))?\.db")
    found = []
    for path in folder.iterdir():
        match = pattern.fullmatch(path.name)
        if not match or match.group(2) not in KIND_LABELS:
            continue
        try:
            if path.stat().st_size == 0:  # a reserved name whose copy is still being written
                continue
            taken_at = dt.datetime.strptime(match.group(1), _STAMP)
        except (OSError, ValueError):
            continue
        found.append(Backup(path, taken_at, match.group(2), int(match.group(3) or 1)))
    return sorted(found, key=lambda b: (b.taken_at, b.sequence, b.name))


def find_backup(db_path: Path | str, name: str) -> Backup | None:
    return next((b for b in list_backups(db_path) if b.name == name), None)


def prune(db_path: Path | str, *, now: dt.datetime | None = None) -> list[Path]:
    """Remove copies beyond ``KEEP`` per kind (oldest first) and leftovers of killed backups."""
    removed = []
    by_kind: dict[str, list[Backup]] = {}
    for backup in list_backups(db_path):
        by_kind.setdefault(backup.kind, []).append(backup)
    for kind, copies in by_kind.items():
        keep = KEEP.get(kind)
        if keep is not None and len(copies) > keep:
            for backup in copies[:-keep]:
                backup.path.unlink(missing_ok=True)
                removed.append(backup.path)
    return removed + _remove_strays(folder_for(db_path), now or dt.datetime.now())


def _remove_strays(folder: Path, now: dt.datetime) -> list[Path]:
    removed = []
    if not folder.is_dir():
        return removed
    for path in folder.iterdir():
        try:
            stat = path.stat()
            stray = path.name.endswith(".partial") or (path.suffix == ".db" and stat.st_size == 0)
            if stray and now - dt.datetime.fromtimestamp(stat.st_mtime) > STRAY_AGE:
                path.unlink()
                removed.append(path)
        except OSError:
            continue  # gone already, or not ours to remove
    return removed


def read_backup(path: Path) -> Database:
    """Open a copy read-only without creating any file beside it (the caller closes it)."""
    from sqlite_utils import Database  # loaded on first use: the window's start does without it

    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    return Database(connection, execute_plugins=False)


def task_count(path: Path) -> int | None:
    """Live tasks in a copy, or None when the copy cannot be read."""
    try:
        db = read_backup(path)
        try:
            return db.execute("SELECT count(*) FROM tasks WHERE deleted_at IS NULL").fetchone()[0]
        finally:
            db.close()
    except sqlite3.Error:
        return None


def copy_into(source: Path, db: Database) -> None:
    """Replace the whole content of the open database ``db`` with the copy at ``source``."""
    if db.conn.in_transaction:
        raise RuntimeError("restore needs a connection without an open transaction")
    copy = read_backup(source)
    try:
        copy.conn.backup(db.conn)
    finally:
        copy.close()


def database_file(db: Database) -> str:
    """The main database's file path ("" for an in-memory database)."""
    return db.execute("PRAGMA database_list").fetchone()[2] or ""
