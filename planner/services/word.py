"""Use cases for Word: export a plan's 实施方案, or its 进展情况报告 as of a date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path

from sqlite_utils import Database

from planner.domain.model import Document
from planner.domain.progress_report import summarize
from planner.errors import UserError
from planner.exchange.docx_export import PlanExportOptions, export_plan
from planner.exchange.docx_report import export_report
from planner.exchange.docx_writer import ProgressCallback
from planner.services.plans import clean_issuer, get_plan
from planner.storage import documents, history, tasks


NO_ISSUER_NOTE = "方案尚未设置发文机关，文件未加署名；可在“方案设置”中填写，或在命令行用 --issuer 指定。"


@dataclass(frozen=True)
class DocxExported:
    """What an export wrote, and what the user should know about it (notes, in Chinese)."""

    path: Path
    task_count: int
    notes: tuple[str, ...] = ()


def empty_plan_note(db: Database, plan_id: int, *, report: bool = False) -> str | None:
    """What the file will hold when the plan has no tasks yet (None when it has some): for a warning before export.

    Raises:
        UserError: no such plan.
    """
    get_plan(db, plan_id)
    if tasks.list_tasks(db, plan_id):
        return None
    if report:
        return "该方案还没有任务：进展情况报告将只有标题、“共分解重点任务0项”的概况和落款，没有任务进展。"
    return "该方案还没有任务：导出的实施方案将只有标题、导语和落款，没有重点任务，也没有附件分工表。"


def export_plan_docx(db: Database, plan_id: int, path: Path | str, template: Path | str,
                     options: PlanExportOptions | None = None, *,
                     progress: ProgressCallback | None = None) -> DocxExported:
    """Write the plan's 实施方案 with its 重点任务分工表; title, preamble and 署名 default to the plan's.

    The 署名 is ``options.issuer`` or else the plan's 发文机关; with neither the
    file has no 署名 and the result carries a note saying so (a region name is never used).

    Raises:
        UserError: no such plan, a bad target name, a missing template, or the file cannot be written.
    """
    path = _docx_path(path)
    plan = get_plan(db, plan_id)
    options = options or PlanExportOptions()
    options = replace(options, title=options.title.strip() or plan.name,
                      preamble=options.preamble.strip() or plan.preamble.strip(),
                      issuer=clean_issuer(options.issuer) or plan.issuer)
    plan_tasks = tasks.list_tasks(db, plan_id)
    count = export_plan(path, template=Path(template), title=options.title, preamble=options.preamble,
                        document=_document(db, plan.document_id), tasks=plan_tasks,
                        options=options, progress=progress, office=plan.office)
    notes = [note for note in (empty_plan_note(db, plan_id),) if note]
    if not options.issuer:
        notes.append(NO_ISSUER_NOTE)
    return DocxExported(path=path, task_count=count, notes=tuple(notes))


def export_progress_report(db: Database, plan_id: int, path: Path | str, template: Path | str,
                           as_of: dt.date, *, progress: ProgressCallback | None = None, issuer: str = "",
                           date: dt.date | None = None) -> DocxExported:
    """Write the 进展情况报告: where every task stood on ``as_of``, signed by ``issuer`` (else the plan's 发文机关).

    Args:
        date: the 成文日期 under the 署名; None: none.

    Raises:
        UserError: no such plan, a bad target name, a missing template, or the file cannot be written.
    """
    path = _docx_path(path)
    plan = get_plan(db, plan_id)
    issuer = clean_issuer(issuer) or plan.issuer
    summary = summarize(tasks.list_tasks(db, plan_id), history.progress_by_task(db, plan_id), as_of)
    count = export_report(path, template=Path(template), plan_title=plan.name,
                          document=_document(db, plan.document_id), summary=summary, progress=progress,
                          issuer=issuer, date=date)
    notes = [note for note in (empty_plan_note(db, plan_id, report=True),) if note]
    if not issuer:
        notes.append(NO_ISSUER_NOTE)
    return DocxExported(path=path, task_count=count, notes=tuple(notes))


def _docx_path(path: Path | str) -> Path:
    path = Path(path)
    if path.suffix.lower() != ".docx":
        raise UserError(f"“{path.name}”不是 .docx 文件名；Word 文档请以 .docx 结尾。")
    return path


def _document(db: Database, document_id: int) -> Document:
    document = documents.load_document(db, document_id)
    if document is None:
        raise UserError("该方案对应的文件已不存在，无法导出。")
    return document
