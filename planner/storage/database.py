"""Opening the plan database: PRAGMAs, journal mode, refusing foreign or newer files, write locks."""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from planner.errors import UserError
from planner.storage.deferred_database import DeferredDatabase
from planner.storage.migrations import MIGRATION_NAMES, applied_names, migrations

if TYPE_CHECKING:
    from sqlite_utils import Database

BUSY_TIMEOUT_MS = 5000
BULK_CACHE_MIB = 32  # page cache of a bulk write (bulk_page_cache); SQLite's default is 2 MB
DISK_FULL = "磁盘空间已满，无法保存更改；请清理磁盘后重试。本次操作未保存任何更改。"


def open_database(path: Path | str, *, create: bool = True, defer: bool = False) -> Database:
    """Open (creating it if ``create``) and migrate the database at ``path``.

    Before a migration changes an existing file it is backed up into ``backups/`` beside it.
    On a network share the rollback journal is used instead of WAL (see ``is_network_path``).

    Args:
        defer: return a DeferredDatabase, which loads sqlite-utils only when more than a read
            needs it (the window's start). A file with nothing to migrate, refuse or switch is
            then read without the library; any other is opened with it at once, as usual.

    Raises:
        UserError: the folder does not exist; the file does not exist and ``create`` is
            False; the file is read-only, not SQLite, not this program's, from a newer
            version, locked, or cannot be created.
    """
    path = Path(path)
    if path.is_dir():
        raise UserError(f"“{path}”是一个文件夹，不是数据库文件。")
    if not path.parent.is_dir():
        raise UserError(f"数据库所在的文件夹不存在：{path.parent}")
    if not path.exists() and not create:
        raise UserError(f"数据库文件不存在：{path}")
    _refuse_read_only(path)
    try:
        connection = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000)
    except (OSError, sqlite3.Error) as error:
        raise UserError(f"无法打开数据库“{path}”：{error}") from None
    try:
        _configure(connection)
        if defer and _up_to_date(connection, path):
            connection.execute("PRAGMA synchronous = NORMAL")
            return DeferredDatabase(connection)
        db = _library_database(connection)
        _refuse_foreign_or_newer(db, path)
        # Only now write anything: switching the journal mode rewrites the file header.
        _set_journal_mode(db, path)
        db.execute("PRAGMA synchronous = NORMAL")
        migrate(db, path)
    except sqlite3.DatabaseError as error:
        connection.close()
        raise (as_user_error(error, path) or UserError(f"打开数据库“{path.name}”失败：{error}")) from None
    except BaseException:
        connection.close()
        raise
    return DeferredDatabase(connection, loaded=db) if defer else db


def _library_database(connection: sqlite3.Connection) -> Database:
    from planner.storage.planner_database import PlannerDatabase

    # No sqlite-utils plugins: nothing outside the program may change our connection,
    # and looking them up scans every installed package at each start.
    return PlannerDatabase(connection, execute_plugins=False)


def library_database(db: Database | DeferredDatabase) -> Database:
    """``db`` as sqlite-utils' Database itself, for the library's own functions (migrations)."""
    return db.load() if isinstance(db, DeferredDatabase) else db


def _up_to_date(connection: sqlite3.Connection, path: Path) -> bool:
    """Whether the file is ready as it is: exactly this version's migrations, already in WAL mode,
    on a local disk (a share's journal is settled by ``_set_journal_mode``). Reads only."""
    if applied_names(connection) != set(MIGRATION_NAMES) or is_network_path(path):
        return False
    return connection.execute("PRAGMA journal_mode").fetchone()[0].lower() == "wal"


def check_writable(db: Database) -> None:
    """Take the write lock and let it go: a locked or read-only file fails here, before a file is exported.

    Raises:
        sqlite3.OperationalError: locked (after the busy timeout) or read-only.
    """
    with db.atomic():
        pass


@contextlib.contextmanager
def bulk_page_cache(db: Database, mib: int = BULK_CACHE_MIB) -> Iterator[None]:
    """Let SQLite's page cache hold ``mib`` MiB during a bulk write, then set it back as it was.

    An import that changes 20,000 tasks rewrites their rows and, for a status, their entries in
    two indexes (tasks_plan_summary, tasks_plan_unit); with SQLite's default 2 MB cache the
    same index pages are read and written back again and again. With room for the plan's
    pages, applying a 20,000-row return took 0.55 s instead of 0.68 s (issue 13's benchmark).
    Setting the size back lets SQLite free the extra pages: the window keeps its small cache.
    """
    before = db.execute("PRAGMA cache_size").fetchone()[0]
    db.execute(f"PRAGMA cache_size = {-mib * 1024}")  # negative: a size in KiB, not pages
    try:
        yield
    finally:
        db.execute(f"PRAGMA cache_size = {int(before)}")


def open_memory_database() -> Database:
    """A migrated in-memory database, for tests and dry runs."""
    from planner.storage.planner_database import PlannerDatabase

    db = PlannerDatabase(memory=True, execute_plugins=False)
    db.execute("PRAGMA foreign_keys = ON")
    migrations().apply(db)
    return db


def _configure(db: Database | sqlite3.Connection) -> None:
    # Reading the schema first makes a non-SQLite file fail here, before any write.
    db.execute("PRAGMA schema_version").fetchone()
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    db.execute("PRAGMA foreign_keys = ON")


