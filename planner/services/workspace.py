"""Opening a plan database and filling a new one with the built-in documents."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlite_utils import Database

from planner.domain.model import Document
from planner.errors import UserError
from planner.exchange.builtin import BuiltinData
from planner.storage import database, documents, plans, units


def open_workspace(path: Path | str, builtin: BuiltinData) -> Database:
    """Open (and on first start fill) the database at ``path``.

    Raises:
        UserError: the file cannot be used (not SQLite, newer version, locked).
    """
    db = database.open_database(path)
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


def explain_failure(error: BaseException) -> UserError | None:
    """A user-facing message when ``error`` is the database file failing (locked, read-only, full)."""
    return database.as_user_error(error)


def network_warning(path: Path | str) -> str | None:
    """A warning to show when the database lies on a network share, else None."""
    if database.is_network_path(path):
        return (f"数据库“{Path(path).name}”位于网络共享位置。本程序的数据库是单机文件，"
                "放在网络上可能因多人同时打开而损坏，建议复制到本机后使用。")
    return None
