"""Letter-spaced lines (一 、 总 体 要 求) as a PDF set with expanded character spacing extracts them.

Decided line by line: a line is letter-spaced when nearly all its space-separated pieces are
single characters. Its single spaces are layout and go; a wider gap (two or more spaces) was a
real space and stays as one. Other lines keep their spaces, so the 2018 title's
"中共中央 国务院" is never touched.
"""

from __future__ import annotations

import re

_SPACES = re.compile(r"[ \t\u00a0\u3000]+")
# From this many pieces on, a few longer ones (a spaced 2025) may be among the single characters.
MIN_PIECES = 3
SINGLE_SHARE = 0.75
# A spaced line of Chinese text has Chinese characters; "— 3 —" is a page number, not text.
_HAN = re.compile(r"[\u3400-\u9fff]")


def is_letter_spaced(line: str) -> bool:
    pieces = line.split()
    if len(pieces) < 2 or len(_HAN.findall(line)) < 2:
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
    """Each line unspaced where it is letter-spaced; also the number of lines changed."""
    result = [unspace_line(line) for line in lines]
    return result, sum(1 for old, new in zip(lines, result, strict=True) if old != new)
