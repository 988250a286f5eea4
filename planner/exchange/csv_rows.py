"""A 台账 saved as CSV (UTF-8 with BOM from Excel, or GBK from WPS) as rows of text cells."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from pathlib import Path

from planner.domain.text_decoding import decode_text
from planner.errors import UserError
from planner.exchange.ledger_cells import RawCell
from planner.exchange.xlsx_scan import MAX_CELLS, MAX_COLUMNS, MAX_ROWS, refuse_oversized

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")
# Columns kept of each row, as for a workbook (ledger_grid.MAX_COLUMNS): a 台账 has 14.
_KEPT_COLUMNS = 60


def read_csv_rows(path: Path) -> Iterator[list[RawCell]]:
    """Every row as text cells (empty ones as None), read with the encoding the file has, one at a time.

    The sheet limits of a workbook apply (rows, columns and their product): a 45 MB file of
    200 one-character columns held as cells took 2 GB (issue 13). Rows come lazily and keep
    their first 60 columns; the limits are checked as rows are read.

    Raises (while iterating):
        UserError: the file is over the limits, or not a CSV file the reader can split.
    """
    text = decode_text(path.read_bytes(), name=path.name)
    dialect = csv.excel
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        pass  # one column or an odd sample: Excel's own comma dialect
    return _rows(path, text, dialect)


def _rows(path: Path, text: str, dialect) -> Iterator[list[RawCell]]:
    widest = 0
    try:
        for number, row in enumerate(csv.reader(_lines(text), dialect), start=1):
            widest = max(widest, len(row))
            if number > MAX_ROWS or widest > MAX_COLUMNS or number * widest > MAX_CELLS:
                refuse_oversized(f"“{path.name}”", max(number, _count_rows(text)), widest)
            yield [RawCell(value if value.strip() else None, "s") for value in row[:_KEPT_COLUMNS]]
    except csv.Error as error:
        raise UserError(f"“{path.name}”不是可以读取的 CSV 文件（{error}）；请在 WPS 或 Excel 中另存为 .xlsx 后再导入。") from None


def _lines(text: str) -> Iterator[str]:
    """The text's lines with their endings (\\r\\n, \\r or \\n), as io.StringIO(text, newline="") gives
    them, but one at a time: StringIO copies the whole text at four bytes a character first."""
    return (match[0] for match in _LINE.finditer(text))


def _count_rows(text: str) -> int:
    """Lines in the file (a row with a line break inside quotes counts twice): for the message only."""
    return text.count("\n") + (not text.endswith("\n"))
