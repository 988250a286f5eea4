"""Reading one 台账 cell into a checked value (text, code, date, percent, status, units, uid)."""

from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple

from planner.domain.model import Status
from planner.domain.unit_names import split_units
from planner.exchange.ledger_layout import clean_text

MAX_TEXT = 4000  # task content, progress, notes
MAX_SHORT = 200  # codes, units, leaders, deadline phrases
_DATE_TEXT = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
_UID = re.compile(r"[0-9a-f]{32}")
_STATUS_WORDS = {"进行中": Status.IN_PROGRESS, "正在推进": Status.IN_PROGRESS, "完成": Status.DONE,
                 "已完成": Status.DONE, "未开始": Status.NOT_STARTED, "未启动": Status.NOT_STARTED,
                 "滞后": Status.DELAYED, "暂停": Status.PAUSED}
_EXCEL_SERIAL_MAX = 2958465  # 9999-12-31


class CellError(ValueError):
    """A cell whose content cannot be used, with the reason in Chinese."""


class RawCell(NamedTuple):
    """A cell as read: its value, openpyxl's data type (n s d b e f) and number format.

    openpyxl's own read-only cells have the same three attributes and are used as they are.
    """

    value: object
    data_type: str = "s"
    number_format: str = "General"


def _checked(cell) -> object:
    if cell.data_type == "f":
        raise CellError(f"单元格含公式（{str(cell.value)[:30]}），请改为直接填写内容")
    if cell.data_type == "e":
        raise CellError(f"单元格是错误值 {cell.value}，请改为直接填写内容")
    if isinstance(cell.value, bool):
        raise CellError(f"应填写文字或数字，不是逻辑值 {'TRUE' if cell.value else 'FALSE'}")
    return cell.value


def text(cell: RawCell, *, limit: int = MAX_TEXT, dates_as_text: bool = False) -> str:
    """Free text; numbers become their digits, dates are refused unless ``dates_as_text``."""
    value = _checked(cell)
    if value is None:
        return ""
    if isinstance(value, dt.datetime | dt.date | dt.time):
        if not dates_as_text or isinstance(value, dt.time):
            raise CellError("应填写文字，不是日期或时间")
        return _as_date(value).isoformat()
    if isinstance(value, float):
        value = int(value) if value.is_integer() else value
    result = clean_text(str(value))
    if len(result) > limit:
        raise CellError(f"内容过长（{len(result)} 字，上限 {limit} 字）")
    return result


def code(cell: RawCell) -> str:
    """A task code kept as text (1.10 stays 1.10 when the cell is text)."""
    return text(cell, limit=MAX_SHORT)


def units(cell: RawCell) -> tuple[str, ...]:
    names = split_units(text(cell, limit=MAX_TEXT))
    for name in names:
        if len(name) > 60:
            raise CellError(f"单位名称“{name[:20]}…”过长，多个单位请用顿号“、”分隔")
    return names


def date(cell: RawCell) -> dt.date | None:
    """A date written as a date, as text (2020-12-31, 2020年12月31日) or as an Excel serial number."""
    value = _checked(cell)
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime | dt.date):
        return _as_date(value)
    if isinstance(value, int | float):
        if not 1 <= value <= _EXCEL_SERIAL_MAX:
            raise CellError(f"“{value}”不是有效的日期")
        from openpyxl.utils.datetime import from_excel

        return _as_date(from_excel(value))
    match = _DATE_TEXT.fullmatch(str(value).strip())
    if match:
        try:
            return dt.date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            pass
    raise CellError(f"“{str(value)[:30]}”不是日期，请填写如 2025-12-31 的日期")


def percent(cell: RawCell) -> int | None:
    """0–100; a fraction (0.8, or 80% formatted as a percentage) means that share of 100."""
    value = _checked(cell)
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime | dt.date | dt.time):
        raise CellError("进度应为 0–100 的数字，不是日期")
    if isinstance(value, str):
        raw = value.strip().replace("％", "%")
        try:
            number = float(raw.rstrip("%"))
        except ValueError:
            raise CellError(f"进度“{value[:20]}”不是数字，请填写 0–100 之间的整数") from None
        fraction = not raw.endswith("%") and 0 < number < 1
    else:
        number = float(value)
        fraction = "%" in cell.number_format or 0 < number < 1
    if fraction:
        number *= 100
    result = round(number)
    if not 0 <= result <= 100:
        raise CellError(f"进度 {result}% 不在 0–100 之间")
    return result


def status(cell: RawCell) -> Status | None:
    word = text(cell, limit=MAX_SHORT)
    if not word:
        return None
    found = Status.parse(word) or _STATUS_WORDS.get(word)
    if found is None:
        raise CellError(f"“{word}”不是有效的状态，可选：{'、'.join(s.value for s in Status)}")
    return found


def uid(cell: RawCell) -> str:
    value = text(cell, limit=MAX_SHORT).lower()
    if value and not _UID.fullmatch(value):
        raise CellError("任务标识（隐藏列）被改动过，无法识别；请勿修改该列")
    return value


def _as_date(value: dt.date | dt.datetime) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value
