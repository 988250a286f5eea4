"""Ordered, named schema migrations; a shipped migration is never renamed or edited.

They are applied by sqlite-utils' ``Migrations`` (set "planner", table ``_sqlite_migrations``).
The set is built on first use, not on import: the window's start reads an up-to-date file
before sqlite-utils is loaded (``applied_names`` tells it that nothing is pending).
"""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database
    from sqlite_utils.migrations import Migrations

SET_NAME = "planner"
MIGRATION_NAMES: list[str] = []
_STEPS: list[Callable[[Database], None]] = []


def _migration(fn):
    MIGRATION_NAMES.append(fn.__name__)
    _STEPS.append(fn)
    return fn


@functools.cache
def migrations() -> Migrations:
    """sqlite-utils' migration set with every step below, in order (loads sqlite-utils)."""
    from sqlite_utils.migrations import Migrations

    found = Migrations(SET_NAME)
    for step in _STEPS:
        found()(step)
    return found


def applied_names(connection: sqlite3.Connection) -> set[str] | None:
    """The names of this program's migrations recorded in the file; None when it has no such table.

    Plain SQL over sqlite-utils' bookkeeping table (columns migration_set, name, applied_at),
    for callers that must not load the library (the window's start) or read a copy.

    Raises:
        sqlite3.DatabaseError: the file is not SQLite, or cannot be read.
    """
    try:
        rows = connection.execute("SELECT name FROM _sqlite_migrations WHERE migration_set = ?", [SET_NAME])
    except sqlite3.OperationalError as error:
        if "no such table" in str(error):
            return None
        raise
    return {name for (name,) in rows}


@_migration
def m001_initial(db: Database) -> None:
    for statement in _M001.split(";\n\n"):
        db.execute(statement)


_M001 = """
CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    issued_on TEXT,
    label TEXT NOT NULL DEFAULT '',
    dateline TEXT NOT NULL DEFAULT '',
    doc_number TEXT NOT NULL DEFAULT '',
    date_line TEXT NOT NULL DEFAULT '',
    recipients TEXT NOT NULL DEFAULT '',
    preamble TEXT NOT NULL DEFAULT '',
    closing TEXT NOT NULL DEFAULT '',
    signature TEXT NOT NULL DEFAULT '',
    attachment TEXT NOT NULL DEFAULT '',
    source_name TEXT NOT NULL DEFAULT '',
    builtin_key TEXT UNIQUE,
    created_at TEXT NOT NULL
);

CREATE TABLE chapters (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    number INTEGER NOT NULL,
    title TEXT NOT NULL,
    heading_line TEXT NOT NULL DEFAULT '',
    lead TEXT NOT NULL DEFAULT '',
    sort_order INTEGER NOT NULL
);

CREATE INDEX chapters_document ON chapters(document_id, sort_order);

CREATE TABLE items (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    chapter_id INTEGER NOT NULL REFERENCES chapters(id) ON DELETE CASCADE,
    number INTEGER NOT NULL,
    heading TEXT NOT NULL DEFAULT '',
    text TEXT NOT NULL,
    sort_order INTEGER NOT NULL
);

CREATE INDEX items_chapter ON items(chapter_id, sort_order);

CREATE INDEX items_document ON items(document_id, sort_order);

CREATE TABLE plans (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    document_id INTEGER NOT NULL REFERENCES documents(id),
    name TEXT NOT NULL,
    office TEXT NOT NULL DEFAULT '',
    year INTEGER,
    warning_days INTEGER NOT NULL DEFAULT 30 CHECK (warning_days >= 0),
    preamble TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE units (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
    sort_order INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
);

CREATE TABLE tasks (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    plan_id INTEGER NOT NULL REFERENCES plans(id),
    item_id INTEGER NOT NULL REFERENCES items(id),
    code TEXT NOT NULL DEFAULT '',
    content TEXT NOT NULL,
    source_passage TEXT NOT NULL DEFAULT '',
    lead_unit_id INTEGER REFERENCES units(id),
    leader TEXT NOT NULL DEFAULT '',
    deadline_phrase TEXT NOT NULL DEFAULT '',
    deadline_date TEXT,
    status TEXT NOT NULL DEFAULT '未启动'
        CHECK (status IN ('未启动', '推进中', '已完成', '已滞后', '已暂停')),
    percent INTEGER NOT NULL DEFAULT 0 CHECK (percent BETWEEN 0 AND 100),
    note TEXT NOT NULL DEFAULT '',
    sort_order INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);

CREATE INDEX tasks_plan_item ON tasks(plan_id, item_id, sort_order);

CREATE INDEX tasks_lead_unit ON tasks(lead_unit_id);

CREATE TABLE task_support_units (
    task_id INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    unit_id INTEGER NOT NULL REFERENCES units(id),
    position INTEGER NOT NULL,
    PRIMARY KEY (task_id, unit_id)
);

CREATE INDEX task_support_units_unit ON task_support_units(unit_id);

CREATE TABLE progress_entries (
    id INTEGER PRIMARY KEY,
    task_id INTEGER NOT NULL REFERENCES tasks(id),
    entry_date TEXT NOT NULL,
    text TEXT NOT NULL,
    status TEXT CHECK (status IS NULL OR status IN ('未启动', '推进中', '已完成', '已滞后', '已暂停')),
    percent INTEGER CHECK (percent IS NULL OR percent BETWEEN 0 AND 100),
    source TEXT NOT NULL DEFAULT '手工录入',
    created_at TEXT NOT NULL
);

CREATE INDEX progress_entries_task ON progress_entries(task_id, entry_date);

CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE VIRTUAL TABLE tasks_fts USING fts5(
    content, content='tasks', content_rowid='id', tokenize='trigram'
);

CREATE TRIGGER tasks_fts_insert AFTER INSERT ON tasks BEGIN
    INSERT INTO tasks_fts(rowid, content) VALUES (new.id, new.content);
END;

CREATE TRIGGER tasks_fts_delete AFTER DELETE ON tasks BEGIN
    INSERT INTO tasks_fts(tasks_fts, rowid, content) VALUES ('delete', old.id, old.content);
END;

CREATE TRIGGER tasks_fts_update AFTER UPDATE OF content ON tasks BEGIN
    INSERT INTO tasks_fts(tasks_fts, rowid, content) VALUES ('delete', old.id, old.content);
    INSERT INTO tasks_fts(rowid, content) VALUES (new.id, new.content);
END;

CREATE VIRTUAL TABLE items_fts USING fts5(
    heading, text, content='items', content_rowid='id', tokenize='trigram'
);

CREATE TRIGGER items_fts_insert AFTER INSERT ON items BEGIN
    INSERT INTO items_fts(rowid, heading, text) VALUES (new.id, new.heading, new.text);
END;

CREATE TRIGGER items_fts_delete AFTER DELETE ON items BEGIN
    INSERT INTO items_fts(items_fts, rowid, heading, text) VALUES ('delete', old.id, old.heading, old.text);
END
"""


