"""Unit names typed into a cell or pasted: a name the directory does not know is asked about first.

Storing a name creates a unit when it is new; a typo (省财正厅) or a short form (财政) would so
become a unit of its own, which the import refuses. The clerk chooses the directory unit it
means, adds it as a new unit, or cancels (then nothing is stored).
"""

from __future__ import annotations

from planner.services import units

ADD_NEW = "新增单位"


def confirm_unit_names(parent, db, names) -> dict[str, str] | None:
    """Name as typed (stripped) → name to store, for every unknown name; None when the clerk cancels.

    Known names (units, aliases) are not in the result: storing them stores their unit.
    """
    chosen: dict[str, str] = {}
    for unknown in units.unknown_unit_names(db, list(names)):
        answer = ask_unknown_unit(parent, unknown)
        if answer is None:
            return None
        chosen[unknown.name] = answer
    return chosen


def apply_names(names, chosen: dict[str, str]) -> tuple[str, ...]:
    """The names with the clerk's choices put in, each unit once, order kept."""
    return tuple(dict.fromkeys(chosen.get(n.strip(), n.strip()) for n in names if n and n.strip()))


def ask_unknown_unit(parent, unknown: units.UnknownUnit) -> str | None:
    """A message box naming the unknown name: 改为 one of the suggestions, 新增单位, or 取消 (None)."""
    from PySide6.QtWidgets import QMessageBox  # only now: the window's start loads no dialog class

    box = QMessageBox(QMessageBox.Icon.Question, "单位不在目录中", f"单位“{unknown.name}”不在单位目录中。",
                      parent=parent)
    if unknown.suggestions:
        box.setInformativeText(f"可能是：{'、'.join(unknown.suggestions)}。\n"
                               f"请选择目录中的单位，或把“{unknown.name}”新增为单位。")
    else:
        box.setInformativeText(f"单位目录中没有相近的单位。要把“{unknown.name}”新增为单位吗？")
    answers = {}
    for name in unknown.suggestions:
        answers[box.addButton(f"改为“{name}”", QMessageBox.ButtonRole.AcceptRole)] = name
    answers[box.addButton(ADD_NEW, QMessageBox.ButtonRole.ActionRole)] = unknown.name
    cancel = box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(next(iter(answers)) if unknown.suggestions else cancel)
    box.setEscapeButton(cancel)
    box.exec()
    return answers.get(box.clickedButton())
