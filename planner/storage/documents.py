"""Stored policy documents with their chapters and items."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from planner.domain.model import Chapter, Document, Item
from planner.storage.clock import date_or_none, now_text
from planner.storage.uids import new_uid

if TYPE_CHECKING:
    from sqlite_utils import Database


@dataclass(frozen=True)
class DocumentSummary:
    id: int
    title: str
    issued_on: str | None
    chapter_count: int
    item_count: int
    builtin_key: str | None
    plan_count: int = 0


def save_document(db: Database, document: Document, *, source_name: str = "",
                  builtin_key: str | None = None) -> int:
    """Store a parsed document with its outline in one transaction; return its id."""
    with db.atomic():
        cursor = db.execute(
            """INSERT INTO documents (uid, title, issued_on, label, dateline, doc_number, date_line,
                   recipients, preamble, closing, signature, attachment, source_name, builtin_key,
                   created_at, header_line, issued_by, published_on)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [new_uid(), document.title, document.date.isoformat() if document.date else None,
             document.label, document.dateline, document.doc_number, document.date_line,
             document.recipients, "\n".join(document.preamble), "\n".join(document.closing),
             "\n".join(document.signature), "\n".join(document.attachment), source_name,
             builtin_key, now_text(), document.header_line, document.issued_by,
             document.published_on.isoformat() if document.published_on else None])
        document_id = cursor.lastrowid
        item_order = 0
        for chapter_order, chapter in enumerate(document.chapters):
            chapter_id = db.execute(
                """INSERT INTO chapters (document_id, number, title, heading_line, lead, sort_order)
                   VALUES (?, ?, ?, ?, ?, ?)""",
                [document_id, chapter.number, chapter.title, chapter.heading_line,
                 "\n".join(chapter.lead), chapter_order]).lastrowid
            for item in chapter.items:
                db.execute(
                    """INSERT INTO items (document_id, chapter_id, number, heading, text, sort_order)
                       VALUES (?, ?, ?, ?, ?, ?)""",
                    [document_id, chapter_id, item.number, item.heading, item.text, item_order])
                item_order += 1
    return document_id


def list_documents(db: Database) -> list[DocumentSummary]:
    rows = db.query(
        """SELECT d.id, d.title, d.issued_on, d.builtin_key,
                  (SELECT count(*) FROM chapters c WHERE c.document_id = d.id) AS chapter_count,
                  (SELECT count(*) FROM items i WHERE i.document_id = d.id) AS item_count,
                  (SELECT count(*) FROM plans p WHERE p.document_id = d.id) AS plan_count
           FROM documents d ORDER BY d.id""")
    return [DocumentSummary(id=r["id"], title=r["title"], issued_on=r["issued_on"],
                            chapter_count=r["chapter_count"], item_count=r["item_count"],
                            builtin_key=r["builtin_key"], plan_count=r["plan_count"]) for r in rows]


def same_document_id(db: Database, document: Document) -> int | None:
    """The stored document with the same title and the same body (chapters and items), if any."""
    body = _body(document.chapters)
    for row in db.query("SELECT id FROM documents WHERE title = ? ORDER BY id", [document.title]):
        stored = load_document(db, row["id"])
        if stored is not None and _body(stored.chapters) == body:
            return row["id"]
    return None


def _body(chapters: tuple[Chapter, ...]) -> list:
    return [(c.number, c.title, [(i.number, i.heading, i.text) for i in c.items]) for c in chapters]


def document_id_by_builtin_key(db: Database, key: str) -> int | None:
    row = next(db.query("SELECT id FROM documents WHERE builtin_key = ?", [key]), None)
    return row["id"] if row else None


def item_ids(db: Database, document_id: int) -> set[int]:
    return {row["id"] for row in db.query("SELECT id FROM items WHERE document_id = ?", [document_id])}


def load_document(db: Database, document_id: int) -> Document | None:
    """The stored document with its outline; chapters and items carry their ids."""
    row = next(db.query("SELECT * FROM documents WHERE id = ?", [document_id]), None)
    if row is None:
        return None
    items_by_chapter: dict[int, list[Item]] = {}
    for item in db.query("SELECT * FROM items WHERE document_id = ? ORDER BY sort_order", [document_id]):
        items_by_chapter.setdefault(item["chapter_id"], []).append(
            Item(number=item["number"], heading=item["heading"],
                 paragraphs=tuple(item["text"].split("\n")), id=item["id"]))
    chapters = tuple(
        Chapter(number=c["number"], title=c["title"], items=tuple(items_by_chapter.get(c["id"], [])),
                lead=_lines(c["lead"]), heading_line=c["heading_line"], id=c["id"])
        for c in db.query("SELECT * FROM chapters WHERE document_id = ? ORDER BY sort_order", [document_id]))
    return Document(
        title=row["title"], chapters=chapters, date=date_or_none(row["issued_on"]), label=row["label"],
        dateline=row["dateline"], doc_number=row["doc_number"], date_line=row["date_line"],
        recipients=row["recipients"], preamble=_lines(row["preamble"]), closing=_lines(row["closing"]),
        signature=_lines(row["signature"]), attachment=_lines(row["attachment"]), id=row["id"],
        header_line=row["header_line"], issued_by=row["issued_by"], published_on=date_or_none(row["published_on"]))


def _lines(text: str) -> tuple[str, ...]:
    return tuple(text.split("\n")) if text else ()
