"""Returned 台账 received per plan: which file, for which unit, when, and what it changed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database



@dataclass(frozen=True)
class ReceivedReturn:
    """One applied return; a return that changed nothing has zero counts and still counts as received."""

    file_name: str
    unit: str
    exported_at: str
    received_at: str
    new_tasks: int = 0
    changed_fields: int = 0
    progress_entries: int = 0


def record_return(db: Database, plan_id: int, received: ReceivedReturn) -> int:
    """Remember one received return (inside the caller's transaction); return its id."""
    return db.execute(
        """INSERT INTO ledger_returns (plan_id, file_name, unit, exported_at, received_at, new_tasks,
                                       changed_fields, progress_entries) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
        [plan_id, received.file_name, received.unit, received.exported_at, received.received_at,
         received.new_tasks, received.changed_fields, received.progress_entries]).lastrowid


def list_returns(db: Database, plan_id: int) -> list[ReceivedReturn]:
    """The plan's received returns, oldest first."""
    return [ReceivedReturn(row["file_name"], row["unit"], row["exported_at"], row["received_at"], row["new_tasks"],
                           row["changed_fields"], row["progress_entries"])
            for row in db.query("SELECT * FROM ledger_returns WHERE plan_id = ? ORDER BY received_at, id", [plan_id])]


def delete_returns(db: Database, return_ids: list[int] | tuple[int, ...]) -> None:
    """Forget returns recorded by an import that is being undone."""
    for return_id in return_ids:
        db.execute("DELETE FROM ledger_returns WHERE id = ?", [return_id])
