"""Writing the Excel 台账: one styled, filterable, printable task sheet plus hidden lists and metadata."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from planner.domain.model import Status
from planner.exchange.atomic_file import write_atomically
from planner.exchange.ledger_layout import (
    COLUMNS, FORMAT_VERSION, HEADER_ROW, META_KEYS, META_SHEET, SHEET, UNITS_SHEET, LedgerRow,
    clean_text)

Progress = Callable[[int, int], None]
PROGRESS_EVERY = 500
# Rows below the data that still get the dropdowns, so a department can add tasks.
SPARE_ROWS = 200
# Excel reads a cell starting with these as a formula once someone edits it.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_TEXT_KEYS = ("code", "item", "content", "lead", "support", "leader", "deadline", "progress", "note", "uid")


@dataclass(frozen=True)
class LedgerInfo:
    """What the workbook says about itself: the plan, its title, when it was exported, the units."""

    plan_uid: str
    title: str
    exported_at: dt.datetime
    units: tuple[str, ...] = ()
    unit: str = ""  # the lead unit this file is for, when exported one file per unit


def write_ledger(path: Path | str, info: LedgerInfo, rows: Sequence[LedgerRow], *,
                 progress: Progress | None = None) -> Path:
    """Write the 台账 to ``path`` through a temporary file renamed into place.

    Raises:
        UserError: the folder cannot be written or the target is open in another program.
    """
    path = Path(path)
    write_atomically(path, lambda temporary: _write(temporary, info, rows, progress),
                     locked_message=f"无法写入“{path.name}”：文件可能正在 Excel 或 WPS 中打开，请关闭后重试。")
    if progress:
        progress(len(rows), len(rows))
    return path


def _write(target: str, info: LedgerInfo, rows: Sequence[LedgerRow], progress: Progress | None) -> None:
    from openpyxl import Workbook  # heavy: imported only when exporting

    workbook = Workbook(write_only=True)
    styles = _Styles(workbook)
    sheet = workbook.create_sheet(SHEET)
    _set_up_sheet(sheet, len(rows), len(info.units))
    sheet.append([styles.cell(sheet, f"{info.title}（导出时间：{info.exported_at:%Y-%m-%d %H:%M}）", "title")])
    sheet.append([styles.cell(sheet, column.header, "header") for column in COLUMNS])
    for index, row in enumerate(rows, start=1):
        sheet.append(_row_cells(sheet, styles, row))
        if progress and index % PROGRESS_EVERY == 0:
            progress(index, len(rows))
    _write_units(workbook, info.units)
    _write_meta(workbook, info)
    workbook.properties.title = info.title
    workbook.properties.created = info.exported_at.replace(microsecond=0)
    workbook.save(target)


def _set_up_sheet(sheet, count: int, unit_count: int) -> None:
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
    status = DataValidation(type="list", formula1='"' + ",".join(s.value for s in Status) + '"',
                            allow_blank=True, showErrorMessage=True, errorTitle="状态",
                            error="请从下拉列表中选择状态。")
    status.add(f"{_letter('status')}{first}:{_letter('status')}{end}")
    sheet.data_validations.append(status)
    if unit_count:
        # An inline list is capped at 255 characters, so the units live on a hidden sheet.
        lead = DataValidation(type="list", formula1=f"'{UNITS_SHEET}'!$A$1:$A${unit_count}",
                              allow_blank=True, showErrorMessage=True, errorStyle="warning",
                              errorTitle="牵头单位", error="该单位不在单位目录中，确定要填写吗？")
        lead.add(f"{_letter('lead')}{first}:{_letter('lead')}{end}")
        sheet.data_validations.append(lead)
    setup = sheet.page_setup
    setup.orientation, setup.paperSize = "landscape", 9  # 9 = A4 in SpreadsheetML
    setup.fitToWidth, setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"1:{HEADER_ROW}"


def _letter(key: str) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(next(i for i, column in enumerate(COLUMNS, start=1) if column.key == key))


def _row_cells(sheet, styles: _Styles, row: LedgerRow) -> list:
    task = row.task
    values = {
        "code": task.code, "item": row.item_label, "content": task.content, "lead": task.lead_unit,
        "support": "、".join(task.support_units), "leader": task.leader, "deadline": task.deadline_phrase,
        "due": task.deadline_date, "status": task.status.value, "percent": task.percent,
        "progress": row.latest_text, "progress_date": row.latest_date, "note": task.note, "uid": task.uid,
    }
    cells = []
    for column in COLUMNS:
        value = values[column.key]
        if column.key in _TEXT_KEYS:
            cells.append(styles.text(sheet, clean_text(value or "")))
        elif isinstance(value, dt.date):
            cells.append(styles.cell(sheet, value, "date"))
        else:
            cells.append(styles.cell(sheet, value, "plain"))
    return cells


class _Styles:
    """Named styles registered once; a cell then names its style instead of building one."""

    def __init__(self, workbook):
        from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side

        thin = Side(style="thin", color="808080")
        border = Border(left=thin, right=thin, top=thin, bottom=thin)
        top_wrap = Alignment(vertical="top", wrap_text=True)
        specs = {
            "title": NamedStyle("台账标题", font=Font(name="黑体", size=14, bold=True)),
            "header": NamedStyle("台账表头", font=Font(bold=True), border=border,
                                 fill=PatternFill("solid", fgColor="DDEBF7"),
                                 alignment=Alignment(horizontal="center", vertical="center", wrap_text=True)),
            "text": NamedStyle("台账文字", border=border, alignment=top_wrap, number_format="@"),
            "date": NamedStyle("台账日期", border=border, alignment=top_wrap, number_format="yyyy-mm-dd"),
            "plain": NamedStyle("台账数值", border=border, alignment=top_wrap),
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
        prototype.quotePrefix = True
        self.arrays["literal"] = prototype._style

    def cell(self, sheet, value, kind: str):
        from openpyxl.cell import Cell

        return Cell(sheet, row=1, column=1, value=value, style_array=self.arrays[kind])

    def text(self, sheet, value: str):
        from openpyxl.cell import Cell

        if value.startswith(_FORMULA_STARTS):
            cell = Cell(sheet, row=1, column=1, value=value, style_array=self.arrays["literal"])
            cell.data_type = "s"  # openpyxl would store =… as a formula; this is the user's text
            return cell
        return Cell(sheet, row=1, column=1, value=value, style_array=self.arrays["text"])


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
