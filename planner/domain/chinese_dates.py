"""Dates as official documents print them (2026年11月17日), never in ISO form."""

from __future__ import annotations

import datetime as dt
import re

# 2026-11-17, 2026/11/17, 2026.11.17 (as a spreadsheet or a person may have typed them).
_NUMERIC_DATE = re.compile(r"(?<!\d)(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?!\d)")


def chinese_date(date: dt.date) -> str:
    """A date as official documents write it: 2026年11月17日 (GB/T 9704-2012 7.3.5.1: Arabic digits, no zero padding)."""
    return f"{date.year}年{date.month}月{date.day}日"


def with_chinese_dates(text: str) -> str:
    """``text`` with every numeric date (2026-11-17, 2026/11/17, 2026.11.17) written as 2026年11月17日.

    A group of digits that is not a real date (2026-13-40) is left as it is.
    """
    def replace(match: re.Match[str]) -> str:
        try:
            return chinese_date(dt.date(int(match[1]), int(match[3]), int(match[4])))
        except ValueError:
            return match[0]

    return _NUMERIC_DATE.sub(replace, text)
