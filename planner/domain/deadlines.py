"""Deadline phrases (完成时限) as offices write them, and the date each one means."""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
import unicodedata
from dataclasses import dataclass, field
from types import SimpleNamespace

from planner.domain.festivals import festival_day
from planner.domain.numerals import chinese_to_int

FIRST_YEAR, LAST_YEAR = 1949, 2100

_NUM = r"\d{1,2}|[一二三四五六七八九十]{1,3}"
_YEAR = r"(?<!\d)(?:(?P<year>\d{4})年)"
# 年 standing for the plan's year (年底前, 年中), not a count of years (两年内, 3年内, 半年内)
# nor another year (明年底 when the plan's year is unknown).
_BARE_YEAR = r"(?<![\d半明去次后来翌当今本上下〇零一二两三四五六七八九十个某])年"
# Where a word like 年中 or 6月初 must end: 中秋, 初步, 中旬, 中期 are other words.
_WORD_END = r"(?=前|以前|之前|完成|见效|到位|实现|建成|出台|落实|启动|形成|取得|基本|全面|$|[，,。；;、（(])"
_FESTIVALS = r"春节|元旦|国庆节?|五一|劳动节|元宵节?|清明节?|端午节?|中秋节?|重阳节?"

# Most specific first: when two matches end at the same place, the earlier pattern wins.
_PATTERN_SOURCES = (
    r"(?<!\d)(?P<year>\d{4})(?P<sep>[-/.])(?P<month>\d{1,2})(?P=sep)(?P<day>\d{1,2})(?!\d)",
    _YEAR + rf"?(?P<month>{_NUM})月(?P<day>{_NUM})[日号]",
    _YEAR + r"?第?(?P<quarter>\d|[一二三四五六七八九十])季度",
    _YEAR + r"?(?P<half>[上下])半年",
    _YEAR + rf"?(?P<month>{_NUM})月份?(?:(?P<xun>上中|中下|[上中下])旬"
        rf"|(?P<early>初){_WORD_END}|(?P<middle>中){_WORD_END})?",
    # 2027-06, 2027.6: a month typed as numbers.
    r"(?<!\d)(?P<year>\d{4})[-/.](?P<month>\d{1,2})(?!\d)",
    rf"(?:{_YEAR}年?|{_BARE_YEAR})(?P<midyear>中){_WORD_END}",
    # 年初 may be January or the first quarter: no date rather than a guess.
    rf"(?:{_YEAR}年?|{_BARE_YEAR})(?P<unknown>初){_WORD_END}",
    _YEAR + rf"?(?P<festival>{_FESTIVALS})(?P<before>(?:之|以)?前)?",
    # Before some other event of the year (2027年汛期前, 2027年两会前): its day is unknown.
    _YEAR + r"(?!底|末|内|年|月|季|半|上|下|第|起|至|到|以|之|[中初](?:之|以)?前|[〇零一二三四五六七八九十])"
        r"(?P<unknown>[\u4e00-\u9fff]{1,6}?)(?:之|以)?前",
    rf"(?<!\d)(?:(?P<year>\d{{4}})年(?:年?[底末内])?|{_BARE_YEAR}[底末内])",
    # “十四五”期间, 十四五末: the five-year plan's last year (三五 began in 1966, one every five years).
    r"(?<![〇零一二三四五六七八九十\d])(?:“(?P<plan>[一二三四五六七八九十]{1,2})五”"
        r"|(?P<plan2>[一二三四五六七八九十]{1,2})五(?:规划)?(?:时期|期间|期末|末))",
)

# Only what comes after a start (2019年起至2020年底, 2025年以后) can be an end.
_START_SOURCE = r"[年月日节底末](?:起(?!草)|开始|以后|之后|后(?!年))"
# Here a phrase without a year is recurring (每年12月底前) or open (年内见成效), not this year.
_OPEN_SOURCE = r"每|持续|长期|坚持|见成效|按年度|常态化"
_CHINESE_YEAR_SOURCE = r"[〇零一二三四五六七八九]{4}(?=年)"
_CHINESE_DIGITS = str.maketrans("〇零一二三四五六七八九", "00123456789")
# Years named from the plan's year (明年 = the plan's year + 1; DESIGN: a phrase without a year
# refers to the plan's year). 以后年度, 此后年 are not 后年.
_RELATIVE_YEARS = {"今年": 0, "本年": 0, "当年": 0, "明年": 1, "次年": 1, "来年": 1, "翌年": 1,
                   "下一年": 1, "下年": 1, "后年": 2, "去年": -1, "上年": -1}
