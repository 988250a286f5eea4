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
from planner.services.plans import get_plan
from planner.storage import documents, history, tasks


@dataclass(frozen=True)
class DocxExported:
    """What an export wrote."""

    path: Path
    task_count: int


def export_plan_docx(db: Database, plan_id: int, path: Path | str, template: Path | str,
                     options: PlanExportOptions | None = None, *,
                     progress: ProgressCallback | None = None) -> DocxExported:
    """Write the plan's 实施方案 with its 重点任务分工表; the title and preamble default to the plan's.

    Raises:
        UserError: no such plan, a bad target name, a missing template, or the file cannot be written.
    """
    path = _docx_path(path)
    plan = get_plan(db, plan_id)
    options = options or PlanExportOptions()
    options = replace(options, title=options.title.strip() or plan.name,
                      preamble=options.preamble.strip() or plan.preamble.strip())
    count = export_plan(path, template=Path(template), title=options.title, preamble=options.preamble,
                        document=_document(db, plan.document_id), tasks=tasks.list_tasks(db, plan_id),
                        options=options, progress=progress)
    return DocxExported(path=path, task_count=count)


def export_progress_report(db: Database, plan_id: int, path: Path | str, template: Path | str,
                           as_of: dt.date, *, progress: ProgressCallback | None = None) -> DocxExported:
    """Write the 进展情况报告: where every task stood on ``as_of``.

    Raises:
        UserError: no such plan, a bad target name, a missing template, or the file cannot be written.
    """
    path = _docx_path(path)
    plan = get_plan(db, plan_id)
    summary = summarize(tasks.list_tasks(db, plan_id), history.progress_by_task(db, plan_id), as_of)
    count = export_report(path, template=Path(template), plan_title=plan.name,
                          document=_document(db, plan.document_id), summary=summary, progress=progress)
    return DocxExported(path=path, task_count=count)


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
