"""The 实施方案 as a Word document: chapters, items and tasks, with the 重点任务分工表 attached."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from planner.domain.model import Chapter, Document, Item, Task
from planner.domain.numerals import int_to_chinese
from planner.exchange import docx_styles as look
from planner.exchange.docx_writer import Column, OfficialDocx, ProgressCallback, chinese_date, report_progress

ATTACHMENT_TITLE = "重点任务分工表"
_SENTENCE_END = "。；！？.;!?"


class EmptyItems(enum.StrEnum):
    """What to do with an item that has no task."""

    OMIT = "omit"
    MARK = "mark"


@dataclass(frozen=True)
class PlanExportOptions:
    """Choices of the export dialog; empty texts fall back to the plan's settings."""

    title: str = ""  # empty: the plan's name
    preamble: str = ""  # empty: the plan's own, else one written from the document's title
    office: str = ""  # 发文机关署名 under the body; empty: none
    date: dt.date | None = None  # 成文日期 under the office; None: none
    empty_items: EmptyItems = EmptyItems.OMIT
    table_font_size: float = look.SIZE_SMALL_4  # 小四
    show_leader: bool = False  # add a 分管领导 column to the table
    attachment: bool = True


def default_preamble(document: Document, office: str = "") -> str:
    """The opening paragraph when the plan has none of its own."""
    where = f"{office}实际" if office else "实际"
    return f"为深入贯彻落实《{document.title}》精神，结合{where}，制定本实施方案。"


def deadline_text(task: Task) -> str:
    """完成时限 as written, or the date it means when no phrase was kept."""
    if task.deadline_phrase:
        return task.deadline_phrase
    return chinese_date(task.deadline_date) if task.deadline_date else ""


def assignment(task: Task) -> str:
    """The office's usual parenthesis （牵头单位：…；配合单位：…；完成时限：…）, parts left out when empty."""
    parts = []
    if task.lead_unit:
        parts.append(f"牵头单位：{task.lead_unit}")
    if task.support_units:
        parts.append(f"配合单位：{'、'.join(task.support_units)}")
    if deadline_text(task):
        parts.append(f"完成时限：{deadline_text(task)}")
    return f"（{'；'.join(parts)}）" if parts else ""


def task_paragraph_text(task: Task, number: int | None) -> str:
    """One task as a body paragraph: 1.content。（牵头单位：…）."""
    content = task.content.strip()
    if content and content[-1] not in _SENTENCE_END:
        content += "。"
    prefix = f"{number}." if number is not None else ""
    return f"{prefix}{content}{assignment(task)}"


def outline(document: Document, tasks: Sequence[Task],
            empty_items: EmptyItems) -> list[tuple[Chapter, list[tuple[Item, list[Task]]]]]:
    """Chapters and items to print, each item with its tasks in order."""
    by_item: dict[int, list[Task]] = {}
    for task in tasks:
        by_item.setdefault(task.item_id, []).append(task)
    result = []
    for chapter in document.chapters:
        items = [(item, by_item.get(item.id, [])) for item in chapter.items]
        if empty_items is EmptyItems.OMIT:
            items = [(item, item_tasks) for item, item_tasks in items if item_tasks]
        if items:
            result.append((chapter, items))
    return result


def chapter_heading(chapter: Chapter) -> str:
    return f"{int_to_chinese(chapter.number)}、{chapter.title}" if chapter.number else ""


def item_heading(item: Item) -> str:
    return f"（{int_to_chinese(item.number)}）{item.heading or item.text}"


def export_plan(path: Path, *, template: Path, title: str, preamble: str, document: Document,
                tasks: Sequence[Task], options: PlanExportOptions = PlanExportOptions(),
                progress: ProgressCallback | None = None) -> int:
    """Write the 实施方案 to ``path`` (through a temporary file); return the number of tasks written.

    Raises:
        UserError: the template is missing or broken, or ``path`` cannot be written (e.g. open in Word).
    """
    sections = outline(document, tasks, options.empty_items)
    total = len(tasks) * (2 if options.attachment else 1) + 1
    done = 0
    out = OfficialDocx(template, table_font_size=options.table_font_size)
    out.paragraph(title, look.TITLE)
    for line in (preamble or default_preamble(document, options.office)).splitlines():
        if line.strip():
            out.paragraph(line.strip(), look.BODY)
    for chapter, items in sections:
        if chapter.number:
            out.paragraph(chapter_heading(chapter), look.HEADING_1)
        for item, item_tasks in items:
            out.paragraph(item_heading(item), look.HEADING_2)
            if not item_tasks:
                out.paragraph("本条暂未分解具体任务。", look.BODY)
            numbered = len(item_tasks) > 1
            for index, task in enumerate(item_tasks, start=1):
                out.paragraph(task_paragraph_text(task, index if numbered else None), look.BODY)
                done += 1
                report_progress(progress, done, total)
    if options.attachment:
        out.paragraph("", look.BODY)
        out.paragraph(f"附件：{ATTACHMENT_TITLE}", look.BODY)
    _signature(out, options)
    if options.attachment:
        done = _attachment(out, sections, options, progress, done, total)
    out.save(path)
    report_progress(progress, total, total)
    return sum(len(item_tasks) for _, items in sections for _, item_tasks in items)


def _signature(out: OfficialDocx, options: PlanExportOptions) -> None:
    if not (options.office or options.date):
        return
    out.paragraph("", look.BODY)
    if options.office:
        out.paragraph(options.office, look.SIGNATURE)
    if options.date:
        out.paragraph(chinese_date(options.date), look.SIGNATURE)


def _attachment(out: OfficialDocx, sections, options: PlanExportOptions, progress, done: int, total: int) -> int:
    """附件 on a landscape page: label, title and the table grouped by chapter."""
    out.landscape_section()
    out.paragraph("附件", look.ATTACHMENT_LABEL)
    out.paragraph(ATTACHMENT_TITLE, look.ATTACHMENT_TITLE)
    table = out.table(_columns(out.text_width_mm(), options.show_leader))
    number = 0
    for chapter, items in sections:
        if chapter.number:
            table.group_row(chapter_heading(chapter))
        for _item, item_tasks in items:
            for task in item_tasks:
                number += 1
                cells = [str(number), task.content.strip(), task.lead_unit, "、".join(task.support_units),
                         deadline_text(task)]
                if options.show_leader:
                    cells.append(task.leader)
                table.row(cells)
                done += 1
                report_progress(progress, done, total)
    return done


def _columns(width_mm: float, show_leader: bool) -> list[Column]:
    """Fixed narrow columns; 重点任务 takes what is left of the type area."""
    fixed = [Column("序号", 14, "center"), None, Column("牵头单位", 36), Column("配合单位", 50),
             Column("完成时限", 40, "center")]
    if show_leader:
        fixed.append(Column("分管领导", 32, "center"))
    rest = width_mm - sum(column.width_mm for column in fixed if column)
    fixed[1] = Column("重点任务", max(rest, 40))
    return fixed
