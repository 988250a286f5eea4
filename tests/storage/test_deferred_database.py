"""The window's database: read before sqlite-utils loads, and the same file afterwards as before."""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlite_utils import Database

from planner.domain.model import NewTask
from planner.errors import UserError
from planner.exchange.builtin import load_builtin
from planner.services import plans, tasks, workspace
from planner.storage import units
from planner.storage.database import open_database
from planner.storage.deferred_database import DeferredDatabase
from planner.storage.migrations import MIGRATION_NAMES, migrations

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def plan_file(tmp_path):
    """A migrated plan file with the built-in document, a plan and two tasks, closed."""
    path = tmp_path / "plan.db"
    db = workspace.open_workspace(path, load_builtin(ROOT / "resources"))
    plan = plans.most_recent_plan(db)
    item = db.execute("SELECT id FROM items ORDER BY sort_order LIMIT 1").fetchone()[0]
    tasks.bulk_create_tasks(db, plan.id, [
        NewTask(item_id=item, content="编制区域协调发展规划", lead_unit="省发展改革委",
                support_units=("省财政厅", "省自然资源厅"), deadline_phrase="2027年6月底前"),
        NewTask(item_id=item, content="建立横向生态补偿机制", lead_unit="省财政厅")])
    db.close()
    return path


def test_an_up_to_date_file_is_read_before_the_library_loads_with_the_same_rows(plan_file):
    deferred = open_database(plan_file, defer=True)
    library = open_database(plan_file)
    try:
        assert isinstance(deferred, DeferredDatabase) and not deferred.is_loaded
        plan = plans.most_recent_plan(deferred)
        assert plan == plans.most_recent_plan(library)
        assert tasks.task_rows(deferred, plan.id) == tasks.task_rows(library, plan.id)
        assert [row["content"] for row in deferred.query("SELECT content FROM tasks ORDER BY id")] == [
            "编制区域协调发展规划", "建立横向生态补偿机制"]
        assert deferred.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert deferred.execute("PRAGMA busy_timeout").fetchone()[0] == 5000
        assert not deferred.is_loaded  # reads, PRAGMAs included, never needed sqlite-utils
    finally:
        deferred.close()
        library.close()
    assert not deferred.is_loaded  # closing does not load it either


def test_a_write_loads_the_library_and_is_committed_as_sqlite_utils_commits_it(plan_file):
    db = open_database(plan_file, defer=True)
    db.execute("INSERT INTO units (name, sort_order, created_at) VALUES ('示范省数字经济局', 99, '2026-12-01')")
    assert db.is_loaded
    other = sqlite3.connect(plan_file)  # another program sees it at once: no transaction left open
    assert other.execute("SELECT count(*) FROM units WHERE name = '示范省数字经济局'").fetchone()[0] == 1
    other.close()
    # After loading, reads go through sqlite-utils too, on the same connection.
    assert db.load().conn is db.conn
    assert next(db.query("SELECT name FROM units WHERE sort_order = 99"))["name"] == "示范省数字经济局"
    db.close()


def test_a_transaction_takes_the_write_lock_through_the_library(plan_file):
    db = open_database(plan_file, defer=True)
    with db.atomic():
        units.add_units(db, ["示范省数据局"])
        assert db.conn.in_transaction
        blocked = sqlite3.connect(plan_file, timeout=0)
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            blocked.execute("BEGIN IMMEDIATE")
        blocked.close()
    assert db.is_loaded and not db.conn.in_transaction
    names = [unit.name for unit in units.list_units(db)]
    assert "示范省数据局" in names
    assert db["units"].count == len(names)  # the library's own API answers too
    db.close()


def test_a_write_that_fails_before_loading_leaves_no_transaction_open(plan_file):
    db = open_database(plan_file, defer=True)
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("INSERT INTO units (name, sort_order, created_at) VALUES (NULL, 1, 'x')")
    assert not db.conn.in_transaction  # sqlite-utils rolled the failed statement back
    db.close()


