"""Deadline phrases (完成时限) as offices write them, and the date each one means."""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from planner.domain.numerals import chinese_to_int

FIRST_YEAR, LAST_YEAR = 1949, 2100

_NUM = r"\d{1,2}|[一二三四五六七八九十]{1,3}"
_YEAR = r"(?<!\d)(?:(?P<year>\d{4})年)"

# Most specific first: when two matches end at the same place, the earlier pattern wins.
_PATTERNS = (
    re.compile(r"(?<!\d)(?P<year>\d{4})(?P<sep>[-/.])(?P<month>\d{1,2})(?P=sep)(?P<day>\d{1,2})(?!\d)"),
    re.compile(_YEAR + rf"?(?P<month>{_NUM})月(?P<day>{_NUM})[日号]"),
    re.compile(_YEAR + r"?第?(?P<quarter>\d|[一二三四五六七八九十])季度"),
    re.compile(_YEAR + r"?(?P<half>[上下])半年"),
    re.compile(_YEAR + rf"?(?P<month>{_NUM})月份?(?:(?P<xun>[上中下])旬)?"),
    # 半/明/去/次年 are not this year: 上半年底 is the half's end, 明年底 is unknown here.
    re.compile(r"(?<!\d)(?:(?P<year>\d{4})年(?:年?[底末内])?|(?<![半明去次])年[底末内])"),
)

# Only what comes after a start (2019年起至2020年底) can be an end.
_START = re.compile(r"[年月日](?:起(?!草)|开始)")
# Here a phrase without a year is recurring (每年12月底前) or open (年内见成效), not this year.
_OPEN = re.compile(r"每|持续|长期|坚持|见成效|按年度|常态化")
_CHINESE_YEAR = re.compile(r"[〇零一二三四五六七八九]{4}(?=年)")
_CHINESE_DIGITS = str.maketrans("〇零一二三四五六七八九", "00123456789")


@dataclass(frozen=True)
class Deadline:
    """A 完成时限 as written, and the date it means (None for open or unknown phrases)."""

    phrase: str
    date: dt.date | None

    @property
    def is_open(self) -> bool:
        return self.date is None


def parse_deadline(phrase: str, *, plan_year: int | None = None) -> Deadline:
    """Read a deadline phrase; never raises.

    Args:
        phrase: the text as written; it is kept, stripped of surrounding whitespace.
        plan_year: the year that phrases without one (年底前, 6月底前, 上半年) refer to;
            without it such phrases have no date.

    Returns:
        The phrase and the last day it allows. Of several deadlines in one phrase (a range
        such as 2019—2020年) the one written last counts; an impossible date gives None.
    """
    phrase = phrase.strip()
    text = _normalise(phrase)
    start = _START.search(text)
    if start:
        text = text[start.end():]
    dated_only = _OPEN.search(text) is not None
    candidates = []
    for priority, pattern in enumerate(_PATTERNS):
        for match in pattern.finditer(text):
            year = int(match["year"]) if match["year"] else None
            if year is None and (dated_only or plan_year is None):
                continue
            if year is not None and not FIRST_YEAR <= year <= LAST_YEAR:
                continue  # not a year at all, e.g. 3000年
            candidates.append((match.end(), -match.start(), -priority, match, year or plan_year))
    if not candidates:
        return Deadline(phrase, None)
    *_, match, year = max(candidates, key=lambda candidate: candidate[:3])
    return Deadline(phrase, _resolve(match, year))


def is_open_phrase(phrase: str) -> bool:
    """Whether the phrase deliberately names no single end (持续推进, 每年12月底前, 2025年起)."""
    text = _normalise(phrase.strip())
    return parse_deadline(phrase).date is None and bool(_OPEN.search(text) or _START.search(text))


def month_end(year: int, month: int) -> dt.date:
    """The last day of a month (leap years included)."""
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _normalise(text: str) -> str:
    # NFKC turns full-width digits and ／．－ into ASCII; 二〇二〇年 is how formal documents write years.
    text = "".join(unicodedata.normalize("NFKC", text).split())
    return _CHINESE_YEAR.sub(lambda match: match[0].translate(_CHINESE_DIGITS), text)


def _number(text: str) -> int:
    return int(text) if text.isdigit() else chinese_to_int(text) or 0


def _resolve(match: re.Match[str], year: int) -> dt.date | None:
    parts = match.groupdict()
    try:
        if parts.get("day"):
            return dt.date(year, _number(parts["month"]), _number(parts["day"]))
        if parts.get("quarter"):
            quarter = _number(parts["quarter"])
            return month_end(year, 3 * quarter) if 1 <= quarter <= 4 else None
        if parts.get("half"):
            return month_end(year, 6 if parts["half"] == "上" else 12)
        if parts.get("month"):
            end = month_end(year, _number(parts["month"]))
            return end.replace(day={"上": 10, "中": 20}.get(parts["xun"] or "", end.day))
        return dt.date(year, 12, 31)
    except ValueError:  # 2月30日, 13月: the phrase names no real day
        return None
