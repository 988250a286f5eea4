"""What a person does to tasks in the window: create (by hand, from a passage, from suggestions,
by paste), delete, move, copy, add progress; each one undo step over one service call."""

from __future__ import annotations

import re
from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from planner.domain.model import NewTask
from planner.domain.numerals import int_to_chinese
from planner.services import units
from planner.ui.outcome import FAILED
from planner.ui.task_table_model import FIELDS, HEADERS, Column

# The edits' own modules (the undo commands, task_edits, progress, percent and unit-name rules)
# are imported in the handlers, when a person first acts: drawing the window needs none of
# them, and every module loaded before it counts against its start (tests/perf/bench_window.py).


class TaskActions:
    """Works through the window's public face: its database and plan, seams, refresh and undo stack."""

    def __init__(self, window):
        self._window = window

    def hook_up(self, pane) -> None:
        """The task table's own requests (a TaskTablePane's): Delete, Ctrl+C, Ctrl+V, a value refused."""
        pane.view.delete_requested.connect(self.delete_selected)
        pane.view.copy_requested.connect(self.copy_selected)
        pane.view.paste_requested.connect(self.paste_at_cell)
        # Queued: a refusal is told once the cell's editor has closed (a click elsewhere closes it).
        pane.edit_refused.connect(lambda text: self._window.show_error(text), Qt.ConnectionType.QueuedConnection)

    def _create(self, new_tasks: list[NewTask], text: str) -> list[int]:
        """Create the tasks as one undo step; unit names the directory does not know are asked
        about first, whichever way the tasks came (paste, 按建议分解 …): cancel creates none."""
        from planner.ui import commands
        from planner.ui.unit_names import apply_names, confirm_unit_names

        w = self._window
        chosen = confirm_unit_names(w, w.db, [n for t in new_tasks for n in (t.lead_unit, *t.support_units)])
        if chosen is None:
            return []
        if chosen:
            new_tasks = [replace(t, lead_unit=(apply_names([t.lead_unit], chosen) or ("",))[0],
                                 support_units=apply_names(t.support_units, chosen)) for t in new_tasks]
        ids = w.run(lambda: commands.create_tasks(w.db, w.plan.id, new_tasks))
        if ids is FAILED or not ids:
            return []
        w.undo_stack.push(commands.CreateTasksCommand(w.db, ids, w.refresh, text))
        w.refresh(None)
        w.select_task(ids[0])
        return ids

    def edit_field(self, task_id: int, field: str, value: object) -> None:
        """A cell's new value, one undo step; an unknown unit name is asked about first (unit_names)."""
        from planner.domain.completion import done_below_full
        from planner.services import task_edits
        from planner.ui import commands
        from planner.ui.unit_names import apply_names, confirm_unit_names

        w = self._window
        if field in ("lead_unit", "support_units"):
            names = [value] if field == "lead_unit" else list(value)
            chosen = confirm_unit_names(w, w.db, [str(n) for n in names])
            if chosen is None:
                return  # cancelled: nothing stored, the cell shows the stored value again
            value = (apply_names([value], chosen) or ("",))[0] if field == "lead_unit" else apply_names(value, chosen)
        change = w.run(lambda: task_edits.update_field(w.db, task_id, field, value))
        if change is FAILED:
            return
        label = next((HEADERS[c] for c, f in FIELDS.items() if f == field), field)
        w.undo_stack.push(commands.EditFieldCommand(w.db, change, w.refresh, label))
        w.refresh([task_id])
        if field == "percent":
            task = task_edits.get_task(w.db, task_id)
            if task is not None and done_below_full(task.status, task.percent):
                # Kept as typed, as an import keeps a file's figures; said, as the import says it.
                w.statusBar().showMessage(f"任务 {task.code} 状态为“已完成”，进度却为 {task.percent}%：请核实状态或进度", 15000)

    def _require_item(self) -> int | None:
        w = self._window
        item_id = w.current_item_id()
        if item_id is None:
            w.show_error("请先在左侧选择一个条目。")
        return item_id

    def new_task(self, content: str | None = None) -> None:
        """Ctrl+N: an empty content editor on a new row; the task is created once content is typed.

        With ``content`` the task is created at once (for scripts and tests); either way the
        placeholder text is never stored.
        """
        w = self._window
        item_id = self._require_item()
        if item_id is None:
            return
        if w.filter_bar.is_filtering():
            w.filter_bar.clear()  # the filter could hide the new task once created
        if content is not None:
            self._create([NewTask(item_id=item_id, content=content)], "新建任务")
            return
        w.task_view.discard_editor()
        row = w.task_model.add_draft(item_id)
        index = w.task_model.index(row, Column.CONTENT)
        w.task_view.setCurrentIndex(index)
        w.task_view.scrollTo(index)
        w.task_view.edit(index)

    def create_from_draft(self, item_id: int, content: str) -> None:
        """The content typed into Ctrl+N's new row becomes a task."""
        self._create([NewTask(item_id=item_id, content=content)], "新建任务")

    def task_from_selection(self) -> None:
        w = self._window
        item_id = self._require_item()
        passage = w.item_text.selected_passage()
        if item_id is None:
            return
        if not passage:
            w.show_error("请先在条目原文中选中一段文字。")
            return
        self._create([NewTask(item_id=item_id, content=passage, source_passage=passage)], "从原文创建任务")

    def tasks_from_suggestions(self) -> None:
        w = self._window
        item_id = self._require_item()
        if item_id is None:
            return
        from planner.domain.suggestions import suggest_tasks
        from planner.ui.dialogs.suggestions_dialog import SuggestionsDialog

        item = w.items[item_id]
        suggestions = suggest_tasks(item.text, item.heading, w.keyword_units)
        if not suggestions:
            w.show_error("这个条目没有可拆分的句子。")
            return
        chosen = SuggestionsDialog.ask(w, suggestions, [u.name for u in units.list_units(w.db)],
                                       item.heading or f"（{int_to_chinese(item.number)}）")
        if chosen:
            self._create([NewTask(item_id=item_id, content=s.content, lead_unit=s.lead_unit,
                                  support_units=s.support_units, source_passage=s.content) for s in chosen],
                         f"按建议创建 {len(chosen)} 项任务")

    def paste_at_cell(self) -> None:
        """Ctrl+V in the table, as in Excel: one value onto a task's cell sets that field by the
        cell's own rule (85% stored as 85 and 150 refused; 配合单位 split at 、; an unknown unit
        asked about; a 状态 or 完成时限 checked), one undo step. Rows copied from Excel/WPS are
        pasted as new tasks (粘贴为新任务), except onto 进度. A value onto a cell nobody types in
        (编号, 最新进展 …) is refused rather than guessed into a task."""
        w = self._window
        index = w.task_view.currentIndex()
        task_id = w.task_model.task_id_at(index.row()) if index.isValid() else None
        value = QApplication.clipboard().text().strip()
        several = re.search(r"[\t\r\n]", value) is not None
        if task_id is None or not value or (several and index.column() != Column.PERCENT):
            self.paste_tasks()
            return
        column = Column(index.column())
        if several:
            count = len([part for part in re.split(r"[\t\r\n]+", value) if part.strip()])
            w.show_error(f"剪贴板中有 {count} 个值，在“进度”单元格上一次只能粘贴一个；未作修改。"
                         "要把复制的行新建为任务，请用“编辑 → 粘贴为新任务”。")
            return
        if column not in FIELDS:
            w.show_error(f"“{HEADERS[column]}”列不能粘贴修改；未作修改。要把复制的内容新建为任务，"
                         "请用“编辑 → 粘贴为新任务”。")
            return
        pasted = self._pasted_value(column, value)
        if pasted is not None:  # as if typed in the cell: an unchanged value changes nothing
            w.task_model.setData(index, pasted, Qt.ItemDataRole.EditRole)

    def _pasted_value(self, column: Column, value: str) -> object | None:
        """A pasted text as the field of ``column`` takes it; None when refused (and said)."""
        if column == Column.PERCENT:
            from planner.domain.completion import typed_percent
            from planner.ui.percent_edit import not_saved, problem_of

            if problem := problem_of(value):
                self._window.show_error(not_saved(problem))
                return None
            return typed_percent(value)
        if column == Column.SUPPORT:
            from planner.domain.unit_names import split_units

            return split_units(value)
        return value  # 状态 and 完成时限 are checked by task_edits, which says what is wrong

    def paste_tasks(self) -> None:
        w = self._window
        item_id = self._require_item()
        if item_id is None:
            return
        from planner.ui.clipboard import numbers_only, tsv_to_new_tasks

        new_tasks = tsv_to_new_tasks(QApplication.clipboard().text(), item_id)
        if not new_tasks:
            w.show_error("剪贴板中没有可粘贴的任务（请从 Excel/WPS 复制含“任务内容”的行）。")
            return
        if numbers := numbers_only(new_tasks):
            w.show_error(f"剪贴板中的“{'”“'.join(numbers[:3])}”{'等' if len(numbers) > 3 else ''}只是数字，"
                         "不是任务内容；未粘贴任何任务（请从 Excel/WPS 复制含“任务内容”的行）。")
            return
        self._create(new_tasks, f"粘贴 {len(new_tasks)} 项任务")

    def selected_task_ids(self) -> list[int]:
        """The selected rows' tasks, or the current row's when nothing is selected."""
        w = self._window
        rows = w.task_view.selected_rows()
        if not rows and w.task_view.currentIndex().isValid():
            rows = [w.task_view.currentIndex().row()]
        return [task_id for row in rows if (task_id := w.task_model.task_id_at(row)) is not None]

    def delete_selected(self) -> None:
        from planner.services import task_edits
        from planner.ui import commands

        w = self._window
        ids = self.selected_task_ids()
        if not ids or not w.confirm(f"确定删除选中的 {len(ids)} 项任务吗？\n（进展记录会保留，可用“撤销”或“编辑 → 回收站…”恢复。）"):
            return
        if w.run(lambda: task_edits.delete_tasks(w.db, ids)) is FAILED:
            return
        w.undo_stack.push(commands.DeleteTasksCommand(w.db, ids, w.refresh))
        w.refresh(None)

    def move_task(self, step: int) -> None:
        from planner.services import task_edits
        from planner.ui import commands

        w = self._window
        task_id = w.current_task_id()
        if task_id is None:
            return
        moved = w.run(lambda: task_edits.move_task(w.db, task_id, step))
        if moved is FAILED or not moved:
            return
        w.undo_stack.push(commands.MoveTaskCommand(w.db, task_id, step, w.refresh))
        w.refresh(None)

    def copy_selected(self) -> None:
        w = self._window
        rows = [w.task_model.row(row) for row in w.task_view.selected_rows()
                if w.task_model.task_id_at(row) is not None]
        if not rows and w.current_task_id() is not None:
            rows = [w.task_model.row(w.task_view.currentIndex().row())]
        if rows:
            from planner.ui.clipboard import rows_to_tsv

            QApplication.clipboard().setText(rows_to_tsv(rows))
            w.statusBar().showMessage(f"已复制 {len(rows)} 行，可粘贴到 Excel/WPS。", 4000)

    def add_progress(self) -> None:
        w = self._window
        task_id = w.current_task_id()
        if task_id is None:
            w.show_error("请先选择一项任务。")
            return
        from planner.domain.completion import older_note_message
        from planner.services import progress, task_edits
        from planner.ui import commands
        from planner.ui.dialogs.progress_dialog import ProgressDialog

        entry = ProgressDialog.ask(w, task_edits.get_task(w.db, task_id), w.today)
        if entry is None:
            return
        added = w.run(lambda: progress.add_progress(w.db, task_id, entry, today=w.today))
        if added is not FAILED:
            w.undo_stack.push(commands.AddProgressCommand(w.db, added, entry, w.refresh))
            w.refresh([task_id])
            if added.older_than is not None:
                w.show_info(older_note_message(entry.date, added.older_than) + "。")

