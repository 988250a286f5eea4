"""Reading one 台账 cell into a checked value (text, code, date, percent, status, units, uid)."""

from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple

from planner.domain import ledger_words
from planner.domain.ledger_words import EARLIEST_DATE, WordError, YearlessDate
from planner.domain.model import Status
from planner.domain.unit_names import split_units
from planner.exchange.ledger_layout import clean_text

MAX_TEXT = 4000  # task content, progress, notes
MAX_SHORT = 200  # codes, units, leaders, deadline phrases
# A time after the day (a CSV re-save writes 2026-11-29 0:00:00) is not part of a 台账 date.
_DATE_TEXT = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?")
_UID = re.compile(r"[0-9a-f]{32}")
_EXCEL_SERIAL_MAX = 2958465  # 9999-12-31
_EARLIEST_SERIAL = 36526  # 2000-01-01 in the 1900 date system
_TYPED_NUMBER = re.compile(r"\d{1,4}\.\d{1,2}")  # 2027.06 or 11.28 written as text
# A date cell shows a day; a number typed into it shows the day its value counts from one of
# the two date systems (11.28 → 1900-01-11 06:43 in the 1900 system, 1904-01-12 in the 1904 one).
# Both are tried to get the number back (openpyxl's to_excel keeps Excel's 1900 leap-year quirk).
_EPOCHS = (dt.datetime(1899, 12, 30), dt.datetime(1904, 1, 1))


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
    if isinstance(value, int | float) and not isinstance(value, bool) and cell.number_format.startswith("0."):
        value = f"{value:.{len(cell.number_format) - 2}f}"  # as the cell shows it: 24.1 in 0.00 is 24.10
    elif isinstance(value, float):
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


def date(cell: RawCell, *, field: str = "日期") -> dt.date | YearlessDate | None:
    """A date written as a date, as text (2020-12-31, 2020年12月31日, 11月底) or as an Excel serial.

    A number typed into a date column (11.28, 2027.06) is read as month.day or year.month when
    that is unambiguous (ledger_words.typed_number_date); a day without a year comes back as a
    YearlessDate for the caller to place. No date before 2000 is ever returned.
    """
    value = _checked(cell)
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        if isinstance(value, dt.datetime | dt.date):
            result = _as_date(value)
            if result < EARLIEST_DATE:
                return _typed_number(value, field)
            return result
        if isinstance(value, int | float):
            if float(value).is_integer():
                if not _EARLIEST_SERIAL <= value <= _EXCEL_SERIAL_MAX:
                    raise CellError(f"“{value}”不是有效的日期（不是 2000 年以后的日期序号），请填写如 2026-11-28 的日期")
                from openpyxl.utils.datetime import from_excel

                return _as_date(from_excel(value))
            return ledger_words.typed_number_date(value, field=field)
        text_value = str(value).strip()
        match = _DATE_TEXT.fullmatch(text_value)
        if match:
            result = dt.date(int(match[1]), int(match[2]), int(match[3]))
        else:
            result = ledger_words.date_word(text_value)
            if result is None and _TYPED_NUMBER.fullmatch(text_value):
                result = ledger_words.typed_number_date(float(text_value), field=field)
        if result is None:
            raise CellError(f"“{text_value[:30]}”不是日期，请填写如 2025-12-31 的日期")
        if isinstance(result, dt.date) and result < EARLIEST_DATE:
            raise CellError(f"日期 {result.isoformat()} 早于 2000 年，请核对")
        return result
    except CellError:
        raise
    except WordError as error:
        raise CellError(str(error)) from None
    except ValueError:  # dt.date refused the day (2026-02-30)
        raise CellError(f"“{str(value)[:30]}”不是有效的日期，请填写如 2025-12-31 的日期") from None


def _typed_number(value: dt.date | dt.datetime, field: str) -> dt.date | YearlessDate:
    """The number behind a date cell showing a day before 2000, read as a typed date."""
    from openpyxl.utils.datetime import to_excel

    moment = value if isinstance(value, dt.datetime) else dt.datetime.combine(value, dt.time())
    refusal = None
    for epoch in _EPOCHS:
        number = round(to_excel(moment, epoch), 4)
        if number <= 0:
            continue
        try:
            return ledger_words.typed_number_date(number, field=field)
        except WordError as error:
            refusal = refusal or error
    raise CellError(str(refusal) if refusal else f"日期 {_as_date(value).isoformat()} 早于 2000 年，请核对")


def deadline(cell: RawCell) -> str:
    """A 完成时限: the phrase as written. A date cell (any date format, or a day's serial number)
    becomes its ISO date; a number typed as a date (2027.06, in a number or text cell) becomes
    2027年6月底前; a day without its year (11.28) is refused, as the year cannot be told.
    """
    value = _checked(cell)
    typed = isinstance(value, str) and _TYPED_NUMBER.fullmatch(value.strip())
    number = float(value.strip()) if typed else value
    if isinstance(number, int | float) and not float(number).is_integer():
        found = date(RawCell(number, "n"), field="完成时限")
        if isinstance(found, YearlessDate):
            raise CellError(f"完成时限填写的是数字 {value}，没有年份，请写明年份（如 2026年11月28日前）")
        return f"{found.year}年{found.month}月底前" if number >= 2000 else found.isoformat()
    # A whole number of a day's size is a date whose format was lost (46387 is never a phrase).
    if cell.data_type == "d" or isinstance(value, dt.datetime | dt.date) or (
            isinstance(value, int | float) and _EARLIEST_SERIAL <= value <= _EXCEL_SERIAL_MAX):
        found = date(cell, field="完成时限")
        if isinstance(found, YearlessDate):
            raise CellError(f"完成时限“{found.text()}”没有年份，请写明年份")
        return found.isoformat() if found else ""
    return text(cell, limit=MAX_SHORT, dates_as_text=True)


def percent(cell: RawCell) -> int | None:
    """0–100; a fraction (0.8, or 80% formatted as a percentage) means that share of 100.

    Text goes through the words table: 80%, ８０％, 约80%, 八成 (ledger_words.percent_word).
    """
    value = _checked(cell)
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime | dt.date | dt.time):
        raise CellError("进度应为 0–100 的数字，不是日期")
    if isinstance(value, str):
        try:
            return ledger_words.percent_word(value)
        except WordError as error:
            raise CellError(str(error)) from None
    number = float(value)
    if "%" in cell.number_format or 0 < number < 1:
        number *= 100
    try:
        return ledger_words.whole_percent(number)
    except WordError as error:
        raise CellError(str(error)) from None


def status(cell: RawCell) -> Status | None:
    """The status a cell names, through the words table (完成 → 已完成, 已启动 → 推进中 …)."""
    try:
        found = ledger_words.status_word(text(cell, limit=MAX_SHORT))
    except WordError as error:
        raise CellError(str(error)) from None
    return found.status if found else None


def uid(cell: RawCell) -> str:
    if cell.data_type == "s" and type(cell.value) is str and _UID.fullmatch(cell.value):
        return cell.value  # as exported (every row of a 台账): already clean, lower case and checked
    value = text(cell, limit=MAX_SHORT).lower()
    if value and not _UID.fullmatch(value):
        raise CellError("任务标识（隐藏列）被改动过，无法识别；请勿修改该列")
    return value


def _as_date(value: dt.date | dt.datetime) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value