@_migration
def m002_unit_aliases(db: Database) -> None:
    # Other names a unit goes by (省发改委 → 省发展改革委); imports map through them.
    db.execute("""
        CREATE TABLE unit_aliases (
            alias TEXT PRIMARY KEY,
            unit_id INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE
        )""")


@_migration
def m003_exports(db: Database) -> None:
    # Each Excel export with what it wrote per task, so a returned file can tell the
    # department's edits from changes made in the app since (conflict detection).
    db.execute("""
        CREATE TABLE exports (
            id INTEGER PRIMARY KEY,
            plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
            plan_uid TEXT NOT NULL,
            exported_at TEXT NOT NULL,
            file_name TEXT NOT NULL DEFAULT '',
            task_count INTEGER NOT NULL,
            UNIQUE (plan_uid, exported_at)
        )""")
    db.execute("""
        CREATE TABLE export_snapshots (
            export_id INTEGER NOT NULL REFERENCES exports(id) ON DELETE CASCADE,
            task_uid TEXT NOT NULL,
            fields TEXT NOT NULL,
            PRIMARY KEY (export_id, task_uid)
        ) WITHOUT ROWID""")


@_migration
def m004_task_summary_index(db: Database) -> None:
    # Counts by plan, status and item (outline lights, status bar, plan list) read this
    # index alone instead of scanning every task: a 20,000-task plan opens instantly.
    db.execute("CREATE INDEX tasks_plan_summary ON tasks(plan_id, deleted_at, item_id, status, deadline_date)")


@_migration
def m005_ledger_returns(db: Database) -> None:
    # Each returned 台账 applied, even one that changed nothing: it was still received
    # (issue 12). unit and exported_at come from its 台账信息 sheet ("" when it has none).
    db.execute("""
        CREATE TABLE ledger_returns (
            id INTEGER PRIMARY KEY,
            plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
            file_name TEXT NOT NULL,
            unit TEXT NOT NULL DEFAULT '',
            exported_at TEXT NOT NULL DEFAULT '',
            received_at TEXT NOT NULL,
            new_tasks INTEGER NOT NULL DEFAULT 0,
            changed_fields INTEGER NOT NULL DEFAULT 0,
            progress_entries INTEGER NOT NULL DEFAULT 0
        )""")
    db.execute("CREATE INDEX ledger_returns_plan ON ledger_returns(plan_id, received_at)")