def test_an_older_file_is_migrated_at_once_with_its_backup(tmp_path):
    path = tmp_path / "old.db"
    old = Database(path)
    migrations().apply(old, stop_before="m012_rounds")
    old.close()
    db = open_database(path, defer=True)
    assert isinstance(db, DeferredDatabase) and db.is_loaded
    assert [m.name for m in migrations().applied(db.load())] == MIGRATION_NAMES
    assert len(list((tmp_path / "backups").glob("old-*-migration.db"))) == 1
    db.close()


def test_a_file_not_yet_in_wal_mode_is_switched_with_the_library(plan_file):
    connection = sqlite3.connect(plan_file)
    connection.execute("PRAGMA journal_mode = DELETE")
    connection.close()
    db = open_database(plan_file, defer=True)
    assert db.is_loaded
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    db.close()


def test_a_newer_or_foreign_file_is_refused_as_without_deferring(plan_file, tmp_path):
    connection = sqlite3.connect(plan_file)
    connection.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                       "VALUES ('planner', 'm999_from_the_future', '2030-01-01')")
    connection.commit()
    connection.close()
    with pytest.raises(UserError, match="更新版本"):
        open_database(plan_file, defer=True)
    foreign = tmp_path / "other.db"
    connection = sqlite3.connect(foreign)
    connection.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY)")
    connection.close()
    with pytest.raises(UserError, match="不是本程序的数据库"):
        open_database(foreign, defer=True)
    not_sqlite = tmp_path / "notes.db"
    not_sqlite.write_bytes(b"not a database at all" * 100)
    with pytest.raises(UserError):
        open_database(not_sqlite, defer=True)


def test_opening_the_window_s_file_draws_it_without_sqlite_utils(plan_file, tmp_path):
    # What the window's start reads (plans, document, item tasks, counts) in a fresh interpreter:
    # sqlite-utils is not imported until a write or load() needs it.
    probe = (
        "import sys\n"
        "from pathlib import Path\n"
        "from planner.exchange.builtin import load_builtin\n"
        "from planner.services import documents, plans, tasks, workspace\n"
        f"db = workspace.open_workspace({str(plan_file)!r}, load_builtin(Path({str(ROOT / 'resources')!r})), defer=True)\n"
        "plan = plans.most_recent_plan(db)\n"
        "document = documents.load_document(db, plan.document_id)\n"
        "rows = tasks.task_rows(db, plan.id, item_id=document.items[0].id)\n"
        "print(len(rows), 'sqlite_utils' in sys.modules)\n"
        "db.load()\n"
        "print('sqlite_utils' in sys.modules)\n")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120,
                            cwd=ROOT, env={**os.environ, "PLANNER_DATA_DIR": str(tmp_path / "data")})
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["2", "False", "True"]


def test_a_file_on_a_network_share_opens_with_the_library_and_leaves_wal(plan_file, monkeypatch):
    from planner.storage import database

    monkeypatch.setattr(database, "is_network_path", lambda path: str(path) == str(plan_file))
    db = open_database(plan_file, defer=True)
    assert db.is_loaded
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    db.close()


def test_a_setting_pragma_given_to_query_is_refused_as_the_library_refuses_it(plan_file):
    deferred = open_database(plan_file, defer=True)
    library = open_database(plan_file)
    for db in (deferred, library):
        with pytest.raises(ValueError, match="returns rows"):
            db.query("PRAGMA cache_size = -4000")
    assert not deferred.is_loaded
    deferred.close()
    library.close()


def test_repeated_column_names_get_the_library_s_keys_and_with_closes(plan_file):
    deferred = open_database(plan_file, defer=True)
    library = open_database(plan_file)
    sql = "SELECT p.id, p.id FROM plans p"
    assert list(deferred.query(sql)) == list(library.query(sql)) == [{"id": 1, "id_2": 1}]
    library.close()
    with open_database(plan_file, defer=True) as db:
        assert db.execute("SELECT count(*) FROM plans").fetchone()[0] == 1
    with pytest.raises(sqlite3.ProgrammingError):
        db.execute("SELECT 1")
    deferred.close()


def test_loading_ahead_leaves_a_closed_database_alone(plan_file):
    db = open_database(plan_file, defer=True)
    db.load_ahead()
    assert db.is_loaded
    closed = open_database(plan_file, defer=True)
    closed.close()
    closed.load_ahead()  # the window's timed load after File → 打开 closed it: no error
    assert not closed.is_loaded
    db.close()
