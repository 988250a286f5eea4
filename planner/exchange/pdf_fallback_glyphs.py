"""Putting back the glyphs a PDF draws in a fallback font (“ ” in a Latin font) into the gaps left for them.

LibreOffice, when it exports a Word file whose Latin font is missing, draws a line of Chinese text
in the Chinese font with gaps where the quote marks go, then the quote marks in one more run in the
fallback font (DejaVu Sans), each moved to its gap. pypdf extracts runs in drawing order, so the
quotes land together at the line start and the gaps stay spaces:
``“ ”（四）推动国家重大区域战略融合发展。以 一带一路 建`` instead of
``（四）推动国家重大区域战略融合发展。以“一带一路”建`` (pdftotext, which sorts glyphs by position,
reads it right). An item number pushed off the line start is an item lost.

pypdf gives the position of each run, not of each glyph, so the glyphs are placed by estimate: a
run's first glyph goes to the gap nearest its position (within half a character), its next
glyphs to the following gaps in order. A line changes only when every glyph found its gap and the
line pypdf gave is the same text in drawing order; anything else is left as pypdf read it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A subset font's name starts with a tag of six capitals: BAAAAA+WenQuanYiMicroHei.
_SUBSET_TAG = re.compile(r"^/?[A-Z]{6}\+")
TOLERANCE = 0.6  # em: how far a run may start from its gap
SAME_LINE = 1.0  # pt between baselines


@dataclass(frozen=True)
class _Run:
    x: float
    y: float
    text: str
    size: float
    font: str


class RunCollector:
    """A pypdf ``visitor_text`` that keeps each text run with its position, size and font."""

    def __init__(self) -> None:
        self.runs: list[_Run] = []

    def __call__(self, text, cm, tm, font_dict, font_size) -> None:
        if not text.strip() or "\n" in text:
            return
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        scale = (tm[0] * cm[0]) or 1.0
        font = str(font_dict.get("/BaseFont", "")) if font_dict else ""
        font = _SUBSET_TAG.sub("", font)  # BAAAAA+ and DAAAAA+WenQuanYiMicroHei are one font
        self.runs.append(_Run(x, y, text, abs(font_size * scale) or 1.0, font))


def restore_fallback_glyphs(text: str, runs: list[_Run]) -> str:
    """``text`` (pypdf's plain text of one page) with the lines that had fallback glyphs mended."""
    mended = {}
    for line in _lines(runs):
        fixed = _mend(line)
        if fixed is not None:
            mended[_unspaced("".join(run.text for run in line))] = fixed
    if not mended:
        return text
    return "\n".join(mended.get(_unspaced(line), line) for line in text.split("\n"))


def _lines(runs: list[_Run]) -> list[list[_Run]]:
    """Runs grouped by baseline, each group in drawing order."""
    lines: list[list[_Run]] = []
    for run in runs:
        for line in lines:
            if abs(line[0].y - run.y) <= SAME_LINE:
                line.append(run)
                break
        else:
            lines.append([run])
    return [line for line in lines if len(line) > 1]


def _width(ch: str) -> float:
    """Estimated advance in em: Chinese characters and full-width punctuation take one; Latin,
    digits and the gaps for fallback glyphs about half (a quote mark in DejaVu Sans is 0.52 em)."""
    return 1.0 if ord(ch) >= 0x2E80 or 0xFF01 <= ord(ch) <= 0xFF60 else 0.5


def _mend(line: list[_Run]) -> str | None:
    """The line with each fallback run's glyphs in their gaps, or None when there is nothing
    to mend or a glyph finds no gap."""
    by_x = sorted(line, key=lambda run: run.x)
    main_font = max(sorted({run.font for run in line}),
                    key=lambda font: sum(len(run.text) for run in line if run.font == font))
    guests = [run for run in by_x if _is_guest(run, by_x, main_font)]
    if not guests:
        return None
    chars: list[str] = []
    xs: list[float] = []  # the estimated x of each host character
    in_main_font: list[bool] = []
    for run in (run for run in by_x if run not in guests):
        cursor = run.x
        for ch in run.text:
            chars.append(ch)
            xs.append(cursor)
            in_main_font.append(run.font == main_font)
            cursor += _width(ch) * run.size
    # Only the main font's runs leave gaps for the glyphs: a space between digits drawn in the
    # fallback font (2 0 2 0, letter-spaced) is spacing, not a place for — or “.
    gaps = [index for index, ch in enumerate(chars) if ch == " " and in_main_font[index]]
    if not gaps:
        return None
    before = ""
    for guest in guests:
        glyphs = guest.text.split()
        free = [index for index in gaps if chars[index] == " "]
        if guest.x < xs[0] - 0.25 * guest.size and not before:
            before, glyphs = glyphs[0], glyphs[1:]
            first = 0
        else:
            near = [n for n, index in enumerate(free) if abs(xs[index] - guest.x) <= TOLERANCE * guest.size]
            if not near:
                return None
            first = min(near, key=lambda n: abs(xs[free[n]] - guest.x))
        if len(glyphs) > len(free) - first:
            return None
        for glyph, index in zip(glyphs, free[first:]):
            chars[index] = glyph
    return before + "".join(chars)


def _is_guest(run: _Run, by_x: list[_Run], main_font: str) -> bool:
    """A run in another font than the line's own that starts inside one of the line's runs with a
    gap, or before the line's first glyph with more glyphs to place."""
    if run.font == main_font:
        return False
    for host in by_x:
        if host.font != run.font and " " in host.text and (
                host.x < run.x < host.x + (sum(map(_width, host.text)) - 0.25) * host.size):
            return True
    return run is by_x[0] and len(run.text.split()) > 1


def _unspaced(text: str) -> str:
    return re.sub(r"\s", "", text)
