"""The rules for a returned row that is a new task: its 序号 and the notice on its 对应条目 (services.ledger_new_tasks)."""

import pytest

from planner.domain.model import Item
from planner.services.ledger_new_tasks import item_label_notice, new_task_code

ITEM = Item(24, "建立区域均衡的财政转移支付制度", ())


@pytest.mark.parametrize(("code", "kept"), [("24.4", "24.4"), ("24.10", "24.10"), ("4.4", ""), ("3", ""), ("", "")])
def test_a_new_task_keeps_a_code_of_its_own_items_form_only(code, kept):
    assert new_task_code(code, ITEM) == kept


@pytest.mark.parametrize("label", ["", "（二十四）建立区域均衡的财政转移支付制度", "（二十四）建立区域均衡的财政…"])
def test_a_label_naming_the_item_or_its_shortened_heading_gets_no_notice(label):
    assert item_label_notice(label, ITEM) == ""


def test_a_label_under_another_heading_is_noticed_and_filed_by_its_number():
    assert item_label_notice("（二十四）健全区际利益补偿机制", ITEM) == (
        "“对应条目”写的是“（二十四）健全区际利益补偿机制”，与条目（24）“建立区域均衡的财政转移支付制度”的标题不同，按条目编号归入")
