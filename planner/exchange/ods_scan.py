"""The used range of each sheet of an OpenDocument .ods, from content.xml, before calamine reads it.

An .ods says "this row 1,048,575 times" in one element; a cell with a value after such a row
(or repeated across 16,384 columns) makes python-calamine allocate the whole range and abort
the interpreter. The XML is scanned as bytes for the last row and column that hold a value.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from planner.errors import UserError
from planner.exchange.xlsx_scan import MAX_SHEET_BYTES, refuse_oversized

_TOKEN = re.compile(rb"<table:(table-row|table-cell|covered-table-cell|table)(?=[\s/>])([^>]*?)(/?)>|</table:(table-row)>")
_NAME = re.compile(rb"\btable:name=\"([^\"]*)\"")
_ROWS = re.compile(rb"\btable:number-rows-repeated=\"([0-9]+)\"")
_COLUMNS = re.compile(rb"\btable:number-columns-repeated=\"([0-9]+)\"")


def check_ods(path: Path) -> None:
    """Refuse an .ods whose content is over 50 MB or whose used range is over the limits.

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
    sheet, row, column, row_repeat, used = "", 0, 0, 1, (0, 0)
    for match in _TOKEN.finditer(data):
        tag, attributes, closed, end = match[1], match[2], match[3], match[4]
        if tag == b"table":
            _check(path, sheet, used)
            name = _NAME.search(attributes)
            sheet, row, used = (name[1].decode("utf-8", "replace") if name else ""), 0, (0, 0)
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
                used = (max(used[0], row + row_repeat - 1), max(used[1], column + width))
            column += width
    _check(path, sheet, used)


def _check(path: Path, sheet: str, used: tuple[int, int]) -> None:
    refuse_oversized(f"“{path.name}”的工作表“{sheet}”", *used)
