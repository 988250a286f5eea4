"""Writing the Excel 台账: one styled, filterable, printable task sheet plus hidden lists and metadata."""

from __future__ import annotations

import datetime as dt
import functools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from planner.domain.lights import Light
from planner.domain.model import Status
from planner.exchange.atomic_file import write_atomically
from planner.exchange.ledger_layout import (
    COLUMN_BY_KEY, COLUMNS, FORMAT_VERSION, GUIDE, GUIDE_ROW, HEADER_ROW, META_KEYS, META_SHEET, SHEET, TITLE_ROW,
    UNITS_SHEET, LedgerRow, clean_text)

Progress = Callable[[int, int], None]
PROGRESS_EVERY = 500
# Rows below the data that still get the dropdowns, so a department can add tasks.
SPARE_ROWS = 200
# Excel reads a cell starting with these as a formula once someone edits it.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
MAX_CELL_TEXT = 32767  # characters in a cell: Excel's limit, which openpyxl cuts text to
_TEXT_KEYS = ("code", "item", "content", "lead", "support", "leader", "deadline", "progress", "note", "uid")


@dataclass(frozen=True)
class LedgerInfo:
    """What the workbook says about itself: the plan, its title, when it was exported, the units."""

    plan_uid: str
    title: str
    exported_at: dt.datetime
    units: tuple[str, ...] = ()
    unit: str = ""  # the lead unit this file is for, when exported one file per unit


PRINTED_WIDTH = sum(column.width for column in COLUMNS if column.key != "uid")
PAPER_SIZES = {"A4": 9, "A3": 8}  # paperSize codes of SpreadsheetML (ECMA-376 Part 1, 18.3.1.63)


def write_ledger(path: Path | str, info: LedgerInfo, rows: Sequence[LedgerRow], *,
                 progress: Progress | None = None, paper: str = "A4") -> Path:
    """Write the 台账 to ``path`` through a temporary file renamed into place.

    ``paper`` is "A4" or "A3" (landscape, fit to the page's width, header repeated).

    Raises:
        UserError: the folder cannot be written or the target is open in another program.
    """
    path = Path(path)
    write_atomically(path, lambda temporary: _write(temporary, info, rows, progress, paper),
                     locked_message=f"无法写入“{path.name}”：文件可能正在 Excel 或 WPS 中打开，请关闭后重试。")
    if progress:
        progress(len(rows), len(rows))
    return path


# Row heights. LibreOffice and WPS do not fit a row to wrapped text when they open a file, so
# every row gets the height its longest cell needs: lines of 10 pt text at 14 pt each.
LINE_PT, ROW_PADDING_PT, MAX_ROW_PT = 14.0, 4.0, 409.0  # 409 pt: Excel's largest row height
_HEADER_LINE_PT = 14.0


def text_lines(text: str, width: float) -> int:
    """How many lines ``text`` wraps to in a column ``width`` Excel units wide (at least 1).

    A Chinese or full-width character takes two units, anything else one (10 pt 宋体 against
    the "0" of Calibri 11); a unit is kept back for the cell's padding.
    """
    usable = max(width - 1.0, 1.0)
    lines = 0
    for paragraph in text.split("\n"):
        lines += max(1, math.ceil(_units(paragraph) / usable))
    return lines


def _units(text: str) -> int:
    """Width in Excel units: a Chinese (3-byte UTF-8) character counts two, ASCII one.

    Measured through the UTF-8 length, in C, because every cell of a 20,000-row 台账 is measured.
    """
    return (len(text.encode("utf-8")) + len(text)) // 2


# The printed columns' widths less the padding unit, as text_lines takes them.
_MEASURED = tuple((column.key, max(column.width - 1.0, 1.0)) for column in COLUMNS if column.key != "uid")


def _row_height(values: dict[str, object]) -> float:
    """The height the row's longest text needs (text_lines, inlined: it runs for every cell)."""
    lines = 1
    for key, usable in _MEASURED:
        value = values[key]
        if not isinstance(value, str) or not value:
            continue
        if "\n" in value:
            count = sum(max(1, math.ceil(_units(line) / usable)) for line in value.split("\n"))
        else:
            count = math.ceil(_units(value) / usable)  # at least 1: the text is not empty
        if count > lines:
            lines = count
    return min(MAX_ROW_PT, lines * LINE_PT + ROW_PADDING_PT)


