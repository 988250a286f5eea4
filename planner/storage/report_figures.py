"""The headline figures of each exported 进展情况报告, one per plan and report date."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from planner.domain.progress_report import ReportFigures
from planner.storage.clock import now_text

if TYPE_CHECKING:
    from sqlite_utils import Database


def keep_figures(db: Database, plan_id: int, figures: ReportFigures) -> None:
    """Store (or replace) the figures of the report as of ``figures.as_of``; the caller holds the transaction."""
    db.execute("INSERT OR REPLACE INTO report_figures (plan_id, as_of, exported_at, figures) VALUES (?, ?, ?, ?)",
               [plan_id, figures.as_of.isoformat(), now_text(), figures.to_json()])


def previous_figures(db: Database, plan_id: int, before: dt.date) -> ReportFigures | None:
    """The figures of the plan's latest report dated before ``before``, or None."""
    row = next(db.query("SELECT as_of, figures FROM report_figures WHERE plan_id = ? AND as_of < ? "
                        "ORDER BY as_of DESC LIMIT 1", [plan_id, before.isoformat()]), None)
    return None if row is None else ReportFigures.from_json(dt.date.fromisoformat(row["as_of"]), row["figures"])

