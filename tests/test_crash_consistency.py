"""An import killed (SIGKILL) at points spread over its transaction: the file is intact, all or nothing applied."""

import os
import shutil
import signal
import sqlite3
import subprocess
import sys

import pytest
from openpyxl import load_workbook

from planner.exchange.ledger_layout import HEADER_ROW
from tests.cli_runner import run
from tests.conftest import ROOT

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX only")

# The child runs the real command; every SQL statement of the import (on any connection,
# the backup's included) is counted, and the process kills itself just before statement N.
CHILD = r"""
import os, signal, sqlite3, sys
from planner import cli
from planner.services import excel

kill_at, count, armed = int(sys.argv[1]), 0, False
real_connect = sqlite3.connect

def connect(*args, **kwargs):
    connection = real_connect(*args, **kwargs)
    def trace(statement):
        global count
        if armed:
            count += 1
            if count == kill_at:
                os.kill(os.getpid(), signal.SIGKILL)
    connection.set_trace_callback(trace)
    return connection

sqlite3.connect = connect
real_apply = excel.apply_import

def apply(*args, **kwargs):
    global armed
    armed = True
    result = real_apply(*args, **kwargs)
    armed = False
    print(f"STATEMENTS {count}", file=sys.stderr)
    return result

excel.apply_import = apply
sys.exit(cli.main(sys.argv[2:]))
"""


def child(kill_at: int, *args) -> subprocess.CompletedProcess:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-c", CHILD, str(kill_at), *map(str, args)], capture_output=True,
                          text=True, encoding="utf-8", env=env, timeout=120)


def state(path) -> tuple:
    """What an import changes, without the timestamps: tasks' fields and every progress entry."""
    connection = sqlite3.connect(path)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return (connection.execute("SELECT uid, status, percent, content, lead_unit_id FROM tasks ORDER BY id").fetchall(),
                connection.execute("SELECT task_id, entry_date, text, status, percent, source FROM progress_entries "
                                   "ORDER BY id").fetchall())
    finally:
        connection.close()


def test_an_import_killed_anywhere_leaves_an_intact_file_with_all_or_nothing_applied(tmp_path):
    base = tmp_path / "base"
    base.mkdir()
    made = run("--db", base / "plan.db", "demo")
    assert made.returncode == 0, made.stderr
    plan_id = made.stdout.strip().splitlines()[-1]
    file = tmp_path / "台账.xlsx"
    assert run("--db", base / "plan.db", "export-xlsx", "--plan", plan_id, file).returncode == 0
    workbook = load_workbook(file)
    sheet = workbook["任务台账"]
    for row in range(HEADER_ROW + 1, HEADER_ROW + 61):  # 60 rows: a new progress note each, and half of them a new status
        sheet[f"K{row}"] = f"第 {row} 行的新进展"
        if row % 2:
            sheet[f"I{row}"] = "已暂停"
    workbook.save(file)
    before = state(base / "plan.db")

    def attempt(name: str, kill_at: int) -> tuple[subprocess.CompletedProcess, object]:
        folder = tmp_path / name
        shutil.copytree(base, folder)
        result = child(kill_at, "--db", folder / "plan.db", "import-xlsx", "--plan", plan_id, file)
        return result, folder / "plan.db"

    finished, path = attempt("complete", 10**9)
    assert finished.returncode == 0, finished.stderr
    total = int(finished.stderr.split("STATEMENTS ")[1].split()[0])
    after = state(path)
    assert after != before and total > 10

    outcomes = []
    for kill_at in sorted({1, 2, 3, 4, total // 4, total // 2, 3 * total // 4, total - 2, total - 1, total}):
        killed, path = attempt(f"killed-{kill_at}", kill_at)
        assert killed.returncode == -signal.SIGKILL, killed.stderr
        now = state(path)  # integrity_check is ok
        assert now in (before, after), f"half applied when killed before statement {kill_at} of {total}"
        outcomes.append(now == after)
        listed = run("--db", path, "backups")  # the next start opens it; a half-made backup is not listed
        assert listed.returncode == 0, listed.stderr
        for line in listed.stdout.splitlines():
            name, _taken, _why, count = line.split("\t")
            assert name.endswith(".db") and count.isdigit(), line
    assert outcomes.count(False) >= 1  # killed before COMMIT: nothing applied
