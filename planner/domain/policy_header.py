"""The part of a policy text above its body: red header, 文号, title, 主送, the covering notice's signature."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from planner.domain.chinese_dates import parse_written_date
from planner.domain.policy_patterns import (
    BRACKET_NOTE,
    DATED_SIGNATURE,
    DATELINE,
    DATE_ONLY,
    DOC_NUMBER,
    HEADER_MARK,
    LABEL,
    MAX_TITLE_LINE,
    MONTH_ONLY,
    RED_HEADER,
    SENTENCE_MARKS,
    SIGNER_LINE,
)
from planner.domain.policy_trailer import is_signature_line


@dataclass
class _Header:
    title: str = ""
    label: str = ""
    dateline: str = ""
    doc_number: str = ""
    date_line: str = ""
    recipients: str = ""
    red_header: str = ""
    date: dt.date | None = None
    preamble: list[str] = field(default_factory=list)


def parse_header(paragraphs: list[str]) -> _Header:
    header = _Header()
    title_lines: list[str] = []
    index = 0
    while index < len(paragraphs):
        line = paragraphs[index]
        if not title_lines and not header.label and LABEL.match(line):
            header.label = line
        elif not title_lines and not header.doc_number and (
                HEADER_MARK.match(line) or (not header.red_header.endswith("文件") and _is_red_header(paragraphs, index))):
            header.red_header = "\n".join(filter(None, [header.red_header, line]))
        elif not header.dateline and DATELINE.match(line):
            header.dateline = line
        elif not header.doc_number and DOC_NUMBER.match(line):
            header.doc_number = line
        elif header.doc_number and not title_lines and "签发人" not in header.doc_number and SIGNER_LINE.match(line):
            header.doc_number = f"{header.doc_number} {line}"  # as when both share the line
        elif not header.date_line and DATE_ONLY.match(line):
            header.date_line = line
            header.date = _parse_date(line)
        elif title_lines and not header.recipients and _is_recipients(line):
            header.recipients = line
        elif not header.date_line and not header.recipients and (is_title_line(line) or _is_long_title(line)):
            title_lines.append(line)
        else:
            break
        index += 1
    header.title = "".join(title_lines)
    header.preamble = paragraphs[index:]
    return header


def _is_red_header(paragraphs: list[str], index: int) -> bool:
    """某某文件 directly above the 文号 (one line may sit between: a second issuing organ)."""
    return bool(RED_HEADER.match(paragraphs[index])) and any(
        DOC_NUMBER.match(line) for line in paragraphs[index + 1:index + 3])


# A title on one line can run past MAX_TITLE_LINE (关于印发《…》的通知); it still names itself.
_LONG_TITLE = re.compile(r"关于.+的(?:意见|通知|方案|实施方案|办法|规定|决定|规划|纲要|计划|细则|批复|通报|报告|函|指导意见|若干措施)$")
MAX_LONG_TITLE = 100


def _is_long_title(line: str) -> bool:
    return len(line) <= MAX_LONG_TITLE and "。" not in line and "；" not in line and bool(_LONG_TITLE.search(line))


def is_title_line(line: str) -> bool:
    return len(line) <= MAX_TITLE_LINE and not any(mark in line for mark in SENTENCE_MARKS)


def _is_recipients(line: str) -> bool:
    return line.endswith(("：", ":")) and "。" not in line and len(line) <= 200


def _parse_date(line: str) -> dt.date | None:
    match = DATE_ONLY.match(line)
    return parse_written_date(match.group(1)) if match else None


def first_date(lines: list[str]) -> dt.date | None:
    for line in lines:
        dated = DATED_SIGNATURE.match(line)
        date = _parse_date(dated.group(1) if dated else line)
        if date:
            return date
    return None


def dayless_date_warnings(signature: list[str]) -> list[str]:
    """A signature dated with a month alone (2025年3月) gives no date: guessing a day would put a
    date on the plan that the document does not state, so the user is told instead."""
    return [f"落款日期“{line}”没有写明哪一日，未取为成文日期，请核对原文后填写。"
            for line in signature if MONTH_ONLY.match(line)][:1]


def take_notice_signature(header: _Header) -> list[str]:
    """Take the covering notice's signature out of the preamble and return it.

    关于印发《…方案》的通知 followed by the 方案: the notice's text, its issuing organ(s), its date
    alone on a line and any （此件公开发布） note, then the 方案's own title and preamble. The organ,
    date and note lines are the notice's signature (its date is the document's date when the 方案
    has none of its own); the preamble keeps the notice's text, then the 方案's title and preamble.
    Returns [] (preamble unchanged) when the title is not a 印发 notice or no dated organ is found.
    """
    if "印发" not in header.title:
        return []
    lines = header.preamble
    for index in range(1, len(lines)):
        if (DATE_ONLY.match(lines[index]) and is_signature_line(lines[index - 1])) \
                or DATED_SIGNATURE.match(lines[index]):
            start = index
            while start > 1 and is_signature_line(lines[start - 1]) and not DATE_ONLY.match(lines[start - 1]):
                start -= 1
            end = index + 1
            while end < len(lines) and BRACKET_NOTE.match(lines[end]):
                end += 1
            signature = lines[start:end]
            header.preamble = lines[:start] + lines[end:]
            return signature
    return []
