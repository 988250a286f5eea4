"""Backups in backups/ beside the database: names, once a day, pruning, leftovers, the write they guard."""

import datetime as dt
import os
import sqlite3

import pytest

from planner.storage import backups, database

NOON = dt.datetime(2026, 11, 30, 12, 0, 0)


@pytest.fixture
def db_path(tmp_path):
    path = tmp_path / "plan.db"
    db = database.open_database(path)
    db.execute("INSERT INTO units (name, sort_order, created_at) VALUES ('省财政厅', 0, '2026-01-01')")
    db.close()
    return path


def unit_names(path) -> list[str]:
    copy = backups.read_backup(path)
    try:
        return [row["name"] for row in copy.query("SELECT name FROM units ORDER BY id")]
    finally:
        copy.close()


def test_two_backups_in_the_same_second_get_two_files_each_with_its_own_state(db_path):
    first = backups.take_backup(db_path, "import", now=NOON)
    db = database.open_database(db_path)
    db.execute("INSERT INTO units (name, sort_order, created_at) VALUES ('省教育厅', 1, '2026-01-01')")
    second = backups.take_backup(db_path, "import", now=NOON)
    db.close()
    assert (first.name, second.name) == ("plan-20261130-120000-import.db", "plan-20261130-120000-import-2.db")
    assert unit_names(first) == ["省财政厅"]
    assert unit_names(second) == ["省财政厅", "省教育厅"]
    assert [b.name for b in backups.list_backups(db_path)] == [first.name, second.name]
    assert {p.name for p in first.parent.iterdir()} == {first.name, second.name}  # standalone files


def test_a_backup_holds_what_is_still_in_the_wal_of_an_open_database(db_path):
    db = database.open_database(db_path)
    db.execute("INSERT INTO units (name, sort_order, created_at) VALUES ('省教育厅', 1, '2026-01-01')")
    assert (db_path.parent / "plan.db-wal").stat().st_size > 0
    copy = backups.take_backup(db_path, "daily", now=NOON)
    db.close()
    assert unit_names(copy) == ["省财政厅", "省教育厅"]
    assert backups.task_count(copy) == 0


def test_the_daily_backup_is_taken_at_most_once_a_day(db_path):
    morning = backups.take_daily_backup(db_path, now=NOON.replace(hour=8))
    assert morning is not None and morning.name == "plan-20261130-080000-daily.db"
    assert backups.take_daily_backup(db_path, now=NOON.replace(hour=17)) is None
    tomorrow = backups.take_daily_backup(db_path, now=NOON + dt.timedelta(days=1))
    assert tomorrow is not None
    assert [b.name for b in backups.list_backups(db_path)] == [morning.name, tomorrow.name]


def test_the_last_10_daily_and_20_import_backups_are_kept_and_migration_backups_all(db_path):
    for day in range(12):
        backups.take_backup(db_path, "daily", now=NOON + dt.timedelta(days=day))
    for minute in range(22):
        backups.take_backup(db_path, "import", now=NOON + dt.timedelta(minutes=minute))
    for day in range(3):
        backups.take_backup(db_path, "migration", now=NOON + dt.timedelta(days=day))
    kept = backups.list_backups(db_path)
    daily = [b.taken_at for b in kept if b.kind == "daily"]
    imports = [b.taken_at for b in kept if b.kind == "import"]
    assert daily == [NOON + dt.timedelta(days=day) for day in range(2, 12)]
    assert imports == [NOON + dt.timedelta(minutes=minute) for minute in range(2, 22)]
    assert len([b for b in kept if b.kind == "migration"]) == 3
    assert len(list(backups.folder_for(db_path).iterdir())) == 33


def test_leftovers_of_a_killed_backup_are_removed_but_not_one_being_written(db_path):
    folder = backups.folder_for(db_path)
    folder.mkdir()
    killed = folder / "plan-20261129-120000-import.db.partial"
    killed.write_bytes(b"half a database")
    reserved = folder / "plan-20261129-120000-import.db"
    reserved.touch()
    hour_ago = (NOON - dt.timedelta(hours=1)).timestamp()
    for path in (killed, reserved):
        os.utime(path, (hour_ago, hour_ago))
    in_progress = folder / "plan-20261130-115959-daily.db.partial"
    in_progress.write_bytes(b"being written by another program")
    assert backups.list_backups(db_path) == []  # an empty reserved name is not a backup
    removed = backups.prune(db_path, now=NOON)
    assert sorted(removed) == sorted([killed, reserved])
    assert sorted(p.name for p in folder.iterdir()) == [in_progress.name]


def test_a_failed_write_takes_its_backup_back_and_changes_nothing(db_path):
    db = database.open_database(db_path)
    with pytest.raises(ValueError):
        with backups.backed_up_write(db, "import") as backup:
            assert backup is not None and backup.exists()
            db.execute("INSERT INTO units (name, sort_order, created_at) VALUES ('省教育厅', 1, '2026-01-01')")
            raise ValueError("refused")
    assert not backup.exists()
    assert [r["name"] for r in db.query("SELECT name FROM units")] == ["省财政厅"]
    with backups.backed_up_write(db, "import") as backup:
        db.execute("INSERT INTO units (name, sort_order, created_at) VALUES ('省教育厅', 1, '2026-01-01')")
    db.close()
    assert unit_names(backup) == ["省财政厅"]  # the state the write started from
    assert [b.path for b in backups.list_backups(db_path)] == [backup]


def test_the_backup_is_read_while_this_connection_holds_the_write_lock(db_path):
    db = database.open_database(db_path)
    with db.atomic():  # BEGIN IMMEDIATE: a backup on this connection would wait for ever
        assert db.conn.in_transaction
        copy = backups.take_backup(db_path, "migration", now=NOON)
        db.execute("INSERT INTO units (name, sort_order, created_at) VALUES ('省教育厅', 1, '2026-01-01')")
    db.close()
    assert unit_names(copy) == ["省财政厅"]


def test_copies_of_another_database_in_the_same_folder_are_not_listed(db_path, tmp_path):
    other = tmp_path / "other.db"
    database.open_database(other).close()
    backups.take_backup(other, "daily", now=NOON)
    mine = backups.take_backup(db_path, "daily", now=NOON)
    assert [b.path for b in backups.list_backups(db_path)] == [mine]


def test_restoring_into_an_open_database_replaces_its_content(db_path):
    copy = backups.take_backup(db_path, "daily", now=NOON)
    db = database.open_database(db_path)
    db.execute("INSERT INTO units (name, sort_order, created_at) VALUES ('省教育厅', 1, '2026-01-01')")
    backups.copy_into(copy, db)
    assert [r["name"] for r in db.query("SELECT name FROM units")] == ["省财政厅"]
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    db.close()
    check = sqlite3.connect(db_path)
    assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    check.close()


def test_a_write_whose_backup_cannot_be_made_is_refused_and_writes_nothing(db_path, monkeypatch):
    from planner.errors import UserError

    def no_space(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    db = database.open_database(db_path)
    monkeypatch.setattr(backups, "take_backup", no_space)
    with pytest.raises(UserError, match="No space left on device.*本次未写入任何更改"):
        with backups.backed_up_write(db, "import"):
            db.execute("INSERT INTO units (name, sort_order, created_at) VALUES ('省教育厅', 1, '2026-01-01')")
    assert [r["name"] for r in db.query("SELECT name FROM units")] == ["省财政厅"]
    db.close()
