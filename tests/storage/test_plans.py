"""Plans in storage: the 发文机关 (m007) and the report settings and figures (m011), kept through migrations."""

from sqlite_utils import Database

from planner.domain.policy_text import parse_policy
from planner.storage import documents, plans
from planner.storage.database import open_database
from planner.storage.migrations import migrations

from tests.conftest import RESOURCES


def test_m007_adds_an_empty_issuer_to_plans_that_existed_before(tmp_path):
    path = tmp_path / "old.db"
    old = Database(path)
    migrations().apply(old, stop_before="m007_plan_issuer")
    text = (RESOURCES / "policy_2018_regional_mechanism.txt").read_text(encoding="utf-8")
    document_id = documents.save_document(old, parse_policy(text), source_name="seed")
    old.execute("INSERT INTO plans (uid, document_id, name, office, year, warning_days, created_at, updated_at) "
                "VALUES ('p1', ?, '旧方案', '河南省', 2025, 30, '2025-01-01', '2025-01-01')", [document_id])
    old.close()

    db = open_database(path)
    assert "issuer" in [row["name"] for row in db.query("PRAGMA table_info(plans)")]
    (row,) = db.query("SELECT name, office, issuer FROM plans")
    assert row == {"name": "旧方案", "office": "河南省", "issuer": ""}
    db.close()


def test_the_issuer_is_stored_and_read_back_apart_from_the_office(stored):
    db, plan, _ = stored
    assert plans.get_plan(db, plan.id).issuer == ""
    plans.update_plan(db, plan.id, office="河南省", issuer="河南省发展和改革委员会")
    again = plans.get_plan(db, plan.id)
    assert (again.office, again.issuer) == ("河南省", "河南省发展和改革委员会")


def test_m011_adds_empty_report_settings_and_a_figures_table_to_an_older_database(tmp_path):
    path = tmp_path / "old.db"
    old = Database(path)
    migrations().apply(old, stop_before="m011_report_settings")
    text = (RESOURCES / "policy_2018_regional_mechanism.txt").read_text(encoding="utf-8")
    document_id = documents.save_document(old, parse_policy(text), source_name="seed")
    old.execute("INSERT INTO plans (uid, document_id, name, office, year, warning_days, created_at, updated_at, "
                "issuer) VALUES ('p1', ?, '旧方案', '河南省', 2025, 30, '2025-01-01', '2025-01-01', '河南省发展"
                "和改革委员会')", [document_id])
    old.close()

    db = open_database(path)
    (row,) = db.query("SELECT name, issuer, recipients, report_problems, report_next_steps, contact_name, "
                      "contact_phone FROM plans")
    assert row == {"name": "旧方案", "issuer": "河南省发展和改革委员会", "recipients": "", "report_problems": "",
                   "report_next_steps": "", "contact_name": "", "contact_phone": ""}
    assert [r["name"] for r in db.query("PRAGMA table_info(report_figures)")] == [
        "plan_id", "as_of", "exported_at", "figures"]
    db.close()


def test_report_figures_are_kept_per_date_and_the_previous_is_the_latest_before(stored):
    import datetime as dt

    from planner.domain.model import Status
    from planner.domain.progress_report import ReportFigures
    from planner.storage import report_figures

    db, plan, _ = stored

    def figures(day, done):
        return ReportFigures(as_of=day, total=10, by_status={status: 0 for status in Status} | {Status.DONE: done},
                             overdue=2, due=4, due_done=done)

    report_figures.keep_figures(db, plan.id, figures(dt.date(2026, 9, 30), 1))
    report_figures.keep_figures(db, plan.id, figures(dt.date(2026, 10, 31), 2))
    report_figures.keep_figures(db, plan.id, figures(dt.date(2026, 10, 31), 3))  # exported again: replaced
    assert db.execute("SELECT count(*) FROM report_figures").fetchone()[0] == 2
    assert report_figures.previous_figures(db, plan.id, dt.date(2026, 9, 30)) is None
    assert report_figures.previous_figures(db, plan.id, dt.date(2026, 10, 31)) == figures(dt.date(2026, 9, 30), 1)
    assert report_figures.previous_figures(db, plan.id, dt.date(2026, 11, 30)) == figures(dt.date(2026, 10, 31), 3)
