"""Implementation plans: one office's plan for one document."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from planner.domain.model import Plan
from planner.storage.clock import now_text
from planner.storage.uids import new_uid

if TYPE_CHECKING:
    from sqlite_utils import Database


# The report settings of migration m011, stored under the Plan's own field names.
REPORT_FIELDS = ("recipients", "report_problems", "report_next_steps", "contact_name", "contact_phone")


@dataclass(frozen=True)
class PlanSummary:
    id: int
    name: str
    document_title: str
    task_count: int
    updated_at: str


def create_plan(db: Database, *, document_id: int, name: str, office: str = "",
                year: int | None = None, warning_days: int = 30) -> Plan:
    now = now_text()
    uid = new_uid()
    plan_id = db.execute(
        """INSERT INTO plans (uid, document_id, name, office, year, warning_days, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
        [uid, document_id, name, office, year, warning_days, now, now]).lastrowid
    return Plan(id=plan_id, uid=uid, document_id=document_id, name=name, office=office, year=year,
                warning_days=warning_days)


def get_plan(db: Database, plan_id: int) -> Plan | None:
    row = next(db.query("SELECT * FROM plans WHERE id = ?", [plan_id]), None)
    if row is None:
        return None
    return Plan(id=row["id"], uid=row["uid"], document_id=row["document_id"], name=row["name"],
                office=row["office"], year=row["year"], warning_days=row["warning_days"], preamble=row["preamble"],
                issuer=row["issuer"], **{field: row[field] for field in REPORT_FIELDS})


def list_plans(db: Database) -> list[PlanSummary]:
    """Every plan with its document and live task count, most recently changed first."""
    rows = db.query(
        """SELECT p.id, p.name, d.title AS document_title, p.updated_at,
                  (SELECT count(*) FROM tasks t WHERE t.plan_id = p.id AND t.deleted_at IS NULL)
                      AS task_count
           FROM plans p JOIN documents d ON d.id = p.document_id
           ORDER BY p.updated_at DESC, p.id DESC""")
    return [PlanSummary(id=r["id"], name=r["name"], document_title=r["document_title"],
                        task_count=r["task_count"], updated_at=r["updated_at"]) for r in rows]


def touch_plan(db: Database, plan_id: int) -> None:
    """Mark the plan as just changed, so the window opens on it next time."""
    db.execute("UPDATE plans SET updated_at = ? WHERE id = ?", [now_text(), plan_id])


def update_plan(db: Database, plan_id: int, **fields) -> None:
    allowed = {"name", "office", "year", "warning_days", "preamble", "issuer", *REPORT_FIELDS}
    if set(fields) - allowed:
        raise ValueError(f"not updatable: {set(fields) - allowed}")
    assignments = "".join(f"{name} = ?, " for name in fields)
    db.execute(f"UPDATE plans SET {assignments}updated_at = ? WHERE id = ?", [*fields.values(), now_text(), plan_id])