def _write(target: str, info: LedgerInfo, rows: Sequence[LedgerRow], progress: Progress | None,
           paper: str) -> None:
    from openpyxl import Workbook  # heavy: imported only when exporting
    from openpyxl.compat import safe_string

    workbook = Workbook(write_only=True)
    styles = _Styles(workbook)
    sheet = workbook.create_sheet(SHEET)
    cells = _Cells(sheet, styles)
    _set_up_sheet(sheet, len(rows), len(info.units), paper)
    sheet.row_dimensions[TITLE_ROW].height = 24
    title = cells.one(TITLE_ROW, info.title, "title", font=_title_font(info.title))
    sheet.append([title])
    sheet.HeaderFooter.oddHeader.right.text = f"导出时间：{info.exported_at:%Y-%m-%d %H:%M}"
    sheet.HeaderFooter.oddHeader.right.size = 9
    sheet.append([cells.one(GUIDE_ROW, GUIDE, "guide")])
    sheet.row_dimensions[HEADER_ROW].height = max(
        text_lines(column.header, column.width) for column in COLUMNS) * _HEADER_LINE_PT + ROW_PADDING_PT
    sheet.append([cells.one(HEADER_ROW, column.header, "fill_header" if column.prompt else "header", number)
                  for number, column in enumerate(COLUMNS, start=1)])
    for index, row in enumerate(rows, start=1):
        values = _values(row)
        # What a RowDimension with this height writes, as a plain mapping: openpyxl's row writer
        # only reads a row's attributes from it, and building 20,000 of them cost 8% of the export.
        sheet.row_dimensions[HEADER_ROW + index] = {"ht": safe_string(_row_height(values)), "customHeight": "1"}
        sheet.append(cells.row(HEADER_ROW + index, values, _TINTS.get(row.light, "")))
        if progress and index % PROGRESS_EVERY == 0:
            progress(index, len(rows))
    _write_units(workbook, info.units)
    _write_meta(workbook, info)
    workbook.properties.title = info.title
    workbook.properties.created = info.exported_at.replace(microsecond=0)
    workbook.save(target)


TITLE_PT = (10.0, 14.0)  # the title's size: as large as fits over the printed columns, within these


def _title_font(title: str):
    """黑体, sized so the title spans no more than the printed columns (a wider title would make
    the fit-to-width print smaller, or be cut off at the print area's edge)."""
    from openpyxl.styles import Font

    at_ten = _units(title)
    size = math.floor(PRINTED_WIDTH * 10 / max(at_ten, 1) * 2) / 2
    return Font(name="黑体", size=min(TITLE_PT[1], max(TITLE_PT[0], size)), bold=True)


def _set_up_sheet(sheet, count: int, unit_count: int, paper: str) -> None:
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    last = get_column_letter(len(COLUMNS))
    wrap = Alignment(vertical="top", wrap_text=True)
    for number, column in enumerate(COLUMNS, start=1):
        dimension = sheet.column_dimensions[get_column_letter(number)]
        dimension.width = column.width
        dimension.hidden = column.key == "uid"
        # Column formats reach the rows a department adds below: 1.10 typed there stays text.
        dimension.alignment = wrap
        if column.key in _TEXT_KEYS:
            dimension.number_format = "@"
        elif column.key in ("due", "progress_date"):
            dimension.number_format = "yyyy-mm-dd"
    sheet.freeze_panes = f"A{HEADER_ROW + 1}"
    sheet.auto_filter.ref = f"A{HEADER_ROW}:{last}{HEADER_ROW + max(count, 1)}"
    first, end = HEADER_ROW + 1, HEADER_ROW + count + SPARE_ROWS

    def validate(key: str, validation: DataValidation) -> None:
        column = COLUMN_BY_KEY[key]
        if column.prompt:  # Excel and WPS show it when the cell is selected
            validation.showInputMessage = True
            validation.promptTitle, validation.prompt = column.header, column.prompt
        validation.add(f"{_letter(key)}{first}:{_letter(key)}{end}")
        sheet.data_validations.append(validation)

    validate("status", DataValidation(type="list", formula1='"' + ",".join(s.value for s in Status) + '"',
                                      allow_blank=True, showErrorMessage=True, errorTitle="状态",
                                      error="请从下拉列表中选择状态。"))
    validate("percent", DataValidation(type="whole", operator="between", formula1="0", formula2="100",
                                       allow_blank=True, showErrorMessage=True, errorTitle="进度",
                                       error="进度请填 0 到 100 的整数。"))
    for key in ("due", "progress_date"):
        # Serials of 2000-01-01 and 2099-12-31: a number typed as 11.28 is refused at once.
        validate(key, DataValidation(type="date", operator="between", formula1="36526", formula2="73415",
                                     allow_blank=True, showErrorMessage=True, errorStyle="warning",
                                     errorTitle=COLUMN_BY_KEY[key].header, error="请填写日期，如 2026-11-28。"))
    for key in ("progress", "note"):
        validate(key, DataValidation(allow_blank=True))  # only the input message
    if unit_count:
        # An inline list is capped at 255 characters, so the units live on a hidden sheet.
        validate("lead", DataValidation(type="list", formula1=f"'{UNITS_SHEET}'!$A$1:$A${unit_count}",
                                        allow_blank=True, showErrorMessage=True, errorStyle="warning",
                                        errorTitle="牵头单位", error="该单位不在单位目录中，确定要填写吗？"))
    setup = sheet.page_setup
    setup.orientation, setup.paperSize = "landscape", PAPER_SIZES[paper]
    setup.fitToWidth, setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    margins = sheet.page_margins  # inches
    margins.left = margins.right = 0.35
    margins.top, margins.bottom, margins.header, margins.footer = 0.5, 0.6, 0.2, 0.25
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    # Only the visible columns are printed: text running on from the title or the 填报说明
    # never widens the page (and so never shrinks the print).
    sheet.print_area = f"A1:{_letter('note')}{end}"
    sheet.HeaderFooter.oddFooter.center.text = "第 &P 页，共 &N 页"
    sheet.HeaderFooter.oddFooter.center.size = 10


