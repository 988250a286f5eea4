"""Opening the database: migrations from blank and from an older schema, refusals, backups."""

import sqlite3

import pytest
from sqlite_utils import Database

from planner.errors import UserError
from planner.storage import database
from planner.storage.database import backup_database, is_network_path, open_database
from planner.storage.migrations import MIGRATION_NAMES, migrations

EXPECTED_COLUMNS = {
    "documents": ["id", "uid", "title", "issued_on", "label", "dateline", "doc_number", "date_line",
                  "recipients", "preamble", "closing", "signature", "attachment", "source_name",
                  "builtin_key", "created_at", "header_line", "issued_by", "published_on"],
    "chapters": ["id", "document_id", "number", "title", "heading_line", "lead", "sort_order"],
    "items": ["id", "document_id", "chapter_id", "number", "heading", "text", "sort_order"],
    "plans": ["id", "uid", "document_id", "name", "office", "year", "warning_days", "preamble",
              "created_at", "updated_at", "issuer", "count_workdays", "recipients", "report_problems",
              "report_next_steps", "contact_name", "contact_phone"],
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
    "report_figures": ["plan_id", "as_of", "exported_at", "figures"],
}


def columns(db: Database, table: str) -> list[str]:
    return [row["name"] for row in db.query(f"PRAGMA table_info({table})")]


def test_a_blank_database_gets_every_table_column_by_column(tmp_path):
    db = open_database(tmp_path / "new.db")
    for table, expected in EXPECTED_COLUMNS.items():
        assert columns(db, table) == expected, table
    assert [m.name for m in migrations().applied(db)] == MIGRATION_NAMES
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA busy_timeout").fetchone()[0] == 5000
    assert not (tmp_path / "backups").exists()  # nothing to back up in a new file


def test_the_summary_index_covers_the_lead_unit_so_outline_counts_read_the_index_alone(tmp_path):
    db = open_database(tmp_path / "new.db")
    assert [r["name"] for r in db.query("PRAGMA index_info(tasks_plan_summary)")] == [
        "plan_id", "deleted_at", "item_id", "status", "deadline_date", "lead_unit_id"]
    plan = db.query("EXPLAIN QUERY PLAN SELECT item_id, status, count(*), sum(lead_unit_id IS NULL) FROM tasks "
                    "WHERE plan_id = 1 AND deleted_at IS NULL GROUP BY item_id, status")
    assert any("COVERING INDEX tasks_plan_summary" in row["detail"] for row in plan)


def test_an_older_schema_is_backed_up_then_migrated_keeping_its_data(tmp_path):
    path = tmp_path / "old.db"
    old = Database(path)
    migrations().apply(old, stop_before="m002_unit_aliases")
    assert "unit_aliases" not in old.table_names()
    old.execute("INSERT INTO units (name, sort_order, created_at) VALUES ('省财政厅', 0, '2024-01-01')")
    old.close()

    db = open_database(path)
    for table, expected in EXPECTED_COLUMNS.items():
        assert columns(db, table) == expected, table
    assert [m.name for m in migrations().applied(db)] == MIGRATION_NAMES
    assert [r["name"] for r in db.query("SELECT name FROM units")] == ["省财政厅"]
    backups = list((tmp_path / "backups").glob("old-*-migration.db"))
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


def test_a_folder_that_does_not_exist_is_refused_and_not_created(tmp_path):
    with pytest.raises(UserError, match="数据库所在的文件夹不存在"):
        open_database(tmp_path / "typo" / "plan.db")
    assert not (tmp_path / "typo").exists()


def test_a_missing_file_is_created_only_when_asked(tmp_path):
    path = tmp_path / "plann.db"
    with pytest.raises(UserError, match=f"数据库文件不存在：{path}"):
        open_database(path, create=False)
    assert not path.exists()
    open_database(path, create=True).close()
    open_database(path, create=False).close()


