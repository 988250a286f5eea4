"""Benchmark: the Word 实施方案 export at 1,000 and 4,000 tasks; it must grow linearly.

Run by hand: python tests/perf/bench_docx.py [--tasks 1000] [--factor 4] [--repeat 3]
The figure is time(4,000)/time(1,000) (goal <= 4.5: python-docx's table.cell(r, c)
or Document.add_paragraph at the end of a long body make it quadratic). Next to
it, a bare python-docx baseline writing the same paragraphs and table rows in
the same run, so the overhead of the template and styles shows too.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from planner.domain.model import Document, Task  # noqa: E402
from planner.domain.policy_text import parse_policy  # noqa: E402
from planner.exchange.docx_export import export_plan, task_paragraph_text  # noqa: E402

TEMPLATE = ROOT / "templates" / "official.docx"
UNITS = ["省发展改革委", "省财政厅", "省自然资源厅", "省生态环境厅", "省交通运输厅", "省教育厅"]


def opinion() -> Document:
    document = parse_policy((ROOT / "resources" / "policy_2018_regional_mechanism.txt").read_text(encoding="utf-8"))
    return replace(document, chapters=tuple(
        replace(chapter, items=tuple(replace(item, id=item.number) for item in chapter.items))
        for chapter in document.chapters))


def make_tasks(document: Document, count: int) -> list[Task]:
    items = document.items
    return [Task(id=n + 1, uid=f"u{n}", plan_id=1, item_id=items[n % len(items)].id, code=f"{n}",
                 content=f"推进第{n}项区域协调发展重点任务，完善配套政策并组织实施，按期报送落实情况",
                 lead_unit=UNITS[n % len(UNITS)], support_units=(UNITS[(n + 1) % 6], UNITS[(n + 2) % 6]),
                 leader="王志远（副省长）", deadline_phrase="2026年12月底前", deadline_date=dt.date(2026, 12, 31),
                 sort_order=n)
            for n in range(count)]


def time_export(document: Document, tasks: list[Task], folder: Path) -> float:
    start = time.perf_counter()
    export_plan(folder / "plan.docx", template=TEMPLATE, title="实施方案", preamble="", document=document,
                tasks=tasks)
    return time.perf_counter() - start


def time_bare(document: Document, tasks: list[Task], folder: Path) -> float:
    """python-docx's own API, as efficiently as it allows: the same paragraphs and rows, no styles."""
    import docx

    start = time.perf_counter()
    out = docx.Document()
    for task in tasks:
        out.add_paragraph(task_paragraph_text(task, 1))
    table = out.add_table(rows=1, cols=5)
    for number, task in enumerate(tasks, start=1):
        cells = table.add_row().cells
        for cell, text in zip(cells, (str(number), task.content, task.lead_unit, "、".join(task.support_units),
                                      task.deadline_phrase), strict=True):
            cell.text = text
    out.save(str(folder / "bare.docx"))
    return time.perf_counter() - start


def best(function, document, tasks, folder, repeat: int) -> float:
    return min(function(document, tasks, folder) for _ in range(repeat))


def run(count: int = 1000, factor: int = 4, repeat: int = 3) -> tuple[float, float]:
    """Best-of-``repeat`` export seconds at ``count`` and ``count * factor`` tasks; prints the ratio."""
    document = opinion()
    small, large = make_tasks(document, count), make_tasks(document, count * factor)
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        t_small = best(time_export, document, small, folder, repeat)
        t_large = best(time_export, document, large, folder, repeat)
        bare_small = best(time_bare, document, small, folder, repeat)
        bare_large = best(time_bare, document, large, folder, repeat)
    print(f"export-docx {count} tasks: {t_small:.3f} s; {count * factor} tasks: {t_large:.3f} s; "
          f"ratio {t_large / t_small:.2f} (goal <= {factor + 0.5:.1f}); "
          f"bare python-docx {bare_small:.3f} s / {bare_large:.3f} s, ratio {bare_large / bare_small:.2f}; "
          f"export vs bare at {count * factor}: {t_large / bare_large:.2f}x")
    return t_small, t_large


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=1000)
    parser.add_argument("--factor", type=int, default=4)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    run(args.tasks, args.factor, args.repeat)


if __name__ == "__main__":
    main()