def _letter(key: str) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(next(i for i, column in enumerate(COLUMNS, start=1) if column.key == key))


def _values(row: LedgerRow) -> dict[str, object]:
    task = row.task
    return {
        "code": task.code, "item": _short_label(row.item_label), "content": task.content, "lead": task.lead_unit,
        "support": "、".join(task.support_units), "leader": task.leader, "deadline": task.deadline_phrase,
        "due": task.deadline_date, "status": task.status.value, "percent": task.percent,
        "progress": row.latest_text, "progress_date": row.latest_date, "note": task.note, "uid": task.uid,
    }


LABEL_CHARS = 10  # of the item's heading after its number: the column repeats it on every row


def _short_label(label: str) -> str:
    """（二十四）健全区际利益补偿机制 → （二十四）健全区际利益补偿…: the number is what the reader uses."""
    number, close, heading = label.partition("）")
    if not close or len(heading) <= LABEL_CHARS:
        return label
    return f"{number}{close}{heading[:LABEL_CHARS - 1]}…"


# The window's light colours, pale enough to write on (planner/ui/light_icons.py has the bright ones).
_TINTS = {Light.RED: "_red", Light.YELLOW: "_yellow"}
_TINT_COLOURS = {"_red": "FBE0DE", "_yellow": "FFF3C4"}


class _Styles:
    """Named styles registered once; a cell then names its style instead of building one."""

    def __init__(self, workbook):
        from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side

        thin = Side(style="thin", color="808080")
        border = Border(left=thin, right=thin, top=thin, bottom=thin)
        top_wrap = Alignment(vertical="top", wrap_text=True)
        body = Font(name="宋体", size=10)
        centred = Alignment(horizontal="center", vertical="center", wrap_text=True)
        specs = {
            "title": NamedStyle("台账标题", font=Font(name="黑体", size=14, bold=True)),
            "guide": NamedStyle("台账说明", font=Font(name="宋体", size=10, color="7F3F00")),
            "header": NamedStyle("台账表头", font=Font(name="黑体", size=10), border=border,
                                 fill=PatternFill("solid", fgColor="DDEBF7"), alignment=centred),
            # The columns a department fills in: the 填报说明 names their colour.
            "fill_header": NamedStyle("台账填报列表头", font=Font(name="黑体", size=10), border=border,
                                      fill=PatternFill("solid", fgColor="C6E0B4"), alignment=centred),
            "text": NamedStyle("台账文字", font=body, border=border, alignment=top_wrap, number_format="@"),
            "date": NamedStyle("台账日期", font=body, border=border, alignment=top_wrap, number_format="yyyy-mm-dd"),
            "plain": NamedStyle("台账数值", font=body, border=border, alignment=top_wrap),
        }
        for style in specs.values():
            workbook.add_named_style(style)
        # Resolving a named style per cell costs more than writing the cell; each kind is
        # resolved once on a prototype and its style array handed to every cell of that kind.
        from openpyxl.cell import Cell

        prototype = Cell(workbook.create_sheet("_"), value="")
        workbook.remove(prototype.parent)
        self.arrays = {}
        for key, style in specs.items():
            prototype.style = style.name
            self.arrays[key] = prototype._style
        prototype.style = "台账文字"
        prototype.quotePrefix = True
        self.arrays["literal"] = prototype._style
        for tint, colour in _TINT_COLOURS.items():
            for key in ("text", "date", "plain", "literal"):
                prototype.style = specs["text" if key == "literal" else key].name
                prototype.quotePrefix = key == "literal"
                prototype.fill = PatternFill("solid", fgColor=colour)
                self.arrays[key + tint] = prototype._style


