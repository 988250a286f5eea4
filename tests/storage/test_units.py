"""The units directory: renaming and merging keep every task linked."""

import pytest

from planner.domain.model import NewTask
from planner.errors import UserError
from planner.storage import tasks, units


def test_renaming_a_unit_keeps_its_tasks_and_remembers_the_old_name(stored):
    db, plan, document = stored
    [task_id] = tasks.insert_tasks(db, plan.id, [NewTask(
        item_id=document.items[0].id, content="任务", lead_unit="省扶贫办", support_units=("省财政厅",))])
    unit_id = units.add_units(db, ["省扶贫办"])["省扶贫办"]
    units.rename_unit(db, unit_id, "省乡村振兴局")
    assert tasks.get_task(db, task_id).lead_unit == "省乡村振兴局"
    alias = next(db.query("SELECT unit_id FROM unit_aliases WHERE alias = '省扶贫办'"))
    assert alias["unit_id"] == unit_id
    with pytest.raises(UserError, match="已存在"):
        units.rename_unit(db, unit_id, "省财政厅")


def test_a_unit_cannot_take_another_units_alias_as_its_name_but_may_take_back_its_own(stored):
    db, _plan, _document = stored
    ids = units.add_units(db, ["省扶贫办", "省教育厅"])
    units.rename_unit(db, ids["省扶贫办"], "省乡村振兴局")  # 省扶贫办 is now its alias
    with pytest.raises(UserError, match="“省扶贫办”是单位“省乡村振兴局”的别称"):
        units.rename_unit(db, ids["省教育厅"], "省扶贫办")
    assert [r["unit_id"] for r in db.query("SELECT unit_id FROM unit_aliases WHERE alias = '省扶贫办'")] == \
        [ids["省扶贫办"]]
    assert "省教育厅" in [u.name for u in units.list_units(db)]
    units.rename_unit(db, ids["省扶贫办"], "省扶贫办")  # undoing the rename: its own old name
    assert "省扶贫办" in [u.name for u in units.list_units(db)]


def test_merging_moves_lead_and_support_links_without_duplicates(stored):
    db, plan, document = stored
    ids = tasks.insert_tasks(db, plan.id, [
        NewTask(item_id=document.items[0].id, content="甲", lead_unit="省乡村振兴局"),
        NewTask(item_id=document.items[0].id, content="乙", lead_unit="省发展改革委",
                support_units=("省乡村振兴局", "省农业农村厅")),
        NewTask(item_id=document.items[0].id, content="丙", lead_unit="省农业农村厅",
                support_units=("省乡村振兴局",)),
    ])
    name_to_id = units.add_units(db, ["省乡村振兴局", "省农业农村厅"])
    units.merge_units(db, name_to_id["省乡村振兴局"], name_to_id["省农业农村厅"])
    first, second, third = (tasks.get_task(db, i) for i in ids)
    assert first.lead_unit == "省农业农村厅"
    assert second.support_units == ("省农业农村厅",)
    assert third.lead_unit == "省农业农村厅" and third.support_units == ()
    assert "省乡村振兴局" not in [u.name for u in units.list_units(db)]
    assert next(db.query("SELECT unit_id FROM unit_aliases WHERE alias = '省乡村振兴局'"))["unit_id"] == \
        name_to_id["省农业农村厅"]