def _refuse_foreign_or_newer(db: Database, path: Path) -> None:
    """Refuse, without writing, a file from a newer version or from another program."""
    applied = {migration.name for migration in migrations().applied(db)}
    if applied - set(MIGRATION_NAMES):
        raise UserError(
            f"数据库“{path.name}”由更新版本的本程序创建（含有本版本不认识的结构变更："
            f"{'、'.join(sorted(applied - set(MIGRATION_NAMES)))}），请升级程序后再打开。")
    if not applied and _user_tables(db):
        raise UserError(f"文件“{path.name}”是 SQLite 数据库，但不是本程序的数据库，无法打开。")


def _refuse_read_only(path: Path) -> None:
    # SQLite cannot even open a WAL database where it may not create the -shm file beside it,
    # and would report that as "unable to open"; say what it is, naming the file.
    if path.exists() and not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)):
        raise UserError(f"数据库文件“{path}”是只读的（文件属性、权限或所在位置不可写），无法打开；"
                        "请复制到可写的文件夹，或取消只读属性后重试。")


def _set_journal_mode(db: Database, path: Path) -> None:
    if not is_network_path(path):
        db.enable_wal()
        return
    # WAL keeps its index in shared memory, which only works between programs on one machine:
    # on a share two computers would each see their own, and the file gets corrupted.
    try:
        db.disable_wal()
    except sqlite3.OperationalError:
        pass  # another program still has it open in WAL mode; the next start switches it


def migrate(db: Database, path: Path | str) -> None:
    """Apply pending migrations in one write transaction, after a backup of an existing file.

    The write lock is taken before checking what is pending, so a second program opening
    the same old file waits, then finds nothing left to do.
    """
    db = library_database(db)
    if not migrations().pending(db):
        return  # the usual case, also on a read-only file: nothing to lock
    with db.atomic():
        if not migrations().pending(db):
            return
        if migrations().applied(db):
            from planner.storage import backups  # only an upgrade needs it, not every start

            try:  # on its own connection: this one holds the lock
                backups.take_backup(path, "migration")
            except (OSError, sqlite3.Error) as error:
                raise UserError(f"升级数据库“{Path(path).name}”前无法先备份它（{getattr(error, 'strerror', None) or error}），"
                                "数据库未作更改；请检查磁盘空间和文件夹权限。") from None
        migrations().apply(db)


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


NETWORK_FILESYSTEMS = {"nfs", "nfs4", "cifs", "smbfs", "smb3", "9p", "sshfs", "fuse.sshfs", "afs", "ncpfs"}
MOUNTS_FILE = Path("/proc/mounts")


def _linux_network_mount(text: str) -> bool:
    try:
        mounts = MOUNTS_FILE.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    return mount_type(text, mounts) in NETWORK_FILESYSTEMS


def mount_type(path_text: str, mounts: str) -> str:
    """The file system type of the mount holding ``path_text``, from a /proc/mounts listing."""
    best, best_type = "", ""
    for line in mounts.splitlines():
        fields = line.split()
        mount_point = fields[1] if len(fields) >= 3 else ""
        inside = path_text == mount_point or path_text.startswith(mount_point.rstrip("/") + "/")
        if mount_point and inside and len(mount_point) > len(best):
            best, best_type = mount_point, fields[2]
    return best_type


def _disk_full(path: Path) -> bool:
    try:
        return shutil.disk_usage(path.parent).free < 64 * 1024
    except OSError:
        return False


def as_user_error(error: BaseException, path: Path | None = None) -> UserError | None:
    """The message for a failure of the database file itself (not SQLite, locked, read-only, full).

    Returns None for anything else, which is a bug.
    """
    if isinstance(error, UserError):
        return error
    if isinstance(error, OSError) and error.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return UserError(DISK_FULL)  # an export or a backup, not SQLite, found the disk full
    if not isinstance(error, sqlite3.DatabaseError) or isinstance(error, sqlite3.IntegrityError):
        return None
    name = f"“{path.name}”" if path else ""
    text = str(error)
    if "not a database" in text or "malformed" in text:
        return UserError(f"文件{name}不是本程序的数据库（不是 SQLite 文件或已损坏），无法打开。")
    if "locked" in text or "busy" in text:
        return UserError(f"数据库{name}正被其他程序占用，请关闭其他窗口后重试；本次操作未保存任何更改。")
    if "readonly" in text or "read-only" in text:
        where = f"“{path}”" if path else ""
        return UserError(f"数据库{where}是只读的（文件属性或权限），无法保存更改；本次操作未保存任何更改。")
    if "disk is full" in text or "database or disk is full" in text:
        return UserError(DISK_FULL)
    if ("disk I/O" in text or "unable to open" in text) and path and _disk_full(path):
        return UserError(DISK_FULL)  # SQLite could not even create its -shm file
    if "disk I/O" in text or "unable to open" in text:
        return UserError(f"读写数据库{name}失败（磁盘或网络错误）：{text}")
    if isinstance(error, sqlite3.OperationalError):
        return None  # e.g. a malformed statement: a bug, not the user's file
    return UserError(f"打开数据库{name}失败：{text}")
