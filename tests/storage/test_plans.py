"""Plans in storage: the 发文机关 (issuer) column added by m007, kept through a migration and updates."""

from sqlite_utils import Database

from planner.domain.policy_text import parse_policy
from planner.storage import documents, plans
from planner.storage.database import open_database
from planner.storage.migrations import MIGRATIONS

from tests.conftest import RESOURCES


def test_m007_adds_an_empty_issuer_to_plans_that_existed_before(tmp_path):
    path = tmp_path / "old.db"
    old = Database(path)
    MIGRATIONS.apply(old, stop_before="m007_plan_issuer")
    text = (RESOURCES / "policy_2018_regional_mechanism.txt").read_text(encoding="utf-8")
    document_id = documents.save_document(old, parse_policy(text), source_name="seed")
    old.execute("INSERT INTO plans (uid, document_id, name, office, year, warning_days, created_at, updated_at) "
                "VALUES ('p1', ?, '旧方案', '河南省', 2025, 30, '2025-01-01', '2025-01-01')", [document_id])
    old.close()

    db = open_database(path)
    assert [row["name"] for row in db.query("PRAGMA table_info(plans)")][-1] == "issuer"
    (row,) = db.query("SELECT name, office, issuer FROM plans")
    assert row == {"name": "旧方案", "office": "河南省", "issuer": ""}
    db.close()


def test_the_issuer_is_stored_and_read_back_apart_from_the_office(stored):
    db, plan, _ = stored
    assert plans.get_plan(db, plan.id).issuer == ""
    plans.update_plan(db, plan.id, office="河南省", issuer="河南省发展和改革委员会")
    again = plans.get_plan(db, plan.id)
    assert (again.office, again.issuer) == ("河南省", "河南省发展和改革委员会")
