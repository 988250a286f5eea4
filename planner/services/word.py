"""Use cases for Word: a plan's 实施方案, its 进展情况报告 and 情况通报 as of a date, and 催办单 to lead units."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from planner.domain.file_names import safe_file_name
from planner.domain.model import Document, Plan
from planner.domain.progress_report import ProgressSummary, summarize
from planner.domain.text_decoding import decode_text
from planner.domain.reminders import lead_units, ranking, reminders
from planner.errors import UserError
from planner.exchange.docx_bulletin import export_bulletin as write_bulletin
from planner.exchange.docx_export import PlanExportOptions, export_plan
from planner.exchange.docx_reminder import TITLE as REMINDER_TITLE
from planner.exchange.docx_reminder import export_reminders as write_reminders
from planner.exchange.docx_report import ReportTexts, export_report
from planner.exchange.docx_writer import ProgressCallback
from planner.services import workdays
from planner.services.plans import clean_issuer, get_plan
from planner.storage import documents, history, report_figures, tasks

if TYPE_CHECKING:
    from sqlite_utils import Database


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
        return "该方案还没有任务：进展情况报告或情况通报将只有标题、“共分解重点任务0项”的概况和落款，没有任务进展。"
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


def plan_report_texts(plan: Plan, *, problems: str = "", next_steps: str = "") -> ReportTexts:
    """The plan's 主送机关 and 联系人/电话 with the given 存在问题 and 下一步工作安排 (empty: placeholders)."""
    return ReportTexts(recipients=plan.recipients, problems=problems, next_steps=next_steps,
                       contact_name=plan.contact_name, contact_phone=plan.contact_phone)


def export_progress_report(db: Database, plan_id: int, path: Path | str, template: Path | str,
                           as_of: dt.date, *, progress: ProgressCallback | None = None, issuer: str = "",
                           date: dt.date | None = None, texts: ReportTexts | None = None,
                           chart_png: bytes | None = None) -> DocxExported:
    """Write the 进展情况报告 as of ``as_of``, signed by ``issuer`` (else the plan's 发文机关), and keep its figures.

    Tasks created after ``as_of`` (and with no progress by then) are not counted. The
    figures are kept with the plan (one per report date), so the next report states the
    change since this one; the change printed is since the latest report dated before ``as_of``.

    Args:
        date: the 成文日期 under the 署名; None: none.
        texts: 主送机关, 存在问题, 下一步工作安排, 联系人/电话; None: the plan's 主送机关 and 联系人
            with placeholders for the two texts (plan_report_texts).
        chart_png: a picture to place after the per-unit table (PNG bytes), or None.

    Raises:
        UserError: no such plan, a bad target name, a missing template, a picture that cannot be read,
            or the file cannot be written (then no figures are kept).
    """
    path = _docx_path(path)
    plan = get_plan(db, plan_id)
    issuer = clean_issuer(issuer) or plan.issuer
    summary = _summary(db, plan_id, as_of)
    previous = report_figures.previous_figures(db, plan_id, as_of)
    count = export_report(path, template=Path(template), plan_title=plan.name,
                          document=_document(db, plan.document_id), summary=summary, progress=progress,
                          issuer=issuer, date=date, texts=texts or plan_report_texts(plan), previous=previous,
                          chart_png=chart_png)
    with db.atomic():
        report_figures.keep_figures(db, plan_id, summary.figures())
    notes = [note for note in (empty_plan_note(db, plan_id, report=True),) if note]
    if not issuer:
        notes.append(NO_ISSUER_NOTE)
    return DocxExported(path=path, task_count=count, notes=tuple(notes))


def export_bulletin(db: Database, plan_id: int, path: Path | str, template: Path | str, as_of: dt.date, *,
                    issuer: str = "", date: dt.date | None = None) -> DocxExported:
    """Write the 情况通报 as of ``as_of``: lead units ranked by 完成率 and overdue count, the overdue list.

    ``task_count`` of the result is the number of tasks counted on ``as_of``.

    Raises:
        UserError: no such plan, a bad target name, a missing template, or the file cannot be written.
    """
    path = _docx_path(path)
    plan = get_plan(db, plan_id)
    issuer = clean_issuer(issuer) or plan.issuer
    summary = _summary(db, plan_id, as_of)
    write_bulletin(path, template=Path(template), plan_title=plan.name, summary=summary, ranking=ranking(summary),
                   issuer=issuer, date=date, texts=plan_report_texts(plan))
    return DocxExported(path=path, task_count=summary.total, notes=() if issuer else (NO_ISSUER_NOTE,))


@dataclass(frozen=True)
class RemindersExported:
    """The 催办单 written: the files, the units (one page each), and the reply-by date printed."""

    paths: tuple[Path, ...]
    units: tuple[str, ...]
    reply_by: dt.date
    notes: tuple[str, ...] = ()


def lead_unit_names(db: Database, plan_id: int) -> list[str]:
    """Every lead unit of the plan's live tasks as printed, in plan order: who a 催办单 can go to.

    Raises:
        UserError: no such plan.
    """
    get_plan(db, plan_id)
    return lead_units(tasks.list_tasks(db, plan_id))


