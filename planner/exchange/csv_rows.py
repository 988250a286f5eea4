"""A 台账 saved as CSV (UTF-8 with BOM from Excel, or GBK from WPS) as rows of text cells."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from planner.domain.text_decoding import decode_text
from planner.exchange.ledger_cells import RawCell


def read_csv_rows(path: Path) -> list[list[RawCell]]:
    """Every row as text cells (empty ones as None), read with the encoding the file has."""
    text = decode_text(path.read_bytes(), name=path.name)
    dialect = csv.excel
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        pass  # one column or an odd sample: Excel's own comma dialect
    return [[RawCell(value if value.strip() else None, "s") for value in row]
            for row in csv.reader(io.StringIO(text, newline=""), dialect)]
