"""The body of a policy text: chapters (一、) and their items (（一）, or 1. when there are none)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from planner.domain.model import Chapter, Item
from planner.domain.numerals import chinese_to_int, int_to_chinese
from planner.domain.policy_header import is_title_line
from planner.domain.policy_patterns import CHAPTER, CLOSING, DECIMAL_ITEM, ITEM, heading_of


def find_body_start(paragraphs: list[str]) -> int | None:
    for index, line in enumerate(paragraphs):
        chapter = CHAPTER.match(line)
        if chapter and chapter_number(chapter) == 1:
            return index
        item = ITEM.match(line)
        if item and chinese_to_int(item.group(1)) == 1:
            return index
    return None


def chapter_number(match: re.Match[str]) -> int | None:
    return chinese_to_int(match.group(1))


@dataclass
class _OpenChapter:
    number: int
    heading_line: str
    lead: list[str] = field(default_factory=list)
    items: list[tuple[int, list[str]]] = field(default_factory=list)


# A gap this size in the numbering is taken as a typo in the source, not as text.
MAX_NUMBER_SKIP = 3


def parse_body(paragraphs: list[str]) -> tuple[list[Chapter], list[str], list[str]]:
    """Chapters (with items) and closing paragraphs, plus warnings about the numbering.

    A numbered line that breaks the sequence is never merged silently: a repeated number or a
    jump forward is its own item (a chapter too, when its heading is a title), a number going
    back is text of the item above; either way a warning names the line.
    """
    chapters: list[_OpenChapter] = []
    warnings: list[str] = []
    decimal = _decimal_items(paragraphs)
    if decimal is True:
        warnings.append("本文件没有“（一）”形式的条目，已将各部分下“1.”“2.”形式编号的段落作为条目，请核对。")
    elif decimal is False:
        warnings.append("本文件没有“（一）”形式的条目，已将“一、”各部分作为条目；"
                        "部分中“1.”“2.”形式编号的段落仍为条目正文，请核对。")
    last_item = 0
    inner_list = 0  # the last number of a list numbered back from （一） inside the current item's text
    for line in paragraphs:
        chapter_match = CHAPTER.match(line)
        if chapter_match and (chapters or last_item == 0):
            previous = chapters[-1].number if chapters else 0
            starts, warning = _chapter_sequence(chapter_match, line, previous)
            if warning:
                warnings.append(warning)
            if starts:
                chapters.append(_OpenChapter(chapter_number(chapter_match) or 0, chapter_match.group(2)))
                inner_list = 0
                continue
        item_match = (DECIMAL_ITEM if decimal is True else ITEM).match(line)
        if item_match:
            number = (int(item_match.group(1)) if decimal is True else chinese_to_int(item_match.group(1))) or 0
            current = chapters[-1] if chapters else None
            restarts = number == 1 and (current is None or not current.items)
            if inner_list and number == inner_list + 1 and number != last_item + 1:
                starts, warning = False, (f"条目编号与上文不接续：“{line[:20]}”接续上文正文中的编号，"
                                          "已按上文的正文处理；如它应是单独的条目，请核对原文编号。")
            else:
                starts, warning = _item_sequence(number, last_item, restarts, line)
            inner_list = 0 if starts else number
            if warning:
                warnings.append(warning)
            if starts:
                if current is None:
                    current = _OpenChapter(0, "")
                    chapters.append(current)
                current.items.append((number, [item_match.group(2)] if item_match.group(2) else []))
                last_item = max(last_item, number) if not restarts else number
                continue
        elif _UNREAD_ITEM_NUMBER.match(line):
            warnings.append(f"无法识别条目编号：“{line[:20]}”已按上文的正文处理，请核对原文编号。")
        target = chapters[-1]
        if target.items:
            target.items[-1][1].append(line)
        elif not target.heading_line and not target.lead and is_title_line(line):
            target.heading_line = line  # the title sits on the line after 一、
        else:
            target.lead.append(line)
    has_items = any(chapter.items for chapter in chapters)
    if not has_items:
        flat, closing = _flat_chapters(chapters)
        return flat, closing, warnings
    closing = _take_closing(chapters[-1])
    return [_close_chapter(chapter) for chapter in chapters], closing, warnings


def _decimal_items(paragraphs: list[str]) -> bool | None:
    """Whether the body's items are numbered 1. 2. under 一、 chapters: None when the question does
    not arise (a （一） item, no 一、 first, no 1. line); False when 1. lines are there but are not
    the items (in fewer than half the chapters: a list inside a chapter's text).

    Read as （一） items are, such a body gets its chapters as the items and the real items as
    their text. The body opens with 一、, has no （一） item, and its first numbered line is 1.
    """
    if not paragraphs or not CHAPTER.match(paragraphs[0]) or any(ITEM.match(line) for line in paragraphs):
        return None
    chapters = 0
    numbers: list[int] = []
    with_numbers: set[int] = set()
    for line in paragraphs:
        decimal = DECIMAL_ITEM.match(line)
        if decimal:
            numbers.append(int(decimal.group(1)))
            with_numbers.add(chapters)
        elif CHAPTER.match(line):
            chapters += 1
    if not numbers:
        return None
    return len(numbers) >= 2 and numbers[0] == 1 and len(with_numbers) * 2 >= chapters


# An item number the parser cannot read as one: （一百零一）, （二十十）.
_UNREAD_ITEM_NUMBER = re.compile(r"^[（(] ?[一二三四五六七八九十百千零〇两]{1,6} ?[）)]")


def _chapter_sequence(match: re.Match[str], line: str, previous: int) -> tuple[bool, str]:
    """Whether a 一、 line starts a chapter after chapter ``previous``, and the warning it earns.

    The next number always does; a small gap (a typo in the source), a repeated number or a
    jump does when the line is a title (a numbered sentence is more likely a list in the text).
    """
    number = chapter_number(match) or 0
    title_only = is_title_line(match.group(2))
    if number == previous + 1:
        return True, ""
    if title_only and previous + 1 < number <= previous + 1 + MAX_NUMBER_SKIP:
        if not previous:  # items came first, outside any chapter
            return True, f"部分编号不连续：正文的第一个部分是“{line[:20]}”。"
        return True, f"部分编号不连续：“{_numeral(previous)}、”之后是“{line[:20]}”。"
    if title_only and number == previous:
        return True, f"部分编号重复：“{line[:20]}”与上一部分编号相同，已作为单独的部分，请核对原文。"
    if title_only and number > previous:
        return True, f"部分编号不连续：“{_numeral(previous)}、”之后是“{line[:20]}”，已作为单独的部分，请核对原文。"
    return False, (f"部分编号与上文不接续：“{line[:20]}”在“{_numeral(previous)}、”之后，"
                   "已按上文的正文处理；如它应是单独的部分，请核对原文编号。")


def _item_sequence(number: int, last_item: int, restarts: bool, line: str) -> tuple[bool, str]:
    """Whether a （一） line starts an item after item ``last_item``, and the warning it earns.

    The next number, a restart at （一） in a new chapter and a small gap start one; so do a
    repeated number and a jump, each with a warning. A number going back (a list inside the
    item's text, or a typo) stays text of the item above, with a warning.
    """
    if number == last_item + 1 or restarts:
        return True, ""
    if last_item + 1 < number <= last_item + 1 + MAX_NUMBER_SKIP:
        return True, f"条目编号不连续：“（{_numeral(last_item)}）”之后是“{line[:20]}”。"
    if number == last_item:
        return True, f"条目编号重复：“{line[:20]}”与上一条目编号相同，已作为单独的条目，请核对原文。"
    if number > last_item:
        return True, f"条目编号不连续：“（{_numeral(last_item)}）”之后是“{line[:20]}”，已作为单独的条目，请核对原文。"
    return False, (f"条目编号与上文不接续：“{line[:20]}”在“（{_numeral(last_item)}）”之后，"
                   "已按上文的正文处理；如它应是单独的条目，请核对原文编号。")


def _numeral(number: int) -> str:
    return int_to_chinese(number) if 1 <= number <= 99 else str(number)


def _take_closing(chapter: _OpenChapter) -> list[str]:
    """Paragraphs after the last item that address everyone (各地区各部门要…) close the document."""
    if not chapter.items:
        return []
    paragraphs = chapter.items[-1][1]
    # A heading alone in its paragraph (（五）加强组织领导。) is followed by the item's own text,
    # which may well begin 各地要…: only what comes after that can close the document.
    first = 2 if paragraphs and heading_of(paragraphs[0]) == paragraphs[0].strip().rstrip("。：:") else 1
    for index in range(first, len(paragraphs)):
        if CLOSING.match(paragraphs[index]):
            closing = paragraphs[index:]
            del paragraphs[index:]
            return closing
    return []


def _close_chapter(chapter: _OpenChapter) -> Chapter:
    items = tuple(_make_item(number, paragraphs) for number, paragraphs in chapter.items)
    return Chapter(number=chapter.number, title=heading_of(chapter.heading_line) or chapter.heading_line,
                   items=items, lead=tuple(chapter.lead), heading_line=chapter.heading_line)


def _make_item(number: int, paragraphs: list[str]) -> Item:
    return Item(number=number, heading=heading_of(paragraphs[0]) if paragraphs else "",
                paragraphs=tuple(paragraphs))


def _flat_chapters(chapters: list[_OpenChapter]) -> tuple[list[Chapter], list[str]]:
    """A text numbered only 一、二、三、 takes its chapters as its items."""
    items = []
    closing: list[str] = []
    for index, chapter in enumerate(chapters):
        paragraphs = ([chapter.heading_line] if chapter.heading_line else []) + chapter.lead
        if index == len(chapters) - 1:
            for cut in range(1, len(paragraphs)):
                if CLOSING.match(paragraphs[cut]):
                    closing = paragraphs[cut:]
                    paragraphs = paragraphs[:cut]
                    break
        items.append(_make_item(chapter.number, paragraphs))
    return [Chapter(number=0, title="", items=tuple(items))], closing
