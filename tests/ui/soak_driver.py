"""Soak driver: thousands of mixed actions on the real main window, in a process of its own.

Run by tests/ui/test_soak.py as ``python -m tests.ui.soak_driver --db FILE --actions N``;
prints one JSON object on stdout. It runs in a child process because a build that leaks
references to ``None`` (PySide6 6.12.0 on Python < 3.12) kills the interpreter with
"Fatal Python error: none_dealloc": that must fail a test, not take pytest down.

Every ``--checkpoint`` actions the undo history is cleared (as switching plans does), deferred
deletes are flushed and the garbage collector runs; then the figures below are recorded. Memory
that still grows from one checkpoint to the next is held by something other than the history:
a leak per action.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import random
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[2]
TODAY = dt.date(2026, 11, 21)

CONTENTS = ["完善区域协调发展评估指标体系，按年度开展监测评价", "建立省际交界地区合作发展机制",
            "推动基本公共服务均等化，2027年底前实现全覆盖", "健全生态补偿机制 <含&符号>", "加强重点领域风险防控"]
LEADERS = ["孙立新（副省长）", "王明", "", "李华（秘书长）"]
DEADLINES = ["2027年6月底前", "持续推进", "2026年底前", "2027-03-31", "长期坚持", ""]
SEARCHES = ["财政", "生态", "机制", "省发展改革委", "不存在的词语", "推进"]


def _rss_kib() -> int:
    """Resident set size of this process in KiB (Linux /proc; 0 elsewhere)."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except OSError:
        return 0
    return pages * os.sysconf("SC_PAGE_SIZE") // 1024


class Soak:
    """Drives one MainWindow through random actions; ``counts`` says how many of each ran."""

    def __init__(self, window, app, seed: int):
        self.window, self.app = window, app
        self.random = random.Random(seed)
        self.counts: dict[str, int] = {}
        self.messages: list[str] = []

    def run(self, actions: int, checkpoint: int) -> list[dict]:
        from PySide6.QtCore import QObject

        kinds = [(self.edit, 50), (self.undo, 14), (self.redo, 8), (self.select_item, 8), (self.select_task, 6),
                 (self.filter, 6), (self.add_progress, 5), (self.toggle_all_tasks, 1), (self.new_task, 1),
                 (self.delete_task, 1), (self.copy, 2)]
        functions = [kind for kind, _ in kinds]
        weights = [weight for _, weight in kinds]
        samples = [self.measure(0, QObject)]
        for number in range(1, actions + 1):
            action = self.random.choices(functions, weights)[0]
            action()
            self.counts[action.__name__] = self.counts.get(action.__name__, 0) + 1
            self.app.processEvents()
            if number % checkpoint == 0:
                samples.append(self.measure(number, QObject))
                # Progress on stderr: a run that dies still tells how far it got.
                print(f"soak: {number} actions, None refs {samples[-1]['none_refs']}", file=sys.stderr, flush=True)
        return samples

    def measure(self, actions: int, qobject_type) -> dict:
        from PySide6.QtCore import QCoreApplication, QEvent

        history = self.window.undo_stack.count()
        self.window.undo_stack.clear()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        gc.collect()
        return {"actions": actions, "none_refs": sys.getrefcount(None), "gc_objects": len(gc.get_objects()),
                "allocated_blocks": sys.getallocatedblocks(),
                "qobjects": len(self.window.findChildren(qobject_type)), "widgets": len(self.app.allWidgets()),
                "rss_kib": _rss_kib(), "undo_steps_cleared": history}

    # --- the actions ------------------------------------------------------------------------

    def _visible_row(self) -> int | None:
        """A row holding a task (not the new row Ctrl+N may have left open)."""
        model = self.window.task_model
        rows = [row for row in range(model.rowCount()) if model.task_id_at(row) is not None]
        return self.random.choice(rows) if rows else None

    def edit(self) -> None:
        from planner.domain.model import Status
        from planner.ui.task_table_model import FIELDS

        row = self._visible_row()
        if row is None:
            return self.select_item()
        column = self.random.choice(list(FIELDS))
        view, model = self.window.task_view, self.window.task_model
        index = model.index(row, column)
        view.setCurrentIndex(index)
        view.edit(index)
        editor = view.open_editor()  # as the window finds it; indexWidget() would leak it (see there)
        if editor is None:
            raise AssertionError(f"no editor opened for column {column!r}")
        units = self._unit_names()
        match FIELDS[column]:
            case "content":
                editor.setPlainText(self.random.choice(CONTENTS))
            case "lead_unit":
                editor.setText(self.random.choice(units))
            case "support_units":
                editor.line.setText("、".join(self.random.sample(units, self.random.randint(0, 3))))
            case "leader":
                editor.setText(self.random.choice(LEADERS))
            case "deadline":
                editor.line.setText(self.random.choice(DEADLINES))
            case "status":
                editor.setCurrentIndex(editor.findData(self.random.choice(list(Status))))
            case "percent":
                editor.setText(str(self.random.randrange(0, 101, 5)))
        delegate = view.itemDelegateForIndex(index)
        delegate.commitData.emit(editor)
        delegate.closeEditor.emit(editor)
        key = f"edit:{FIELDS[column]}"
        self.counts[key] = self.counts.get(key, 0) + 1

    def _unit_names(self) -> list[str]:
        combo = self.window.filter_bar.unit
        return [combo.itemText(i) for i in range(combo.count()) if combo.itemText(i)]

    def undo(self) -> None:
        self.window.undo_action.trigger()

    def redo(self) -> None:
        self.window.redo_action.trigger()

    def select_item(self) -> None:
        indexes = list(self.window.outline.item_indexes())
        self.window.outline_view.setCurrentIndex(self.random.choice(indexes))

    def select_task(self) -> None:
        from planner.ui.task_table_model import Column

        row = self._visible_row()
        if row is not None:
            self.window.task_view.setCurrentIndex(self.window.task_model.index(row, Column.CONTENT))

    def filter(self) -> None:
        bar = self.window.filter_bar
        match self.random.randrange(4):
            case 0:
                bar.text.setText(self.random.choice(SEARCHES))
            case 1:
                bar.status.setCurrentIndex(self.random.randrange(bar.status.count()))
            case 2:
                bar.unit.setCurrentText(self.random.choice(self._unit_names()))
            case _:
                bar.clear()

    def add_progress(self) -> None:
        if self.window.current_task_id() is None:
            return self.select_task()
        self.window.add_progress()

    def toggle_all_tasks(self) -> None:
        self.window.all_tasks.setChecked(not self.window.all_tasks.isChecked())

    def new_task(self) -> None:
        """Ctrl+N, then either type the content and commit, or press Esc (nothing is stored)."""
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        self.window.new_task()
        editor = self.window.task_view.open_editor()
        if editor is None:
            return
        if self.random.random() < 0.5:
            editor.setPlainText(self.random.choice(CONTENTS))
            delegate = self.window.task_view.itemDelegateForIndex(self.window.task_view.currentIndex())
            delegate.commitData.emit(editor)
            delegate.closeEditor.emit(editor)
        else:
            QTest.keyClick(editor, Qt.Key.Key_Escape)
        self.app.processEvents()  # the new row is dropped, or its task created, once the editor is gone

    def copy(self) -> None:
        # Ctrl+C: the rows to the clipboard and a timed note in the status bar (Qt makes that
        # note's timer once, on the first one: made in the warm-up, not counted as growth).
        self.window.copy_selected()

    def delete_task(self) -> None:
        if self.window.current_task_id() is not None:
            self.window.delete_selected()


