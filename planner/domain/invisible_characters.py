"""Characters nobody typed (zero-width marks, soft hyphens, stray controls) taken out of a policy text."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Format characters that print nothing: soft hyphen, zero-width space/joiners, direction marks and
# embeddings, word joiner and invisible operators, isolates, a BOM inside the text. Word, web pages and
# PDF extraction leave them between characters, where they split a word for search (稳\u200b中求进).
_FORMAT = "\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff"
# C0 controls but tab and the line breaks the parser reads (\n \v \f \r), DEL, and C1 controls but
# NEL (\x85, a line break): a BEL or ^Z from an old system, never text.
_CONTROL = "\x00-\x08\x0e-\x1f\x7f\x80-\x84\x86-\x9f"
_DROPPED = re.compile(f"[{_FORMAT}{_CONTROL}]+")
_CJK = "\u2e80-\u2fdf\u3001-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef"
# A no-break space between two Chinese characters is layout (web pages justify with it), not a word break.
_NBSP_BETWEEN_CJK = re.compile(f"(?<=[{_CJK}])[\u00a0\u202f]+(?=[{_CJK}])")


@dataclass(frozen=True)
class Cleaned:
    """A text without invisible characters, and how many were taken out."""

    text: str
    dropped: int


def drop_invisible_characters(text: str) -> Cleaned:
    """``text`` without format and control characters, and without no-break spaces between CJK characters.

    Tabs, line breaks (\\n \\r \\v \\f \\x85) and the full-width space U+3000 stay; so do private-use
    characters, which are text a font draws (see private_use.py). A BOM at the very start is the
    encoding's mark and is not counted.
    """
    text = text.removeprefix("\ufeff")
    without = _DROPPED.sub("", text)
    without = _NBSP_BETWEEN_CJK.sub("", without)
    return Cleaned(without, len(text) - len(without))
