"""A returned workbook as a grid of cells: .xlsx/.xlsm through openpyxl, .xls through python-calamine.

Each reader yields rows of cells with ``value``, ``data_type`` and ``number_format`` (openpyxl's
own read-only cells, or RawCell), the merged ranges as (min_col, min_row, max_col, max_row),
and the 台账信息 sheet's values. Nothing is filled in: what a merge means is the parser's call.
"""

from __future__ import annotations

import datetime as dt
import itertools
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from planner.errors import UserError
from planner.exchange.cell_address import Bounds, range_bounds
from planner.exchange.ledger_cells import RawCell
from planner.exchange.ledger_layout import HEADER_SEARCH_ROWS, META_KEYS, META_SHEET, SHEET
from planner.exchange.xlsx_guard import CheckedFile, check_safe_xml, merged_ranges

MAX_COLUMNS = 60
# The zh-CN built-in number formats that are dates (ECMA-376 Part 1, 18.8.30, and Excel's
# zh-CN locale: 27–36 and 50–58, e.g. 31 = yyyy"年"m"月"d"日). A workbook uses them by id
# without spelling them out, and openpyxl does not know them, so it reads such a date as a number.
ZH_CN_DATE_FORMAT_IDS = frozenset(range(27, 37)) | frozenset(range(50, 59))
# openpyxl drops what it cannot model and says so; Excel and WPS write these into workbooks
# with cross-sheet dropdowns (our own exports once a department saves them). Only these are
# silenced, and only while reading. (catch_warnings swaps process-wide filters; readers run
# one at a time, in the worker that owns the import.)
_EXPECTED_WARNINGS = (
    "Data Validation extension is not supported",
    "Conditional Formatting extension is not supported",
    "Workbook contains no default style",
)


@dataclass
class Grid:
    """One sheet as rows of cells, its merged ranges, and what 台账信息 says."""

    sheet: str
    rows: Iterator[list]
    merges: list[Bounds] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)
    unread: list[str] = field(default_factory=list)  # other sheets named as a 台账 (a copy: 任务台账 (2))


def other_ledger_sheets(visible: list[str], read: str) -> list[str]:
    """The visible sheets besides ``read`` whose name says they are a 台账 too: a department that
    copied the sheet to fill in may have filled in the copy, which is not read."""
    return [name for name in visible if name != read and "台账" in name and name != META_SHEET]


def read_xlsx_grid(path: Path, use: Callable[[Grid], object]) -> object:
    """Open an .xlsx/.xlsm and hand its grid to ``use``; returns what ``use`` returns.

    python-calamine reads it (about 15× faster than openpyxl's read-only mode) once the sheet's
    XML has been scanned (xlsx_scan): the scan refuses sheets over the limits before calamine
    allocates them and recovers formulas, error cells and percent formats, which calamine does
    not report. A sheet the scan cannot place (cells without their address) is read by openpyxl.
    """
    from planner.exchange.xlsx_scan import sheet_members

    try:
        members = sheet_members(path)
    except UserError:
        raise
    except Exception:  # noqa: BLE001 - an odd package: openpyxl reads it, or says what is wrong
        return read_xlsx_grid_openpyxl(path, use)
    grid = _calamine_xlsx_grid(path, members)
    return read_xlsx_grid_openpyxl(path, use) if grid is None else use(grid)


def _calamine_xlsx_grid(path: Path, members: dict[str, str]) -> Grid | None:
    from planner.exchange.ledger_header import find_header
    from planner.exchange.xlsx_scan import check_package_xml, scan_sheet

    check_package_xml(path)
    try:
        workbook, names, meta = _open_calamine(path)
        visible = _visible(workbook)
        candidates = [SHEET] if SHEET in names else (visible or names)
        first = None
        for name in candidates:
            if name not in members:
                return None
            scan = scan_sheet(path, members[name], name)
            if scan.unlocated:
                return None
            rows = _overlaid(path, workbook.get_sheet_by_name(name), scan)
            head = [row for _, row in zip(range(HEADER_SEARCH_ROWS), rows, strict=False)]
            grid = Grid(name, itertools.chain(head, rows), [range_bounds(ref) for ref in scan.merges], meta,
                        other_ledger_sheets(visible, name))
            if name == SHEET or find_header(head)[0]:
                return grid
            first = first or grid
        return first
    except UserError:
        raise
    except Exception as error:  # noqa: BLE001 - untrusted input: any parser failure is the file's
        raise UserError(broken_message(path, error)) from None


