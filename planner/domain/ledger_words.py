"""The words offices write in a returned 台账: statuses, percents, progress dates and typed numbers.

One table for the whole import (issue 12, "Words and names offices write"): the reader asks
here what a cell means and reports what it cannot read; nothing here knows about files.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from planner.domain.model import Status

# Statuses as departments type them (besides the five labels themselves). 基本完成 is not done:
# it keeps the task 推进中 and leaves its percent as it is (STATUS_KEEPS_PERCENT).
STATUS_WORDS: dict[str, Status] = {
    "完成": Status.DONE, "已完成": Status.DONE, "已办结": Status.DONE, "办结": Status.DONE,
    "全部完成": Status.DONE, "已完结": Status.DONE,
    "正在推进": Status.IN_PROGRESS, "进行中": Status.IN_PROGRESS, "持续推进": Status.IN_PROGRESS,
    "正常推进": Status.IN_PROGRESS, "已启动": Status.IN_PROGRESS, "推进中": Status.IN_PROGRESS,
    "基本完成": Status.IN_PROGRESS, "有序推进": Status.IN_PROGRESS, "稳步推进": Status.IN_PROGRESS,
    "未开始": Status.NOT_STARTED, "未开展": Status.NOT_STARTED, "未启动": Status.NOT_STARTED,
    "滞后": Status.DELAYED, "已滞后": Status.DELAYED, "进度滞后": Status.DELAYED,
    "暂停": Status.PAUSED, "已暂停": Status.PAUSED,
}
STATUS_KEEPS_PERCENT = frozenset({"基本完成"})
EARLIEST_DATE = dt.date(2000, 1, 1)  # no 台账 date is older; an earlier one is a misread number
_CHINESE_TENTHS = {"一": 10, "二": 20, "三": 30, "四": 40, "五": 50, "六": 60, "七": 70, "八": 80, "九": 90,
                   "十": 100}
_PERCENT = re.compile(r"(?:约|大约|近|超过|已达|达到|达)?(\d+(?:\.\d+)?)\s*(%?)")
_CHENG = re.compile(r"(?:约|大约|近)?([一二三四五六七八九十])成")
_YEAR_MONTH = re.compile(r"(?:(\d{4})\s*年)?\s*(\d{1,2})\s*月\s*(?:(\d{1,2})\s*[日号]|(底|末|中旬|上旬|下旬))?")


class WordError(ValueError):
    """A word that does not say what it means, with the reason in Chinese."""


@dataclass(frozen=True)
class StatusWord:
    """What a 状态 cell says: the status, and whether the task's percent must stay as it is."""

    status: Status
    keeps_percent: bool = False


@dataclass(frozen=True)
class YearlessDate:
    """A date written without its year (11月底, 11.28): the year comes from the export or the plan."""

    month: int
    day: int | None  # None: the end of the month

    def resolve(self, year: int) -> dt.date:
        """The date in ``year``; raises WordError when that day does not exist (2月30日)."""
        day = self.day or calendar.monthrange(year, self.month)[1]
        try:
            return dt.date(year, self.month, day)
        except ValueError:
            raise WordError(f"{year}年没有{self.month}月{day}日") from None

    def text(self) -> str:
        return f"{self.month}月{self.day}日" if self.day else f"{self.month}月底"


