"""Letter-spaced lines (一 、 总 体 要 求) as a PDF set with expanded character spacing extracts them.

Decided line by line: a line is letter-spaced when nearly all its space-separated pieces are
single characters. Its single spaces are layout and go; a wider gap (two or more spaces) was a
real space and stays as one. Other lines keep their spaces, so the 2018 title's
"中共中央 国务院" is never touched.

pypdf often reads such a PDF (LibreOffice, 字符间距加宽) with its Chinese runs whole and only the
glyphs drawn in a Latin font one apart: 到 2 0 2 7 年, — — 坚持, 新华社北京 1 1 月 2 9 日电. When a
text holds such spaced years (MIN_SPACED_YEARS of them; no ordinary text writes 2 0 2 5), it is
letter-spaced as a whole, and in each of its lines a single space beside a one-character piece
goes too; a space between two longer pieces (中共中央 国务院) stays.
"""

from __future__ import annotations

import re

_SPACES = re.compile(r"[ \t\u00a0\u3000]+")
# From this many pieces on, a few longer ones (a spaced 2025) may be among the single characters.
MIN_PIECES = 3
SINGLE_SHARE = 0.75
# A spaced line of Chinese text has Chinese characters; "— 3 —" is a page number, not text.
_HAN = re.compile(r"[\u3400-\u9fff]")
# A year 19xx or 20xx with one space between its digits, not part of a longer run of digits.
_SPACED_YEAR = re.compile(r"(?<!\d)(?<!\d )(?:1 9|2 0) \d \d(?! ?\d)")
MIN_SPACED_YEARS = 2
_GAPS = re.compile(r"([ \t\u00a0\u3000]+)")


# A page number spelled out (第 1 页 共 3 页) is spaced as written, not letter-spaced text.
_PAGE_OF = re.compile(r"^第\s*\d{1,4}\s*页(?:\s*共\s*\d{1,4}\s*页)?$")


def is_letter_spaced(line: str) -> bool:
    pieces = line.split()
    if len(pieces) < 2 or len(_HAN.findall(line)) < 2 or _PAGE_OF.match(line.strip()):
        return False
    singles = sum(1 for piece in pieces if len(piece) == 1)
    if len(pieces) < MIN_PIECES:
        return singles == len(pieces)  # 附 件, 总 则: two characters set apart
    return singles >= SINGLE_SHARE * len(pieces)


def unspace_line(line: str) -> str:
    """The line without its letter spacing; an ordinary line comes back unchanged.

    The narrowest gap of the line is the layout's spacing (one space, or two where the
    extractor doubled it); a gap wider than that was a real space and stays as one.
    """
    if not is_letter_spaced(line):
        return line
    stripped = line.strip(" \t\u00a0\u3000")
    gaps = _SPACES.findall(stripped)
    layout = min(len(gap) for gap in gaps)
    return _SPACES.sub(lambda gap: " " if len(gap.group()) > layout else "", stripped)


def unspace_lines(lines: list[str]) -> tuple[list[str], int]:
    """Each line unspaced where it is letter-spaced (or every line, in a text whose years are
    spaced: see the module); also the number of lines changed."""
    result = [unspace_line(line) for line in lines]
    if sum(len(_SPACED_YEAR.findall(line)) for line in lines) >= MIN_SPACED_YEARS:
        result = [_unspace_single_pieces(line) for line in result]
    return result, sum(1 for old, new in zip(lines, result, strict=True) if old != new)


def _unspace_single_pieces(line: str) -> str:
    """``line`` without the single spaces beside a one-character piece (2 0 2 7, — —, 1 2 号);
    wider gaps become one space, and two Latin words stay apart."""
    parts = _GAPS.split(line)  # pieces at even indexes, the gaps between them at odd ones
    text = parts[0]
    for index in range(1, len(parts) - 1, 2):
        before, gap, after = parts[index - 1], parts[index], parts[index + 1]
        latin_words = before[-1:].isascii() and before[-1:].isalpha() and after[:1].isascii() and after[:1].isalpha()
        if len(gap) == 1 and (len(before) == 1 or len(after) == 1) and before and after and not latin_words:
            text += after
        else:
            text += (" " if before and after else gap) + after
    return text
