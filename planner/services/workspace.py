"""Opening a plan database, filling a new one with the built-in documents, its daily backup."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from planner.domain.model import Document
from planner.errors import UserError
from planner.exchange.builtin import BuiltinData
from planner.storage import database, documents, plans, units

if TYPE_CHECKING:
    from sqlite_utils import Database


def open_workspace(path: Path | str, builtin: BuiltinData, *, create: bool = True, defer: bool = False) -> Database:
    """Open (and on first start fill) the database at ``path``.

    Args:
        create: whether a missing file may be created; only actions that start something
            (the window, a demo, importing a document, a new plan) pass True, so a mistyped
            name never silently becomes an empty database.
        defer: the window's start: a DeferredDatabase, read without loading sqlite-utils
            until ``load()`` (see ``database.open_database``).

    Raises:
        UserError: the file cannot be used (missing folder, missing file when not
            ``create``, read-only, not SQLite, newer version, locked).
    """
    db = database.open_database(path, create=create, defer=defer)
    try:
        ensure_builtin(db, builtin)
    except BaseException:
        db.close()
        raise
    return db


def ensure_builtin(db: Database, builtin: BuiltinData) -> None:
    """On first start: both built-in documents, the units directory and an empty plan.

    A database that already has them is left alone, so a user's edits to the
    units directory survive every later start.
    """
    if documents.document_id_by_builtin_key(db, builtin.documents[0][0]) is not None:
        return
    from planner.domain.policy_text import parse_policy  # only a new database needs the parser

    with db.atomic():
        # Again under the write lock: two programs creating the same file at once fill it once.
        if documents.document_id_by_builtin_key(db, builtin.documents[0][0]) is not None:
            return
        main_id = None
        for key, text in builtin.documents:
            document_id = documents.save_document(db, parse_policy(text), source_name=key, builtin_key=key)
            main_id = main_id or document_id
        units.add_units(db, builtin.units)
        units.add_aliases(db, builtin.aliases)
        main = documents.load_document(db, main_id)
        plans.create_plan(db, document_id=main_id, name=default_plan_name(main), year=dt.date.today().year)


def default_plan_name(document: Document, office: str = "") -> str:
    return f"{office}贯彻落实《{document.title}》实施方案"


def backup(db: Database, target: Path | str) -> Path:
    """Copy the open database to ``target`` (SQLite backup API, WAL included)."""
    return database.backup_database(db, target)


def daily_backup(db: Database) -> str | None:
    """At start: copy the database into backups/ unless that was done today already.

    Returns a warning to show when the copy could not be made (the start goes on), else None.
    """
    from planner.storage import backups  # the once-a-day copy; drawing the window does without it

    path = backups.database_file(db)
    if not path:
        return None
    try:
        backups.take_daily_backup(path)
    except (OSError, sqlite3.Error) as error:
        return f"今天的自动备份未能完成（{getattr(error, 'strerror', None) or error}），请检查磁盘空间和文件夹权限。"
    return None


def explain_failure(error: BaseException, path: Path | str | None = None) -> UserError | None:
    """A user-facing message when ``error`` is the database file failing (locked, read-only, full).

    ``path`` (the database file) is named in the message when given.
    """
    return database.as_user_error(error, Path(path) if path else None)


def network_warning(path: Path | str) -> str | None:
    """A warning to show when the database lies on a network share, else None."""
    if database.is_network_path(path):
        return (f"数据库“{Path(path).name}”位于网络共享位置。WAL 日志模式依赖同一台计算机上的共享内存，"
                "在网络共享上无法使用，因此这里改用回滚日志模式；即便如此，网络文件的锁并不可靠，"
                "多人同时打开仍可能损坏数据库，建议复制到本机后使用。")
    return None