def normalise_word(text: str) -> str:
    """NFKC (８０％ → 80%), without spaces anywhere."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def status_word(text: str) -> StatusWord | None:
    """The status a cell's word names (完成 → 已完成, 已启动 → 推进中 …); None for an empty cell.

    Raises:
        WordError: a word that is not in the table.
    """
    word = normalise_word(text)
    if not word:
        return None
    found = STATUS_WORDS.get(word)
    if found is None:
        raise WordError(f"“{text.strip()[:20]}”不是有效的状态，可选：{'、'.join(s.value for s in Status)}")
    return StatusWord(found, word in STATUS_KEEPS_PERCENT)


def percent_word(text: str) -> int | None:
    """0–100 from 80, 80%, ８０％, 约80%, 0.8 or 八成; None for an empty cell.

    Raises:
        WordError: not a percent, or outside 0–100.
    """
    word = normalise_word(text)
    if not word:
        return None
    if word in ("全部", "全部完成"):
        return 100
    match = _CHENG.fullmatch(word)
    if match:
        return _CHINESE_TENTHS[match[1]]
    match = _PERCENT.fullmatch(word)
    if not match:
        raise WordError(f"进度“{text.strip()[:20]}”不是数字，请填写 0–100 之间的整数")
    number = float(match[1])
    if not match[2] and 0 < number < 1:
        number *= 100  # 0.8 is a share, 80% of the task
    return whole_percent(number)


def whole_percent(number: float) -> int:
    """A percent as stored: a whole number from 0 to 100, from a cell's or a field's number.

    85.5 is not rounded to 86 on a guess (trial of 2026-11-30, L18): the person says which.
    Raises:
        WordError: not a whole number, or outside 0–100.
    """
    value = round(float(number), 6)  # 0.29 × 100 is 28.999999999999996 in binary floating point
    if not value.is_integer():
        raise WordError(f"进度 {value:g}% 不是整数，请填写 0–100 之间的整数（不做四舍五入）")
    if not 0 <= value <= 100:
        raise WordError(f"进度 {value:g}% 不在 0–100 之间")
    return int(value)


def progress_date_problem(day: dt.date | None, today: dt.date) -> str:
    """Why ``day`` cannot be a progress note's date, or "" when it can (or there is none).

    One rule for the 添加进展 dialog and the import (trial of 2026-11-30, L5): from 2000-01-01
    (EARLIEST_DATE, the 台账's own lower bound) to ``today``. A later day is almost always a
    typo (2062 for 2026, 12-01 for 11-21), and it would stand as the task's newest note for ever.
    """
    if day is None:
        return ""
    if day < EARLIEST_DATE:
        return f"进展日期 {day.isoformat()} 早于 2000 年，请核对"
    if day > today:
        return f"进展日期 {day.isoformat()} 晚于今天（{today.isoformat()}），请核对"
    return ""


def date_word(text: str) -> dt.date | YearlessDate | None:
    """A progress date as written: 2026年11月28日, 2026年11月底, 2026年11月 (its last day), 11月底.

    Returns None when the text is not such a phrase; a YearlessDate when it has no year.
    Raises:
        WordError: the phrase names a day that does not exist, or a year before 2000.
    """
    match = _YEAR_MONTH.fullmatch(normalise_word(text))
    if not match:
        return None
    year, month = match[1], int(match[2])
    if not 1 <= month <= 12:
        raise WordError(f"“{text.strip()[:20]}”中的月份不存在")
    day = int(match[3]) if match[3] else _part_of_month(match[4])
    partial = YearlessDate(month, day)
    if year is None:
        if day is not None:
            partial.resolve(2000)  # a leap year: only days that never exist are refused here
        return partial
    result = partial.resolve(int(year))
    if result < EARLIEST_DATE:
        raise WordError(f"日期 {result.isoformat()} 早于 2000 年，请核对")
    return result


def _part_of_month(word: str | None) -> int | None:
    # 上旬 ends on the 10th, 中旬 on the 20th; 底/末/下旬 and a bare month mean its last day.
    return {"上旬": 10, "中旬": 20}.get(word or "")


def typed_number_date(number: float, *, field: str) -> dt.date | YearlessDate:
    """A number typed into a date column: 2027.06 is June 2027 (its last day), 11.28 is 28 November.

    ``field`` names the column in the message. Only readings that cannot mean anything else
    are taken: 2027.1 may be January or October (2027.10 loses its 0), 11.2 may be the 2nd or
    the 20th, so they are refused, as are numbers that are neither form.

    Raises:
        WordError: ambiguous or not a date, with the reason in Chinese.
    """
    text = f"{round(number, 4):.4f}".rstrip("0").rstrip(".")
    whole, _, fraction = text.partition(".")
    refuse = WordError(f"{field}填写的是数字 {text}，无法确定是哪一天；请填写如 2026-11-28 的日期")
    if not fraction or len(fraction) > 2 or not whole.isdigit():
        raise refuse
    first = int(whole)
    if 2000 <= first <= 2100:  # year.month
        month = _unambiguous(fraction, 12)
        if month is None:
            raise refuse
        return YearlessDate(month, None).resolve(first)
    if 1 <= first <= 12:  # month.day
        day = _unambiguous(fraction, 31)
        if day is None:
            raise refuse
        partial = YearlessDate(first, day)
        try:
            partial.resolve(2000)
        except WordError:
            raise refuse from None
        return partial
    raise refuse


def _unambiguous(fraction: str, largest: int) -> int | None:
    """Two digits as they are; one digit d only when d0 is impossible (so it cannot be d0)."""
    if len(fraction) == 2:
        value = int(fraction)
        return value if 1 <= value <= largest else None
    digit = int(fraction)
    if digit == 0 or digit * 10 <= largest:
        return None
    return digit
