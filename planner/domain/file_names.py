"""File names made from plan and unit names: nothing Windows forbids in a name."""

import re

_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]')
# Device names Windows reserves whatever the extension: CON.xlsx cannot be created ("Naming Files,
# Paths, and Namespaces", Microsoft Learn).
_RESERVED = frozenset({"CON", "PRN", "AUX", "NUL", *(f"COM{n}" for n in range(1, 10)), *(f"LPT{n}" for n in range(1, 10))})


def safe_file_name(text: str, fallback: str) -> str:
    """``text`` with \\ / : * ? " < > | and control characters replaced by _, or ``fallback`` if empty.

    Chinese punctuation such as 《》“”： is allowed and kept; a name Windows reserves for a
    device (CON, NUL, COM1 …) gets a "_" after it.
    """
    name = _UNSAFE.sub("_", text).strip(" .") or fallback
    return f"{name}_" if name.split(".")[0].strip().upper() in _RESERVED else name