def reminder_units(db: Database, plan_id: int, today: dt.date) -> list[str]:
    """The lead units that have overdue or soon-due tasks on ``today`` (the plan's warning window), plan order.

    Raises:
        UserError: no such plan.
    """
    plan = get_plan(db, plan_id)
    found = reminders(tasks.list_tasks(db, plan_id), today=today, warning_days=plan.warning_days)
    return [reminder.unit for reminder in found]


def export_reminders(db: Database, plan_id: int, target: Path | str, template: Path | str, *,
                     units: Sequence[str] | None = None, today: dt.date | None = None,
                     reply_by: dt.date | None = None, per_unit_files: bool = False, issuer: str = "",
                     date: dt.date | None = None, progress: ProgressCallback | None = None) -> RemindersExported:
    """Write 催办单 (督办通知): a page per lead unit with its overdue and soon-due tasks.

    Args:
        units: the lead units to remind (names as printed; e.g. the late units of a 报送轮次), each
            even without overdue tasks; None: every lead unit with overdue or soon-due tasks.
        today: the day overdue days are counted on (default: today).
        reply_by: the date to reply by; None: five working days after ``today`` (holidays counted).
        per_unit_files: False: ``target`` is one .docx with a page per unit; True: ``target`` is a
            folder that gets one file per unit, named 单位-督办通知.docx.
        issuer: the 署名 and the office to reply to; empty: the plan's 发文机关.
        date: the 成文日期; None: none.

    Raises:
        UserError: no such plan, no unit to remind, a unit that leads no task of the plan, a reply-by
            date before ``today``, a bad target, a missing template, or a file that cannot be written.
    """
    plan = get_plan(db, plan_id)
    today = today or dt.date.today()
    reply_by = reply_by or workdays.default_reply_by(db, today)
    if reply_by < today:
        raise UserError(f"回复期限{reply_by.isoformat()}早于今天{today.isoformat()}，请重新填写。")
    issuer = clean_issuer(issuer) or plan.issuer
    plan_tasks = tasks.list_tasks(db, plan_id)
    try:
        found = reminders(plan_tasks, today=today, warning_days=plan.warning_days, units=units)
    except ValueError as error:
        known = "、".join(lead_units(plan_tasks)) or "（无）"
        raise UserError(f"单位“{'、'.join(error.args[0])}”不是本方案任何任务的牵头单位；"
                        f"可选的牵头单位：{known}") from None
    if not found:
        raise UserError(f"截至{today.isoformat()}，没有单位有逾期或{plan.warning_days}日内到期的任务，未生成催办单。")
    texts = plan_report_texts(plan)

    def write(path: Path, chosen) -> None:
        write_reminders(path, template=Path(template), plan_title=plan.name, reminders=chosen, today=today,
                        reply_by=reply_by, warning_days=plan.warning_days, issuer=issuer, date=date, texts=texts,
                        progress=progress)

    if per_unit_files:
        folder = Path(target)
        if not folder.is_dir():
            raise UserError(f"文件夹“{folder}”不存在，请先创建或另选文件夹。")
        paths = []
        for reminder in found:
            path = folder / f"{safe_file_name(reminder.unit, '单位')}-{REMINDER_TITLE}.docx"
            write(path, [reminder])
            paths.append(path)
    else:
        paths = [_docx_path(target)]
        write(paths[0], found)
    return RemindersExported(paths=tuple(paths), units=tuple(r.unit for r in found), reply_by=reply_by,
                             notes=() if issuer else (NO_ISSUER_NOTE,))


def _summary(db: Database, plan_id: int, as_of: dt.date) -> ProgressSummary:
    return summarize(tasks.list_tasks(db, plan_id), history.progress_by_task(db, plan_id), as_of,
                     created=tasks.created_dates(db, plan_id))


# A 存在问题 or 下一步工作安排 is a page or two; a bigger file is surely the wrong one.
MAX_TEXT_FILE_BYTES = 1024 * 1024


def read_text_file(path: Path | str) -> str:
    """A text file's contents (UTF-8 or GBK/GB18030, as text_decoding reads them), for a report's own texts.

    Raises:
        UserError: missing, a folder, unreadable, over MAX_TEXT_FILE_BYTES, empty, binary or undecodable.
    """
    path = Path(path)
    if path.is_dir():
        raise UserError(f"“{path}”是文件夹，请指定文本文件（.txt）。")
    try:
        size = path.stat().st_size
        if size > MAX_TEXT_FILE_BYTES:
            raise UserError(f"文件“{path.name}”有 {size // 1024} KB，超过 {MAX_TEXT_FILE_BYTES // 1024} KB，"
                            "请确认选择的是写有文字的文本文件。")
        data = path.read_bytes()
    except FileNotFoundError:
        raise UserError(f"找不到文件“{path}”。") from None
    except OSError as error:
        raise UserError(f"无法读取文件“{path.name}”：{error.strerror or error}") from None
    return decode_text(data, name=path.name)


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
