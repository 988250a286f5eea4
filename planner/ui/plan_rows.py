"""The whole plan's task rows, read once on a worker thread and kept current: 显示全部任务 and plan-wide hit counts.

Reading 20,000 rows takes more than half a second; done on a worker with its own database
connection (a sqlite-utils Database belongs to the thread that opened it), the window keeps
painting, and 显示全部任务 afterwards only swaps the table's rows (issue 11: ≤ 300 ms).
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication

from planner.domain.lights import Light
from planner.services import tasks
from planner.services.tasks import TaskRow
from planner.ui.background import PROGRESS_AFTER_SECONDS, busy_dialog
from planner.ui.task_filter import TaskFilter, haystack, light_of



class PlanRows(QObject):
    """Emits ``loaded`` when the rows of the plan last asked for have arrived."""

    loaded = Signal()
    _delivered = Signal(int, object)  # generation, rows (or the exception the worker met)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[TaskRow] | None = None
        self._generation = 0
        self._thread: threading.Thread | None = None
        self._haystacks: list[str] | None = None
        self._lights: list[Light] | None = None
        self._lights_for: tuple[dt.date, int] | None = None
        self._source: tuple[Path, int] | None = None
        self._results: dict[int, object] = {}  # generation → rows or error, for wait()
        # Rows edited while the worker reads, newest per task: the read may predate the edit, so
        # they replace what it brings (a field edit neither adds, removes nor moves a row).
        self._edited: dict[int, TaskRow] = {}
        self._delivered.connect(self._receive)

    def loading(self) -> bool:
        """The rows of the plan last asked for are being read, or read and on their way to the window."""
        # Not only while the worker runs: after it ends its rows wait for the event loop, and a
        # second read started meanwhile would drop them.
        return self._rows is None and self._thread is not None and self._thread.name == self._thread_name()

    def _thread_name(self) -> str:
        return f"plan-rows-{self._generation}"

    def reload(self, db_path: Path, plan_id: int) -> None:
        """Forget the rows held and read the plan's afresh on a worker thread."""
        self._generation += 1
        self._rows = self._haystacks = self._lights = None
        self._edited.clear()  # the new read starts after every edit made so far
        self._source = (db_path, plan_id)
        generation = self._generation
        self._thread = threading.Thread(target=self._work, args=(generation, db_path, plan_id),
                                        name=self._thread_name(), daemon=True)
        self._thread.start()

    def forget(self, db_path: Path, plan_id: int) -> None:
        """The rows are out of date; they are read again only when next needed (a worker still
        reading older rows finishes, and its rows are dropped)."""
        self._generation += 1
        self._rows = self._haystacks = self._lights = None
        self._edited.clear()
        self._source = (db_path, plan_id)

    def _work(self, generation: int, db_path: Path, plan_id: int) -> None:
        try:
            result = tasks.read_plan_rows(db_path, plan_id)
        except Exception as error:  # noqa: BLE001 - handed to the main thread, which raises it there
            result = error
        self._results[generation] = result  # for wait(), which may run before the signal is delivered
        self._delivered.emit(generation, result)

    def _receive(self, generation: int, result) -> None:
        self._results.pop(generation, None)
        if generation != self._generation or self._rows is not None:
            return  # a later reload or an update made these rows stale, or ensure() took them
        if isinstance(result, BaseException):
            self._thread = None  # not loading any more: the next wait() reads again
            raise result
        edited, self._edited = self._edited, {}
        if edited:
            result = [edited.get(row.task.id, row) for row in result]
        self._rows = result
        self.loaded.emit()

    def ready(self) -> bool:
        return self._rows is not None

    def wait(self) -> None:
        """Until the rows are here; paints meanwhile, with a progress dialog after half a second."""
        dialog, started = None, time.monotonic()
        try:
            while self._rows is None:
                if not self.loading():
                    if self._source is None:
                        raise RuntimeError("PlanRows.wait() before reload()")
                    self.reload(*self._source)
                thread, generation = self._thread, self._generation
                while thread.is_alive():
                    thread.join(0.03)
                    if dialog is None and time.monotonic() - started > PROGRESS_AFTER_SECONDS:
                        dialog = busy_dialog(QApplication.activeWindow(), "正在读取整个方案的任务…")
                    QApplication.processEvents()  # may start another reload: the outer loop sees it
                if generation in self._results:
                    self._receive(generation, self._results[generation])
        finally:
            if dialog is not None:
                dialog.close()
                dialog.deleteLater()

    def rows(self) -> list[TaskRow]:
        """Every live task of the plan in outline order (waits for the worker if need be)."""
        self.wait()
        return self._rows

    def rows_of_items(self, item_ids: set[int]) -> list[TaskRow] | None:
        """The rows of these items, if the plan's are at hand; None otherwise."""
        if self._rows is None:
            return None
        return [row for row in self._rows if row.task.item_id in item_ids]

    def update(self, changed: list[TaskRow]) -> None:
        """Rows changed by a field edit or a progress entry: replaced where they stand. Rows still
        being read may predate the edit: these rows replace theirs when they arrive."""
        if self._rows is None:  # being read (or not yet asked for: the next read clears these)
            self._edited.update((row.task.id, row) for row in changed)
            return
        by_id = {row.task.id: row for row in changed}
        for index, row in enumerate(self._rows):
            if row.task.id in by_id:
                self._rows[index] = by_id[row.task.id]
                if self._haystacks is not None:
                    self._haystacks[index] = haystack(self._rows[index])
                if self._lights is not None:
                    today, days = self._lights_for
                    self._lights[index] = light_of(self._rows[index], today=today, warning_days=days)

    def count(self, task_filter: TaskFilter, *, today: dt.date, warning_days: int) -> int | None:
        """How many of the plan's tasks pass the filter; None while the rows are still being read."""
        if self._rows is None:
            return None
        if task_filter.text and self._haystacks is None:
            self._haystacks = [haystack(row) for row in self._rows]
        if self._lights is None or self._lights_for != (today, warning_days):
            self._lights = [light_of(row, today=today, warning_days=warning_days) for row in self._rows]
            self._lights_for = (today, warning_days)
        return len(task_filter.select(self._rows, self._haystacks or [], self._lights))

    def stop(self) -> None:
        """Wait for a worker still reading (the window is closing); its rows are dropped."""
        self._generation += 1
        if self._thread is not None and self._thread.is_alive():
            self._thread.join()
        self._results.clear()
