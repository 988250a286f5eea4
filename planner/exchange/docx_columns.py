"""Column widths of the 重点任务分工表 measured from its texts, and cell lines that keep names whole."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from planner.domain.model import Task
from planner.domain.outside_text import one_line
from planner.domain.text_width import text_em
from planner.exchange import docx_styles as look
from planner.exchange.docx_writer import Column

# Half a character of slack on every measured line: a font's own spacing or a
# substitute font a little wider must not push the last character onto a line alone.
_SLACK_EM = 0.5
_CAPS_EM = {"lead": 11.0, "deadline": 10.0, "support": 14.0, "leader": 9.0}
# 重点任务 keeps at least this much of the type area (68 mm landscape: 16 characters of 小四 a line).
_MIN_CONTENT_SHARE = 0.28
# What 重点任务 gets before a narrow column is held to less than its widest text.
_FAIR_CONTENT_SHARE = 0.40
_PHRASE_JOINTS = re.compile(r"(?<=[，、；,;])")


def task_table_columns(width_mm: float, tasks: Sequence[Task], *, deadlines: Sequence[str], font_size: float,
                       show_leader: bool) -> list[Column]:
    """序号 | 重点任务 | 牵头单位 | 配合单位 | 完成时限 (| 分管领导), summing to ``width_mm``.

    ``deadlines`` are the 完成时限 texts as the cells print them, one per task.

    Each narrow column is as wide as its widest text needs (measured with the
    fonts' advance widths, text_width), up to a cap: a 完成时限 such as
    2026年12月31日前 stays on one line, so 前 is never left alone, and a unit name
    fits whole. 配合单位 is as wide as the longest list or 14 characters, never less
    than its longest single name; its names are packed into lines by ``unit_lines``.
    重点任务 takes the rest: 40 % of the width before 分管领导 and 配合单位 give way,
    never less than 28 %, when 完成时限 and at last all narrow columns give way.
    """
    def need(texts: Iterable[str], header: str, cap_em: float | None = None) -> float:
        widest = max([text_em(header)] + [text_em(one_line(text)) for text in texts])
        if cap_em is not None:
            widest = min(widest, max(cap_em, text_em(header)))
        return _mm(widest, font_size)

    names = [one_line(name).strip() for task in tasks for name in (task.lead_unit, *task.support_units)]
    widths = {
        "number": need([str(len(tasks))], "序号"),
        "lead": need((one_line(task.lead_unit) for task in tasks), "牵头单位", _CAPS_EM["lead"]),
        "support": 0.0,
        "deadline": need(deadlines, "完成时限", _CAPS_EM["deadline"]),
        "leader": need((one_line(task.leader) for task in tasks), "分管领导", _CAPS_EM["leader"]) if show_leader else 0,
    }
    support_min = max(need((name + "、" for name in names), "配合单位"), _mm(4, font_size))
    widths["support"] = max(need(("、".join(task.support_units) for task in tasks), "配合单位", _CAPS_EM["support"]),
                            support_min)
    # Too wide together (a large table font, the 分管领导 column): give way in this order, each
    # only as far as needed — 分管领导 to its header, 配合单位 to its longest name, 完成时限
    # to its longest comma-free piece, and at last every column alike (names may then wrap).
    pieces = [piece for text in deadlines for piece in _PHRASE_JOINTS.split(text) if piece]
    steps = (("leader", need([], "分管领导") if show_leader else 0, _FAIR_CONTENT_SHARE),
             ("support", support_min, _FAIR_CONTENT_SHARE),
             ("deadline", need(pieces, "完成时限", _CAPS_EM["deadline"]), _MIN_CONTENT_SHARE))
    for column, narrowest, share in steps:
        excess = sum(widths.values()) + width_mm * share - width_mm
        if excess > 0:
            widths[column] = max(narrowest, widths[column] - excess)
    excess = sum(widths.values()) + width_mm * _MIN_CONTENT_SHARE - width_mm
    if excess > 0:
        shrinkable = sum(widths.values()) - widths["number"]
        for column in ("lead", "support", "deadline", "leader"):
            widths[column] -= excess * widths[column] / shrinkable
    columns = [Column("序号", widths["number"], "center"), None, Column("牵头单位", widths["lead"]),
               Column("配合单位", widths["support"]), Column("完成时限", widths["deadline"], "center")]
    if show_leader:
        columns.append(Column("分管领导", widths["leader"], "center"))
    rest = width_mm - sum(column.width_mm for column in columns if column)
    columns[1] = Column("重点任务", rest)
    return columns


def unit_lines(names: Sequence[str], width_pt: float, font_size: float) -> str | list[str]:
    """Unit names joined by 、 and packed into lines no wider than ``width_pt``, no name split.

    One string when everything fits on one line; else one string per line, each
    but the last ending in 、 (a name wider than the column gets a line of its own).
    """
    names = [name for name in (one_line(name).strip() for name in names) if name]
    return _pack(names, "、", width_pt, font_size)


def wrap_phrase(text: str, width_pt: float, font_size: float) -> str | list[str]:
    """A 完成时限 as one line, or, when wider than the column, broken after its commas (，、；)."""
    if _fits(text, width_pt, font_size):
        return text
    return _pack([piece for piece in _PHRASE_JOINTS.split(text) if piece], "", width_pt, font_size)


def _pack(pieces: Sequence[str], joiner: str, width_pt: float, font_size: float) -> str | list[str]:
    lines: list[str] = []
    for index, piece in enumerate(pieces):
        tail = joiner if index < len(pieces) - 1 else ""
        if lines and _fits(lines[-1] + piece + tail, width_pt, font_size):
            lines[-1] += piece + tail
        else:
            lines.append(piece + tail)
    if len(lines) <= 1:
        return lines[0] if lines else ""
    return lines


def _fits(text: str, width_pt: float, font_size: float) -> bool:
    return (text_em(text) + _SLACK_EM) * font_size <= width_pt


def _mm(em: float, font_size: float) -> float:
    """Column width in millimetres for ``em`` of text plus slack and the two cell margins."""
    return (em + _SLACK_EM) * font_size * 25.4 / 72 + 2 * look.CELL_MARGIN_MM
