"""How wide text prints, in ems of its font size: the measure for title lines, table columns and 落款."""

from __future__ import annotations

import unicodedata

# Advance widths in ems. The official fonts (仿宋_GB2312, 黑体, 楷体_GB2312, 方正小标宋简体) set
# every Chinese character and full-width mark on one em and ASCII on half an em; where
# they are missing, the fallback fonts print ASCII wider: WenQuanYi Micro Hei (the
# renderer's font here) gives digits 0.551 em. Measures take the widest, so text
# measured to fit fits in every one of them.
CJK_EM = 1.0
HALF_WIDTH_EM = 0.56
SPACE_EM = 0.5
# Word, WPS and LibreOffice put a little space between Chinese and Latin letters or
# digits by default (w:autoSpaceDE / w:autoSpaceDN): 2026年6月底前 has three such gaps.
AUTOSPACE_EM = 0.25


def advance_em(char: str) -> float:
    """The advance width of one character in ems; control characters take none."""
    if char == " ":
        return SPACE_EM
    if unicodedata.category(char) in ("Cc", "Cf"):
        return 0.0
    if unicodedata.east_asian_width(char) in ("W", "F", "A"):
        return CJK_EM
    return HALF_WIDTH_EM


def text_em(text: str) -> float:
    """The width of ``text`` on one line, in ems, with the automatic space between Chinese and Latin text."""
    width, previous = 0.0, None
    for char in text:
        width += advance_em(char)
        kind = _kind(char)
        if previous and kind and previous != kind:
            width += AUTOSPACE_EM
        previous = kind or previous if char != " " else None
    return width


def _kind(char: str) -> str | None:
    """"cjk" for a Chinese character, "latin" for a letter or digit, None for punctuation and spaces."""
    if char.isascii():
        return "latin" if char.isalnum() else None
    if unicodedata.category(char) == "Lo" and unicodedata.east_asian_width(char) == "W":
        return "cjk"
    return None