def _overlaid(path: Path, sheet, scan) -> Iterator[list[RawCell]]:
    """The sheet's rows as cells, one at a time, with the formulas, error values and percent
    formats calamine drops put back. Rows come lazily (``iter_rows``), so a large sheet is never
    held twice; calamine starts each row at the sheet's first used column, so the columns
    before it are put back too, keeping every address true.
    """
    special = scan.formulas.keys() | scan.errors.keys() | scan.percents | scan.decimals.keys()
    padding = [_EMPTY_CELL] * sheet.start[1] if sheet.start else []
    try:
        for row_number, row in enumerate(sheet.iter_rows(), start=1):
            cells = padding + _calamine_row(row) if padding else _calamine_row(row)
            del cells[MAX_COLUMNS:]
            if special:
                for column_number in range(1, len(cells) + 1):
                    key = (row_number, column_number)
                    if key not in special:
                        continue
                    if key in scan.formulas:
                        cells[column_number - 1] = RawCell(scan.formulas[key], "f")
                    elif key in scan.errors:
                        cells[column_number - 1] = RawCell(scan.errors[key], "e")
                    elif cells[column_number - 1].data_type == "n":
                        cells[column_number - 1] = RawCell(cells[column_number - 1].value, "n",
                                                           scan.decimals.get(key, "0%"))
            yield cells
    except Exception as error:  # noqa: BLE001 - untrusted input: a failure while reading is the file's
        raise UserError(broken_message(path, error)) from None


def read_xlsx_grid_openpyxl(path: Path, use: Callable[[Grid], object]) -> object:
    """Open an .xlsx with openpyxl (read-only) and hand its grid to ``use``; returns what ``use`` returns."""
    from openpyxl import load_workbook

    check_safe_xml()

    with warnings.catch_warnings():
        for message in _EXPECTED_WARNINGS:
            warnings.filterwarnings("ignore", message=message, category=UserWarning)
        try:
            workbook = load_workbook(path, read_only=True, data_only=False)
        except PermissionError:
            raise UserError(f"无法读取“{path.name}”：文件可能正在 Excel 或 WPS 中打开，请关闭后重试。") from None
        except Exception as error:  # noqa: BLE001 - untrusted input: any parser failure is the file's
            raise UserError(broken_message(path, error)) from None
        try:
            meta = _meta_rows(workbook[META_SHEET].iter_rows(max_row=20, max_col=2, values_only=True)
                              if META_SHEET in workbook.sheetnames else [])
            sheet = _pick_openpyxl_sheet(workbook)
            merges = [range_bounds(ref) for ref in merged_ranges(path, sheet._worksheet_path)]  # noqa: SLF001
            sheet.reset_dimensions()  # a wrong <dimension> must not cut rows off
            dated = {index for index, style in enumerate(workbook._cell_styles)  # noqa: SLF001 - no public API
                     if style.numFmtId in ZH_CN_DATE_FORMAT_IDS}
            rows = _openpyxl_rows(sheet.iter_rows(), dated, workbook.epoch)
            visible = [ws.title for ws in workbook.worksheets if ws.sheet_state == "visible"]
            return use(Grid(sheet.title, rows, merges, meta, other_ledger_sheets(visible, sheet.title)))
        except UserError:
            raise
        except Exception as error:  # noqa: BLE001 - as above: malformed XML, bombs, bad zip members
            raise UserError(broken_message(path, error)) from None
        finally:
            workbook.close()


