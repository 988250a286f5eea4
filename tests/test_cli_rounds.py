"""A whole 报送轮次 from the command line: round-start, export by unit, two returns, round-status, export-ics."""

import datetime as dt
import json
import shutil

from icalendar import Calendar
from openpyxl import load_workbook

from planner.exchange.ledger_layout import HEADER_ROW
from tests.cli_runner import dump, run, without_traceback

TODAY = dt.date.today()
DUE = TODAY + dt.timedelta(days=7)


def _ok(result):
    assert result.returncode == 0 and without_traceback(result.stderr), result.stderr
    return result


def _fill_progress(path, text):
    workbook = load_workbook(path)
    sheet = workbook["任务台账"]
    header = [cell.value for cell in sheet[HEADER_ROW]]
    sheet.cell(HEADER_ROW + 1, header.index("最新进展") + 1).value = text
    workbook.save(path)


def test_a_whole_round_from_the_command_line(tmp_path):
    db = tmp_path / "plan.db"
    plan = _ok(run("--db", db, "demo")).stdout.strip()
    started = _ok(run("--db", db, "round-start", "--plan", plan, "--name", "2026年11月进展报送", "--due", DUE.isoformat()))
    round_id = started.stdout.strip()
    assert round_id.isdigit() and started.stdout == f"{round_id}\n"  # the id alone on stdout
    asked = json.loads(_ok(run("--db", db, "round-status", round_id, "--json")).stdout)["units"]
    assert len(asked) > 3 and {unit["state"] for unit in asked} == {"未报送"}
    first, second = asked[0]["unit"], asked[1]["unit"]

    _ok(run("--db", db, "export-xlsx", "--plan", plan, "--by-unit", tmp_path / "发出"))
    returned = tmp_path / "收回"
    returned.mkdir()
    for unit in (first, second):
        shutil.copy(tmp_path / "发出" / f"{unit}.xlsx", returned / f"{unit}.xlsx")
    _fill_progress(returned / f"{first}.xlsx", "已召开专题会议部署")
    changed = _ok(run("--db", db, "import-xlsx", "--plan", plan, returned / f"{first}.xlsx"))
    assert f"已记为{first}在“2026年11月进展报送”中的报送（{first}.xlsx，变更 1 行）。" in changed.stderr
    unchanged = _ok(run("--db", db, "import-xlsx", "--plan", plan, returned / f"{second}.xlsx"))
    assert f"已记为{second}在“2026年11月进展报送”中的报送（{second}.xlsx，变更 0 行）。" in unchanged.stderr

    status = json.loads(_ok(run("--db", db, "round-status", round_id, "--json")).stdout)
    today = TODAY.isoformat()
    assert status["units"][0] == {"unit": first, "state": "已报送", "sent": today, "sent_file": f"{first}.xlsx",
                                  "returned": today, "file": f"{first}.xlsx", "rows_changed": 1, "returns": 1}
    assert status["units"][1]["state"] == "已报送" and status["units"][1]["rows_changed"] == 0
    assert {u["state"] for u in status["units"][2:]} == {"未报送"}
    assert all(u["sent"] == today and u["returned"] is None for u in status["units"][2:])
    assert (status["asked"], status["returned"], status["due"]) == (len(asked), 2, DUE.isoformat())

    after = (DUE + dt.timedelta(days=1)).isoformat()
    late = json.loads(_ok(run("--db", db, "round-status", round_id, "--json", "--as-of", after)).stdout)
    assert [u["state"] for u in late["units"]] == ["已报送", "已报送"] + ["逾期未报"] * (len(asked) - 2)
    text = _ok(run("--db", db, "round-status", round_id, "--as-of", after)).stdout.splitlines()
    assert text[0].startswith(f"2026年11月进展报送（报送期限 {DUE.isoformat()}，截至 {after}）：已报送 2/{len(asked)}")
    reminders = text[text.index(f"催报名单（{len(asked) - 2}）：") + 1:]
    assert [line.split("：")[0] for line in reminders] == [u["unit"] for u in asked[2:]]
    assert all("已逾期1天，尚未报送" in line for line in reminders)

    listed = _ok(run("--db", db, "rounds", "--plan", plan)).stdout.splitlines()
    assert listed[1] == f"{round_id}\t2026年11月进展报送\t{DUE.isoformat()}\t{today}\t2/{len(asked)}\t进行中"

    ics = _ok(run("--db", db, "export-ics", "--plan", plan, tmp_path / "日历.ics"))
    assert "报送期限 1 项" in ics.stdout
    summaries = [str(e["SUMMARY"]) for e in Calendar.from_ical((tmp_path / "日历.ics").read_bytes()).walk("VEVENT")]
    assert "【报送截止】2026年11月进展报送" in summaries and len(summaries) > 1


def test_bad_round_input_is_one_line_each_and_changes_nothing(tmp_path):
    db = tmp_path / "plan.db"
    plan = _ok(run("--db", db, "demo")).stdout.strip()
    before = dump(db)
    unknown = run("--db", db, "round-start", "--plan", plan, "--name", "十一月", "--due", "2026-12-10",
                  "--units", "省财政厅", "省不存在厅")
    assert unknown.returncode == 1 and unknown.stdout == ""
    assert unknown.stderr.strip().splitlines()[-1].startswith("单位目录中没有：省不存在厅")
    bad_date = run("--db", db, "round-start", "--plan", plan, "--name", "十一月", "--due", "2026-13-40")
    assert bad_date.returncode == 1 and "日期“2026-13-40”无效" in bad_date.stderr
    missing = run("--db", db, "round-status", "99")
    assert missing.returncode == 1 and "没有编号为 99 的报送轮次" in missing.stderr
    wrong_suffix = run("--db", db, "export-ics", "--plan", plan, tmp_path / "日历.txt")
    assert wrong_suffix.returncode == 1 and "应以 .ics 结尾" in wrong_suffix.stderr
    assert all(without_traceback(r.stderr) for r in (unknown, bad_date, missing, wrong_suffix))
    assert dump(db) == before
    assert not (tmp_path / "日历.txt").exists()
