"""First start: both built-in documents, the units directory and an empty plan, once."""

from planner.services import documents, plans, workspace
from planner.storage.units import list_units


def test_first_start_fills_a_new_database(workspace_db):
    summaries = documents.list_documents(workspace_db)
    assert [(d.title, d.chapter_count, d.item_count) for d in summaries] == [
        ("中共中央 国务院关于建立更加有效的区域协调发展新机制的意见", 10, 30),
        ("关于贯彻落实区域发展战略促进区域协调发展的指导意见", 6, 25),
    ]
    assert summaries[0].issued_on == "2018-11-18"
    [plan] = plans.list_plans(workspace_db)
    assert plan.task_count == 0
    assert plan.name == "贯彻落实《中共中央 国务院关于建立更加有效的区域协调发展新机制的意见》实施方案"
    names = [unit.name for unit in list_units(workspace_db)]
    assert len(names) >= 40
    assert names[0] == "省发展改革委" and names[-1] == "各市人民政府"
    assert {"省财政厅", "省自然资源厅", "省生态环境厅", "省医保局"} <= set(names)
    alias = next(workspace_db.query(
        "SELECT u.name FROM unit_aliases a JOIN units u ON u.id = a.unit_id WHERE a.alias = '省发改委'"))
    assert alias["name"] == "省发展改革委"


def test_reopening_adds_nothing_and_keeps_the_users_units(tmp_path, builtin):
    path = tmp_path / "again.db"
    db = workspace.open_workspace(path, builtin)
    db.execute("DELETE FROM units WHERE name = '省体育局'")
    db.close()
    db = workspace.open_workspace(path, builtin)
    assert len(documents.list_documents(db)) == 2
    assert len(plans.list_plans(db)) == 1
    assert "省体育局" not in [unit.name for unit in list_units(db)]
    db.close()


def test_a_read_only_database_is_the_users_problem_not_a_bug(workspace_db, demo_data):
    import datetime as dt

    from planner.services import demo

    before = list(workspace_db.conn.iterdump())
    workspace_db.execute("PRAGMA query_only = ON")  # what a read-only file does to every write
    try:
        demo.create_demo_plan(workspace_db, demo_data, today=dt.date(2026, 11, 21))
    except Exception as error:  # noqa: BLE001 - the seam under test sorts it
        explained = workspace.explain_failure(error)
    else:
        raise AssertionError("the write should have failed")
    assert explained is not None and "只读" in explained.message
    assert list(workspace_db.conn.iterdump()) == before


def test_a_bug_is_not_explained_away():
    assert workspace.explain_failure(KeyError("x")) is None
    import sqlite3

    assert workspace.explain_failure(sqlite3.OperationalError("near \"SELEC\": syntax error")) is None
