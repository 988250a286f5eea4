"""Benchmark: Excel 台账 export and import of a large plan, each against bare openpyxl in the same run.

Run by hand: python tests/perf/bench_xlsx.py [--tasks 20000] [--repeat 3]
Issue 13's goals, as whole commands (a process each, start-up and imports included, best of
``repeat``, interleaved): `main.py export-xlsx` <= 2.5x a bare script that reads the same 12
columns from the database and writes them as plain values with openpyxl write-only;
`main.py import-xlsx` of a returned file where every row has a new progress note and status
<= 3x a bare script that reads that file with python-calamine and executemany-s its rows.
The same comparisons in-process (services against bare calls) are printed too: export against
the same cells written plain and styled (the cheapest styled write openpyxl allows), import
against openpyxl read-only and python-calamine. Peak Python memory of the import is measured
separately with tracemalloc (which slows code down, so it is not timed).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import textwrap
import time
import tracemalloc
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.perf.bench_cli import run_from_command_line  # noqa: E402

from openpyxl import Workbook, load_workbook  # noqa: E402

from planner.domain.model import ProgressEntry, Status  # noqa: E402
from planner.exchange.ledger_layout import COLUMNS, HEADER_ROW  # noqa: E402
from planner.services import excel, tasks  # noqa: E402
from tests.perf.bench_store import fresh_database, make_tasks  # noqa: E402

TODAY = dt.date(2026, 1, 15)


def build_plan(folder: Path, count: int):
    """A database with a ``count``-task plan, each task with one progress entry."""
    db, plan, item_ids = fresh_database(folder, "bench.db")
    history = (ProgressEntry(date=dt.date(2025, 12, 1), text="已完成前期调研，正在起草方案", percent=20),)
    new_tasks = [replace(task, progress=history) for task in make_tasks(item_ids, count)]
    tasks.bulk_create_tasks(db, plan.id, new_tasks)
    return db, plan


def cell_rows(path: Path) -> list[list]:
    """The task rows of an exported file as values, to hand the bare writers the same cells."""
    workbook = load_workbook(path, read_only=True)
    rows = [list(row) for row in workbook["任务台账"].iter_rows(min_row=HEADER_ROW + 1, values_only=True)]
    workbook.close()
    return rows


def bare_write(rows: list[list], target: Path, *, styled: bool) -> float:
    from openpyxl.cell import Cell
    from openpyxl.styles import Alignment, Border, Side

    start = time.perf_counter()
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("任务台账")
    if styled:
        thin = Side(style="thin")
        prototype = Cell(workbook.create_sheet("p"), row=1, column=1)
        prototype.border = Border(left=thin, right=thin, top=thin, bottom=thin)
        prototype.alignment = Alignment(vertical="top", wrap_text=True)
        text_style = prototype._style
        prototype.number_format = "yyyy-mm-dd"
        date_style = prototype._style
        workbook.remove(prototype.parent)
        for row in rows:
            sheet.append([Cell(sheet, row=1, column=1, value=value,
                               style_array=date_style if isinstance(value, dt.datetime) else text_style)
                          for value in row])
    else:
        for row in rows:
            sheet.append(row)
    workbook.save(target)
    return time.perf_counter() - start


def time_export(db, plan_id: int, target: Path) -> float:
    start = time.perf_counter()
    excel.export_xlsx(db, plan_id, target)
    return time.perf_counter() - start


def returned_file(source: Path, target: Path) -> Path:
    """The export as a department returns it: a new progress note and status on every row."""
    workbook = load_workbook(source)
    sheet = workbook["任务台账"]
    progress = next(i for i, c in enumerate(COLUMNS, start=1) if c.key == "progress")
    status = next(i for i, c in enumerate(COLUMNS, start=1) if c.key == "status")
    for row in range(HEADER_ROW + 1, sheet.max_row + 1):
        sheet.cell(row, progress).value = f"第{row}行：已召开专题会议，完成阶段目标"
        sheet.cell(row, status).value = Status.IN_PROGRESS.value
    workbook.save(target)
    return target


def time_import(db_path: Path, plan_id: int, file: Path) -> float:
    from planner.storage.database import open_database

    db = open_database(db_path)
    start = time.perf_counter()
    change_set = excel.compare_import(db, plan_id, [file], today=TODAY)
    result = excel.apply_import(db, plan_id, change_set)
    elapsed = time.perf_counter() - start
    assert not change_set.errors and len(result.progress_ids) > 0, change_set.errors[:3]
    db.close()
    return elapsed


def bare_import(db_path: Path, file: Path, *, calamine: bool = False) -> float:
    """Bare reading of the file (openpyxl read-only, or python-calamine) plus executemany of its rows."""
    connection = sqlite3.connect(db_path)
    start = time.perf_counter()
    ids = dict(connection.execute("SELECT uid, id FROM tasks"))
    if calamine:
        from python_calamine import CalamineWorkbook

        table = CalamineWorkbook.from_path(str(file)).get_sheet_by_name("任务台账").to_python()[HEADER_ROW:]
    else:
        workbook = load_workbook(file, read_only=True)
        table = workbook["任务台账"].iter_rows(min_row=HEADER_ROW + 1, values_only=True)
    uid_at = len(COLUMNS) - 1
    progress_at = next(i for i, c in enumerate(COLUMNS) if c.key == "progress")
    status_at = next(i for i, c in enumerate(COLUMNS) if c.key == "status")
    now = dt.datetime.now().isoformat(timespec="seconds")
    entries, statuses = [], []
    for row in table:
        task_id = ids[row[uid_at]]
        entries.append((task_id, TODAY.isoformat(), row[progress_at], row[status_at], "导入", now))
        statuses.append((row[status_at], now, task_id))
    if not calamine:
        workbook.close()
    with connection:
        connection.executemany("""INSERT INTO progress_entries (task_id, entry_date, text, status, source, created_at)
                                  VALUES (?, ?, ?, ?, ?, ?)""", entries)
        connection.executemany("UPDATE tasks SET status = ?, updated_at = ? WHERE id = ?", statuses)
    elapsed = time.perf_counter() - start
    connection.close()
    return elapsed


# The bare whole commands: about the least a Python program can do for the same work.
BARE_EXPORT = textwrap.dedent("""
    import sqlite3, sys
    from openpyxl import Workbook

    rows = sqlite3.connect(sys.argv[1]).execute(sys.argv[3]).fetchall()
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("任务台账")
    for row in rows:
        sheet.append(row)
    workbook.save(sys.argv[2])