_RELATIVE_YEAR_SOURCE = r"(?<![以之此往今])(?:%s)" % "|".join(_RELATIVE_YEARS)
# 27年 is 2027 (20年内, 25年来 count years instead).
_TWO_DIGIT_YEAR_SOURCE = r"(?<![\d.])(2\d)年(?!内|以内|之内|来|间|左右|时间|以上|以下|多)"


@functools.cache
def _compiled() -> SimpleNamespace:
    """The patterns above, compiled on first use: compiling them takes about 15 ms, which the
    window's start would pay for phrases it does not parse (stored deadlines carry their date)."""
    return SimpleNamespace(patterns=tuple(map(re.compile, _PATTERN_SOURCES)), start=re.compile(_START_SOURCE),
                           open=re.compile(_OPEN_SOURCE), chinese_year=re.compile(_CHINESE_YEAR_SOURCE),
                           relative_year=re.compile(_RELATIVE_YEAR_SOURCE),
                           two_digit_year=re.compile(_TWO_DIGIT_YEAR_SOURCE),
                           remark=re.compile(r"\([^()]*\)"), year_remark=re.compile(r"\((\d{4})年?\)"), written_year=re.compile(_YEAR))


@dataclass(frozen=True)
class Deadline:
    """A 完成时限 as written, and the date it means (None for open or unknown phrases).

    ``problem`` says, in Chinese, why a phrase that names a day has no date (2月30日 does not
    exist); it is empty otherwise and takes no part in comparisons.
    """

    phrase: str
    date: dt.date | None
    problem: str = field(default="", compare=False)

    @property
    def is_open(self) -> bool:
        return self.date is None


def parse_deadline(phrase: str, *, plan_year: int | None = None) -> Deadline:
    """Read a deadline phrase; never raises.

    Args:
        phrase: the text as written; it is kept, stripped of surrounding whitespace.
        plan_year: the year that phrases without one (年底前, 6月底前, 上半年) refer to, and
            that 今年/明年/后年/次年/当年 count from; without it such phrases have no date.

    Returns:
        The phrase and the last day it allows. Of several deadlines in one phrase (a range
        such as 2019—2020年) the one written last counts, a remark in brackets only when there
        is none outside it (2028年底前（2027年中期评估） is 2028-12-31). A day that does not exist
        (2027年2月30日) gives no date and a ``problem``; a day that cannot be known here
        (2027年中秋节前, 2027年汛期前, 年初) gives no date, never a later one.
    """
    phrase = phrase.strip()
    text = _normalise(phrase)
    # A remark in brackets (2028年底前（2027年中期评估）) is a note on the deadline, not the
    # deadline: it counts only when outside it there is no date of its own, or only one taken
    # from the plan's year while the remark writes the year (年底前（2027年）).
    outside = _compiled().remark.sub("", text)
    found = year_only = None
    if outside != text:
        # 6月底前（2027年）: a remark that is only a year is the year of the phrase before it.
        year_only = _compiled().year_remark.search(text)
        found = _last_deadline(outside, int(year_only[1]) if year_only else plan_year)
    if found is not None and not _written(found[0]) and not year_only and _compiled().written_year.search(text):
        found = None  # 年底前（2027年中期评估）: which year is meant, the plan's or 2027?
    if found is None:
        found = _last_deadline(text, plan_year)
    if found is None:
        return Deadline(phrase, None)
    match, year = found
    try:
        return Deadline(phrase, _resolve(match, year, written=_written(match)))
    except _NoSuchDay as error:
        return Deadline(phrase, None, f"完成时限“{phrase}”中的日期不存在（{error}），请核对")


