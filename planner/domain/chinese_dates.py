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


# A written date as the signature block or the line under a title carries it (成文日期,
# GB/T 9704-2012 §7.3.5.1). The year's zero is written 〇 (U+3007), ○ (U+25CB, what most input
# methods give), ◯ (U+25EF), 零, the digit 0 or the letter O (Ｏ once folded), and the year may mix
# Chinese and Arabic digits (二0二五); a date typed as 2025.3.10, 2025．3．10 (full-width dots, as a
# Chinese input method types them), 2025-03-10 or 2025/3/10 counts too. One space may stand between
# the parts of a written date (二〇二五年 三月十日: a line spread out to align it under the organ).
YEAR_DIGITS = "0-9〇○◯零Oo一二三四五六七八九"
_YEAR_ZERO_AND_DIGITS = "〇○◯零Oo0一二三四五六七八九"
_MONTH_OR_DAY = r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})"
WRITTEN_DATE = (rf"(?:[{YEAR_DIGITS}]{{4}} ?年 ?{_MONTH_OR_DAY} ?月 ?{_MONTH_OR_DAY} ?日"
                r"|\d{4}(?P<date_separator>[-/.．])\d{1,2}(?P=date_separator)\d{1,2})")
# A year and month without the day (2025年3月): a signature's date that names no day.
WRITTEN_MONTH = rf"[{YEAR_DIGITS}]{{4}} ?年 ?{_MONTH_OR_DAY} ?月"
_CHINESE_DIGIT = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


def parse_written_date(text: str) -> dt.date | None:
    """The date written as ``text`` (one of the WRITTEN_DATE forms, nothing around it), or None.

    None also when the numbers are not a real date (2025年2月30日).
    """
    text = re.sub(r"\s", "", text)
    numeric = re.fullmatch(r"(\d{4})([-/.．])(\d{1,2})\2(\d{1,2})", text)
    if numeric:
        parts = (int(numeric[1]), int(numeric[3]), int(numeric[4]))
    else:
        written = re.fullmatch(rf"([{YEAR_DIGITS}]{{4}})年({_MONTH_OR_DAY})月({_MONTH_OR_DAY})日", text)
        if not written:
            return None
        year = "".join(str(_CHINESE_DIGIT.get(ch, 0 if ch in _YEAR_ZERO_AND_DIGITS else ch)) for ch in written[1])
        month, day = _small_number(written[2]), _small_number(written[3])
        if month is None or day is None:
            return None
        parts = (int(year), month, day)
    try:
        return dt.date(*parts)
    except ValueError:
        return None


def _small_number(text: str) -> int | None:
    """A month or day: 3, 03, 三, 十, 十二, 二十, 三十一."""
    if text.isdigit():
        return int(text)
    tens, ten, ones = text.partition("十")
    if not ten:
        return _CHINESE_DIGIT.get(text) if len(text) == 1 else None
    if len(tens) > 1 or len(ones) > 1 or (tens and tens not in "一二三") or (ones and ones == "十"):
        return None
    return (_CHINESE_DIGIT[tens] if tens else 1) * 10 + (_CHINESE_DIGIT[ones] if ones else 0)
