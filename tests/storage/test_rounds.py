"""报送轮次 in storage: the m012 tables, one open round per plan, returns kept per unit."""

import sqlite3

import pytest
from sqlite_utils import Database

from planner.storage import rounds, units
from planner.storage.database import open_database
from planner.storage.migrations import migrations


def _columns(db, table):
    return [row["name"] for row in db.query(f"PRAGMA table_info({table})")]


def test_m012_adds_the_round_tables_to_an_older_database(tmp_path):
    path = tmp_path / "old.db"
    old = Database(path)
    migrations().apply(old, stop_before="m012_rounds")
    assert "rounds" not in old.table_names()
    old.close()

    db = open_database(path)
    assert _columns(db, "rounds") == ["id", "plan_id", "name", "due_date", "started_at", "closed_at"]
    assert _columns(db, "round_units") == ["round_id", "position", "unit_id", "unit_name", "sent_at", "sent_file"]
    assert _columns(db, "round_returns") == ["id", "round_id", "position", "returned_at", "file_name",
                                             "rows_changed"]
    db.close()


def test_a_plan_has_at_most_one_open_round(stored):
    db, plan, _ = stored
    ids = units.add_units(db, ["省财政厅", "省教育厅"])
    first = rounds.insert_round(db, plan_id=plan.id, name="十月", due_date="2026-10-31",
                                units=[(ids["省财政厅"], "省财政厅")])
    with pytest.raises(sqlite3.IntegrityError):
        rounds.insert_round(db, plan_id=plan.id, name="十一月", due_date="2026-11-30", units=[])
    rounds.close_round(db, first, "2026-11-01T09:00:00")
    second = rounds.insert_round(db, plan_id=plan.id, name="十一月", due_date="2026-11-30",
                                 units=[(ids["省财政厅"], "省财政厅"), (ids["省教育厅"], "省教育厅")])
    assert rounds.open_round(db, plan.id).id == second
    assert [r.name for r in rounds.list_rounds(db, plan.id)] == ["十一月", "十月"]


def test_units_keep_their_returns_and_a_renamed_unit_its_row(stored):
    db, plan, _ = stored
    ids = units.add_units(db, ["省财政厅", "省教育厅"])
    round_id = rounds.insert_round(db, plan_id=plan.id, name="十一月", due_date="2026-11-30",
                                   units=[(ids["省财政厅"], "省财政厅"), (ids["省教育厅"], "省教育厅")])
    rounds.mark_sent(db, round_id, {0: "省财政厅.xlsx"}, "2026-11-20T10:00:00")
    rounds.add_return(db, round_id, 0, file_name="省财政厅.xlsx", rows_changed=3, returned_at="2026-11-25T09:00:00")
    rounds.add_return(db, round_id, 0, file_name="省财政厅(1).xlsx", rows_changed=0,
                      returned_at="2026-11-27T09:00:00")
    units.rename_unit(db, ids["省财政厅"], "省财政厅（国资委）")
    first, second = rounds.round_units(db, round_id)
    assert (first["name"], first["sent_file"], first["first_return"], first["last_file"], first["last_rows"],
            first["returns"]) == ("省财政厅（国资委）", "省财政厅.xlsx", "2026-11-25T09:00:00", "省财政厅(1).xlsx", 0, 2)
    assert (second["name"], second["sent_at"], second["first_return"], second["returns"]) == ("省教育厅", None, None, 0)
