"""File names made from plan and unit names: nothing Windows forbids in a name."""

import re

_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


def safe_file_name(text: str, fallback: str) -> str:
    """``text`` with \\ / : * ? " < > | and control characters replaced by _, or ``fallback`` if empty.

    Chinese punctuation such as 《》“”： is allowed and kept.
    """
    return _UNSAFE.sub("_", text).strip(" .") or fallback