def _fill_progress_dialog(soak: Soak):
    """Answer the progress dialog's seam with the real dialog, filled in and accepted."""
    from planner.domain.model import Status
    from planner.ui.dialogs.progress_dialog import ProgressDialog

    def ask(parent, task, today):
        dialog = ProgressDialog(task, today, parent)
        dialog.text.setPlainText(f"第{soak.counts.get('add_progress', 0) + 1}次调度：{soak.random.choice(CONTENTS)}")
        dialog.status.setCurrentIndex(dialog.status.findData(soak.random.choice(list(Status))))
        dialog.percent.setText(str(soak.random.randrange(0, 101, 5)))
        entry = dialog.entry()
        dialog.deleteLater()
        return entry

    return ask


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--actions", type=int, default=2000)
    parser.add_argument("--checkpoint", type=int, default=250)
    parser.add_argument("--seed", type=int, default=20261121)
    args = parser.parse_args(argv)

    sys.path.insert(0, str(ROOT))
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from planner.exchange.builtin import load_builtin, load_demo, load_keyword_units
    from planner.services import demo, workspace
    from planner.ui import commands
    from planner.ui.dialogs.progress_dialog import ProgressDialog
    from planner.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([sys.argv[0]])
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    settings_dir = tempfile.mkdtemp(prefix="soak-settings-")
    for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
        QSettings.setPath(QSettings.Format.IniFormat, scope, settings_dir)
    resources = ROOT / "resources"
    builtin = load_builtin(resources)
    db = workspace.open_workspace(args.db, builtin)
    demo.create_demo_plan(db, load_demo(resources), today=TODAY)
    window = MainWindow(db, db_path=args.db, builtin=builtin, keyword_units=load_keyword_units(resources),
                        word_template=ROOT / "templates" / "official.docx", today=TODAY, remember_layout=False)
    soak = Soak(window, app, args.seed)
    # The modal seams are answered, so nothing waits for a click.
    window.show_error = window.show_info = soak.messages.append
    window.confirm = lambda _question: True
    commands.report_failure = soak.messages.append
    ProgressDialog.ask = staticmethod(_fill_progress_dialog(soak))
    window.resize(1366, 768)
    window.show()
    app.processEvents()

    samples = soak.run(args.actions, args.checkpoint)
    window.close()
    db.close()
    print(json.dumps({"python": list(sys.version_info[:3]), "samples": samples, "counts": soak.counts,
                      "messages": soak.messages[:20], "message_count": len(soak.messages)}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
