"""Text from outside (policy texts, returned workbooks) made safe and tidy for a printed document."""

from __future__ import annotations

import re

# Line breaks of every kind a pasted or extracted text may carry.
_LINE_BREAK = re.compile(r"\r\n|[\r\n\v\f\x85\u2028\u2029]")
# A line that ends a paragraph: a sentence or a clause list is complete there.
_PARAGRAPH_END = tuple("。！？；：!?;:")
# A line that starts a paragraph of its own: a numbered heading or list item.
_NUMBERED = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\(?\d+[.、．)）]|[①-⑳])")
# C0 and C1 controls but the line feed, zero-width and direction marks, BOM,
# surrogates and the non-characters XML cannot hold.
_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff"
                      "\ud800-\udfff\ufffe\uffff]")
_ODD_SPACE = re.compile("[\t\xa0\u1680\u2000-\u200a\u202f\u205f]")
_REPEATED_SPACE = re.compile(" {2,}")
_UNSAFE = re.compile("[\x00-\x1f\x7f-\xa0\u1680\u2000-\u200f\u2028-\u202f\u205f-\u206f\ufeff\ud800-\udfff\ufffe\uffff]| {2}")
_SENTENCE_CLOSERS = "。．.，,、；;：: \u3000"


def clean(text: str) -> str:
    """``text`` without control and format characters; tabs and odd spaces as one plain space.

    Line breaks of every kind become ``\\n`` for :func:`paragraphs` to judge. XML 1.0 — and
    so Word — cannot hold the C0 controls (a BEL or Ctrl-Z from an old file made
    python-docx refuse the whole document) nor lone surrogates; zero-width and
    direction marks print nothing useful. The full-width space U+3000 is kept: Chinese
    text uses it (中共中央　国务院).
    """
    if not _UNSAFE.search(text):
        return text
    text = _LINE_BREAK.sub("\n", text)
    text = _ODD_SPACE.sub(" ", text)
    return _REPEATED_SPACE.sub(" ", _CONTROL.sub("", text))


def one_line(text: str) -> str:
    """``text`` cleaned and on one line: line breaks joined (with a space only between Latin words)."""
    return _join([line.strip() for line in clean(text).split("\n") if line.strip()])


def paragraphs(text: str) -> list[str]:
    """``text`` cleaned and split into paragraphs; never an empty one.

    A line break ends a paragraph after a complete sentence (。！？；：) or before a
    numbered line (一、 （一） 1. ①); elsewhere it is a hard wrap (PDF extraction,
    a narrow Excel cell) and the lines are joined.
    """
    result: list[list[str]] = []
    for line in clean(text).split("\n"):
        line = line.strip()
        if not line:
            if result and result[-1]:
                result.append([])
            continue
        if not result or not result[-1] or result[-1][-1].endswith(_PARAGRAPH_END) or _NUMBERED.match(line):
            if result and not result[-1]:
                result[-1].append(line)
            else:
                result.append([line])
        else:
            result[-1].append(line)
    return [_join(lines) for lines in result if lines]


def sentence(text: str) -> str:
    """``text`` on one line ending in exactly one full stop 。 (or its own ！ or ？); empty stays empty.

    Trailing commas, semicolons, colons and repeated stops are replaced, so a task
    written as “完善机制；” or “完善机制。。” prints as “完善机制。”.
    """
    text = one_line(text)
    stripped = text.rstrip(_SENTENCE_CLOSERS + "！？!?")
    if not stripped:
        return ""
    tail = text[len(stripped):]
    mark = next((char for char in tail if char in "！？!?"), "。")
    return stripped + {"!": "！", "?": "？"}.get(mark, mark)


def _join(lines: list[str]) -> str:
    joined = ""
    for line in lines:
        if joined and joined[-1].isascii() and joined[-1].isalnum() and line[0].isascii() and line[0].isalnum():
            joined += " "
        joined += line
    return joined
