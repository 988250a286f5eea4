"""The units directory: departments that lead or support tasks, and their aliases."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from planner.domain.model import Unit
from planner.errors import UserError
from planner.storage.clock import now_text

if TYPE_CHECKING:
    from sqlite_utils import Database


def list_units(db: Database) -> list[Unit]:
    return [Unit(id=r["id"], name=r["name"], sort_order=r["sort_order"])
            for r in db.query("SELECT id, name, sort_order FROM units ORDER BY sort_order, id")]


def add_units(db: Database, names: Iterable[str]) -> dict[str, int]:
    """Ensure every name is in the directory (new ones appended); return name → id for all.

    A name that is a known alias (省发改委) maps to its unit instead of becoming a new one.
    """
    wanted = [name.strip() for name in names if name and name.strip()]
    with db.atomic():
        existing = {r["alias"]: r["unit_id"] for r in db.query("SELECT alias, unit_id FROM unit_aliases")}
        existing.update({r["name"]: r["id"] for r in db.query("SELECT id, name FROM units")})
        order = next(db.query("SELECT coalesce(max(sort_order), -1) AS m FROM units"))["m"]
        now = now_text()
        for name in dict.fromkeys(wanted):
            if name not in existing:
                order += 1
                existing[name] = db.execute(
                    "INSERT INTO units (name, sort_order, created_at) VALUES (?, ?, ?)",
                    [name, order, now]).lastrowid
    return {name: existing[name] for name in wanted}


def add_aliases(db: Database, aliases: dict[str, str]) -> None:
    """Record alias → unit name pairs; aliases whose unit is unknown are skipped."""
    ids = {r["name"]: r["id"] for r in db.query("SELECT id, name FROM units")}
    with db.atomic():
        for alias, name in aliases.items():
            if name in ids and alias not in ids:
                db.execute("INSERT OR REPLACE INTO unit_aliases (alias, unit_id) VALUES (?, ?)",
                           [alias, ids[name]])


def rename_unit(db: Database, unit_id: int, new_name: str) -> None:
    """Rename a unit; tasks keep pointing at it, and the old name becomes an alias."""
    new_name = new_name.strip()
    if not new_name:
        raise UserError("单位名称不能为空。")
    with db.atomic():
        old = next(db.query("SELECT name FROM units WHERE id = ?", [unit_id]), None)
        if old is None:
            raise UserError("该单位已不存在。")
        if next(db.query("SELECT 1 FROM units WHERE name = ? AND id != ?", [new_name, unit_id]), None):
            raise UserError(f"单位“{new_name}”已存在；如要合并两个单位，请使用“合并”。")
        owner = next(db.query("SELECT u.name FROM unit_aliases a JOIN units u ON u.id = a.unit_id "
                              "WHERE a.alias = ? AND a.unit_id != ?", [new_name, unit_id]), None)
        if owner:  # taking it would send that unit's returns to this one
            raise UserError(f"“{new_name}”是单位“{owner['name']}”的别称，不能用作另一个单位的名称；"
                            "如要合并两个单位，请使用“合并”。")
        db.execute("UPDATE units SET name = ? WHERE id = ?", [new_name, unit_id])
        db.execute("DELETE FROM unit_aliases WHERE alias = ?", [new_name])
        db.execute("INSERT OR REPLACE INTO unit_aliases (alias, unit_id) VALUES (?, ?)",
                   [old["name"], unit_id])


@dataclass(frozen=True)
class MergeRecord:
    """Everything a merge changed, so that it can be undone exactly."""

    source_id: int
    source_name: str
    source_order: int
    target_id: int
    lead_task_ids: tuple[int, ...]
    support_links: tuple[tuple[int, int], ...]  # (task_id, position) of the source
    target_support_links: tuple[tuple[int, int], ...]  # target's links removed by the merge
    alias_names: tuple[str, ...]


def merge_units(db: Database, source_id: int, target_id: int) -> MergeRecord:
    """Move every task of ``source_id`` to ``target_id`` and remove the source.

    The source's name becomes an alias of the target, so later imports map it.
    """
    if source_id == target_id:
        raise UserError("不能把单位合并到它自己。")
    with db.atomic():
        source = next(db.query("SELECT name, sort_order FROM units WHERE id = ?", [source_id]), None)
        if source is None or not next(db.query("SELECT 1 FROM units WHERE id = ?", [target_id]), None):
            raise UserError("要合并的单位已不存在。")
        lead_tasks = tuple(r["id"] for r in db.query("SELECT id FROM tasks WHERE lead_unit_id = ?", [source_id]))
        support = tuple((r["task_id"], r["position"]) for r in db.query(
            "SELECT task_id, position FROM task_support_units WHERE unit_id = ?", [source_id]))
        aliases = tuple(r["alias"] for r in db.query("SELECT alias FROM unit_aliases WHERE unit_id = ?",
                                                     [source_id]))
        # Links of the target that the merge makes redundant: it cannot support a task it
        # now leads, nor be listed twice.
        removed_target = tuple((r["task_id"], r["position"]) for r in db.query(
            """SELECT task_id, position FROM task_support_units WHERE unit_id = ? AND (
                   task_id IN (SELECT id FROM tasks WHERE lead_unit_id = ?))""", [target_id, source_id]))
        db.execute("DELETE FROM task_support_units WHERE unit_id = ? AND task_id IN "
                   "(SELECT id FROM tasks WHERE lead_unit_id = ?)", [target_id, source_id])
        db.execute("UPDATE tasks SET lead_unit_id = ? WHERE lead_unit_id = ?", [target_id, source_id])
        db.execute("UPDATE OR IGNORE task_support_units SET unit_id = ? WHERE unit_id = ?", [target_id, source_id])
        db.execute("DELETE FROM task_support_units WHERE unit_id = ?", [source_id])
        db.execute("DELETE FROM task_support_units WHERE unit_id = ? AND task_id IN "
                   "(SELECT id FROM tasks WHERE lead_unit_id = ?)", [target_id, target_id])
        db.execute("UPDATE unit_aliases SET unit_id = ? WHERE unit_id = ?", [target_id, source_id])
        db.execute("DELETE FROM units WHERE id = ?", [source_id])
        db.execute("INSERT OR REPLACE INTO unit_aliases (alias, unit_id) VALUES (?, ?)",
                   [source["name"], target_id])
    return MergeRecord(source_id=source_id, source_name=source["name"], source_order=source["sort_order"],
                       target_id=target_id, lead_task_ids=lead_tasks, support_links=support,
                       target_support_links=removed_target, alias_names=aliases)


def unmerge_units(db: Database, record: MergeRecord) -> None:
    """Undo a merge: the source unit comes back with its id, tasks and aliases."""
    with db.atomic():
        db.execute("INSERT INTO units (id, name, sort_order, created_at) VALUES (?, ?, ?, ?)",
                   [record.source_id, record.source_name, record.source_order, now_text()])
        db.execute("DELETE FROM unit_aliases WHERE alias = ?", [record.source_name])
        for alias in record.alias_names:
            db.execute("UPDATE unit_aliases SET unit_id = ? WHERE alias = ?", [record.source_id, alias])
        for task_id in record.lead_task_ids:
            db.execute("UPDATE tasks SET lead_unit_id = ? WHERE id = ?", [record.source_id, task_id])
        for task_id, position in record.support_links:
            # The merge may have turned this link into the target's; give it back.
            db.execute("DELETE FROM task_support_units WHERE task_id = ? AND unit_id = ? AND position = ?",
                       [task_id, record.target_id, position])
            db.execute("INSERT INTO task_support_units (task_id, unit_id, position) VALUES (?, ?, ?)",
                       [task_id, record.source_id, position])
        for task_id, position in record.target_support_links:
            db.execute("INSERT OR IGNORE INTO task_support_units (task_id, unit_id, position) VALUES (?, ?, ?)",
                       [task_id, record.target_id, position])


def insert_unit(db: Database, unit: Unit) -> None:
    db.execute("INSERT INTO units (id, name, sort_order, created_at) VALUES (?, ?, ?, ?)",
               [unit.id, unit.name, unit.sort_order, now_text()])


def set_order(db: Database, unit_ids: Sequence[int]) -> None:
    with db.atomic():
        for order, unit_id in enumerate(unit_ids):
            db.execute("UPDATE units SET sort_order = ? WHERE id = ?", [order, unit_id])


def usage_count(db: Database, unit_id: int) -> int:
    """How many live tasks name the unit, as lead or cooperating unit."""
    return next(db.query(
        """SELECT count(*) AS n FROM tasks t WHERE t.deleted_at IS NULL AND (t.lead_unit_id = ?
               OR EXISTS (SELECT 1 FROM task_support_units s WHERE s.task_id = t.id AND s.unit_id = ?))""",
        [unit_id, unit_id]))["n"]


def unit_id_by_name(db: Database, name: str) -> int | None:
    row = next(db.query("SELECT id FROM units WHERE name = ?", [name]), None)
    return row["id"] if row else None


def referenced(db: Database, unit_id: int) -> bool:
    """Whether anything names the unit: a task (live or in the 回收站), an alias, a round's unit list."""
    return next(db.query(
        """SELECT EXISTS (SELECT 1 FROM tasks WHERE lead_unit_id = :id)
               OR EXISTS (SELECT 1 FROM task_support_units WHERE unit_id = :id)
               OR EXISTS (SELECT 1 FROM unit_aliases WHERE unit_id = :id)
               OR EXISTS (SELECT 1 FROM round_units WHERE unit_id = :id) AS used""", {"id": unit_id}))["used"] == 1


def delete_unit(db: Database, unit_id: int) -> None:
    """Remove a unit no live task uses; deleted tasks that named it keep their history, not the link."""
    with db.atomic():
        db.execute("UPDATE tasks SET lead_unit_id = NULL WHERE lead_unit_id = ?", [unit_id])
        db.execute("DELETE FROM task_support_units WHERE unit_id = ?", [unit_id])
        db.execute("DELETE FROM units WHERE id = ?", [unit_id])


def alias_names(db: Database) -> dict[str, str]:
    """Every alias with the name of the unit it stands for (省发改委 → 省发展改革委)."""
    return {r["alias"]: r["name"] for r in db.query(
        "SELECT a.alias, u.name FROM unit_aliases a JOIN units u ON u.id = a.unit_id")}
