"""The command line through subprocess: outputs, exit codes, and bad input leaving the database unchanged."""

import json
import sqlite3

import pytest

from tests.cli_runner import dump, new_database, run, without_traceback
from tests.conftest import RESOURCES

SEED = RESOURCES / "policy_2018_regional_mechanism.txt"
GUIDANCE = RESOURCES / "policy_regional_strategy_guidance.txt"


def test_parse_policy_json_has_the_documented_shape():
    result = run("parse-policy", SEED, "--json")
    assert result.returncode == 0, result.stderr
    outline = json.loads(result.stdout)
    assert set(outline) == {"title", "date", "chapters"}
    assert outline["title"] == "中共中央 国务院关于建立更加有效的区域协调发展新机制的意见"
    assert outline["date"] == "2018-11-18"
    assert [c["number"] for c in outline["chapters"]] == list(range(1, 11))
    items = [item for chapter in outline["chapters"] for item in chapter["items"]]
    assert [item["number"] for item in items] == list(range(1, 31))
    assert all(set(item) == {"number", "heading", "text"} for item in items)
    assert items[24]["number"] == 25 and items[24]["heading"] == "建立健全区域政策与其他宏观调控政策联动机制"
    assert set(outline["chapters"][0]) == {"number", "title", "items"}


def test_parse_policy_prints_a_readable_outline_of_a_gbk_file(tmp_path):
    path = tmp_path / "guidance-gbk.txt"
    path.write_bytes(GUIDANCE.read_text(encoding="utf-8").encode("gbk"))
    result = run("parse-policy", path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "《关于贯彻落实区域发展战略促进区域协调发展的指导意见》"
    assert "二、优化经济发展空间格局" in lines
    assert "  （二十五）强化上下联动协作" in lines
    assert lines[-1] == "共 6 个部分，25 个条目"


def test_import_plans_and_demo_work_on_a_new_database(tmp_path):
    db = tmp_path / "plan.db"
    again = run("--db", db, "import-policy", GUIDANCE)  # the built-in copy is stored on first start
    assert again.returncode == 1 and again.stdout == ""
    assert "《关于贯彻落实区域发展战略促进区域协调发展的指导意见》已在数据库中（编号 2）" in again.stderr
    imported = run("--db", db, "import-policy", GUIDANCE, "--copy")
    assert imported.returncode == 0, imported.stderr
    assert imported.stdout == "3\n"  # the id alone: ID=$(main.py import-policy F) works
    assert "已导入：编号 3，《关于贯彻落实区域发展战略促进区域协调发展的指导意见》，6 个部分，25 个条目" in imported.stderr
    made = run("--db", db, "demo")
    assert made.returncode == 0, made.stderr
    assert made.stdout.strip().isdigit() and "已生成演示方案" in made.stderr  # ID=$(main.py demo) works
    plan_id = int(made.stdout)
    listed = run("--db", db, "plans")
    assert listed.returncode == 0
    rows = [line.split("\t") for line in listed.stdout.strip().splitlines()[1:]]
    assert rows[0][0] == str(plan_id)
    assert rows[0][2] == "《中共中央 国务院关于建立更加有效的区域协调发展新机制的意见》"
    assert 60 <= int(rows[0][3]) <= 120
    assert rows[1][3] == "0"  # the empty plan of the first start


BAD_POLICIES = [
    ("empty.txt", b"", "空的"),
    ("binary.txt", bytes(range(256)) * 64, "不是文本文件"),
    ("no-structure.txt", "没有编号的一段文字。\n又一段。".encode(), "未能识别文件结构"),
]


@pytest.mark.parametrize(("name", "data", "message"), BAD_POLICIES, ids=[b[0] for b in BAD_POLICIES])
def test_a_bad_policy_file_gives_one_chinese_line_and_leaves_the_database(tmp_path, name, data, message):
    db = tmp_path / "plan.db"
    new_database(db)
    before = dump(db)
    path = tmp_path / name
    path.write_bytes(data)
    result = run("--db", db, "import-policy", path)
    assert result.returncode != 0
    assert message in result.stderr and name in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert without_traceback(result.stderr)
    assert dump(db) == before
    parsed = run("parse-policy", path)
    assert parsed.returncode != 0 and message in parsed.stderr and without_traceback(parsed.stderr)


def test_a_20_mb_text_is_refused(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_bytes(("（一）" + "文" * 1000 + "\n").encode() * 7000)
    result = run("parse-policy", path)
    assert result.returncode != 0
    assert "超过政策文件的上限 5 MB" in result.stderr and without_traceback(result.stderr)


def test_a_file_that_is_not_a_database_is_refused_untouched(tmp_path):
    db = tmp_path / "notes.db"
    db.write_text("会议记录：这不是数据库。\n" * 100, encoding="utf-8")
    before = db.read_bytes()
    result = run("--db", db, "plans")
    assert result.returncode != 0
    assert "不是本程序的数据库" in result.stderr and without_traceback(result.stderr)
    assert db.read_bytes() == before


def test_a_database_from_a_newer_version_is_refused_untouched(tmp_path):
    db = tmp_path / "newer.db"
    new_database(db)
    connection = sqlite3.connect(db)
    connection.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                       "VALUES ('planner', 'm900_future', '2030-01-01')")
    connection.commit()
    connection.close()
    before = dump(db)
    result = run("--db", db, "demo")
    assert result.returncode != 0
    assert "更新版本" in result.stderr and without_traceback(result.stderr)
    assert dump(db) == before


def test_an_unknown_command_is_explained_in_chinese():
    result = run("frobnicate")
    assert result.returncode == 2
    assert "命令行参数有误" in result.stderr


def test_bad_input_does_not_even_create_the_database(tmp_path):
    db = tmp_path / "never.db"
    result = run("--db", db, "import-policy", tmp_path / "missing.txt")
    assert result.returncode == 1 and "找不到文件" in result.stderr
    assert not db.exists()


def test_a_locked_database_is_reported_in_chinese_and_left_as_it_was(tmp_path):
    db = tmp_path / "busy.db"
    new_database(db)
    before = dump(db)
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # another window in the middle of a write
    try:
        result = run("--db", db, "demo")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.returncode == 1
    assert "占用" in result.stderr and without_traceback(result.stderr)
    assert dump(db) == before


def test_import_warns_about_gaps_in_the_numbering(tmp_path):
    path = tmp_path / "gap.txt"
    path.write_text("关于测试的意见\n一、总体要求\n（一）甲。内容。\n（三）丙。内容。", encoding="utf-8")
    result = run("--db", tmp_path / "plan.db", "import-policy", path)
    assert result.returncode == 0
    assert "注意：条目编号不连续" in result.stderr
