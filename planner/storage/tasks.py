"""Tasks of a plan with their units and progress history; deletion is soft."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from planner.domain.frozen import frozen_instance
from planner.domain.model import NewTask, ProgressEntry, Status, Task
from planner.storage.clock import date_or_none, now_text
from planner.storage.uids import new_uid
from planner.storage.units import add_units

if TYPE_CHECKING:
    from sqlite_utils import Database


def insert_tasks(db: Database, plan_id: int, tasks: Sequence[NewTask]) -> list[int]:
    """Insert tasks, their units and progress history in one transaction; return the new ids.

    Units named on a task that are not in the directory yet are added to it.
    A task without a code gets the next one of its item, as item.n (4.2).
    """
    if not tasks:
        return []
    now = now_text()
    with db.atomic():
        unit_ids = add_units(db, [name for t in tasks for name in (t.lead_unit, *t.support_units)])
        item_numbers = {r["id"]: r["number"] for r in db.query(
            "SELECT i.id, i.number FROM items i JOIN plans p ON p.document_id = i.document_id "
            "WHERE p.id = ?", [plan_id])}
        next_index, next_order = _next_positions(db, plan_id)
        first_id = next(db.query("SELECT coalesce(max(id), 0) + 1 AS n FROM tasks"))["n"]
        task_rows, support_rows, progress_rows = [], [], []
        for offset, task in enumerate(tasks):
            task_id = first_id + offset
            code = task.code
            if not code:
                next_index[task.item_id] = next_index.get(task.item_id, 0) + 1
                code = f"{item_numbers.get(task.item_id, 0)}.{next_index[task.item_id]}"
            next_order[task.item_id] = next_order.get(task.item_id, -1) + 1
            lead_id = unit_ids.get(task.lead_unit.strip())
            task_rows.append((
                task_id, new_uid(), plan_id, task.item_id, code, task.content,
                task.source_passage, lead_id, task.leader, task.deadline_phrase,
                task.deadline_date.isoformat() if task.deadline_date else None,
                task.status.value, task.percent, task.note, next_order[task.item_id], now, now))
            # Trimmed names, through aliases, each unit once and never the lead itself.
            support_ids = dict.fromkeys(unit_ids[name.strip()] for name in task.support_units if name.strip())
            support_rows += [(task_id, unit_id, position)
                             for position, unit_id in enumerate(i for i in support_ids if i != lead_id)]
            progress_rows += [(task_id, entry.date.isoformat(), entry.text,
                               entry.status.value if entry.status else None, entry.percent,
                               entry.source, now) for entry in task.progress]
        db.conn.executemany(
            """INSERT INTO tasks (id, uid, plan_id, item_id, code, content, source_passage, lead_unit_id,
                   leader, deadline_phrase, deadline_date, status, percent, note, sort_order,
                   created_at, updated_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", task_rows)
        db.conn.executemany(
            "INSERT INTO task_support_units (task_id, unit_id, position) VALUES (?, ?, ?)", support_rows)
        db.conn.executemany(
            """INSERT INTO progress_entries (task_id, entry_date, text, status, percent, source, created_at)
               VALUES (?, ?, ?, ?, ?, ?, ?)""", progress_rows)
        db.execute("UPDATE plans SET updated_at = ? WHERE id = ?", [now, plan_id])
    return [row[0] for row in task_rows]


def _next_positions(db: Database, plan_id: int) -> tuple[dict[int, int], dict[int, int]]:
    """Per item: the highest task number used in codes (deleted tasks included) and sort order."""
    numbers: dict[int, int] = {}
    orders: dict[int, int] = {}
    for row in db.query("SELECT item_id, code, sort_order FROM tasks WHERE plan_id = ?", [plan_id]):
        suffix = row["code"].rpartition(".")[2]
        if suffix.isdigit():
            numbers[row["item_id"]] = max(numbers.get(row["item_id"], 0), int(suffix))
        orders[row["item_id"]] = max(orders.get(row["item_id"], -1), row["sort_order"])
    return numbers, orders


# Only the columns a Task holds: fewer columns per row is most of the cost of 20,000 rows.
_TASK_SELECT = """
    SELECT t.id, t.uid, t.plan_id, t.item_id, t.code, t.content, t.leader, t.deadline_phrase,
           t.deadline_date, t.status, t.percent, t.note, t.source_passage, t.sort_order,
           u.name AS lead_unit_name, i.sort_order AS item_order
    FROM tasks t
    JOIN items i ON i.id = t.item_id
    LEFT JOIN units u ON u.id = t.lead_unit_id
"""


def list_tasks(db: Database, plan_id: int, *, include_deleted: bool = False,
               item_id: int | None = None) -> list[Task]:
    """The plan's tasks (or one item's) in outline order (item, then position within the item)."""
    # A whole plan is most of the file: reading the table straight through ("+" keeps SQLite off
    # the plan_id indexes, which cost a lookup per row) and sorting here is a third quicker than
    # SQL's ORDER BY through a temporary b-tree on 20,000 rows (issue 11: 显示全部任务 ≤ 300 ms).
    where, params = ("+t.plan_id = ?", [plan_id]) if item_id is None else \
        ("t.plan_id = ? AND t.item_id = ?", [plan_id, item_id])
    if not include_deleted:
        where += " AND t.deleted_at IS NULL"
    # One query for all cooperating units rather than one per task.
    support = _support_names(db, where, params)
    # Plain tuples from the connection, not db.query()'s dicts: building 20,000 dicts was a third
    # of the time 显示全部任务 took.
    rows = db.conn.execute(f"{_TASK_SELECT} WHERE {where}", params).fetchall()
    rows.sort(key=lambda row: (row[15], row[13], row[0]))  # item's order, the task's, then id
    dates: dict[str, dt.date] = {}  # deadlines repeat a lot; parse each once
    no_units: tuple[str, ...] = ()
    listed = []
    # Values read back from the database were checked when written: built without the generated
    # __init__ (domain.frozen), which was a quarter of reading a 20,000-task plan.
    for (task_id, uid, plan, item, code, content, leader, phrase, due, status, percent, note, passage,
         order, lead, _item_order) in rows:
        listed.append(frozen_instance(Task, {
            "id": task_id, "uid": uid, "plan_id": plan, "item_id": item, "code": code, "content": content,
            "lead_unit": lead or "", "support_units": support.get(task_id, no_units), "leader": leader,
            "deadline_phrase": phrase,
            "deadline_date": (dates.get(due) or dates.setdefault(due, dt.date.fromisoformat(due))) if due else None,
            "status": _STATUS[status], "percent": percent, "note": note, "source_passage": passage,
            "sort_order": order}))
    return listed


class TaskFields(NamedTuple):
    """A live task's own columns, without its units: what an import checks before it writes."""

    content: str | None = None
    leader: str | None = None
    note: str | None = None
    status: Status | None = None
    percent: int | None = None
    deadline_phrase: str | None = None
    deadline_date: dt.date | None = None


def task_fields(db: Database, plan_id: int, columns: Sequence[str] = TaskFields._fields) -> dict[int, TaskFields]:
    """Task id → the given TaskFields columns (the others None) of the plan's live tasks.

    One query without joins, of only the columns asked for: an import that changes statuses
    reads 20,000 statuses, not 20,000 task contents.
    """
    names = [name for name in TaskFields._fields if name in columns]
    dates: dict[str, dt.date] = {}  # deadlines repeat a lot; parse each once

    def shaped(name: str, value: object) -> object:
        if name == "status":
            return _STATUS[value]
        if name == "deadline_date" and value:
            return dates.get(value) or dates.setdefault(value, dt.date.fromisoformat(value))
        return value

    rows = db.conn.execute(f"SELECT id, {', '.join(names) or 'id'} FROM tasks "
                           "WHERE plan_id = ? AND deleted_at IS NULL", [plan_id])
    if names == ["status"]:  # the usual return: one column, no per-value dispatch
        return {task_id: TaskFields(status=_STATUS[status]) for task_id, status in rows}
    return {row[0]: TaskFields(**{name: shaped(name, value) for name, value in zip(names, row[1:], strict=False)})
            for row in rows}


def tallies(db: Database, plan_id: int, *, today: str, soon: str) -> list[dict]:
    """Live tasks counted per item and status: how many are overdue, due by ``soon``, dated, without a lead unit.

    One pass over the covering index tasks_plan_summary: the outline's counts and lights and
    the status bar's counts all come from it, so a 20,000-task plan opens without a second scan.
    """
    return list(db.query(
        """SELECT item_id, status, count(*) AS total,
                  sum(deadline_date < :today) AS overdue,
                  sum(deadline_date >= :today AND deadline_date <= :soon) AS due_soon,
                  sum(deadline_date IS NOT NULL) AS dated, sum(lead_unit_id IS NULL) AS unassigned
           FROM tasks WHERE plan_id = :plan AND deleted_at IS NULL
           GROUP BY item_id, status""", {"plan": plan_id, "today": today, "soon": soon}))


def leader_names(db: Database, plan_id: int) -> list[str]:
    """The distinct 分管领导 written on the plan's live tasks, most used first."""
    return [row["leader"] for row in db.query(
        "SELECT leader, COUNT(*) AS uses FROM tasks WHERE plan_id = ? AND deleted_at IS NULL AND leader != '' "
        "GROUP BY leader ORDER BY uses DESC, leader", [plan_id])]


def get_task(db: Database, task_id: int) -> Task | None:
    row = next(db.query(f"{_TASK_SELECT} WHERE t.id = ?", [task_id]), None)
    return _task(row, _support_names(db, "t.id = ?", [task_id]).get(task_id, ())) if row else None


def _support_names(db: Database, where: str, params: list) -> dict[int, tuple[str, ...]]:
    """Each task's cooperating units (配合单位) in the order given, for the tasks ``where`` selects."""
    names = dict(db.conn.execute("SELECT id, name FROM units"))  # a few hundred: cheaper than a join per pair
    pairs: dict[int, list[tuple[int, int]]] = {}
    # Unordered (SQL's ORDER BY sorted all 40,000 pairs of a 20,000-task plan through a temporary
    # b-tree); each task's few units are put in order here. Tuples, not dicts: see list_tasks.
    for task_id, position, unit_id in db.conn.execute(
            f"""SELECT s.task_id, s.position, s.unit_id FROM task_support_units s
                JOIN tasks t ON t.id = s.task_id WHERE {where}""", params):
        if task_id in pairs:
            pairs[task_id].append((position, unit_id))
        else:
            pairs[task_id] = [(position, unit_id)]
    found = {}
    for task_id, units in pairs.items():
        if len(units) > 1:
            units.sort()
        found[task_id] = tuple([names[unit_id] for _position, unit_id in units])
    return found


def soft_delete_task(db: Database, task_id: int) -> None:
    """Hide a task; it and its progress history stay in the file and can be restored."""
    db.execute("UPDATE tasks SET deleted_at = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL",
               [now_text(), now_text(), task_id])


def restore_task(db: Database, task_id: int) -> None:
    db.execute("UPDATE tasks SET deleted_at = NULL, updated_at = ? WHERE id = ?", [now_text(), task_id])


def list_progress(db: Database, task_id: int) -> list[ProgressEntry]:
    """A task's progress history, newest first."""
    return [_entry(r) for r in db.query("SELECT * FROM progress_entries WHERE task_id = ? "
                                        "ORDER BY entry_date DESC, id DESC", [task_id])]


_STATUS = {status.value: status for status in Status}  # a dict lookup is cheaper than Status(value)


def _task(row: dict, support_units: tuple[str, ...]) -> Task:
    return Task(
        id=row["id"], uid=row["uid"], plan_id=row["plan_id"], item_id=row["item_id"], code=row["code"],
        content=row["content"], lead_unit=row["lead_unit_name"] or "", support_units=support_units,
        leader=row["leader"], deadline_phrase=row["deadline_phrase"],
        deadline_date=date_or_none(row["deadline_date"]), status=_STATUS[row["status"]],
        percent=row["percent"], note=row["note"], source_passage=row["source_passage"],
        sort_order=row["sort_order"])


# Columns a caller may set directly; units and deadlines have their own shape.
_UPDATABLE = {"content", "leader", "deadline_phrase", "deadline_date", "status", "percent", "note",
              "lead_unit_id", "source_passage", "code", "sort_order"}


def update_columns(db: Database, task_id: int, **columns) -> None:
    """Set columns of one task and stamp it (and its plan) as changed."""
    unknown = set(columns) - _UPDATABLE
    if unknown:
        raise ValueError(f"not updatable: {unknown}")
    now = now_text()
    assignments = "".join(f"{name} = ?, " for name in columns)
    with db.atomic():
        db.execute(f"UPDATE tasks SET {assignments}updated_at = ? WHERE id = ?",
                   [*columns.values(), now, task_id])
        db.execute("UPDATE plans SET updated_at = ? WHERE id = (SELECT plan_id FROM tasks WHERE id = ?)",
                   [now, task_id])


def set_support_units(db: Database, task_id: int, unit_ids: Sequence[int]) -> None:
    """Replace a task's cooperating units, keeping the given order."""
    with db.atomic():
        db.execute("DELETE FROM task_support_units WHERE task_id = ?", [task_id])
        for position, unit_id in enumerate(dict.fromkeys(unit_ids)):
            db.execute("INSERT INTO task_support_units (task_id, unit_id, position) VALUES (?, ?, ?)",
                       [task_id, unit_id, position])
        update_columns(db, task_id)


def latest_progress(db: Database, plan_id: int, *, item_id: int | None = None) -> dict[int, ProgressEntry]:
    """Each task's newest progress entry (by date, then entry order)."""
    return _entries({row[0]: row for row in _progress_rows(db, plan_id, item_id)})


def progress_history(db: Database, plan_id: int) -> tuple[dict[int, ProgressEntry], dict[int, set[str]]]:
    """Each task's newest progress entry, and the texts of all its entries, from one pass.

    An import needs both: the newest entry to compare with, the whole history so that a note
    re-sent from an older return is not added again.
    """
    last: dict[int, tuple] = {}
    texts: dict[int, set[str]] = {}
    for row in _progress_rows(db, plan_id, None):
        task_id = row[0]
        last[task_id] = row
        known = texts.get(task_id)  # (setdefault would build an empty set for every entry)
        if known is None:
            texts[task_id] = {row[3]}
        else:
            known.add(row[3])
    return _entries(last), texts


def _progress_rows(db: Database, plan_id: int, item_id: int | None):
    """(task id, id, date, text, status, percent, source) of the plan's entries, oldest first per task.

    Plain tuples (see list_tasks); entries are built only for the rows kept.
    """
    where, params = ("t.plan_id = ?", [plan_id]) if item_id is None else \
        ("t.plan_id = ? AND t.item_id = ?", [plan_id, item_id])
    # The plan's task ids as a list SQLite walks in order, each task's entries then read through
    # progress_entries_task (task_id, entry_date, and the id): the rows come in the ORDER BY's
    # order. As a join they were sorted again through a temporary b-tree, half of the query on a
    # 20,000-task plan.
    return db.conn.execute(
        f"""SELECT p.task_id, p.id, p.entry_date, p.text, p.status, p.percent, p.source
            FROM progress_entries p WHERE p.task_id IN (SELECT t.id FROM tasks t WHERE {where})
            ORDER BY p.task_id, p.entry_date, p.id""", params)


def _entries(rows: dict[int, tuple]) -> dict[int, ProgressEntry]:
    dates: dict[str, dt.date] = {}  # entry dates repeat a lot; parse each once
    # Checked when written, built as in list_tasks.
    return {task_id: frozen_instance(ProgressEntry, {
                "date": dates.get(day) or dates.setdefault(day, dt.date.fromisoformat(day)), "text": text,
                "status": _STATUS[status] if status else None, "percent": percent, "source": source, "id": entry_id})
            for task_id, entry_id, day, text, status, percent, source in rows.values()}


_INSERT_PROGRESS = """INSERT INTO progress_entries (task_id, entry_date, text, status, percent, source, created_at)
                       VALUES (?, ?, ?, ?, ?, ?, ?)"""


def insert_progress(db: Database, task_id: int, entry: ProgressEntry) -> int:
    return db.execute(_INSERT_PROGRESS, _progress_values(task_id, entry, now_text())).lastrowid


def insert_progress_many(db: Database, entries: Sequence[tuple[int, ProgressEntry]]) -> tuple[int, ...]:
    """Insert (task id, entry) pairs with one executemany; returns the new ids in the same order.

    Call inside a write transaction (``db.atomic()``): nothing else inserts then, and SQLite
    gives each row without an explicit id the largest id so far plus one
    (https://www.sqlite.org/autoinc.html), so the new ids are the ones after the largest before.
    """
    if not entries:
        return ()
    now = now_text()
    before = db.conn.execute("SELECT coalesce(max(id), 0) FROM progress_entries").fetchone()[0]
    db.conn.executemany(_INSERT_PROGRESS, [_progress_values(task_id, entry, now) for task_id, entry in entries])
    ids = tuple(row[0] for row in db.conn.execute(
        "SELECT id FROM progress_entries WHERE id > ? ORDER BY id", [before]))
    if len(ids) != len(entries):  # only when ids ran out (2**63): SQLite then picks them at random
        raise RuntimeError(f"expected {len(entries)} new progress entries, found {len(ids)}")
    return ids


def _progress_values(task_id: int, entry: ProgressEntry, now: str) -> list:
    # str() of a StrEnum is its value, in C; the .value property is a Python call per row.
    return [task_id, entry.date.isoformat(), entry.text, str(entry.status) if entry.status else None,
            entry.percent, entry.source, now]


def delete_progress(db: Database, entry_id: int) -> None:
    db.execute("DELETE FROM progress_entries WHERE id = ?", [entry_id])


def _entry(row: dict) -> ProgressEntry:
    return ProgressEntry(id=row["id"], date=date_or_none(row["entry_date"]), text=row["text"],
                         status=Status(row["status"]) if row["status"] else None, percent=row["percent"],
                         source=row["source"])


def created_dates(db: Database, plan_id: int) -> dict[int, dt.date]:
    """Each live task's creation day (local time, as stored): a report as of an earlier day leaves it out."""
    return {row["id"]: dt.date.fromisoformat(row["created_at"][:10]) for row in db.query(
        "SELECT id, created_at FROM tasks WHERE plan_id = ? AND deleted_at IS NULL", [plan_id])}
