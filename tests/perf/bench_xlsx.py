"""Benchmark: Excel 台账 export and import of a large plan, each against bare openpyxl in the same run.

Run by hand: python tests/perf/bench_xlsx.py [--tasks 20000] [--repeat 3]
Export is timed against bare openpyxl writing the same cells in write-only mode, once with
plain values and once with the same styles (the cheapest styled write openpyxl allows); goal
<= 1.5x. Import (read, compare, backup, apply in one transaction) of a returned file where every
row has a new progress note and status is timed against bare read-only iteration of the same
file plus sqlite3 executemany of the same rows; goal <= 2x. Peak Python memory of the import is
measured separately with tracemalloc (which slows code down, so it is not timed).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import sys
import tempfile
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
    figures = {"export": export, "bare_plain": bare_plain, "bare_styled": bare_styled,
               "import": imported, "bare_import": bare_read, "bare_calamine": bare_calamine, "import_peak_mb": peak}
    print(f"export {count} tasks: service {export:.2f} s; bare openpyxl write-only, same cells styled "
          f"{bare_styled:.2f} s -> ratio {export / bare_styled:.2f}x (goal <= 1.5x); same values unstyled "
          f"{bare_plain:.2f} s -> ratio {export / bare_plain:.2f}x")
    print(f"import {count} rows (read, compare, backup, apply): service {imported:.2f} s; bare read-only "
          f"iteration + executemany {bare_read:.2f} s -> ratio {imported / bare_read:.2f}x (goal <= 2.0x); "
          f"peak Python memory {peak:.0f} MB")
    print(f"import {count} rows: service {imported:.2f} s; bare python-calamine reading + executemany "
          f"{bare_calamine:.2f} s -> ratio {imported / bare_calamine:.2f}x (goal <= 3.0x, issue 13)")
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