def _last_deadline(text: str, plan_year: int | None) -> tuple[re.Match[str], int | None] | None:
    """The deadline written last in normalised ``text`` and its year, or None when there is none."""
    dated_only = _compiled().open.search(text) is not None
    # 每年…次年 recurs; elsewhere 明年 is as definite as a written year (持续推进，明年底前见效).
    text = _with_years(text, None if "每" in text else plan_year)
    start = _compiled().start.search(text)
    if start:
        text = text[start.end():]
    candidates = []
    for priority, pattern in enumerate(_compiled().patterns):
        for match in pattern.finditer(text):
            parts = match.groupdict()
            year = int(parts["year"]) if parts.get("year") else None
            if year is None and "plan" not in parts and (dated_only or plan_year is None):
                continue
            if year is not None and not FIRST_YEAR <= year <= LAST_YEAR:
                continue  # not a year at all, e.g. 3000年
            candidates.append((match.end(), -match.start(), -priority, match, year or plan_year))
    if not candidates:
        return None
    *_, match, year = max(candidates, key=lambda candidate: candidate[:3])
    return match, year


def _written(match: re.Match[str]) -> bool:
    return bool(match.groupdict().get("year"))


def is_open_phrase(phrase: str) -> bool:
    """Whether the phrase deliberately names no single end (持续推进, 每年12月底前, 2025年起)."""
    text = _normalise(phrase.strip())
    rules = _compiled()
    return parse_deadline(phrase).date is None and bool(rules.open.search(text) or rules.start.search(text))


def month_end(year: int, month: int) -> dt.date:
    """The last day of a month (leap years included)."""
    return dt.date(year, month, calendar.monthrange(year, month)[1])


class _NoSuchDay(ValueError):
    """The phrase names a day that does not exist; the message says which."""


def _normalise(text: str) -> str:
    # NFKC turns full-width digits and ／．－ into ASCII; 二〇二〇年 is how formal documents write years.
    text = "".join(unicodedata.normalize("NFKC", text).split())
    return _compiled().chinese_year.sub(lambda match: match[0].translate(_CHINESE_DIGITS), text)


def _with_years(text: str, plan_year: int | None) -> str:
    """27年 written 2027年; 明年 written as the year it is, or 某年 (no year) without the plan's."""
    text = _compiled().two_digit_year.sub(r"20\1年", text)
    return _compiled().relative_year.sub(
        lambda match: "某年" if plan_year is None else f"{plan_year + _RELATIVE_YEARS[match[0]]}年", text)


def _number(text: str) -> int:
    return int(text) if text.isdigit() else chinese_to_int(text) or 0


def _resolve(match: re.Match[str], year: int | None, *, written: bool) -> dt.date | None:
    parts = match.groupdict()
    if parts.get("plan") or parts.get("plan2"):
        number = _number(parts["plan"] or parts["plan2"])
        return dt.date(1966 + 5 * (number - 3) + 4, 12, 31) if number >= 3 else None
    if year is None or parts.get("unknown"):
        return None
    if parts.get("festival"):
        if parts["festival"] == "元旦" and not written:
            return None  # 元旦前 alone: this 元旦 or the next one? No date rather than a guess.
        day = festival_day(parts["festival"], year)
        return day - dt.timedelta(days=1) if day and parts["before"] else day
    if parts.get("midyear"):
        return dt.date(year, 6, 30)
    if parts.get("quarter"):
        quarter = _number(parts["quarter"])
        if not 1 <= quarter <= 4:
            raise _NoSuchDay(f"没有第{parts['quarter']}季度")
        return month_end(year, 3 * quarter)
    if parts.get("half"):
        return month_end(year, 6 if parts["half"] == "上" else 12)
    if parts.get("month"):
        month = _number(parts["month"])
        if not 1 <= month <= 12:
            raise _NoSuchDay(f"没有{parts['month']}月")
        if parts.get("day"):
            day = _number(parts["day"])
            try:
                return dt.date(year, month, day)
            except ValueError:
                raise _NoSuchDay(f"{year}年{month}月没有{parts['day']}日") from None
        end = month_end(year, month)
        # 上旬 ends on the 10th, 中旬 on the 20th; 月初 is its 上旬, 月中 the 15th.
        xun = (parts.get("xun") or "")[-1:]
        day = {"上": 10, "中": 20}.get(xun) or (10 if parts.get("early") else 15 if parts.get("middle") else end.day)
        return end.replace(day=day)
    return dt.date(year, 12, 31)
