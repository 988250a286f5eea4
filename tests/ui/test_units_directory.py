"""The units directory dialog: adding a name the directory already knows adds nothing and no undo step."""

from planner.storage.units import list_units
from planner.ui.dialogs.units_dialog import UnitsDialog


def _units(window):
    return [(u.id, u.name) for u in list_units(window._db)]


def _add_in_dialog(window, qtbot, monkeypatch, typed: str) -> None:
    """单位目录 → 添加, typing ``typed``."""
    dialog = UnitsDialog(window.settings_menu.unit_actions(), window)
    qtbot.addWidget(dialog)
    monkeypatch.setattr(UnitsDialog, "ask_text", staticmethod(lambda parent, title, label, default: typed))
    dialog.add()


def test_adding_an_alias_says_so_and_its_undo_cannot_delete_the_real_unit(window, qtbot, monkeypatch):
    before = _units(window)
    steps = window.undo_stack.count()
    _add_in_dialog(window, qtbot, monkeypatch, "发改委")
    assert window.errors[-1] == "“发改委”是“省发展改革委”的别称，已在单位目录中。"
    assert _units(window) == before
    assert window.undo_stack.count() == steps
    window.undo_action.trigger()  # undoes whatever came before, never the unit 省发展改革委
    assert "省发展改革委" in [name for _id, name in _units(window)]


def test_adding_an_existing_unit_name_pushes_no_undo_step(window, qtbot, monkeypatch):
    before = _units(window)
    steps = window.undo_stack.count()
    _add_in_dialog(window, qtbot, monkeypatch, " 省财政厅 ")
    assert window.errors[-1] == "单位“省财政厅”已在目录中。"
    assert _units(window) == before and window.undo_stack.count() == steps


def test_undoing_a_real_add_removes_only_the_unit_it_created(window, qtbot, monkeypatch):
    before = _units(window)
    _add_in_dialog(window, qtbot, monkeypatch, "省海洋局")
    assert [name for _id, name in _units(window)] == [name for _id, name in before] + ["省海洋局"]
    window.undo_action.trigger()
    assert _units(window) == before
