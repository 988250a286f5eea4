"""报送轮次 rows: rounds of a plan, the units asked (with what was sent), and the returns received."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from planner.storage.clock import now_text

if TYPE_CHECKING:
    from sqlite_utils import Database


@dataclass(frozen=True)
class RoundRow:
    """A round as stored; dates are ISO text (``due_date`` a day, the others to the second)."""

    id: int
    plan_id: int
    name: str
    due_date: str
    started_at: str
    closed_at: str | None


def insert_round(db: Database, *, plan_id: int, name: str, due_date: str, units: Sequence[tuple[int | None, str]],
                 started_at: str | None = None) -> int:
    """Store a new open round with its units (id, name) in order; the caller closes any open one first."""
    with db.atomic():
        round_id = db.execute(
            "INSERT INTO rounds (plan_id, name, due_date, started_at) VALUES (?, ?, ?, ?)",
            [plan_id, name, due_date, started_at or now_text()]).lastrowid
        db.conn.executemany(
            "INSERT INTO round_units (round_id, position, unit_id, unit_name) VALUES (?, ?, ?, ?)",
            [(round_id, position, unit_id, unit_name) for position, (unit_id, unit_name) in enumerate(units)])
    return round_id


def close_round(db: Database, round_id: int, closed_at: str | None = None) -> None:
    db.execute("UPDATE rounds SET closed_at = ? WHERE id = ? AND closed_at IS NULL", [closed_at or now_text(), round_id])


def get_round(db: Database, round_id: int) -> RoundRow | None:
    row = next(db.query("SELECT * FROM rounds WHERE id = ?", [round_id]), None)
    return RoundRow(**row) if row else None


def list_rounds(db: Database, plan_id: int) -> list[RoundRow]:
    """The plan's rounds, newest first."""
    return [RoundRow(**row) for row in db.query(
        "SELECT * FROM rounds WHERE plan_id = ? ORDER BY started_at DESC, id DESC", [plan_id])]


def open_round(db: Database, plan_id: int) -> RoundRow | None:
    row = next(db.query("SELECT * FROM rounds WHERE plan_id = ? AND closed_at IS NULL", [plan_id]), None)
    return RoundRow(**row) if row else None


def round_units(db: Database, round_id: int) -> list[dict]:
    """The units asked, in order: position, unit_id, name (the directory's current name if it still exists),
    sent_at, sent_file, and the first and latest return (first_return, last_return, last_file,
    last_rows, returns)."""
    return list(db.query(
        """SELECT ru.position, ru.unit_id, coalesce(u.name, ru.unit_name) AS name, ru.sent_at, ru.sent_file,
                  (SELECT min(returned_at) FROM round_returns r
                    WHERE r.round_id = ru.round_id AND r.position = ru.position) AS first_return,
                  last.returned_at AS last_return, last.file_name AS last_file, last.rows_changed AS last_rows,
                  (SELECT count(*) FROM round_returns r
                    WHERE r.round_id = ru.round_id AND r.position = ru.position) AS returns
             FROM round_units ru
             LEFT JOIN units u ON u.id = ru.unit_id
             LEFT JOIN round_returns last ON last.id = (
                  SELECT id FROM round_returns r WHERE r.round_id = ru.round_id AND r.position = ru.position
                   ORDER BY returned_at DESC, id DESC LIMIT 1)
            WHERE ru.round_id = ?
            ORDER BY ru.position""", [round_id]))


def mark_sent(db: Database, round_id: int, files: Mapping[int, str], sent_at: str) -> None:
    """Record the file sent to each unit (by position); a later export replaces the earlier one."""
    db.conn.executemany("UPDATE round_units SET sent_at = ?, sent_file = ? WHERE round_id = ? AND position = ?",
                        [(sent_at, file_name, round_id, position) for position, file_name in files.items()])


def add_return(db: Database, round_id: int, position: int, *, file_name: str, rows_changed: int,
               returned_at: str | None = None) -> int:
    return db.execute(
        "INSERT INTO round_returns (round_id, position, returned_at, file_name, rows_changed) VALUES (?, ?, ?, ?, ?)",
        [round_id, position, returned_at or now_text(), file_name, rows_changed]).lastrowid
