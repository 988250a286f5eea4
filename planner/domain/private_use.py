"""Private-use characters (a font's own glyphs, 造字) in a parsed policy: kept, but pointed out."""

from __future__ import annotations

import re

from planner.domain.model import Chapter
from planner.domain.numerals import int_to_chinese

# The Private Use Area and the two supplementary private-use planes.
_PRIVATE_USE = re.compile("[\ue000-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd]")


def private_use_warnings(chapters: list[Chapter] | tuple[Chapter, ...], *,
                         other_parts: dict[str, list[str]]) -> list[str]:
    """One warning per place (item, chapter heading or lead, or a named other part) holding private-use characters.

    A private-use code point is drawn by the font the sender had (a rare name or place character
    made up in the office's font); elsewhere it shows as a blank or a box, and search cannot find it.
    It is kept — it may be the only trace of the right character — and the user is told where it is.

    Args:
        chapters: the parsed chapters.
        other_parts: the other parts by the Chinese name a warning gives them (标题, 附件 …), with their paragraphs.

    Returns:
        One warning per place, in reading order of ``other_parts`` then the chapters, naming the
        distinct private-use characters found there by code point.
    """
    places: list[tuple[str, str]] = [(name, "".join(lines)) for name, lines in other_parts.items()]
    for chapter in chapters:
        label = f"部分“{_numeral(chapter.number)}、{chapter.title}”" if chapter.number else "正文开头"
        places.append((label, "".join([chapter.heading_line, *chapter.lead])))
        for item in chapter.items:
            places.append((f"条目（{_numeral(item.number)}）“{item.heading or item.text[:12]}”", item.text))
    warnings = []
    for label, text in places:
        found = list(dict.fromkeys(_PRIVATE_USE.findall(text)))
        if found:
            codes = "、".join(f"U+{ord(ch):04X}" for ch in found)
            warnings.append(f"{label}含有 {len(found)} 个私用区字符（{codes}），是原文件字体自造的字，"
                            "在其他电脑上可能显示为空白或方框，请对照原件核对。")
    return warnings


def _numeral(number: int) -> str:
    return int_to_chinese(number) if 1 <= number <= 99 else str(number)
