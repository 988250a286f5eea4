"""Finding a 台账's header: one row or two (责任单位 over 牵头/配合), and rows that are not tasks."""

from __future__ import annotations

import re

from planner.exchange.ledger_layout import HEADER_KEYS, HEADER_SEARCH_ROWS, RESPONSIBLE, normalise_header

# Words under a merged header cell (责任单位 over 牵头/配合, 完成情况 over 状态/进度).
SUB_HEADER_KEYS = {
    "牵头": "lead", "牵头单位": "lead", "牵头部门": "lead", "主责": "lead",
    "配合": "support", "配合单位": "support", "配合部门": "support", "协同": "support", "参与": "support",
    "状态": "status", "进度": "percent", "进度(%)": "percent", "完成进度": "percent", "进展": "progress",
    "进展情况": "progress", "具体进展": "progress", "日期": "progress_date", "时间": "progress_date",
}
# A row starting so is the form's footer (填表人、联系电话 …), not a task.
FOOTER = re.compile(r"^\s*(填表人|填报人|联系人|联系电话|电话|审核人|审核|负责人|单位负责人|分管领导签字|"
                    r"填报单位|填报日期|填表日期|制表人|制表|签发人|报送单位)\s*[:：\s]")


def header_key(value: object) -> str | None:
    """The column key a header cell names, or None."""
    if not isinstance(value, str):
        return None
    name = normalise_header(value)
    return HEADER_KEYS.get(name) or (RESPONSIBLE if name == RESPONSIBLE else None)


def sub_header_key(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    name = normalise_header(value)
    return SUB_HEADER_KEYS.get(name) or HEADER_KEYS.get(name)


def find_header(rows: list[list]) -> tuple[int, dict[int, str]]:
    """The header row (1-based, 0 if none) among the first rows, and column number → key."""
    best, best_keys = 0, {}
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS], start=1):
        keys = {number: key for number, cell in enumerate(row, start=1) if (key := header_key(cell.value))}
        distinct = set(keys.values())
        # The first of equally good rows wins: a header repeated lower down is data's, not the header.
        if ({"content", "uid"} & distinct) and len(distinct) >= 2 and len(distinct) > len(set(best_keys.values())):
            best, best_keys = index, keys
    if best:  # header words a department lengthened: 工作进展情况, 完成时限要求, 备注说明
        for number, cell in enumerate(rows[best - 1], start=1):
            if number not in best_keys and (key := _contained_key(cell.value, set(best_keys.values()))):
                best_keys[number] = key
    return best, best_keys


def _contained_key(value: object, taken: set[str]) -> str | None:
    """The one column key whose header words (two characters or more) stand inside ``value``,
    when no other column has it; None when there is none, or several keys (工作进度及进展)."""
    if not isinstance(value, str):
        return None
    name = normalise_header(value)
    keys = {key for word, key in HEADER_KEYS.items() if len(word) >= 2 and word in name}
    if len(keys) == 1 and not keys & taken:
        return keys.pop()
    return None


def sub_header(row: list, spans: dict[int, tuple[int, int]]) -> dict[int, str] | None:
    """Column → key when ``row`` is the second header row, else None.

    A second header row has only header words, and each of them stands under a header cell
    merged over several columns (``spans``: first column → (first, last) of each such cell)
    or under an empty header; words anywhere else mean the row is data.
    """
    keys: dict[int, str] = {}
    for number, cell in enumerate(row, start=1):
        if cell.value in (None, ""):
            continue
        key = sub_header_key(cell.value)
        if key is None or not any(first <= number <= last for first, last in spans.values()):
            return None
        keys[number] = key
    return keys or None


def is_repeated_header(row: list) -> bool:
    """A header row again (a table pasted twice, or printed pages joined): two header words, nothing else."""
    words = [cell.value for cell in row if cell.value not in (None, "")]
    return len(words) >= 2 and all(header_key(word) or sub_header_key(word) for word in words)


def is_footer(row: list) -> bool:
    return is_footer_text(next((cell.value for cell in row if cell.value not in (None, "")), None))


def is_footer_text(first: object) -> bool:
    """Whether a row whose first filled cell holds ``first`` is the form's footer (填表人：…)."""
    return isinstance(first, str) and bool(FOOTER.match(first))
