"""Excel exports remembered per plan: what each one wrote per task, for import conflict checks."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database


# Older snapshots are dropped: a file returned after this many later exports of the same
# plan is still imported, only without telling its edits from the app's (no conflicts).
KEEP_EXPORTS = 50
_UPDATABLE = {"content", "leader", "deadline_phrase", "deadline_date", "status", "percent", "note",
              "lead_unit_id"}


@dataclass(frozen=True)
class TaskOwner:
    """Which plan a task uid belongs to, and whether the task was deleted."""

    task_id: int
    plan_id: int
    deleted: bool


def record_export(db: Database, *, plan_id: int, plan_uid: str, exported_at: str, file_name: str,
                  snapshots: Mapping[str, dict]) -> int:
    """Remember one export and the exported values of each task (by task uid); return its id."""
    with db.atomic():
        export_id = db.execute(
            """INSERT OR REPLACE INTO exports (plan_id, plan_uid, exported_at, file_name, task_count)
               VALUES (?, ?, ?, ?, ?)""",
            [plan_id, plan_uid, exported_at, file_name, len(snapshots)]).lastrowid
        db.conn.executemany(
            "INSERT INTO export_snapshots (export_id, task_uid, fields) VALUES (?, ?, ?)",
            [(export_id, uid, json.dumps(fields, ensure_ascii=False)) for uid, fields in snapshots.items()])
        db.execute(
            """DELETE FROM exports WHERE plan_id = ? AND id NOT IN (
                   SELECT id FROM exports WHERE plan_id = ? ORDER BY exported_at DESC, id DESC LIMIT ?)""",
            [plan_id, plan_id, KEEP_EXPORTS])
    return export_id


def load_snapshot(db: Database, plan_uid: str, exported_at: str) -> dict[str, dict] | None:
    """Task uid → exported values for that export, or None when it is not (or no longer) known."""
    row = next(db.query("SELECT id FROM exports WHERE plan_uid = ? AND exported_at = ?",
                        [plan_uid, exported_at]), None)
    if row is None:
        return None
    # One JSON document decoded once: a json.loads per task was a tenth of a 20,000-row import.
    # The stored fields are JSON already (json.dumps wrote them): joined as they are, not parsed
    # and written again as json_group_object(…, json(fields)) did, which took half as long as the
    # decoding.
    document = db.conn.execute("SELECT '{' || coalesce(group_concat(json_quote(task_uid) || ':' || fields, ','), '') "
                               "|| '}' FROM export_snapshots WHERE export_id = ?", [row["id"]]).fetchone()[0]
    return json.loads(document)


def task_owners(db: Database, uids: Iterable[str]) -> dict[str, TaskOwner]:
    """For each known task uid: its task id, plan and whether it is deleted (any plan)."""
    wanted = list(dict.fromkeys(uids))
    owners = {}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start:start + 500]
        marks = ",".join("?" * len(chunk))
        for row in db.query(f"SELECT id, uid, plan_id, deleted_at FROM tasks WHERE uid IN ({marks})", chunk):
            owners[row["uid"]] = TaskOwner(row["id"], row["plan_id"], row["deleted_at"] is not None)
    return owners


def deleted_task_ids(db: Database, plan_id: int) -> set[int]:
    return {row["id"] for row in db.query(
        "SELECT id FROM tasks WHERE plan_id = ? AND deleted_at IS NOT NULL", [plan_id])}


def lead_unit_id(db: Database, task_id: int) -> int | None:
    row = next(db.query("SELECT lead_unit_id FROM tasks WHERE id = ?", [task_id]), None)
    return row["lead_unit_id"] if row else None


def list_exports(db: Database, plan_id: int) -> list[dict]:
    return list(db.query("SELECT * FROM exports WHERE plan_id = ? ORDER BY exported_at, id", [plan_id]))


def database_file(db: Database) -> str:
    """The main database's file path ("" for an in-memory database)."""
    return db.execute("PRAGMA database_list").fetchone()[2] or ""


def apply_task_updates(db: Database, updates: Sequence[tuple[int, dict]], now: str) -> None:
    """Set columns on many tasks at once (grouped by the set of columns), stamping each."""
    groups: dict[tuple[str, ...], list[list]] = {}
    for task_id, columns in updates:
        names = tuple(sorted(columns))
        rows = groups.get(names)
        if rows is None:  # a new set of columns (a return has a few): checked once
            if set(names) - _UPDATABLE:
                raise ValueError(f"not updatable: {set(names) - _UPDATABLE}")
            rows = groups[names] = []
        rows.append([*map(columns.__getitem__, names), now, task_id])
    for names, rows in groups.items():
        assignments = "".join(f"{name} = ?, " for name in names)
        db.conn.executemany(f"UPDATE tasks SET {assignments}updated_at = ? WHERE id = ?", rows)


def snapshots_for(db: Database, plan_uid: str, uids: Sequence[str]) -> list[tuple[str, dict[str, dict]]]:
    """Every remembered export of the plan, newest first: (exported_at, task uid → exported values).

    Only the given tasks are loaded: enough to tell which export a file without its
    台账信息 sheet came from, and what the last export said about each of its tasks.
    """
    exports_ = list(db.query("SELECT id, exported_at FROM exports WHERE plan_uid = ? "
                             "ORDER BY exported_at DESC, id DESC", [plan_uid]))
    found: dict[int, dict[str, dict]] = {row["id"]: {} for row in exports_}
    wanted = list(dict.fromkeys(uids))
    for start in range(0, len(wanted), 500):
        chunk = wanted[start:start + 500]
        marks = ",".join("?" * len(chunk))
        for row in db.query(
                f"""SELECT s.export_id, s.task_uid, s.fields FROM export_snapshots s
                    JOIN exports e ON e.id = s.export_id
                    WHERE e.plan_uid = ? AND s.task_uid IN ({marks})""", [plan_uid, *chunk]):
            found[row["export_id"]][row["task_uid"]] = json.loads(row["fields"])
    return [(row["exported_at"], found[row["id"]]) for row in exports_]