def _openpyxl_rows(rows, dated: set[int], epoch: dt.datetime) -> Iterator[list]:
    from openpyxl.utils.datetime import from_excel

    for row in rows:
        cells = list(row[:MAX_COLUMNS])
        if dated:
            for index, cell in enumerate(cells):
                if (getattr(cell, "_style_id", 0) in dated and cell.data_type == "n"
                        and isinstance(cell.value, int | float)):
                    try:
                        cells[index] = RawCell(from_excel(cell.value, epoch), "d", "yyyy-mm-dd")
                    except (ValueError, OverflowError):
                        pass  # not a day at all: the date parser reports the number
        yield cells


def _pick_openpyxl_sheet(workbook):
    from planner.exchange.ledger_header import find_header

    if SHEET in workbook.sheetnames:
        return workbook[SHEET]
    visible = [ws for ws in workbook.worksheets if ws.sheet_state == "visible"] or workbook.worksheets
    for sheet in visible:
        rows = [list(row) for row in sheet.iter_rows(max_row=HEADER_SEARCH_ROWS, max_col=MAX_COLUMNS)]
        if find_header(rows)[0]:
            return sheet
    return visible[0]


def _open_calamine(path: Path):
    """(workbook, sheet names, 台账信息 rows) of a file python-calamine reads; no 台账信息 gives {}."""
    from python_calamine import CalamineWorkbook

    workbook = CalamineWorkbook.from_path(str(path))
    names = workbook.sheet_names
    meta = {}
    if META_SHEET in names:
        meta = _meta_rows(workbook.get_sheet_by_name(META_SHEET).to_python(skip_empty_area=False)[:20])
    return workbook, names, meta


def _visible(workbook) -> list[str]:
    return [sheet.name for sheet in workbook.sheets_metadata if str(sheet.visible).rsplit(".", 1)[-1] == "Visible"]


def read_xls_grid(source: CheckedFile, use: Callable[[Grid], object]) -> object:
    """Open an Excel 97–2003 .xls (or an OpenDocument .ods) with python-calamine and hand its grid to ``use``.

    ``source`` is the guard's CheckedFile of the file (xlsx_guard.check_workbook), which for an
    .xls holds the number formats its walk of the records found: the records are walked once.

    Rows come one at a time, as for .xlsx: a sheet of 100,000 rows × 40 columns of values held
    as Python lists would take 600 MB (issue 13's memory goal is 500 MB). What calamine does not
    report is read from the file first: for an .ods its merged ranges and percentage cells
    (ods_scan), for an .xls its percentage and fixed-decimal cells (handed by the guard).
    """
    from planner.exchange.ledger_header import find_header
    from planner.exchange.xlsx_scan import SheetScan

    path = source.path
    ods = path.suffix.lower() == ".ods"
    if ods:
        from planner.exchange.ods_scan import check_ods

        scans = check_ods(path)  # before calamine allocates a sheet's whole used range
    else:
        scans = source.formats or {}  # the guard walked the records already (scan_xls)
    try:
        workbook, names, meta = _open_calamine(path)
        visible = _visible(workbook)
        grid = None
        for name in [SHEET] if SHEET in names else (visible or names):
            sheet = workbook.get_sheet_by_name(name)
            # The rows keep leading empty rows and columns (calamine's iter_rows starts each row at
            # the first used column; _overlaid puts the columns before it back), so addresses stay true.
            scan = scans.get(name) or SheetScan()
            rows = _overlaid(path, sheet, scan)
            if ods:
                rows = _ods_days(rows)
            head = [row for _, row in zip(range(HEADER_SEARCH_ROWS), rows, strict=False)]
            merges = [(c0 + 1, r0 + 1, c1 + 1, r1 + 1) for (r0, c0), (r1, c1) in (sheet.merged_cell_ranges or [])]
            merges = merges or [range_bounds(ref) for ref in scan.merges]
            found = Grid(name, itertools.chain(head, rows), merges, meta, other_ledger_sheets(visible, name))
            if name == SHEET or find_header(head)[0]:
                grid = found
                break
            grid = grid or found  # no sheet has a header: the first is read, and says so
        if grid is None:
            raise ValueError("the workbook has no sheet")
    except UserError:
        raise
    except Exception as error:  # noqa: BLE001 - untrusted input: any parser failure is the file's
        raise UserError(broken_message(path, error)) from None
    return use(grid)


