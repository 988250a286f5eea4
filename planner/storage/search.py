"""Full-text search that works for Chinese: FTS5 trigram, with LIKE for short queries."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database

# The trigram tokenizer cannot match fewer than three characters (财政, 生态).
TRIGRAM_MIN = 3


def search_task_ids(db: Database, plan_id: int, query: str) -> list[int]:
    """Ids of the plan's live tasks whose content contains ``query``, in outline order."""
    query = query.strip()
    if not query:
        return []
    if len(query) >= TRIGRAM_MIN:
        match = ("t.id IN (SELECT rowid FROM tasks_fts WHERE tasks_fts MATCH ?)", _phrase(query))
    else:
        match = ("t.content LIKE ? ESCAPE '\\'", f"%{_like(query)}%")
    rows = db.query(
        f"""SELECT t.id FROM tasks t JOIN items i ON i.id = t.item_id
            WHERE t.plan_id = ? AND t.deleted_at IS NULL AND {match[0]}
            ORDER BY i.sort_order, t.sort_order, t.id""", [plan_id, match[1]])
    return [row["id"] for row in rows]


def search_item_ids(db: Database, document_id: int, query: str) -> list[int]:
    """Ids of the document's items whose heading or text contains ``query``."""
    query = query.strip()
    if not query:
        return []
    if len(query) >= TRIGRAM_MIN:
        condition, value = "id IN (SELECT rowid FROM items_fts WHERE items_fts MATCH ?)", _phrase(query)
        params = [document_id, value]
    else:
        condition = "(heading LIKE ? ESCAPE '\\' OR text LIKE ? ESCAPE '\\')"
        params = [document_id, f"%{_like(query)}%", f"%{_like(query)}%"]
    return [row["id"] for row in db.query(
        f"SELECT id FROM items WHERE document_id = ? AND {condition} ORDER BY sort_order", params)]


def _phrase(query: str) -> str:
    # One quoted FTS5 phrase: user text never becomes query syntax.
    return '"' + query.replace('"', '""') + '"'


def _like(query: str) -> str:
    return query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
