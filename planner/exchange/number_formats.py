"""Which number formats change what a cell's number means to the reader: percentages and fixed decimals.

python-calamine reports values without their formats (issue 13): a 1 in a ``0%`` cell reads as
1.0, and 序号 24.10 in a ``0.00`` cell as 24.1. The scanners (xlsx_scan, xls_scan) find the
cells whose style has such a format; this module says which formats those are.
"""

from __future__ import annotations

# The built-in formats that matter, by id (ECMA-376 Part 1, 18.8.30; [MS-XLS] 2.5.165):
# 9 = 0%, 10 = 0.00%, 2 = 0.00, 4 = #,##0.00. A workbook uses them by id without spelling them out.
BUILTIN_FORMATS = {9: "0%", 10: "0.00%", 2: "0.00", 4: "#,##0.00"}


def meaningful_format(code: str) -> str | None:
    """The number format as the reader needs it: a percentage ("0%"), a fixed number of
    decimals ("0.00": 24.1 shows as 24.10), or None when the format does not change what a
    number means (General, 0, dates …)."""
    shown = code.split(";", 1)[0]
    if "%" in shown:
        return "0%"
    if "." in shown and not any(letter in shown.lower() for letter in "ymdhs"):
        decimals = len(shown.split(".", 1)[1]) - len(shown.split(".", 1)[1].lstrip("0"))
        return "0." + "0" * decimals if decimals else None
    return None
