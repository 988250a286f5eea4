"""Pieces the 进展情况报告, 催办单 and 情况通报 share: measured narrow columns, overdue lines, 附注, placeholders."""

from __future__ import annotations

from collections.abc import Sequence

from planner.domain.chinese_dates import chinese_date
from planner.domain.model import Task
from planner.domain.outside_text import clean, one_line, sentence
from planner.domain.progress_report import TaskAsOf, unit_name
from planner.domain.text_width import text_em
from planner.exchange import docx_styles as look
from planner.exchange.docx_export import deadline_text, task_sentence
from planner.exchange.docx_writer import Column, OfficialDocx

# Half a character of slack on a measured column, as the 分工表's (docx_columns).
_SLACK_EM = 0.5


def column_mm(texts: Sequence[str], font_size: float) -> float:
    """A column that holds the widest of ``texts`` on one line at ``font_size``, with its cell margins."""
    widest = max((text_em(one_line(text)) for text in texts), default=0)
    return (widest + _SLACK_EM) * font_size * 25.4 / 72 + 2 * look.CELL_MARGIN_MM


def fit_columns(width_mm: float, *, wide: Sequence[tuple[str, float]], narrow: Sequence[tuple[str, Sequence[str]]],
                font_size: float, number: bool = True) -> list[Column]:
    """序号, then the ``wide`` columns sharing what the measured ``narrow`` ones leave, in the given order.

    ``wide``: (header, share of the rest); ``narrow``: (header, the cell texts) — each
    as wide as its header or widest text. Columns are returned wide first, then narrow.
    """
    fixed = [Column(header, column_mm([header, *texts], font_size), "center") for header, texts in narrow]
    lead = [Column("序号", column_mm(["序号"], font_size), "center")] if number else []
    rest = width_mm - sum(column.width_mm for column in (*fixed, *lead))
    total_share = sum(share for _, share in wide) or 1
    return [*lead, *(Column(header, rest * share / total_share) for header, share in wide), *fixed]


def overdue_line(number: int, row: TaskAsOf) -> str:
    """1.content。（牵头单位：…；完成时限：…；当前状态：…；已逾期n天）"""
    task = row.task
    return (f"{number}.{task_sentence(task)}（牵头单位：{lead_text(task)}；完成时限：{deadline_text(task)}；"
            f"当前状态：{row.status.value}；已逾期{row.days_overdue}天）")


def lead_text(task: Task) -> str:
    return one_line(task.lead_unit).strip() or "未明确"


def written_or_placeholder(out: OfficialDocx, text: str, placeholder: str) -> None:
    """The user's text as body paragraphs (each line one), or ``placeholder`` in 【】 to replace in Word.

    Typed in the export dialog or written in a text file for the purpose, every line is
    meant as a paragraph (unlike a policy text's hard-wrapped lines, which paragraphs() joins).
    """
    texts = [sentence(line) for line in (one_line(line) for line in clean(text).split("\n")) if line.strip()]
    for part in texts or [f"【{placeholder}】"]:
        out.paragraph(part, look.BODY)


def contact_note(name: str, phone: str) -> str:
    """附注 under the 成文日期 (GB/T 9704-2012 7.3.7): （联系人：…；联系电话：…）, empty when neither is given."""
    parts = [f"联系人：{one_line(name).strip()}" if one_line(name).strip() else "",
             f"联系电话：{one_line(phone).strip()}" if one_line(phone).strip() else ""]
    parts = [part for part in parts if part]
    return f"（{'；'.join(parts)}）" if parts else ""


def close(out: OfficialDocx, *, issuer: str, date, contact_name: str = "", contact_phone: str = "") -> None:
    """署名, 成文日期 and 附注 (联系人/电话) when given."""
    out.signature(issuer, date)
    note = contact_note(contact_name, contact_phone)
    if note:
        if not (one_line(issuer).strip() or date):
            out.paragraph("", look.BODY)
        out.paragraph(note, look.BODY)


def due_soon_units(rows: Sequence[TaskAsOf]) -> str:
    """省发展改革委（2项）、省财政厅（1项）: lead units of ``rows`` by how many, most first."""
    counts: dict[str, int] = {}
    for row in rows:
        counts[unit_name(row.task.lead_unit)] = counts.get(unit_name(row.task.lead_unit), 0) + 1
    ordered = sorted(counts.items(), key=lambda pair: -pair[1])
    return "、".join(f"{unit}（{count}项）" for unit, count in ordered)


def span(start, end) -> str:
    """2026年12月1日至2026年12月30日"""
    return f"{chinese_date(start)}至{chinese_date(end)}"