@_migration
def m006_document_source_fields(db: Database) -> None:
    # What an official document states besides its outline: the red header (版头) above the
    # 文号, the issuing organ as the source names it (a gov.cn page's 发文机关), and a web
    # page's 发布日期 (issued_on stays the 成文日期).
    db.execute("ALTER TABLE documents ADD COLUMN header_line TEXT NOT NULL DEFAULT ''")
    db.execute("ALTER TABLE documents ADD COLUMN issued_by TEXT NOT NULL DEFAULT ''")
    db.execute("ALTER TABLE documents ADD COLUMN published_on TEXT")


@_migration
def m007_plan_issuer(db: Database) -> None:
    # 发文机关: the office's full name (示范省发展和改革委员会), the 署名 of its Word
    # documents. ``office`` stays the region or unit a plan is for, never a 署名.
    db.execute("ALTER TABLE plans ADD COLUMN issuer TEXT NOT NULL DEFAULT ''")


@_migration
def m008_summary_index_lead_unit(db: Database) -> None:
    # The outline also counts tasks without a lead unit (未落实): with lead_unit_id in the
    # covering index those counts still come from the index alone on a 20,000-task plan.
    db.execute("DROP INDEX IF EXISTS tasks_plan_summary")
    db.execute("CREATE INDEX tasks_plan_summary ON tasks(plan_id, deleted_at, item_id, status, deadline_date, "
               "lead_unit_id)")


@_migration
def m010_working_days(db: Database) -> None:
    # The office's own 节假日安排 (for years chinese-calendar does not know yet, e.g. 2027):
    # one row per day off on a weekday or make-up workday on a weekend. And per plan, whether
    # the warning window and 距截止 count working days (1) or calendar days (0).
    db.execute("""
        CREATE TABLE holiday_days (
            day TEXT PRIMARY KEY,
            year INTEGER NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('放假', '上班')),
            name TEXT NOT NULL DEFAULT ''
        )""")
    db.execute("CREATE INDEX holiday_days_year ON holiday_days(year)")
    db.execute("ALTER TABLE plans ADD COLUMN count_workdays INTEGER NOT NULL DEFAULT 0 "
               "CHECK (count_workdays IN (0, 1))")
    # The dashboard's per-unit figures read this index alone instead of 20,000 task rows.
    db.execute("CREATE INDEX tasks_plan_unit ON tasks(plan_id, deleted_at, lead_unit_id, status, deadline_date)")


@_migration
def m011_report_settings(db: Database) -> None:
    # The 进展情况报告's own settings, kept with the plan for the next report: 主送机关,
    # the 存在问题 and 下一步工作安排 texts typed in the export dialog, 联系人 and 电话.
    for column in ("recipients", "report_problems", "report_next_steps", "contact_name", "contact_phone"):
        db.execute(f"ALTER TABLE plans ADD COLUMN {column} TEXT NOT NULL DEFAULT ''")
    # The headline figures of each exported report (ReportFigures as JSON), one per report
    # date: the next report states the change since the previous one.
    db.execute("""
        CREATE TABLE report_figures (
            plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
            as_of TEXT NOT NULL,
            exported_at TEXT NOT NULL,
            figures TEXT NOT NULL,
            PRIMARY KEY (plan_id, as_of)
        ) WITHOUT ROWID""")


@_migration
def m012_rounds(db: Database) -> None:
    # 报送轮次 (issue 20): one collection of progress per row, the units asked with what was
    # sent to each, and every return received. A unit keeps its name as asked (a merged or
    # deleted unit leaves the round's history readable); unit_id follows renames.
    db.execute("""
        CREATE TABLE rounds (
            id INTEGER PRIMARY KEY,
            plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
            name TEXT NOT NULL CHECK (length(trim(name)) > 0),
            due_date TEXT NOT NULL,
            started_at TEXT NOT NULL,
            closed_at TEXT
        )""")
    # At most one open round per plan: imports count towards "the plan's open round".
    db.execute("CREATE UNIQUE INDEX rounds_one_open ON rounds(plan_id) WHERE closed_at IS NULL")
    db.execute("""
        CREATE TABLE round_units (
            round_id INTEGER NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            unit_id INTEGER REFERENCES units(id) ON DELETE SET NULL,
            unit_name TEXT NOT NULL,
            sent_at TEXT,
            sent_file TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (round_id, position)
        )""")
    db.execute("""
        CREATE TABLE round_returns (
            id INTEGER PRIMARY KEY,
            round_id INTEGER NOT NULL,
            position INTEGER NOT NULL,
            returned_at TEXT NOT NULL,
            file_name TEXT NOT NULL,
            rows_changed INTEGER NOT NULL CHECK (rows_changed >= 0),
            FOREIGN KEY (round_id, position) REFERENCES round_units(round_id, position) ON DELETE CASCADE
        )""")
    db.execute("CREATE INDEX round_returns_unit ON round_returns(round_id, position, returned_at)")