""")
# The 12 columns the 台账 has, as they are stored: 编号 对应条目 任务内容 牵头单位 配合单位 分管领导
# 完成时限 状态 进度 最新进展 进展日期 备注 (and the uid, which the 台账 carries hidden).
LEDGER_COLUMNS = """
    SELECT t.code, i.heading, t.content, coalesce(u.name, ''),
           coalesce((SELECT group_concat(su.name, '、') FROM task_support_units s JOIN units su ON su.id = s.unit_id
                     WHERE s.task_id = t.id), ''),
           t.leader, t.deadline_phrase, t.status, t.percent,
           coalesce((SELECT p.text FROM progress_entries p WHERE p.task_id = t.id
                     ORDER BY p.entry_date DESC, p.id DESC LIMIT 1), ''),
           (SELECT max(p.entry_date) FROM progress_entries p WHERE p.task_id = t.id), t.note, t.uid
    FROM tasks t JOIN items i ON i.id = t.item_id LEFT JOIN units u ON u.id = t.lead_unit_id
    WHERE t.plan_id = ? AND t.deleted_at IS NULL ORDER BY i.sort_order, t.sort_order"""
BARE_IMPORT = textwrap.dedent("""
    import datetime as dt, sqlite3, sys
    from python_calamine import CalamineWorkbook

    header_row, uid_at, progress_at, status_at = map(int, sys.argv[3:7])
    connection = sqlite3.connect(sys.argv[1])
    ids = dict(connection.execute("SELECT uid, id FROM tasks"))
    table = CalamineWorkbook.from_path(sys.argv[2]).get_sheet_by_name("任务台账").to_python()[header_row:]
    now = dt.datetime.now().isoformat(timespec="seconds")
    entries, statuses = [], []
    for row in table:
        task_id = ids[row[uid_at]]
        entries.append((task_id, sys.argv[7], row[progress_at], row[status_at], "导入", now))
        statuses.append((row[status_at], now, task_id))
    with connection:
        connection.executemany("INSERT INTO progress_entries (task_id, entry_date, text, status, source, created_at) "
                               "VALUES (?, ?, ?, ?, ?, ?)", entries)
        connection.executemany("UPDATE tasks SET status = ?, updated_at = ? WHERE id = ?", statuses)
