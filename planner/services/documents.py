"""Use cases on policy documents: read and parse a file, import it, show its outline."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from planner.domain.model import Document
from planner.errors import UserError
from planner.storage import documents

if TYPE_CHECKING:
    from sqlite_utils import Database


@dataclass(frozen=True)
class ImportedDocument:
    id: int
    title: str
    chapter_count: int
    item_count: int
    warnings: tuple[str, ...] = ()
    dropped_count: int = 0  # web-page lines left out of the text


class DuplicateDocument(UserError):
    """The document is already stored (same title, same chapters and items); nothing was added."""

    def __init__(self, message: str, *, existing_id: int):
        super().__init__(message)
        self.existing_id = existing_id


def read_policy(path: Path | str) -> Document:
    """Read and parse a policy file; an untitled text is named after its file.

    Raises:
        UserError: with the file's name, when it cannot be read or has no structure.
    """
    from planner.exchange.policy_file import read_policy_file  # file readers (zip, PDF): not needed to start

    path = Path(path)
    source = read_policy_file(path)
    try:
        document = _parse(source.text, lines_are_paragraphs=source.lines_are_paragraphs)
    except UserError as error:
        raise UserError(f"“{path.name}”：{error.message}") from None
    if source.warnings:
        document = replace(document, warnings=source.warnings + document.warnings)
    if not document.title:
        document = _with_title(document, path.stem)
    return document


def import_policy(db: Database, path: Path | str, *, copy: bool = False) -> ImportedDocument:
    """Add the policy document in ``path`` to the database (one transaction).

    Raises:
        DuplicateDocument: it is already stored and ``copy`` was not asked for.
    """
    return import_document(db, read_policy(path), source_name=Path(path).name, copy=copy)


def import_document(db: Database, document: Document, *, source_name: str, copy: bool = False) -> ImportedDocument:
    """Store a document already read and parsed (one transaction), unless the same one is stored.

    Raises:
        DuplicateDocument: a document with the same title and the same chapters and items is
            already stored and ``copy`` is False; the database is unchanged.
    """
    with db.atomic():  # BEGIN IMMEDIATE: the duplicate check still holds when the write follows
        same = documents.same_document_id(db, document)
        if same is not None and not copy:
            where = f"“{source_name}”：" if source_name and source_name != PASTED else ""
            raise DuplicateDocument(f"{where}《{document.title}》已在数据库中（编号 {same}），标题和正文完全相同，"
                                    "未重复导入。如确需再保存一份，请选择导入副本（命令行加 --copy）。",
                                    existing_id=same)
        document_id = documents.save_document(db, document, source_name=source_name)
    return ImportedDocument(id=document_id, title=document.title, chapter_count=len(document.chapters),
                            item_count=len(document.items), warnings=document.warnings,
                            dropped_count=len(document.dropped))


PASTED = "粘贴文本"


def parse_pasted_text(text: str, *, title: str = "") -> Document:
    """Parse a pasted policy text; ``title`` names it when the text has none.

    Raises:
        UserError: the text is empty or has no 一、/（一） structure.
    """
    document = _parse(text)
    if not document.title:
        document = _with_title(document, title.strip() or "粘贴的文件")
    return document


def import_policy_text(db: Database, text: str, *, title: str = "", copy: bool = False) -> ImportedDocument:
    """Add a pasted policy text; ``title`` names it when the text has none."""
    return import_document(db, parse_pasted_text(text, title=title), source_name=PASTED, copy=copy)


def same_document_id(db: Database, document: Document) -> int | None:
    """The id of a stored document with the same title and body, if there is one."""
    return documents.same_document_id(db, document)


def load_document(db: Database, document_id: int) -> Document:
    document = documents.load_document(db, document_id)
    if document is None:
        raise UserError("该文件已不存在。")
    return document


def list_documents(db: Database) -> list[documents.DocumentSummary]:
    return documents.list_documents(db)


def _parse(text: str, *, lines_are_paragraphs: bool = False) -> Document:
    # Imported here: compiling the parser's patterns is a cost only an import should pay.
    from planner.domain.policy_text import parse_policy

    return parse_policy(text, lines_are_paragraphs=lines_are_paragraphs)


def _with_title(document: Document, title: str) -> Document:
    return replace(document, title=title)
