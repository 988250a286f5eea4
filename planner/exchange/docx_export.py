"""The 实施方案 as a Word document: chapters, items and tasks, with the 重点任务分工表 attached."""

from __future__ import annotations

import datetime as dt
import enum
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from planner.domain.chinese_dates import chinese_date, with_chinese_dates
from planner.domain.model import Chapter, Document, Item, Task
from planner.domain.numerals import int_to_chinese
from planner.domain.outside_text import one_line, paragraphs, sentence
from planner.domain.text_width import text_em
from planner.exchange import docx_styles as look
from planner.exchange.docx_columns import task_table_columns, unit_lines, wrap_phrase
from planner.exchange.docx_writer import OfficialDocx, ProgressCallback, report_progress

ATTACHMENT_TITLE = "重点任务分工表"
# An item heading longer than this is not a short heading but the item's first sentence.
MAX_ITEM_HEADING = 40


class EmptyItems(enum.StrEnum):
    """What to do with an item that has no task."""

    OMIT = "omit"
    MARK = "mark"


@dataclass(frozen=True)
class PlanExportOptions:
    """Choices of the export dialog; empty texts fall back to the plan's settings."""

    title: str = ""  # empty: the plan's name
    preamble: str = ""  # empty: the plan's own, else one written from the document's title
    issuer: str = ""  # 发文机关署名 under the body (the plan's 发文机关); empty: none
    date: dt.date | None = None  # 成文日期 under the 署名; None: none
    empty_items: EmptyItems = EmptyItems.OMIT
    table_font_size: float = look.SIZE_SMALL_4  # 小四
    show_leader: bool = False  # add a 分管领导 column to the table
    attachment: bool = True


def default_preamble(document: Document, office: str = "") -> str:
    """The opening paragraph when the plan has none of its own."""
    where = f"{office}实际" if office else "实际"
    return f"为深入贯彻落实《{document.title}》精神，结合{where}，制定本实施方案。"


def deadline_text(task: Task) -> str:
    """完成时限 as written (a numeric date in it written the Chinese way), or the date it means.

    2026-11-17 (as a spreadsheet may have left it) prints as 2026年11月17日; never ISO.
    """
    phrase = one_line(task.deadline_phrase).strip()
    if phrase:
        return with_chinese_dates(phrase)
    return chinese_date(task.deadline_date) if task.deadline_date else ""


def support_text(task: Task) -> str:
    return "、".join(name for name in (one_line(unit).strip() for unit in task.support_units) if name)


def assignment(task: Task) -> str:
    """The office's usual parenthesis （牵头单位：…；配合单位：…；完成时限：…）, parts left out when empty."""
    parts = []
    lead = one_line(task.lead_unit).strip()
    if lead:
        parts.append(f"牵头单位：{lead}")
    if support_text(task):
        parts.append(f"配合单位：{support_text(task)}")
    if deadline_text(task):
        parts.append(f"完成时限：{deadline_text(task)}")
    return f"（{'；'.join(parts)}）" if parts else ""


def task_paragraph_text(task: Task, number: int | None) -> str:
    """One task as a body paragraph: 1.content。（牵头单位：…）, the content one sentence ending in one 。."""
    prefix = f"{number}." if number is not None else ""
    return f"{prefix}{task_sentence(task)}{assignment(task)}"


def task_sentence(task: Task) -> str:
    """The task's content as one sentence ending in 。, any numeric date in it written 2026年11月17日."""
    return sentence(with_chinese_dates(task.content))


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
    """（一）and the item's short heading; the number alone when the item has none (never its whole text)."""
    heading = one_line(item.heading).strip().rstrip("。：:；;，,")
    if len(heading) > MAX_ITEM_HEADING:
        heading = ""
    return f"（{int_to_chinese(item.number)}）{heading}"


def export_plan(path: Path, *, template: Path, title: str, preamble: str, document: Document,
                tasks: Sequence[Task], options: PlanExportOptions = PlanExportOptions(),
                progress: ProgressCallback | None = None, office: str = "", now: dt.datetime | None = None) -> int:
    """Write the 实施方案 to ``path`` (through a temporary file); return the number of tasks written.

    Every text from outside is made safe first (outside_text): no control characters,
    no line break inside a justified line. A plan without tasks gets no attachment.

    Args:
        office: the region or office the default preamble names (结合…实际); never the 署名.
        now: the file's creation time (default: now, UTC).

    Raises:
        UserError: the template is missing or broken, or ``path`` cannot be written (read-only,
            open in Word, a name too long for the folder).
    """
    sections = outline(document, tasks, options.empty_items)
    attachment = options.attachment and bool(tasks)
    total = len(tasks) * (2 if attachment else 1) + 1
    done = 0
    out = OfficialDocx(template, table_font_size=options.table_font_size)
    out.title(title)
    for text in paragraphs(preamble or default_preamble(document, office)):
        out.paragraph(text, look.BODY)
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
    if attachment:  # 附件说明: one blank line below the body, two characters in (GB/T 9704 7.3.4)
        out.paragraph("", look.BODY)
        out.paragraph(f"附件：{ATTACHMENT_TITLE}", look.BODY)
    out.signature(options.issuer, options.date)
    if attachment:
        done = _attachment(out, sections, options, progress, done, total)
    out.describe(title=title, author=options.issuer, now=now or dt.datetime.now(dt.UTC))
    out.save(path)
    report_progress(progress, total, total)
    return sum(len(item_tasks) for _, items in sections for _, item_tasks in items)


def _attachment(out: OfficialDocx, sections, options: PlanExportOptions, progress, done: int, total: int) -> int:
    """附件 on a landscape page: label, title and the table grouped by chapter."""
    out.landscape_section()
    out.paragraph("附件", look.ATTACHMENT_LABEL)
    out.title(ATTACHMENT_TITLE, look.ATTACHMENT_TITLE)
    rows = [task for _, items in sections for _, item_tasks in items for task in item_tasks]
    columns = task_table_columns(out.text_width_mm(), rows, deadlines=[deadline_text(task) for task in rows],
                                 font_size=options.table_font_size, show_leader=options.show_leader)
    table = out.table(columns)
    lead_width, units_width, deadline_width = (columns[i].text_width_pt for i in (2, 3, 4))
    page_height = out.text_height_mm() * 72 / 25.4 * 0.8  # what is left below the header row, roughly
    number = 0
    for chapter, items in sections:
        if chapter.number:
            table.group_row(chapter_heading(chapter))
        for _item, item_tasks in items:
            for task in item_tasks:
                number += 1
                cells = [str(number), task_sentence(task).removesuffix("。"),  # a table cell ends without 。
                         unit_lines([task.lead_unit], lead_width, options.table_font_size),
                         unit_lines(task.support_units, units_width, options.table_font_size),
                         wrap_phrase(deadline_text(task), deadline_width, options.table_font_size)]
                if options.show_leader:
                    cells.append(one_line(task.leader).strip())
                table.row(cells, can_split=row_height_pt(cells, columns, options.table_font_size) > page_height)
                done += 1
                report_progress(progress, done, total)
    return done


def row_height_pt(cells, columns, font_size: float) -> float:
    """A generous estimate of a table row's height: its tallest cell's lines at single spacing."""
    def lines(text, column) -> int:
        texts = [text] if isinstance(text, str) else list(text)
        return sum(max(1, math.ceil(text_em(line) * font_size / column.text_width_pt)) for line in texts)

    return max(lines(text, column) for text, column in zip(cells, columns, strict=True)) * font_size * 1.4
