"""Lines of a policy text to paragraphs: hard-wrapped lines rejoined, page numbers and breaks dropped."""

from __future__ import annotations

import re
from collections import Counter

from planner.domain.policy_header import is_title_line
from planner.domain.policy_patterns import (
    BARE_NUMBER,
    CHAPTER,
    DATE_ONLY,
    DECORATED_PAGE_NUMBER,
    DISTRIBUTION,
    DOC_NUMBER,
    LABEL,
    PAGE_BREAK,
    PARAGRAPH_START,
    SENTENCE_ENDS,
    SENTENCE_MARKS,
    SPACES,
    SPACE_BETWEEN_CJK_AND_ASCII,
)


def _clean_line(line: str) -> str:
    line = line.strip(SPACES + "\r\n\f\v")
    line = re.sub(rf"[{SPACES}]+", " ", line)
    return SPACE_BETWEEN_CJK_AND_ASCII.sub("", line)


# Below U+2E80 but set a full cell wide by a Chinese font (GB/T 15834-2011 punctuation).
_FULL_WIDTH_MARKS = frozenset("“”‘’—…")


def _width(line: str) -> float:
    # Half-width characters take half a cell on a printed page.
    return sum(0.5 if ord(ch) < 0x2E80 and ch not in _FULL_WIDTH_MARKS else 1.0 for ch in line)


def lines_to_paragraphs(text: str, *, lines_are_paragraphs: bool = False) -> list[str]:
    """The text's paragraphs, layout removed.

    With ``lines_are_paragraphs`` every non-blank line is one paragraph, kept as it is. Otherwise
    hard-wrapped lines (PDF extraction) are rejoined when the text is wrapped (see _wrap_width),
    page numbers and form feeds are dropped, and a sentence a page break cut in two is made whole.
    """
    raw = re.split(r"\r\n|[\r\n\v\u2028\u2029\x85]", text.replace("\f", "\n\f\n"))
    tokens: list[str | None] = []  # None marks a blank line, PAGE_BREAK a form feed
    for line in raw:
        cleaned = _clean_line(line)
        tokens.append(PAGE_BREAK if line == "\f" else cleaned or None)
    if lines_are_paragraphs:
        return [token for token in tokens if token and token != PAGE_BREAK]
    wrapped = _wrap_width([t for t in tokens if t and t != PAGE_BREAK and not BARE_NUMBER.match(t)])
    lines, after_furniture = _drop_page_furniture(tokens, wrapped is not None)
    wrap_width = wrapped
    if wrap_width is None:
        return _rejoin_page_breaks(lines, after_furniture)
    # When nearly every line is followed by a blank one, blanks are layout, not breaks.
    blanks_are_noise = _blank_gap_ratio(lines) >= 0.5
    paragraphs: list[str] = []
    current: list[str] = []  # the lines of the paragraph being rebuilt
    for line in lines:
        if line is None:
            if not blanks_are_noise and current:
                paragraphs.append(_join_lines(current))
                current = []
            continue
        if current and not _continues(current[-1], line, wrap_width):
            paragraphs.append(_join_lines(current))
            current = []
        current.append(line)
    if current:
        paragraphs.append(_join_lines(current))
    return paragraphs


def _drop_page_furniture(tokens: list[str | None], wrapped: bool) -> tuple[list[str | None], set[int]]:
    """Remove page numbers and form feeds, with the blank lines around them.

    A bare number is a page number when the text is hard-wrapped or the number
    stands alone between blank lines or page breaks; in clean text a line such
    as 2025 is content and stays.

    Returns the remaining tokens and the indexes (into them) of the tokens that
    directly follow removed furniture, i.e. the first line of a new page.
    """
    def blank(index: int) -> bool:
        return index < 0 or index >= len(tokens) or tokens[index] in (None, PAGE_BREAK)

    furniture = set()
    for index, token in enumerate(tokens):
        if token == PAGE_BREAK or (token and DECORATED_PAGE_NUMBER.match(token)):
            furniture.add(index)
        elif token and BARE_NUMBER.match(token) and (wrapped or (blank(index - 1) and blank(index + 1))):
            furniture.add(index)
    for index in sorted(furniture):
        for step in (-1, 1):
            neighbour = index + step
            while 0 <= neighbour < len(tokens) and tokens[neighbour] is None:
                furniture.add(neighbour)
                neighbour += step
    kept: list[str | None] = []
    after_furniture: set[int] = set()
    for index, token in enumerate(tokens):
        if index in furniture:
            continue
        if index > 0 and index - 1 in furniture:
            after_furniture.add(len(kept))
        kept.append(token)
    return kept, after_furniture


def _rejoin_page_breaks(lines: list[str | None], after_furniture: set[int]) -> list[str]:
    """The lines of a text that is not hard-wrapped, each a paragraph, except that a line cut off
    by a page break (it stops mid-sentence: 培育一批龙头 | — 2 — | 企业，…) goes on after it."""
    paragraphs: list[str] = []
    for index, line in enumerate(lines):
        if line is None:
            continue
        if index in after_furniture and paragraphs and _cut_by_page_break(paragraphs[-1], line):
            paragraphs[-1] = _join_lines([paragraphs[-1], line])
        else:
            paragraphs.append(line)
    return paragraphs


def _cut_by_page_break(before: str, after: str) -> bool:
    """Whether ``before`` (the last line of a page) and ``after`` (the first of the next) are one
    sentence: ``before`` is running text that stops without a sentence end, ``after`` does not
    open a paragraph. A heading or title line (short, no sentence marks) never runs on."""
    return (not before.endswith(SENTENCE_ENDS) and not is_title_line(before)
            and not PARAGRAPH_START.match(after) and not DATE_ONLY.match(after))