def test_every_transaction_takes_the_write_lock_before_its_first_read(tmp_path):
    db = open_database(tmp_path / "lock.db")
    other = sqlite3.connect(tmp_path / "lock.db", timeout=0)
    with db.atomic():
        db.execute("SELECT count(*) FROM units").fetchone()  # only a read so far
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            other.execute("BEGIN IMMEDIATE")
        with db.atomic():  # nested blocks are savepoints inside it
            db.execute("INSERT INTO units (name, sort_order, created_at) VALUES ('省教育厅', 0, '2024-01-01')")
    other.execute("BEGIN IMMEDIATE")  # released at commit
    other.rollback()
    other.close()
    assert [r["name"] for r in db.query("SELECT name FROM units")] == ["省教育厅"]


def test_on_a_network_share_the_rollback_journal_is_used_not_wal(tmp_path, monkeypatch):
    path = tmp_path / "shared.db"
    open_database(path).close()  # made locally in WAL mode, then moved to a share
    monkeypatch.setattr(database, "is_network_path", lambda p: str(p) == str(path))
    db = open_database(path)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    db.execute("INSERT INTO units (name, sort_order, created_at) VALUES ('省教育厅', 0, '2024-01-01')")
    db.close()
    assert not (tmp_path / "shared.db-wal").exists() and not (tmp_path / "shared.db-shm").exists()
    from planner.services.workspace import network_warning

    warning = network_warning(path)
    assert warning is not None and "WAL" in warning and "回滚日志" in warning and "共享内存" in warning


MOUNTS = """\
/dev/sda1 / ext4 rw,relatime 0 0
server:/export/office /mnt/office nfs4 rw,vers=4.2 0 0
//fileserver/share /mnt/smb cifs rw,vers=3.0 0 0
tmpfs /mnt/office/local tmpfs rw 0 0
"""


def test_the_mount_type_decides_whether_a_linux_path_is_on_a_share():
    assert database.mount_type("/mnt/office/台账/plan.db", MOUNTS) == "nfs4"
    assert database.mount_type("/mnt/smb/plan.db", MOUNTS) == "cifs"
    assert database.mount_type("/mnt/office/local/plan.db", MOUNTS) == "tmpfs"  # the deepest mount wins
    assert database.mount_type("/mnt/officer/plan.db", MOUNTS) == "ext4"  # a prefix is not a parent
    assert database.mount_type("/home/user/plan.db", MOUNTS) == "ext4"


def test_a_read_only_database_is_refused_naming_the_file(read_only_copy):
    path, before = read_only_copy
    with pytest.raises(UserError) as refused:
        open_database(path)
    assert str(path) in refused.value.message and "只读" in refused.value.message
    assert path.read_bytes() == before


def test_a_migration_whose_backup_cannot_be_made_is_refused_and_changes_nothing(tmp_path, monkeypatch):
    from planner.storage import backups

    path = tmp_path / "old.db"
    old = Database(path)
    migrations().apply(old, stop_before="m002_unit_aliases")
    old.close()

    def no_space(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(backups, "take_backup", no_space)
    with pytest.raises(UserError, match="升级数据库“old.db”前无法先备份它"):
        open_database(path)
    monkeypatch.undo()
    check = Database(path)
    assert "unit_aliases" not in check.table_names()
    check.close()


def test_a_bulk_write_gets_a_larger_page_cache_and_gives_it_back_also_when_it_fails(tmp_path):
    db = open_database(tmp_path / "plan.db")
    default = db.execute("PRAGMA cache_size").fetchone()[0]
    with database.bulk_page_cache(db, mib=16):
        assert db.execute("PRAGMA cache_size").fetchone()[0] == -16 * 1024
    assert db.execute("PRAGMA cache_size").fetchone()[0] == default
    with pytest.raises(UserError), database.bulk_page_cache(db):
        raise UserError("写入失败")
    assert db.execute("PRAGMA cache_size").fetchone()[0] == default
    db.close()
