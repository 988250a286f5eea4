"""What python-calamine does not say about an OpenDocument .ods sheet, read from content.xml first.

An .ods says "this row 1,048,575 times" in one element; a cell with a value after such a row
(or repeated across 16,384 columns) makes python-calamine allocate the whole range and abort
the interpreter. The XML is scanned as bytes for the last row and column that hold a value.
The same pass notes what calamine drops (issue 13): merged cells (calamine gives no
``merged_cell_ranges`` for .ods) and percentage cells (a 100% reads as 1.0). OpenDocument 1.2
part 1, 9.1.4 table:table-cell: table:number-columns-spanned / number-rows-spanned and
office:value-type="percentage".
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from planner.errors import UserError
from planner.exchange.cell_address import column_letter
from planner.exchange.xlsx_scan import MAX_SHEET_BYTES, SheetScan, refuse_oversized

_TOKEN = re.compile(rb"<table:(table-row|table-cell|covered-table-cell|table)(?=[\s/>])([^>]*?)(/?)>|</table:(table-row)>")
_NAME = re.compile(rb"\btable:name=\"([^\"]*)\"")
_ROWS = re.compile(rb"\btable:number-rows-repeated=\"([0-9]+)\"")
_COLUMNS = re.compile(rb"\btable:number-columns-repeated=\"([0-9]+)\"")
_SPANS = re.compile(rb"\btable:number-(columns|rows)-spanned=\"([0-9]+)\"")
_PERCENTAGE = b'office:value-type="percentage"'
_FLOAT = b'office:value-type="float"'
_VALUE = re.compile(rb"\boffice:value=\"([^\"]*)\"")
_SHOWN = re.compile(rb"<text:p>(-?[0-9]+\.[0-9]+)</text:p>")
# Rows repeated with a percentage in them are noted up to this many times each (a filled-down
# column is written as one repeated row by LibreOffice only when every cell is the same).
_MAX_NOTED_REPEATS = 1000


def check_ods(path: Path) -> dict[str, SheetScan]:
    """Refuse an .ods whose content is over 50 MB or whose used range is over the limits; returns
    each sheet's used range, merged ranges (as A1:C3) and percentage cells, by sheet name.

    Raises:
        UserError: naming the sheet and the rows × columns it uses.
    """
    with zipfile.ZipFile(path) as archive:
        size = archive.getinfo("content.xml").file_size if "content.xml" in archive.namelist() else 0
        if size > MAX_SHEET_BYTES:
            raise UserError(f"“{path.name}”有 {size / 1024 / 1024:.0f} MB 表格数据，超过上限 50 MB，未读取；"
                            "请只保留台账内容后再导入。")
        data = archive.read("content.xml") if size else b""
    if b"<!DOCTYPE" in data[:4096] or b"<!ENTITY" in data[:4096]:
        raise UserError(f"“{path.name}”含有不安全的 XML 内容（实体定义），已拒绝读取。")
    sheets: dict[str, SheetScan] = {}
    sheet, row, column, row_repeat, scan = "", 0, 0, 1, SheetScan()
    for match in _TOKEN.finditer(data):
        tag, attributes, closed, end = match[1], match[2], match[3], match[4]
        if tag == b"table":
            _check(path, sheet, scan)
            name = _NAME.search(attributes)
            sheet, row, scan = (name[1].decode("utf-8", "replace") if name else ""), 0, SheetScan()
            sheets.setdefault(sheet, scan)
        elif tag == b"table-row":
            repeat = _ROWS.search(attributes)
            row_repeat, column = (int(repeat[1]) if repeat else 1), 0
            row += 1
        elif end:
            row += row_repeat - 1
        else:
            repeat = _COLUMNS.search(attributes)
            width = int(repeat[1]) if repeat else 1
            if b"office:value-type" in attributes or not closed:
                scan.rows, scan.columns = max(scan.rows, row + row_repeat - 1), max(scan.columns, column + width)
                if _PERCENTAGE in attributes:
                    scan.percents.update((row + r, column + c + 1) for r in range(min(row_repeat, _MAX_NOTED_REPEATS))
                                         for c in range(min(width, _MAX_NOTED_REPEATS)))
                elif _FLOAT in attributes and not closed and row_repeat == width == 1:
                    shown = _decimals_shown(data, match.end(), attributes)
                    if shown:
                        scan.decimals[(row, column + 1)] = shown
            if b"spanned" in attributes and tag == b"table-cell":
                spans = {kind: int(count) for kind, count in _SPANS.findall(attributes)}
                across, down = spans.get(b"columns", 1), spans.get(b"rows", 1)
                if across > 1 or down > 1:
                    scan.merges.append(f"{column_letter(column + 1)}{row}:{column_letter(column + across)}{row + down - 1}")
            column += width
    _check(path, sheet, scan)
    return sheets


def _decimals_shown(data: bytes, start: int, attributes: bytes) -> str | None:
    """"0.00" when a number cell shows more decimals than its value has (24.1 shown as 24.10): the
    text a LibreOffice file keeps beside the value is what the department sees."""
    value = _VALUE.search(attributes)
    shown = _SHOWN.match(data, start, start + 80)
    if not value or not shown or shown[1] == value[1]:
        return None
    try:
        if float(shown[1]) != float(value[1]):
            return None  # rounded for display (1.2345 shown as 1.23): the value stands
    except ValueError:
        return None
    return "0." + "0" * len(shown[1].split(b".")[1])


def _check(path: Path, sheet: str, scan: SheetScan) -> None:
    refuse_oversized(f"“{path.name}”的工作表“{sheet}”", scan.rows, scan.columns)
