"""Opening the database: migrations from blank and from an older schema, refusals, backups."""

import sqlite3

import pytest
from sqlite_utils import Database

from planner.errors import UserError
from planner.storage.database import backup_database, is_network_path, open_database
from planner.storage.migrations import MIGRATION_NAMES, MIGRATIONS

EXPECTED_COLUMNS = {
    "documents": ["id", "uid", "title", "issued_on", "label", "dateline", "doc_number", "date_line",
                  "recipients", "preamble", "closing", "signature", "attachment", "source_name",
                  "builtin_key", "created_at"],
    "chapters": ["id", "document_id", "number", "title", "heading_line", "lead", "sort_order"],
    "items": ["id", "document_id", "chapter_id", "number", "heading", "text", "sort_order"],
    "plans": ["id", "uid", "document_id", "name", "office", "year", "warning_days", "preamble",
              "created_at", "updated_at", "count_workdays"],
    "units": ["id", "name", "sort_order", "created_at"],
    "tasks": ["id", "uid", "plan_id", "item_id", "code", "content", "source_passage", "lead_unit_id",
              "leader", "deadline_phrase", "deadline_date", "status", "percent", "note", "sort_order",
              "created_at", "updated_at", "deleted_at"],
    "task_support_units": ["task_id", "unit_id", "position"],
    "progress_entries": ["id", "task_id", "entry_date", "text", "status", "percent", "source", "created_at"],
    "settings": ["key", "value"],
    "unit_aliases": ["alias", "unit_id"],
    "exports": ["id", "plan_id", "plan_uid", "exported_at", "file_name", "task_count"],
    "export_snapshots": ["export_id", "task_uid", "fields"],
    "holiday_days": ["day", "year", "kind", "name"],
}


def columns(db: Database, table: str) -> list[str]:
    return [row["name"] for row in db.query(f"PRAGMA table_info({table})")]


def test_a_blank_database_gets_every_table_column_by_column(tmp_path):
    db = open_database(tmp_path / "new.db")
    for table, expected in EXPECTED_COLUMNS.items():
        assert columns(db, table) == expected, table
    assert [m.name for m in MIGRATIONS.applied(db)] == MIGRATION_NAMES
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA busy_timeout").fetchone()[0] == 5000
    assert not list(tmp_path.glob("*.bak-*"))  # nothing to back up in a new file


def test_an_older_schema_is_backed_up_then_migrated_keeping_its_data(tmp_path):
    path = tmp_path / "old.db"
    old = Database(path)
    MIGRATIONS.apply(old, stop_before="m002_unit_aliases")
    assert "unit_aliases" not in old.table_names()
    old.execute("INSERT INTO units (name, sort_order, created_at) VALUES ('省财政厅', 0, '2024-01-01')")
    old.close()

    db = open_database(path)
    for table, expected in EXPECTED_COLUMNS.items():
        assert columns(db, table) == expected, table
    assert [m.name for m in MIGRATIONS.applied(db)] == MIGRATION_NAMES
    assert [r["name"] for r in db.query("SELECT name FROM units")] == ["省财政厅"]
    backups = list(tmp_path.glob("old.db.bak-*-before-m002_unit_aliases"))
    assert len(backups) == 1
    copy = Database(backups[0])
    assert "unit_aliases" not in copy.table_names()
    assert [r["name"] for r in copy.query("SELECT name FROM units")] == ["省财政厅"]


def test_a_database_from_a_newer_version_is_refused_untouched(tmp_path):
    path = tmp_path / "newer.db"
    open_database(path).close()
    db = Database(path)
    db["_sqlite_migrations"].insert({"migration_set": "planner", "name": "m999_from_the_future",
                                     "applied_at": "2030-01-01"})
    db.close()
    before = path.read_bytes()
    with pytest.raises(UserError, match="更新版本"):
        open_database(path)
    assert path.read_bytes() == before


def test_a_file_that_is_not_sqlite_is_refused_untouched(tmp_path):
    path = tmp_path / "notes.db"
    path.write_bytes(b"This is a plain text file, not a database.\n" * 200)
    before = path.read_bytes()
    with pytest.raises(UserError, match="不是本程序的数据库"):
        open_database(path)
    assert path.read_bytes() == before


def test_another_programs_sqlite_file_is_refused_untouched(tmp_path):
    path = tmp_path / "other.db"
    other = sqlite3.connect(path)
    other.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
    other.commit()
    other.close()
    before = path.read_bytes()
    with pytest.raises(UserError, match="不是本程序的数据库"):
        open_database(path)
    assert path.read_bytes() == before  # not even switched to WAL


def test_a_folder_is_not_a_database(tmp_path):
    with pytest.raises(UserError, match="文件夹"):
        open_database(tmp_path)


def test_backup_copies_what_is_still_in_the_wal(tmp_path):
    db = open_database(tmp_path / "live.db")
    db.execute("INSERT INTO units (name, sort_order, created_at) VALUES ('省教育厅', 0, '2024-01-01')")
    assert (tmp_path / "live.db-wal").stat().st_size > 0
    target = backup_database(db, tmp_path / "copy.db")
    copy = Database(target)
    assert [r["name"] for r in copy.query("SELECT name FROM units")] == ["省教育厅"]
    assert not list(tmp_path.glob("*.partial"))


def test_network_paths_are_recognised(tmp_path):
    assert is_network_path(r"\\server\share\planner.db")
    assert is_network_path("//server/share/planner.db")
    assert not is_network_path(tmp_path / "planner.db")