def _continues(previous: str, line: str, wrap_width: float) -> bool:
    """Whether ``line`` carries on the paragraph whose last line is ``previous``."""
    if _width(previous) < wrap_width - 3:
        return False  # a short line ends its paragraph
    if DATE_ONLY.match(line):
        return False
    if PARAGRAPH_START.match(line) and not _cut_before_chapter_like(previous, line, wrap_width):
        return False
    # The lines above the body (GB/T 9704-2012 §7.2–7.3): a title, a 文号 and a 主送 line each
    # stand alone, though a title at 16 pt can fill the line (…实施意见 | 各市人民政府，…：).
    if DOC_NUMBER.match(previous) or DOC_NUMBER.match(line):
        return False
    if _ENDS_TITLE.search(previous) and not any(mark in previous for mark in SENTENCE_MARKS):
        return False
    # A table row (its cells apart: 2 制定… 省发展改革委 2025年6月底前) or a 版记 line (抄送：…。)
    # is a line of its own however wide.
    if _is_table_row(previous) or _is_table_row(line) or DISTRIBUTION.match(line):
        return False
    if DISTRIBUTION.match(previous) and previous.endswith("。"):
        return False
    return not DATE_ONLY.match(previous) and not LABEL.match(previous)


def _cut_before_chapter_like(previous: str, line: str, wrap_width: float) -> bool:
    """A wrap inside a word that leaves 一、 at the line start (按照建设统 | 一、开放、竞争、有序的…):
    ``previous`` is running text cut after a Chinese character, and ``line`` a full line of
    running text; a chapter heading follows a paragraph's end, and is short or a line of its own."""
    running_text = any(mark in previous for mark in "，。；") and "\u4e00" <= previous[-1] <= "\u9fff"
    return running_text and bool(CHAPTER.match(line)) and _width(line) >= wrap_width - 3 and "，" in line


# The end of a title naming itself (关于推进示范区建设的实施意见): nothing runs on after it.
_ENDS_TITLE = re.compile(r"关于.+的.{0,6}(?:意见|通知|方案|办法|规定|决定|规划|纲要|计划|细则|批复|通报|报告|函|措施"
                         r"|要点|条例|规则|指引|清单|通告|公告)$")
_CELL_GAP = re.compile(r"(?<=[\u3400-\u9fff）)]) (?=[\u3400-\u9fff（(])")


def _is_table_row(line: str) -> bool:
    """Two gaps at least between Chinese words: a row of cells (a single gap is 中共中央 国务院)."""
    return len(_CELL_GAP.findall(line)) >= 2


def _join_lines(lines: list[str]) -> str:
    text = lines[0]
    for line in lines[1:]:
        # Chinese lines join without a space; only two Latin words need one.
        if text[-1].isascii() and text[-1].isalpha() and line[0].isascii() and line[0].isalpha():
            text += " "
        text += line
    return text


def _wrap_width(lines: list[str]) -> float | None:
    """The printed line width when the text is hard-wrapped, else None.

    Hard-wrapped (a PDF's text layer): most lines have one width, the page's, cut mid-sentence,
    and hardly any line is longer. A text whose lines mostly end their sentence, or whose long
    lines do not share one width, is made of whole paragraphs and is not wrapped.
    """
    long_lines = [line for line in lines if _width(line) >= 8]
    widths = [_width(line) for line in long_lines]
    if len(widths) < 8:
        return None
    # One line per paragraph: most lines end a sentence; a hard wrap ends only a paragraph's last.
    if sum(1 for line in long_lines if line.endswith(SENTENCE_ENDS)) > len(long_lines) / 2:
        return None
    counts = Counter(round(w) for w in widths)
    best_width, best_count, best_share = 0, 0, False
    for width in counts:
        if width > 60:
            continue  # no printed page holds more than ~40 Chinese characters a line
        in_window = sum(c for w, c in counts.items() if width - 3 <= w <= width + 1)
        # Half of the lines of text at least: lines under half the width are a paragraph's last,
        # or the 版头, 文号, signature and table rows that a short document at 16 pt is half made of.
        text_lines = sum(c for w, c in counts.items() if w >= width / 2)
        share = in_window >= max(6, 0.5 * text_lines)
        if (share, in_window, width) > (best_share, best_count, best_width):
            best_width, best_count, best_share = width, in_window, share
    if not best_share:
        return None
    # A wrap is the longest a line can be: beyond it only the odd title or table row. Short
    # paragraphs of a clean text may agree on a width, but then its long paragraphs run past it.
    if sum(1 for w in widths if w > best_width + 1) > best_count / 3:
        return None
    # Lines of a clean text can be of one length too (short items, one a line), but each ends
    # its sentence; a hard wrap cuts sentences anywhere.
    full = [line for line in lines if best_width - 3 <= _width(line) <= best_width + 1]
    if sum(1 for line in full if not line.endswith(SENTENCE_ENDS)) < len(full) / 3:
        return None
    return float(best_width)


def _blank_gap_ratio(lines: list[str | None]) -> float:
    gaps = blank_gaps = 0
    previous_was_content = False
    seen_blank = False
    for line in lines:
        if line is None:
            seen_blank = True
            continue
        if previous_was_content:
            gaps += 1
            blank_gaps += seen_blank
        previous_was_content, seen_blank = True, False
    return blank_gaps / gaps if gaps else 0.0
