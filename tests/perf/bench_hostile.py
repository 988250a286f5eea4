"""Benchmark: peak memory and time of ``import-xlsx`` on hostile workbooks, and on an honest one at the limit.

Run by hand: python tests/perf/bench_hostile.py [--rows 99999]
Each file is imported by the command line in a child process, as a user runs it; its peak
resident memory (os.wait4's ru_maxrss) is printed next to the 500 MB goal and its time to
refusal next to the 10 s goal (issue 13). Refused: an .xlsx with cells at A1 and XFD1048576,
one with cells at A1 and GR100000 (rows and columns within their limits, 20,000,000 cells),
a zip bomb (.xlsx under 2 MB whose sheet XML inflates to 280 MB), an .ods bomb, an .xls whose
DIMENSIONS record declares 1,048,576 rows × 256 columns, an .xls with a cell at IV65536, a CSV
of 100,001 rows and one of 45 MB in 200 columns.
Read: the largest rectangle accepted (A1 and T100000), an .ods of 1 KB that repeats a number
over 100,000 rows × 20 columns (with and without a header over it), and an honest 12-column
return with --rows rows written as Excel writes it, previewed with --dry-run (it would add
that many tasks: the preview is the reading and comparing).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

MEMORY_GOAL_MB = 500
TIME_GOAL_S = 10
HOSTILE = ("far_cell_xlsx", "corner_cell_xlsx", "zip_bomb_xlsx", "ods_bomb", "declared_million_rows_xls",
           "last_cell_xls", "long_csv", "wide_csv")


def import_peak(db: Path, plan_id: str, file: Path, *extra: str) -> tuple[float, float, int, str]:
    """(peak MB, seconds, exit code, first line of stderr) of one import-xlsx in a child process.

    Linux carries a process's peak over exec, so a child forked from a large process reports
    that size as its own: the files are built in other children (build) to keep this one small.
    """
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        child = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "--db", str(db), "import-xlsx",
                                  "--plan", plan_id, str(file), *extra],
                                 stdout=subprocess.DEVNULL, stderr=errors, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
        _, status, usage = os.wait4(child.pid, 0)
        elapsed = time.perf_counter() - start
        errors.seek(0)
        first = errors.read().decode("utf-8", "replace").strip().splitlines()[:1]
    return usage.ru_maxrss / 1024, elapsed, os.waitstatus_to_exitcode(status), first[0] if first else ""


def build(kind: str, folder: Path, *args: int) -> Path:
    """Build one file with tests/hostile_files.py in a child process; returns its path."""
    code = (f"import sys; sys.path.insert(0, {str(ROOT)!r}); from pathlib import Path; from tests import hostile_files; "
            f"print(hostile_files.{kind}(Path({str(folder)!r}), *{args!r}))")
    made = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, encoding="utf-8", check=True)
    return Path(made.stdout.strip())


def run(rows: int) -> dict[str, tuple[float, float]]:
    figures = {}
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        made = subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", str(folder / "plan.db"), "demo"],
                              capture_output=True, text=True, check=True)
        plan_id = made.stdout.strip().splitlines()[-1]
        cases = [(kind, build(kind, folder), ()) for kind in HOSTILE]
        accepted = [("largest accepted rectangle (A1 + T100000)", build("largest_accepted_xlsx", folder), ()),
                    ("largest rectangle of values (.ods, 100000 × 20)", build("dense_ods", folder), ()),
                    ("the same under a header: 99999 task rows", build("dense_ods_with_header", folder), ()),
                    ("1,600,000 different numbers under a header", build("unique_numbers_xlsx", folder), ()),
                    (f"honest {rows} rows × 12 columns (--dry-run)", build("honest_return", folder, rows), ("--dry-run",))]
        for kind, file, extra in cases + accepted:
            peak, seconds, code, message = import_peak(folder / "plan.db", plan_id, file, *extra)
            figures[kind] = (peak, seconds)
            refused = (kind, file, extra) in cases
            # The 10 s goal is for refusals; a file that is read is timed for information.
            timing = f"{seconds:5.2f} s to refusal (goal <= {TIME_GOAL_S} s)" if refused else f"{seconds:5.2f} s read"
            verdict = "ok" if peak <= MEMORY_GOAL_MB and (seconds <= TIME_GOAL_S or not refused) else "OVER"
            print(f"{kind:45} {file.stat().st_size / 1024 / 1024:7.2f} MB file: peak {peak:6.0f} MB "
                  f"(goal <= {MEMORY_GOAL_MB} MB), {timing}, exit {code} {verdict}\n    {message[:160]}")
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=99_999)
    run(parser.parse_args().rows)


if __name__ == "__main__":
    main()
