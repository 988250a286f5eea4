"""Taking back what an import added: its new tasks (with their history) and remembered aliases."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database


def purge_tasks(db: Database, task_ids: Sequence[int]) -> None:
    """Remove tasks an import created, with their progress and unit links, for good.

    Only for undoing that import: the rows came from a file that still exists. Tasks a
    person deleted are soft-deleted elsewhere and never purged.
    """
    for start in range(0, len(task_ids), 500):
        chunk = list(task_ids[start:start + 500])
        marks = ",".join("?" * len(chunk))
        db.execute(f"DELETE FROM progress_entries WHERE task_id IN ({marks})", chunk)
        db.execute(f"DELETE FROM tasks WHERE id IN ({marks})", chunk)


def remove_aliases(db: Database, aliases: Iterable[str]) -> None:
    for alias in aliases:
        db.execute("DELETE FROM unit_aliases WHERE alias = ?", [alias])
