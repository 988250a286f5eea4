"""Several unit names in one piece of text (a cell, a typed list): how they are separated."""

import re

UNIT_SEPARATORS = re.compile(r"[、，,；;/／\s]+")


_LIST_SEPARATORS = re.compile(r"[、，,；;/／]+")
# What offices write in a unit cell to say "none": no unit at all, never a unit of that name.
NO_UNIT_WORDS = frozenset({"无", "暂无", "没有", "无配合单位", "不涉及", "—", "——", "-", "－", "/", "／", "\\"})


def split_units(text: str) -> tuple[str, ...]:
    """Unit names from text such as 省财政厅、省自然资源厅, each once, in order.

    Spaces separate names too (省财政厅 省教育厅), except where a piece is one character: then
    the space stood inside a name (省 商务厅 is 省商务厅, never a unit called 省). A cell saying
    none (无, 暂无, —) names no unit.
    """
    if text.strip() in NO_UNIT_WORDS:
        return ()
    names: list[str] = []
    for part in _LIST_SEPARATORS.split(text):
        pieces = part.split()
        if len(pieces) > 1 and min(map(len, pieces)) < 2:
            pieces = ["".join(pieces)]
        names += pieces
    return tuple(dict.fromkeys(name for name in names if name))