class _Cells:
    """The cells of the task sheet: each task cell is one of a few kept per column and style,
    given the next row's value once the row before it has been written.

    openpyxl's write-only sheet writes a row as soon as it is appended, so its cells are free
    again right after. Building a cell per value, which openpyxl then copies into a cell of its
    own by binding the value a second time, and looking the style up for every cell written,
    cost more than writing the cells: here each value is bound once, each kept cell's style is
    looked up once, and its address is a single format.
    """

    def __init__(self, sheet, styles: _Styles):
        from openpyxl.utils import get_column_letter

        self.sheet, self.arrays = sheet, styles.arrays
        self.columns = [(number, column.key, get_column_letter(number), column.key in _TEXT_KEYS)
                        for number, column in enumerate(COLUMNS, start=1)]
        self.kept: dict[tuple[int, str], object] = {}
        sheet._values_to_row = _as_placed  # noqa: SLF001 - openpyxl has no public way to append prepared cells

    def one(self, row: int, value, kind: str, column: int = 1, font=None):
        """A cell written once (title, 填报说明, header): openpyxl's own, its style looked up as it is written."""
        from openpyxl.cell import Cell

        cell = Cell(self.sheet, row=row, column=column, value=value, style_array=self.arrays[kind])
        if font is not None:
            cell.font = font
        return cell

    def row(self, row: int, values: dict[str, object], tint: str) -> list:
        """One task's cells: text as text (never a formula, never an error value), dates and numbers
        as themselves."""
        cells = []
        kept = self.kept
        for number, key, letter, is_text in self.columns:
            value = values[key]
            if is_text:
                value = clean_text(value or "")
                kind = ("literal" if value.startswith(_FORMULA_STARTS) else "text") + tint
                cell = kept.get((number, kind)) or self._keep(number, kind)
                # What binding a str does, less its guesses: openpyxl would store =… as a formula
                # and #N/A as an error value (which the reader then refuses); these are the
                # user's words. clean_text has dropped the characters XML forbids.
                cell._value = value if len(value) <= MAX_CELL_TEXT else value[:MAX_CELL_TEXT]  # noqa: SLF001
                cell.data_type = "s"
            else:
                kind = ("date" if isinstance(value, dt.date) else "plain") + tint
                cell = kept.get((number, kind)) or self._keep(number, kind)
                cell._bind_value(value)  # noqa: SLF001 - what the value setter calls
            cell.row = row
            cell.coordinate = f"{letter}{row}"
            cells.append(cell)
        return cells

    def _keep(self, number: int, kind: str):
        # Registered when first used, as openpyxl registers a style when it first writes it,
        # so the workbook's style list comes out the same.
        cell = self.kept[number, kind] = _prepared_cell_class()(self.sheet, column=number,
                                                                style_array=self.arrays[kind])
        cell.style_id = self.sheet.parent._cell_styles.add(cell._style)  # noqa: SLF001
        return cell


def _as_placed(cells: list, row_number: int) -> list:
    """Stands in for WriteOnlyWorksheet._values_to_row: the cells already know their row."""
    if cells and cells[0].row != row_number:
        raise AssertionError(f"row {cells[0].row} appended as row {row_number}")
    return cells


@functools.cache
def _prepared_cell_class():
    """A Cell whose address and style id are plain attributes (openpyxl's writer reads both for
    every cell written; as the properties they are they would be worked out again each time)."""
    from openpyxl.cell import Cell

    class PreparedCell(Cell):
        __slots__ = ("coordinate", "style_id")
        has_style = True

    return PreparedCell


def _write_units(workbook, units: Sequence[str]) -> None:
    sheet = workbook.create_sheet(UNITS_SHEET)
    sheet.sheet_state = "hidden"
    for name in units:
        sheet.append([clean_text(name)])


def _write_meta(workbook, info: LedgerInfo) -> None:
    sheet = workbook.create_sheet(META_SHEET)
    sheet.sheet_state = "hidden"
    values = {"plan_uid": info.plan_uid, "exported_at": info.exported_at.isoformat(),
              "version": FORMAT_VERSION, "title": clean_text(info.title), "unit": clean_text(info.unit)}
    for key, label in META_KEYS.items():
        sheet.append([label, values[key]])
