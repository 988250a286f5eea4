"""Use cases on policy documents: read and parse a file, import it, show its outline."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from sqlite_utils import Database

from planner.domain.model import Document
from planner.errors import UserError
from planner.storage import documents


@dataclass(frozen=True)
class ImportedDocument:
    id: int
    title: str
    chapter_count: int
    item_count: int
    warnings: tuple[str, ...] = ()


def read_policy(path: Path | str) -> Document:
    """Read and parse a policy file; an untitled text is named after its file.

    Raises:
        UserError: with the file's name, when it cannot be read or has no structure.
    """
    from planner.exchange.policy_file import read_policy_file  # file readers (zip, PDF): not needed to start

    path = Path(path)
    source = read_policy_file(path)
    try:
        document = _parse(source.text)
    except UserError as error:
        raise UserError(f"“{path.name}”：{error.message}") from None
    if source.warnings:
        document = replace(document, warnings=source.warnings + document.warnings)
    if not document.title:
        document = _with_title(document, path.stem)
    return document


def import_policy(db: Database, path: Path | str) -> ImportedDocument:
    """Add the policy document in ``path`` to the database (one transaction)."""
    return import_document(db, read_policy(path), source_name=Path(path).name)


def import_document(db: Database, document: Document, *, source_name: str) -> ImportedDocument:
    """Store a document already read and parsed (one transaction)."""
    document_id = documents.save_document(db, document, source_name=source_name)
    return ImportedDocument(id=document_id, title=document.title, chapter_count=len(document.chapters),
                            item_count=len(document.items), warnings=document.warnings)


def import_policy_text(db: Database, text: str, *, title: str = "") -> ImportedDocument:
    """Add a pasted policy text; ``title`` names it when the text has none."""
    document = _parse(text)
    if not document.title:
        document = _with_title(document, title.strip() or "粘贴的文件")
    return import_document(db, document, source_name="粘贴文本")


def load_document(db: Database, document_id: int) -> Document:
    document = documents.load_document(db, document_id)
    if document is None:
        raise UserError("该文件已不存在。")
    return document


def list_documents(db: Database) -> list[documents.DocumentSummary]:
    return documents.list_documents(db)


def _parse(text: str) -> Document:
    # Imported here: compiling the parser's patterns is a cost only an import should pay.
    from planner.domain.policy_text import parse_policy

    return parse_policy(text)


def _with_title(document: Document, title: str) -> Document:
    return replace(document, title=title)
