"""Timestamps as stored: ISO text in local time, to the second."""

import datetime as dt


def now_text() -> str:
    return dt.datetime.now().isoformat(timespec="seconds")


def date_or_none(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None
