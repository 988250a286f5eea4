"""The part of a policy text below its last item: signature, date, 附件 and 版记."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from planner.domain.policy_patterns import (
    ATTACHMENT,
    BRACKET_NOTE,
    CHAPTER,
    CONTACT_NOTE,
    DATED_SIGNATURE,
    DATE_ONLY,
    DISTRIBUTION,
    FULL_STOPS,
    ITEM,
    MONTH_ONLY,
    ORGAN,
    SENTENCE_MARKS,
    ends_a_document,
)


@dataclass
class _Trailer:
    signature: list[str] = field(default_factory=list)
    attachment: list[str] = field(default_factory=list)


def split_trailer(paragraphs: list[str]) -> tuple[list[str], _Trailer]:
    """Cut the attachment (after a 附件 marker) and the signature block off the body."""
    trailer = _Trailer()
    end = len(paragraphs)
    for index in range(1, len(paragraphs)):
        if ATTACHMENT.match(paragraphs[index]):
            trailer.attachment = paragraphs[index:]
            end = index
            break
    start = end
    while start > 1 and is_signature_line(paragraphs[start - 1]):
        start -= 1
    block = paragraphs[start:end]
    if any(ends_a_document(line) or MONTH_ONLY.match(line) for line in block) \
            or _is_undated_signature(block, paragraphs[start - 1]):
        trailer.signature = block
        end = start
    elif trailer.attachment:
        _signature_below_attachment_note(trailer)
    return paragraphs[:end], trailer


# Issuing organs signing together stand side by side or one a line; more lines are not a signature.
MAX_SIGNING_ORGANS = 4


def _is_undated_signature(block: list[str], above: str) -> bool:
    """Whether ``block`` is issuing organs alone after the body's last full sentence (``above``).

    That is a signature whose date is missing: gov.cn pages print the organ without the date, and
    GB/T 9704-2012 §7.3.5 puts it above the date, which a copy may have lost.
    """
    return 0 < len(block) <= MAX_SIGNING_ORGANS and above.endswith(FULL_STOPS) \
        and all(ORGAN.match(line) for line in block)


# A numbered line of the 附件说明: 2.示范区名单.
_LIST_LINE = re.compile(r"^\d{1,2}\s*[.．、]")
# The signature follows the 附件说明 within this many lines, or it is not there.
MAX_ATTACHMENT_NOTE = 12


def _signature_below_attachment_note(trailer: _Trailer) -> None:
    """Move the signature block that follows the 附件说明 (GB/T 9704-2012 §7.3.4–7.3.5 order:
    附件：1.… 2.…, then organ and date) out of the attachment, and the 抄送/印发 lines at its end."""
    lines = trailer.attachment
    tail = len(lines)
    while tail > 1 and DISTRIBUTION.match(lines[tail - 1]):
        tail -= 1
    for index, line in enumerate(lines[1:MAX_ATTACHMENT_NOTE], start=1):
        if DATE_ONLY.match(line) or DATED_SIGNATURE.match(line):
            start = index
            while start > 1 and is_signature_line(lines[start - 1]) and not _LIST_LINE.match(lines[start - 1]) \
                    and not ATTACHMENT.match(lines[start - 1]):
                start -= 1
            end = index + 1
            while end < tail and BRACKET_NOTE.match(lines[end]):
                end += 1
            trailer.signature = lines[start:end] + lines[tail:]
            trailer.attachment = lines[:start] + lines[end:tail]
            return
    trailer.signature = lines[tail:]
    trailer.attachment = lines[:tail]


def is_signature_line(line: str) -> bool:
    """A line of the signature block or 版记: issuing organ, date, (此件公开发布), contact line, 抄送, 印发."""
    if ends_a_document(line) or CONTACT_NOTE.match(line):
        return True
    return len(line) <= 30 and not any(mark in line for mark in SENTENCE_MARKS + "、") \
        and not CHAPTER.match(line) and not ITEM.match(line)
