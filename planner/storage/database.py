"""Opening the plan database: PRAGMAs, refusing foreign or newer files, backups."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import sys
from pathlib import Path

from sqlite_utils import Database

from planner.errors import UserError
from planner.storage.migrations import MIGRATION_NAMES, MIGRATIONS

BUSY_TIMEOUT_MS = 5000


def open_database(path: Path | str) -> Database:
    """Open (creating if needed) and migrate the database at ``path``.

    Before a migration changes an existing file it is backed up beside itself.

    Raises:
        UserError: the file is not SQLite, not this program's, from a newer
            version, locked, or cannot be created.
    """
    path = Path(path)
    if path.is_dir():
        raise UserError(f"“{path}”是一个文件夹，不是数据库文件。")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # No sqlite-utils plugins: nothing outside the program may change our connection,
        # and looking them up scans every installed package at each start.
        db = Database(sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000), execute_plugins=False)
    except (OSError, sqlite3.Error) as error:
        raise UserError(f"无法打开数据库“{path}”：{error}") from None
    try:
        _configure(db)
        _refuse_foreign_or_newer(db, path)
        # Only now write anything: switching to WAL rewrites the file header.
        db.enable_wal()
        db.execute("PRAGMA synchronous = NORMAL")
        _migrate(db, path)
    except sqlite3.DatabaseError as error:
        db.close()
        raise (as_user_error(error, path) or UserError(f"打开数据库“{path.name}”失败：{error}")) from None
    except BaseException:
        db.close()
        raise
    return db


def open_memory_database() -> Database:
    """A migrated in-memory database, for tests and dry runs."""
    db = Database(memory=True, execute_plugins=False)
    db.execute("PRAGMA foreign_keys = ON")
    MIGRATIONS.apply(db)
    return db


def _configure(db: Database) -> None:
    # Reading the schema first makes a non-SQLite file fail here, before any write.
    db.execute("PRAGMA schema_version").fetchone()
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    db.execute("PRAGMA foreign_keys = ON")


def _refuse_foreign_or_newer(db: Database, path: Path) -> None:
    """Refuse, without writing, a file from a newer version or from another program."""
    applied = {migration.name for migration in MIGRATIONS.applied(db)}
    if applied - set(MIGRATION_NAMES):
        raise UserError(
            f"数据库“{path.name}”由更新版本的本程序创建（含有本版本不认识的结构变更："
            f"{'、'.join(sorted(applied - set(MIGRATION_NAMES)))}），请升级程序后再打开。")
    if not applied and _user_tables(db):
        raise UserError(f"文件“{path.name}”是 SQLite 数据库，但不是本程序的数据库，无法打开。")


def _migrate(db: Database, path: Path) -> None:
    pending = MIGRATIONS.pending(db)
    if pending and MIGRATIONS.applied(db):
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        backup_database(db, path.with_name(f"{path.name}.bak-{stamp}-before-{pending[0].name}"))
    MIGRATIONS.apply(db)


def _user_tables(db: Database) -> list[str]:
    return [name for name in db.table_names() if not name.startswith("sqlite_")]


def backup_database(db: Database, target: Path | str) -> Path:
    """Copy the whole database to ``target`` with SQLite's backup API (WAL content included).

    The copy is written beside the target and renamed into place, so a failed
    backup never leaves a half-written file under the chosen name.
    """
    target = Path(target)
    partial = target.with_name(target.name + ".partial")
    try:
        partial.unlink(missing_ok=True)
        destination = sqlite3.connect(str(partial))
        try:
            db.conn.backup(destination)
        finally:
            destination.close()
        os.replace(partial, target)
    except (OSError, sqlite3.Error) as error:
        partial.unlink(missing_ok=True)
        raise UserError(f"无法备份数据库到“{target}”：{error}") from None
    return target


def is_network_path(path: Path | str) -> bool:
    """Whether ``path`` lies on a network share, where SQLite's locking is unreliable."""
    if str(path).startswith(("\\\\", "//")):  # UNC path: \\server\share
        return True
    text = str(Path(path).absolute())
    if sys.platform == "win32":
        import ctypes

        drive = os.path.splitdrive(text)[0]
        drive_remote = 4
        return bool(drive) and ctypes.windll.kernel32.GetDriveTypeW(drive + "\\") == drive_remote
    return _linux_network_mount(text)


def _linux_network_mount(text: str) -> bool:
    try:
        mounts = Path("/proc/mounts").read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return False
    best, best_type = "", ""
    for line in mounts:
        fields = line.split()
        if len(fields) >= 3 and text.startswith(fields[1]) and len(fields[1]) > len(best):
            best, best_type = fields[1], fields[2]
    return best_type in {"nfs", "nfs4", "cifs", "smbfs", "smb3", "9p", "sshfs", "fuse.sshfs"}


def as_user_error(error: BaseException, path: Path | None = None) -> UserError | None:
    """The message for a failure of the database file itself (not SQLite, locked, read-only, full).

    Returns None for anything else, which is a bug.
    """
    if isinstance(error, UserError):
        return error
    if not isinstance(error, sqlite3.DatabaseError) or isinstance(error, sqlite3.IntegrityError):
        return None
    name = f"“{path.name}”" if path else ""
    text = str(error)
    if "not a database" in text or "malformed" in text:
        return UserError(f"文件{name}不是本程序的数据库（不是 SQLite 文件或已损坏），无法打开。")
    if "locked" in text or "busy" in text:
        return UserError(f"数据库{name}正被其他程序占用，请关闭其他窗口后重试；本次操作未保存任何更改。")
    if "readonly" in text or "read-only" in text:
        return UserError(f"数据库{name}是只读的（文件属性或权限），无法保存更改；本次操作未保存任何更改。")
    if "disk is full" in text or "database or disk is full" in text:
        return UserError("磁盘空间已满，无法保存更改；请清理磁盘后重试。本次操作未保存任何更改。")
    if "disk I/O" in text or "unable to open" in text:
        return UserError(f"读写数据库{name}失败（磁盘或网络错误）：{text}")
    if isinstance(error, sqlite3.OperationalError):
        return None  # e.g. a malformed statement: a bug, not the user's file
    return UserError(f"打开数据库{name}失败：{text}")
