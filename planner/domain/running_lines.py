"""Running page headers and footers in a PDF's text layer, found by repeating on most pages.

A Word or WPS page header (中共中央 国务院文件, 国务院公报 2018年第34号) and footer (- 1 -,
第 1 页 共 13 页, 1/13) are drawn on every page, so a text layer extracted page by page holds
them as the first or last lines of each page, where they break into the item that runs across
the page break (区中共中央国务院文件域协调). A line is such page furniture when, after spaces are
dropped and every run of digits is read as one placeholder (page numbers vary), the same line
stands in the top or bottom lines of more than half of the pages (or of the odd or even pages,
when they have headers of their own), and of two at least: a line that appears once is never
removed. A line twice on one page is content, except a running header that repeats the first
page's own first line right under it.

On the first page, the document's own first line stays when it is followed by a 文号
(GB/T 9704-2012 §7.2: the 发文机关标志 above the 发文字号, which the policy parser files as the 版头)
or reads as a title (关于…的意见: a document that repeats its title as the running header). A
running header without either (中共中央 国务院文件 above 新华社北京11月29日电) goes there too: left,
the parser would read it as the first line of the title.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

# How many lines at each end of a page may be furniture: a header may take two lines
# (公报 name and issue), and a page number may sit under a one-line footer.
EDGE_LINES = 2
# A header line this long (characters) has filled the page's width: its next line goes on with it.
WRAPPED_HEADER = 20
_SPACES = re.compile(r"\s+")
_DIGITS = re.compile(r"[0-9０-９]+")
_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
# 中发〔2018〕12号 and the like (the policy parser's 文号, kept loose: it only protects a line).
_DOC_NUMBER = re.compile(r"^[\u4e00-\u9fff]{1,16}[〔\[［【(（]\d{4}[〕\]］】)）]\s*\d{1,4}\s*号")
# A title naming itself, as the policy parser's long-title rule reads one.
_TITLE = re.compile(r"关于.+的(?:意见|通知|方案|办法|规定|决定|规划|纲要|计划|细则|批复|通报|报告|函|若干措施)$")
# What is left of a page number once its digits are placeholders: - # -, 第#页共#页, #/#, Page # of #.
_PAGE_NUMBER_WORDS = re.compile(r"第|页|共|page|of", re.IGNORECASE)


@dataclass(frozen=True)
class RunningLines:
    """The pages without their running lines, and the running lines that were words (not page numbers).

    ``pages`` has one string per input page, lines joined by newlines; ``headers`` lists each
    removed header or footer once, as on its first page (for a note to the user).
    """

    pages: tuple[str, ...]
    headers: tuple[str, ...]


def drop_running_lines(pages: Sequence[str]) -> RunningLines:
    """Remove the headers and footers repeated on most ``pages`` (text of one page each)."""
    split = [page.split("\n") for page in pages]
    running = _running_keys(split)
    headers: dict[str, str] = {}
    kept_pages = []
    for page_index, lines in enumerate(split):
        top = _edge_indexes(lines, top=True)
        drop = {index for index in set(top) | set(_edge_indexes(lines, top=False))
                if _key(lines[index]) in running
                and not (page_index == 0 and index in top and _stays_on_first_page(lines, index))}
        for header in _named_headers(lines, drop):
            headers.setdefault(_key(header), header)
        kept_pages.append("\n".join(line for index, line in enumerate(lines) if index not in drop))
    return RunningLines(tuple(kept_pages), tuple(headers.values()))


def _named_headers(lines: list[str], drop: set[int]) -> list[str]:
    """The removed lines of one page that are words, a header wrapped onto two lines (…的意 | 见)
    named as one: a removed line of WRAPPED_HEADER characters or more joins the removed line
    right under it (a two-line header such as 国务院公报 | 2018年第34号 stays two)."""
    named: list[str] = []
    previous = None
    for index in sorted(drop):
        line = lines[index].strip()
        if _is_page_number(_key(line)):
            previous = None
            continue
        if (previous is not None and len(named[-1]) >= WRAPPED_HEADER
                and not any(lines[between].strip() for between in range(previous + 1, index))):
            named[-1] += line
        else:
            named.append(line)
        previous = index
    return named


def _running_keys(split: list[list[str]]) -> set[str]:
    """The keys of the running lines: at the top or bottom of more than half of the pages, or of
    more than half of the odd (even) pages and no other (Word's 奇偶页不同 headers).

    pypdf gives a header first or last depending on when the page drew it, so the two ends count
    alike. A key counts only if it never stands inside a page nor twice on one, and if each of
    its numbers is the same on every page or the page number (it grows by one a page). A table
    whose rows repeat (57 第57项任务 … 省发展改革委 2026年底前) can put the same line at every
    page's edge too, but also in the middle of its pages, or numbered 57, 69, 81: its rows are
    content.
    """
    at_edge = Counter()
    by_parity = {0: Counter(), 1: Counter()}  # 奇偶页不同: a header on every other page
    numbers: dict[str, list[tuple[int, tuple[int, ...]]]] = {}
    disqualified = set()
    for page_index, lines in enumerate(split):
        edges = set(_edge_indexes(lines, top=True)) | set(_edge_indexes(lines, top=False))
        seen = Counter(_key(line) for line in lines if line.strip())
        doubled = _doubled_on_top(lines, page_index)
        for index, line in enumerate(lines):
            if line.strip() and (index not in edges or (seen[_key(line)] > 1 and _key(line) != doubled)):
                disqualified.add(_key(line))
        for index in edges:
            numbers.setdefault(_key(lines[index]), []).append((page_index, _numbers(lines[index])))
        at_edge.update({_key(lines[index]) for index in edges})
        by_parity[page_index % 2].update({_key(lines[index]) for index in edges})
    disqualified |= {key for key, found in numbers.items() if not _numbers_run_with_pages(found)}
    # A blank page (after a text's last form feed) has no room for a header: it does not count.
    filled = [any(line.strip() for line in lines) for lines in split]
    running = {key for key, count in at_edge.items() if count >= _most(sum(filled))}
    for parity, counter in by_parity.items():
        pages = sum(filled[parity::2])
        running |= {key for key, count in counter.items() if count >= _most(pages) and count == at_edge[key]}
    return running - disqualified


def _most(pages: int) -> int:
    """More than half of ``pages``, and two at least."""
    return max(2, pages // 2 + 1)


def _numbers(line: str) -> tuple[int, ...]:
    return tuple(int(run.translate(_FULL_WIDTH_DIGITS)) for run in _DIGITS.findall(line))


def _numbers_run_with_pages(found: list[tuple[int, tuple[int, ...]]]) -> bool:
    """Whether every number of a line is constant (34 in 第34号) or the page number (page index + a
    constant: a first page without a footer does not shift it) across the pages it stands on."""
    for position in range(len(found[0][1])):
        values = {numbers[position] for _, numbers in found}
        offsets = {numbers[position] - page for page, numbers in found}
        if len(values) > 1 and len(offsets) > 1:
            return False
    return True


def _key(line: str) -> str:
    return _DIGITS.sub("#", _SPACES.sub("", line))


def _edge_indexes(lines: list[str], *, top: bool) -> list[int]:
    """The indexes of the first (or last) EDGE_LINES non-blank lines of a page."""
    order = range(len(lines)) if top else range(len(lines) - 1, -1, -1)
    return [index for index in order if lines[index].strip()][:EDGE_LINES]


def _doubled_on_top(lines: list[str], page_index: int) -> str | None:
    """The key of the first page's two top lines when they are one line twice, and it is nowhere
    else on the page: a running header that repeats the 发文机关标志 (某省人民政府办公厅文件),
    drawn above the document's own."""
    top = _edge_indexes(lines, top=True)
    if page_index != 0 or len(top) < 2 or _key(lines[top[0]]) != _key(lines[top[1]]):
        return None
    key = _key(lines[top[0]])
    return key if sum(1 for line in lines if line.strip() and _key(line) == key) == 2 else None


def _stays_on_first_page(lines: list[str], index: int) -> bool:
    """The document's first line with a 文号 within the two lines under it (the 发文机关标志),
    or that reads as the title. Only the first line: a running header that repeats it goes."""
    filled = [index for index, line in enumerate(lines) if line.strip()]
    if not filled or filled[0] != index:
        return False
    filled = [lines[index].strip() for index in filled]
    return bool(_TITLE.search(filled[0])) or any(_DOC_NUMBER.match(line) for line in filled[1:3])


def _is_page_number(key: str) -> bool:
    return not re.search(r"[^\W\d_]", _PAGE_NUMBER_WORDS.sub("", key))
