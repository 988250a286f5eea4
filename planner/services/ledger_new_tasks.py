"""The rules for a returned row that is no task yet: the item it belongs to, its 序号, the notice on its label."""

from __future__ import annotations

import re
import unicodedata

from planner.domain.model import Item
from planner.domain.numerals import chinese_to_int

TASK_CODE = re.compile(r"\d{1,2}\.\d{1,3}")  # item.task (4.2); a department's 1, 2, 3 is not one
_ITEM_NUMBER = re.compile(r"[(（]?\s*第?([一二三四五六七八九十]{1,3}|\d{1,2})\s*[)）、.条]")
NO_ITEM = ("没有匹配到已有任务，也无法确定所属条目：请保留“任务标识”隐藏列或“任务内容”，"
           "或为新任务填写“对应条目”（如“（四）推动国家重大区域战略融合发展”）")


def item_for_label(label: str, items: dict[int, Item]) -> Item | None:
    """The item an 对应条目 cell names: （四）…, 4, 第四条, or the item's heading."""
    text = unicodedata.normalize("NFKC", label).strip()
    if not text:
        return None
    match = _ITEM_NUMBER.match(text + ")") if text.isdigit() or chinese_to_int(text) else _ITEM_NUMBER.match(text)
    if match:
        raw = match[1]
        number = int(raw) if raw.isdigit() else chinese_to_int(raw)
        if number in items:
            return items[number]
    for item in items.values():
        if item.heading and (item.heading in text or text in item.heading) and len(text) >= 4:
            return item
    return None


def new_task_code(code: str, item: Item) -> str:
    """The 序号 a new task keeps: one of ``item``'s form (24.4 under item 24), else "" (numbered on apply)."""
    return code if TASK_CODE.fullmatch(code) and code.split(".")[0] == str(item.number) else ""


def item_label_notice(label: str, item: Item) -> str:
    """The notice for an 对应条目 that names ``item`` by number under another heading ("" when none is due)."""
    # The 台账 shortens long headings (…健全区际利益补偿…): a row copying it names the item too.
    shortened = label.endswith("…") and item.heading.startswith(label.rstrip("…").split("）", 1)[-1])
    if label and item.heading and item.heading not in label and not shortened:
        return f"“对应条目”写的是“{label}”，与条目（{item.number}）“{item.heading}”的标题不同，按条目编号归入"
    return ""
