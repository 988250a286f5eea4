"""Several unit names in one piece of text (a cell, a typed list): how they are separated."""

import re

UNIT_SEPARATORS = re.compile(r"[、，,；;/／\s]+")


def split_units(text: str) -> tuple[str, ...]:
    """Unit names from text such as 省财政厅、省自然资源厅, each once, in order."""
    return tuple(dict.fromkeys(name for name in UNIT_SEPARATORS.split(text) if name))
