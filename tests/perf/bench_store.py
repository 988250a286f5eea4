"""Benchmark: bulk-creating tasks through the service against raw sqlite3 executemany.

Run by hand: python tests/perf/bench_store.py [--tasks 20000] [--repeat 3]
Both sides write the same rows into the same migrated schema, full-text index
triggers included, in one transaction each; the figure is the ratio (goal ≤ 2×).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.perf.bench_cli import run_from_command_line  # noqa: E402
from planner.domain.model import NewTask  # noqa: E402
from planner.exchange.builtin import load_builtin  # noqa: E402
from planner.services import documents, plans, tasks, workspace  # noqa: E402

UNITS = ["省发展改革委", "省财政厅", "省自然资源厅", "省生态环境厅", "省交通运输厅", "省教育厅"]


def make_tasks(item_ids: list[int], count: int) -> list[NewTask]:
    return [NewTask(item_id=item_ids[n % len(item_ids)],
                    content=f"推进第{n}项区域协调发展重点任务，完善配套政策并组织实施",
                    lead_unit=UNITS[n % len(UNITS)],
                    support_units=(UNITS[(n + 1) % len(UNITS)], UNITS[(n + 2) % len(UNITS)]),
                    leader="王志远（副省长）", deadline_phrase="2026年12月底前")
            for n in range(count)]


def fresh_database(folder: Path, name: str):
    db = workspace.open_workspace(folder / name, load_builtin(ROOT / "resources"))
    plan = plans.most_recent_plan(db)
    item_ids = [item.id for item in documents.load_document(db, plan.document_id).items]
    return db, plan, item_ids


def time_service(folder: Path, count: int) -> float:
    db, plan, item_ids = fresh_database(folder, f"service-{uuid.uuid4().hex}.db")
    new_tasks = make_tasks(item_ids, count)
    start = time.perf_counter()
    tasks.bulk_create_tasks(db, plan.id, new_tasks)
    elapsed = time.perf_counter() - start
    assert len(tasks.list_tasks(db, plan.id)) == count
    db.close()
    return elapsed


def time_raw(folder: Path, count: int) -> float:
    db, plan, item_ids = fresh_database(folder, f"raw-{uuid.uuid4().hex}.db")
    unit_ids = {r["name"]: r["id"] for r in db.query("SELECT id, name FROM units")}
    path = db.conn.execute("PRAGMA database_list").fetchone()[2]
    db.close()
    new_tasks = make_tasks(item_ids, count)
    connection = sqlite3.connect(path)
    start = time.perf_counter()
    now = dt.datetime.now().isoformat(timespec="seconds")
    rows = [(n + 1, uuid.uuid4().hex, plan.id, t.item_id, f"{n}", t.content, unit_ids[t.lead_unit], t.leader,
             t.deadline_phrase, "2026-12-31", n, now, now) for n, t in enumerate(new_tasks)]
    support = [(n + 1, unit_ids[name], position) for n, t in enumerate(new_tasks)
               for position, name in enumerate(t.support_units)]
    with connection:
        connection.executemany(
            """INSERT INTO tasks (id, uid, plan_id, item_id, code, content, lead_unit_id, leader,
                   deadline_phrase, deadline_date, sort_order, created_at, updated_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows)
        connection.executemany("INSERT INTO task_support_units (task_id, unit_id, position) VALUES (?, ?, ?)",
                               support)
    elapsed = time.perf_counter() - start
    connection.close()
    return elapsed


def run(count: int, repeat: int) -> tuple[float, float]:
    """Best-of-``repeat`` seconds for the service and for raw executemany."""
    with tempfile.TemporaryDirectory() as folder:
        service = min(time_service(Path(folder), count) for _ in range(repeat))
        raw = min(time_raw(Path(folder), count) for _ in range(repeat))
    print(f"bulk create {count} tasks: service {service:.3f} s, raw executemany {raw:.3f} s, "
          f"ratio {service / raw:.2f}x (goal <= 2.0x)")
    return service, raw


def main() -> None:
    run_from_command_line(run, __doc__)


if __name__ == "__main__":
    main()
