"""Festivals offices name in deadlines (春节前, 国庆节前) and the day each falls on in a year."""

from __future__ import annotations

import datetime as dt

# 春节 (正月初一) by Gregorian year, (month, day). Source: the Chinese lunisolar calendar as
# published by the Purple Mountain Observatory (the same dates as python-holidays'
# LUNAR_NEW_YEAR_DATES); chinese-calendar only knows the days off, not 正月初一 itself, and only
# up to the year of its release. Outside this range the day is unknown and a phrase gets no date.
_SPRING_FESTIVAL = {
    2000: (2, 5), 2001: (1, 24), 2002: (2, 12), 2003: (2, 1), 2004: (1, 22), 2005: (2, 9),
    2006: (1, 29), 2007: (2, 18), 2008: (2, 7), 2009: (1, 26), 2010: (2, 14), 2011: (2, 3),
    2012: (1, 23), 2013: (2, 10), 2014: (1, 31), 2015: (2, 19), 2016: (2, 8), 2017: (1, 28),
    2018: (2, 16), 2019: (2, 5), 2020: (1, 25), 2021: (2, 12), 2022: (2, 1), 2023: (1, 22),
    2024: (2, 10), 2025: (1, 29), 2026: (2, 17), 2027: (2, 6), 2028: (1, 26), 2029: (2, 13),
    2030: (2, 3), 2031: (1, 23), 2032: (2, 11), 2033: (1, 31), 2034: (2, 19), 2035: (2, 8),
    2036: (1, 28), 2037: (2, 15), 2038: (2, 4), 2039: (1, 24), 2040: (2, 12), 2041: (2, 1),
    2042: (1, 22), 2043: (2, 10), 2044: (1, 30), 2045: (2, 17), 2046: (2, 6), 2047: (1, 26),
    2048: (2, 14), 2049: (2, 2), 2050: (1, 23),
}
# Festivals on a fixed Gregorian day.
_FIXED = {"元旦": (1, 1), "五一": (5, 1), "劳动节": (5, 1), "国庆": (10, 1), "国庆节": (10, 1)}

SPRING_FESTIVAL_YEARS = range(min(_SPRING_FESTIVAL), max(_SPRING_FESTIVAL) + 1)


def festival_day(name: str, year: int) -> dt.date | None:
    """The day festival ``name`` (春节, 元旦, 国庆节, 五一 …) falls on in ``year``; None when unknown.

    Lunar festivals other than 春节 (端午, 中秋 …) are not dated: None.
    """
    if name == "春节":
        month_day = _SPRING_FESTIVAL.get(year)
    else:
        month_day = _FIXED.get(name)
    return dt.date(year, *month_day) if month_day else None
