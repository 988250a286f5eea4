"""Spreadsheet cell addresses (A1 notation): column letters and merged-range bounds.

The reader names every problem by its cell (file, sheet, row, column), so it converts addresses
all the time. openpyxl.utils does the same, but importing any part of openpyxl loads the whole
package (about a tenth of a second), which a command that only reads with python-calamine
would otherwise pay. Source of the notation: ECMA-376 Part 1, 18.17.2.1 (cell references);
columns run A–Z, AA–ZZ, AAA–XFD (1–16,384).
"""

from __future__ import annotations

import functools
import re

Bounds = tuple[int, int, int, int]  # min_col, min_row, max_col, max_row (1-based, inclusive)

_RANGE = re.compile(r"\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?")


@functools.lru_cache(maxsize=256)
def column_letter(number: int) -> str:
    """1 → A, 27 → AA, 16384 → XFD. Raises ValueError outside 1–18,278 (ZZZ)."""
    if not 1 <= number <= 18278:
        raise ValueError(f"column number {number} is out of range")
    letters = ""
    while number:
        number, remainder = divmod(number - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def column_number(letters: str) -> int:
    """A → 1, AA → 27, XFD → 16384 (upper-case letters only)."""
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


def range_bounds(ref: str) -> Bounds:
    """"A1:B2" (or one cell "C3") → (min_col, min_row, max_col, max_row). Raises ValueError otherwise."""
    match = _RANGE.fullmatch(ref.strip().upper())
    if not match:
        raise ValueError(f"“{ref}” is not a cell range")
    first_col, first_row, last_col, last_row = match.groups()
    left, top = column_number(first_col), int(first_row)
    right, bottom = (column_number(last_col), int(last_row)) if last_col else (left, top)
    return min(left, right), min(top, bottom), max(left, right), max(top, bottom)