""")


def _command_seconds(args: list[str], env: dict) -> float:
    start = time.perf_counter()
    done = subprocess.run(args, env=env, capture_output=True, text=True, encoding="utf-8")
    if done.returncode != 0:
        raise RuntimeError(f"{args[1:3]} exited with {done.returncode}: {done.stderr[-500:]}")
    return time.perf_counter() - start


def whole_commands(folder: Path, db_path: Path, plan_id: int, returned: Path, repeat: int) -> dict[str, float]:
    """Best-of-``repeat`` seconds of the app's export-xlsx and import-xlsx commands and of the bare scripts."""
    env = {**os.environ, "PLANNER_DATA_DIR": str(folder / "data"), "PYTHONPYCACHEPREFIX": str(folder / "bytecode")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed program runs from compiled bytecode
    (folder / "bare_export.py").write_text(BARE_EXPORT, encoding="utf-8")
    (folder / "bare_import.py").write_text(BARE_IMPORT, encoding="utf-8")
    main = [sys.executable, str(ROOT / "main.py")]
    progress = next(i for i, c in enumerate(COLUMNS) if c.key == "progress")
    status = next(i for i, c in enumerate(COLUMNS) if c.key == "status")
    times: dict[str, list[float]] = {"export": [], "bare_export": [], "import": [], "bare_import": []}
    for attempt in range(repeat + 1):  # interleaved; the first round only fills the bytecode cache
        app_db, bare_db = (shutil.copyfile(db_path, folder / f"{name}-{attempt}.db") for name in ("cmd", "bare"))
        runs = {
            "export": [*main, "--db", str(app_db), "export-xlsx", "--plan", str(plan_id), str(folder / "cmd.xlsx")],
            "bare_export": [sys.executable, str(folder / "bare_export.py"), str(bare_db), str(folder / "bare.xlsx"),
                            LEDGER_COLUMNS.replace("?", str(plan_id))],
            "import": [*main, "--db", str(app_db), "import-xlsx", "--plan", str(plan_id), str(returned)],
            "bare_import": [sys.executable, str(folder / "bare_import.py"), str(bare_db), str(returned),
                            str(HEADER_ROW), str(len(COLUMNS) - 1), str(progress), str(status), TODAY.isoformat()],
        }
        for name, args in runs.items():
            seconds = _command_seconds(args, env)
            if attempt:
                times[name].append(seconds)
    return {name: min(found) for name, found in times.items()}


def copy_database(db, target: Path) -> Path:
    from planner.storage.database import backup_database

    return backup_database(db, target)


def run(count: int, repeat: int) -> dict[str, float]:
    """Best-of-``repeat`` seconds for each side; prints the ratios."""
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        db, plan = build_plan(folder, count)
        export = min(time_export(db, plan.id, folder / f"export-{n}.xlsx") for n in range(repeat))
        rows = cell_rows(folder / "export-0.xlsx")
        bare_plain = min(bare_write(rows, folder / f"bare-{n}.xlsx", styled=False) for n in range(repeat))
        bare_styled = min(bare_write(rows, folder / f"styled-{n}.xlsx", styled=True) for n in range(repeat))
        returned = returned_file(folder / "export-0.xlsx", folder / "returned.xlsx")
        copies = [copy_database(db, folder / f"import-{n}.db") for n in range(repeat)]
        bare_copies = [copy_database(db, folder / f"bare-{n}.db") for n in range(repeat)]
        calamine_copies = [copy_database(db, folder / f"calamine-{n}.db") for n in range(repeat)]
        db.close()
        imported = min(time_import(copy, plan.id, returned) for copy in copies)
        bare_read = min(bare_import(copy, returned) for copy in bare_copies)
        bare_calamine = min(bare_import(copy, returned, calamine=True) for copy in calamine_copies)
        peak = _import_peak(folder, copies[0], plan.id, returned)
        commands = whole_commands(folder, folder / "bench.db", plan.id, returned, repeat)
    figures = {"export": export, "bare_plain": bare_plain, "bare_styled": bare_styled,
               "import": imported, "bare_import": bare_read, "bare_calamine": bare_calamine, "import_peak_mb": peak,
               **{f"command_{name}": seconds for name, seconds in commands.items()}}
    print(f"export-xlsx {count} tasks as whole commands: main.py {commands['export']:.2f} s; bare openpyxl "
          f"write-only of the same 12 columns as plain values {commands['bare_export']:.2f} s "
          f"-> ratio {commands['export'] / commands['bare_export']:.2f}x (goal <= 2.5x, issue 13)")
    print(f"import-xlsx {count} rows as whole commands: main.py {commands['import']:.2f} s; bare python-calamine "
          f"reading + executemany {commands['bare_import']:.2f} s "
          f"-> ratio {commands['import'] / commands['bare_import']:.2f}x (goal <= 3.0x, issue 13)")
    print(f"export {count} tasks in-process: service {export:.2f} s; bare openpyxl write-only, same values "
          f"unstyled {bare_plain:.2f} s -> ratio {export / bare_plain:.2f}x; same cells styled "
          f"{bare_styled:.2f} s -> ratio {export / bare_styled:.2f}x")
    print(f"import {count} rows in-process (read, compare, backup, apply): service {imported:.2f} s; bare "
          f"python-calamine reading + executemany {bare_calamine:.2f} s -> ratio {imported / bare_calamine:.2f}x; "
          f"bare openpyxl read-only iteration + executemany {bare_read:.2f} s -> ratio {imported / bare_read:.2f}x; "
          f"peak Python memory {peak:.0f} MB")
    return figures


def _import_peak(folder: Path, used: Path, plan_id: int, file: Path) -> float:
    """Peak traced memory of reading and comparing the returned file (nothing applied)."""
    from planner.storage.database import open_database

    db = open_database(used)
    tracemalloc.start()
    try:
        excel.compare_import(db, plan_id, [file], today=TODAY)
        return tracemalloc.get_traced_memory()[1] / 1024 / 1024
    finally:
        tracemalloc.stop()
        db.close()


def main() -> None:
    run_from_command_line(run, __doc__)


if __name__ == "__main__":
    main()