_EMPTY_CELL = RawCell(None, "n")
# Excel counts 1900-02-29, which never was: its serial numbers below 60 show a day one later than
# the days since 1899-12-30 that LibreOffice counts. calamine gives an .ods cell the true day, an .xls
# or .xlsx cell Excel's; a number typed into a date cell (11.28) is read back from Excel's.
_EXCEL_LEAP_DAY = dt.datetime(1900, 2, 28)


def _ods_days(rows: Iterator[list[RawCell]]) -> Iterator[list[RawCell]]:
    """An .ods sheet's rows with days before 1900-02-28 as Excel would show the same number."""
    for cells in rows:
        for index, cell in enumerate(cells):
            if cell.data_type == "d" and isinstance(cell.value, dt.datetime | dt.date):
                moment = cell.value if isinstance(cell.value, dt.datetime) else \
                    dt.datetime.combine(cell.value, dt.time())
                if moment < _EXCEL_LEAP_DAY:
                    cells[index] = cell._replace(value=moment + dt.timedelta(days=1))
        yield cells


# RawCell(value, "s") runs the named tuple's generated __new__, a Python call per cell; the
# tuple's own constructor makes the same cell in C (a tenth of reading a 20,000-row sheet).
_new_cell = tuple.__new__


def _calamine_row(row: list) -> list[RawCell]:
    """A row of calamine's values as cells; text (nearly all cells) takes the short way."""
    return [_new_cell(RawCell, (value, "s", "General")) if type(value) is str and value else _calamine_cell(value)
            for value in row[:MAX_COLUMNS]]


def _calamine_cell(value: object) -> RawCell:
    kind = type(value)
    # After text, the cells a sheet has most: numbers and calamine's dates, told by their exact type.
    if kind is float or kind is int:
        return _new_cell(RawCell, (value, "n", "General"))
    if kind is dt.date or kind is dt.datetime:
        return _new_cell(RawCell, (value, "d", "yyyy-mm-dd"))
    if value == "" or value is None:
        return _EMPTY_CELL
    if isinstance(value, bool):
        return RawCell(value, "b")
    if isinstance(value, int | float):
        return RawCell(value, "n")
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return RawCell(value, "d", "yyyy-mm-dd")
    if isinstance(value, dt.timedelta):
        return RawCell(value.total_seconds() / 86400, "n")
    return RawCell(str(value), "s")


def _meta_rows(rows) -> dict[str, str]:
    keys = {label: key for key, label in META_KEYS.items()}
    meta = {}
    for row in rows:
        row = list(row)
        if len(row) >= 2 and row[0] in keys and row[1] not in (None, ""):
            meta[keys[row[0]]] = str(row[1]).strip()
    return meta


def broken_message(path: Path, error: Exception) -> str:
    """The message for a workbook a parser failed on (unsafe XML is named as such)."""
    from defusedxml import DefusedXmlException

    cause: BaseException | None = error
    while cause is not None:  # openpyxl wraps what defusedxml raised in a ValueError
        if isinstance(cause, DefusedXmlException):
            return f"“{path.name}”含有不安全的 XML 内容（实体定义），已拒绝读取。"
        cause = cause.__cause__ or cause.__context__
    # Not the parser's words (an English exception name): what the clerk can do about it.
    return f"“{path.name}”已损坏或不是有效的 Excel 工作簿，无法读取；请在 WPS 或 Excel 中打开后另存为 .xlsx 再导入。"
