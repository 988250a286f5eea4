"""The File menu of the main window: plans, policy texts, Word and Excel in and out, databases."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu

from planner import APP_NAME
from planner.domain.file_names import safe_file_name
from planner.services import documents, plans, units, workspace
from planner.ui import recent_databases
from planner.ui.outcome import FAILED


class FileMenu(QObject):
    """The File menu's entries and what they do; also takes returned 台账 dropped on the window.

    Works through the window's public face, as TaskActions does: its database, plan and today,
    seams (ask_*, confirm, show_*), run, refresh, undo stack and status bar. The window keeps
    what the whole window shows (which database, which plan: open_database_path, show_plan).
    """

    # Each dialog (Qt's progress dialog too) and heavy service is imported when first used, to keep start-up short.

    def __init__(self, window, *, word_template: Path, plan_settings_changed: Callable[[object], None]):
        """``plan_settings_changed(ids)`` brings the window up to date after the plan's settings changed."""
        super().__init__(window)
        self._window = window
        self._word_template = word_template
        self._plan_settings_changed = plan_settings_changed
        self.recent_menu = QMenu("最近打开", window)
        self.recent_menu.aboutToShow.connect(self.fill_recent_menu)
        window.setAcceptDrops(True)  # returned 台账 can be dropped on the window
        window.installEventFilter(self)

    def fill(self, menu: QMenu) -> None:
        """Add the File menu's entries to ``menu``, in the order the user sees them."""
        w = self._window

        def add(text: str, slot, shortcut: QKeySequence | None = None) -> None:
            action = QAction(text, w)  # the window's, as every action of its menus
            menu.addAction(action)
            action.triggered.connect(lambda _checked=False: slot())
            if shortcut is not None:
                action.setShortcut(shortcut)

        add("新建实施方案…", self.new_plan)
        add("导入政策文件…", self.import_policy_file)
        add("粘贴政策文本…", self.import_policy_text)
        menu.addSeparator()
        add("导出 Word（实施方案/进展报告）…", self.export_word)
        # The 督查 office's documents, each opening the Word dialog on its kind (WordKind's values).
        for kind in ("进展情况报告", "催办单", "情况通报"):
            add(f"导出{kind}…", lambda k=kind: self.export_word(k))
        add("导出 Excel 台账…", lambda: self.export_excel("all"))
        add("按牵头单位分别导出 Excel…", lambda: self.export_excel("by_unit"))
        add("导出当前表格所示任务…", lambda: self.export_excel("shown"))
        add("导入返回的台账…", self.import_excel)
        add("报送轮次…", lambda: _rounds_menu().show_rounds(w))
        add("导出日历（.ics）…", lambda: _rounds_menu().export_calendar(w))
        menu.addSeparator()
        add("打开数据库…", self.open_other_database)
        menu.addMenu(self.recent_menu)
        add("备份数据库…", self.backup_database)
        add("恢复备份…", lambda: _safety_menu().restore_backup(w))
        menu.addSeparator()
        add("退出", w.close, QKeySequence("Ctrl+Q"))

    def new_plan(self) -> None:
        from planner.ui.dialogs.new_plan_dialog import NewPlanDialog

        w = self._window
        answer = NewPlanDialog.ask(w, [(d.id, d.title) for d in documents.list_documents(w.db)])
        if answer is None:
            return
        document_id, office = answer
        plan = w.run(lambda: plans.create_plan(w.db, document_id, office=office))
        if plan is not FAILED:
            w.show_plan(plan.id)

    def import_policy_file(self) -> None:
        w = self._window
        path = w.ask_open_file("导入政策文件", "政策文件 (*.txt *.docx *.pdf);;所有文件 (*)")
        if path is not None:
            self._import_policy(lambda: documents.read_policy(path), Path(path).name)

    def import_policy_text(self) -> None:
        from planner.ui.dialogs.policy_text_dialog import PolicyTextDialog

        answer = PolicyTextDialog.ask(self._window)
        if answer is not None:
            title, text = answer
            self._import_policy(lambda: documents.parse_pasted_text(text, title=title), documents.PASTED)

    def _import_policy(self, read, source_name: str) -> None:
        """Read, then store unless the same document is stored and the user wants no copy."""
        w = self._window
        document = w.run(read)
        if document is FAILED:
            return
        same = documents.same_document_id(w.db, document)
        if same is not None and not w.confirm(
                f"《{document.title}》已在数据库中（编号 {same}），标题和正文完全相同，未重复导入。\n\n"
                "是否仍要再导入一份副本？"):
            return
        self._imported(w.run(lambda: documents.import_document(
            w.db, document, source_name=source_name, copy=same is not None)))

    def _imported(self, result) -> None:
        w = self._window
        if result is FAILED:
            return
        notes = "".join(f"\n注意：{warning}" for warning in result.warnings)
        if w.confirm(f"已导入《{result.title}》：{result.chapter_count} 个部分，{result.item_count} 个条目。"
                     f"{notes}\n\n是否立即为它新建实施方案？"):
            plan = w.run(lambda: plans.create_plan(w.db, result.id))
            if plan is not FAILED:
                w.show_plan(plan.id)

    def export_word(self, kind: str = "实施方案", *, unit: str | None = None) -> None:
        """The Word export dialog opened on ``kind`` (a WordKind or its value), then the export chosen.

        ``unit``: a 催办单 for this lead unit is preselected (the task table's right-click menu).
        """
        from planner.services import word, workdays
        from planner.ui.dialogs.word_export_dialog import WordExportDialog, WordKind

        w = self._window
        kind = WordKind(kind)
        units = w.run(lambda: word.lead_unit_names(w.db, w.plan.id))
        if units is FAILED:
            return
        choice = WordExportDialog.ask(w, w.plan, w.today, kind=kind, units=units, unit=unit,
                                      reply_by=workdays.default_reply_by(w.db, w.today))
        if choice is None or (choice.save_issuer and not self._keep_issuer(choice.issuer)):
            return
        if not self._keep_report_texts(choice):
            return
        if choice.kind is WordKind.REMINDER:
            self._export_reminders(choice)
            return
        name = choice.kind.value
        empty = w.run(lambda: word.empty_plan_note(w.db, w.plan.id, report=choice.kind is not WordKind.PLAN))
        if empty is FAILED or (empty and not w.confirm(f"{empty}\n\n仍要导出吗？")):
            return
        stem = w.plan.name[:40] + ("" if choice.kind is WordKind.PLAN else "-" + name)
        path = w.ask_save_file("导出 Word", f"{safe_file_name(stem, name)}.docx", "Word 文档 (*.docx)")
        if path is None:
            return
        # Imported here: python-docx is loaded when a document is written, not to open the window.
        from planner.exchange.docx_export import EmptyItems, PlanExportOptions

        if choice.kind is WordKind.PROGRESS:
            texts = word.plan_report_texts(w.plan, problems=choice.problems, next_steps=choice.next_steps)
            # The dashboard's per-unit chart shows today's figures: it goes into a report as of today only.
            chart = w.dashboard.chart_png("units") if choice.as_of == w.today else None
            result = w.run(lambda: self._with_progress(f"正在导出{name}…", lambda progress: (
                word.export_progress_report(w.db, w.plan.id, path, self._word_template, choice.as_of,
                                            progress=progress, issuer=choice.issuer, date=choice.date,
                                            texts=texts, chart_png=chart))))
        elif choice.kind is WordKind.BULLETIN:
            result = w.run(lambda: word.export_bulletin(w.db, w.plan.id, path, self._word_template,
                                                        choice.as_of, issuer=choice.issuer, date=choice.date))
        else:
            options = PlanExportOptions(
                title=choice.title, issuer=choice.issuer, date=choice.date, table_font_size=choice.table_font_size,
                show_leader=choice.show_leader,
                empty_items=EmptyItems.MARK if choice.mark_empty_items else EmptyItems.OMIT)
            result = w.run(lambda: self._with_progress(f"正在导出{name}…", lambda progress: (
                word.export_plan_docx(w.db, w.plan.id, path, self._word_template, options,
                                      progress=progress))))
        if result is FAILED:
            return
        notes = "".join(f"；{note}" for note in result.notes if note != word.NO_ISSUER_NOTE or not choice.issuer)
        w.statusBar().showMessage(f"已导出{name}：{result.path}（{result.task_count} 项任务）{notes}", 8000)
        if choice.open_after:
            self.open_file(result.path)

    def _export_reminders(self, choice) -> None:
        """催办单: one file with a page per unit, or one file per unit into a chosen folder."""
        from planner.services import word

        w = self._window
        if choice.per_unit_files:
            target = w.ask_folder("选择导出文件夹（每个单位一个催办单）")
        else:
            who = choice.reminder_unit or "各单位"
            target = w.ask_save_file("导出催办单", f"{safe_file_name(who[:40] + '-督办通知', '督办通知')}.docx",
                                     "Word 文档 (*.docx)")
        if target is None:
            return
        units = [choice.reminder_unit] if choice.reminder_unit else None
        sent = w.run(lambda: self._with_progress("正在导出催办单…", lambda progress: word.export_reminders(
            w.db, w.plan.id, target, self._word_template, units=units, today=w.today,
            reply_by=choice.reply_by, per_unit_files=choice.per_unit_files, issuer=choice.issuer, date=choice.date,
            progress=progress)))
        if sent is FAILED:
            return
        where = sent.paths[0] if len(sent.paths) == 1 else sent.paths[0].parent
        w.statusBar().showMessage(f"已导出催办单：{where}（{len(sent.units)} 个单位，回复期限 "
                                  f"{sent.reply_by:%Y年%m月%d日}）", 8000)
        if choice.open_after:
            self.open_file(where)

    def _keep_report_texts(self, choice) -> bool:
        """Keep the report's 主送机关, texts and 联系人/电话 typed in the dialog with the plan, for next time."""
        from planner.ui.dialogs.word_export_dialog import WordKind

        w = self._window
        plan = w.plan
        report = choice.kind is WordKind.PROGRESS
        wanted = dict(recipients=choice.recipients if report else plan.recipients,
                      problems=choice.problems if report else plan.report_problems,
                      next_steps=choice.next_steps if report else plan.report_next_steps,
                      contact_name=choice.contact_name if choice.kind is not WordKind.PLAN else plan.contact_name,
                      contact_phone=choice.contact_phone if choice.kind is not WordKind.PLAN else plan.contact_phone)
        if wanted == dict(recipients=plan.recipients, problems=plan.report_problems,
                          next_steps=plan.report_next_steps, contact_name=plan.contact_name,
                          contact_phone=plan.contact_phone):
            return True
        if w.run(lambda: plans.set_report_texts(w.db, plan.id, **wanted)) is FAILED:
            return False
        w.reload_plan()
        return True

    def _keep_issuer(self, issuer: str) -> bool:
        """Save the 发文机关 typed in the export dialog to the plan's settings (one undo step)."""
        from planner.ui import commands
        from planner.ui.dialogs.plan_settings_dialog import PlanSettings

        w = self._window
        old = w.run(lambda: plans.set_issuer(w.db, w.plan.id, issuer))
        if old is FAILED:
            return False
        before = PlanSettings(name=old.name, office=old.office, year=old.year or w.today.year,
                              warning_days=old.warning_days, preamble=old.preamble, issuer=old.issuer)
        after = PlanSettings(**{**before.__dict__, "issuer": plans.get_plan(w.db, w.plan.id).issuer})
        w.undo_stack.push(commands.PlanSettingsCommand(w.db, w.plan.id, before, after, self._plan_settings_changed))
        w.reload_plan()
        return True

    def export_excel(self, scope: str) -> None:
        """The 台账: the whole plan, one workbook per lead unit, or the rows the table shows."""
        from planner.services import excel  # openpyxl is loaded when a workbook is written

        w = self._window
        if scope == "by_unit":
            folder = w.ask_folder("选择导出文件夹（每个牵头单位一个工作簿）")
            if folder is None:
                return
            result = w.run(lambda: self._with_progress("正在按牵头单位导出…", lambda progress: (
                excel.export_by_unit(w.db, w.plan.id, folder, progress=progress))))
        else:
            task_ids = None
            if scope == "shown":
                task_ids = w.task_model.shown_task_ids()
                if not task_ids:
                    w.show_error("当前表格中没有任务可导出。")
                    return
            name = safe_file_name(f"{w.plan.name[:40]}-任务台账", "任务台账")
            path = w.ask_save_file("导出 Excel 台账", f"{name}.xlsx", "Excel 工作簿 (*.xlsx)")
            if path is None:
                return
            result = w.run(lambda: self._with_progress("正在导出台账…", lambda progress: (
                excel.export_xlsx(w.db, w.plan.id, path, task_ids=task_ids, progress=progress))))
        if result is not FAILED:
            where = result.paths[0] if len(result.paths) == 1 else result.paths[0].parent
            w.statusBar().showMessage(f"已导出 {len(result.paths)} 个工作簿、{result.task_count} 项任务到 {where}", 8000)

    def import_excel(self, paths: list[Path] | None = None) -> None:
        """Read returned workbooks, preview what they change, apply in one transaction (one undo step)."""
        from planner.services import excel, rounds
        from planner.ui import commands
        from planner.ui.background import run_in_background
        from planner.ui.dialogs.import_preview_dialog import ImportPreviewDialog  # brings the Excel reader

        w = self._window
        paths = paths or w.ask_open_files(
            "导入返回的台账", "表格文件 (*.xlsx *.xlsm *.xls *.ods *.csv);;Excel 工作簿 (*.xlsx *.xlsm *.xls);;CSV 文件 (*.csv)")
        if not paths:
            return
        # Reading never touches the database, so it runs off the window's thread: many large
        # workbooks take seconds, and the window keeps painting meanwhile, showing how far it got.
        files = w.run(lambda: run_in_background(w, f"正在读取 {len(paths)} 个返回的台账…",
                                                lambda progress: excel.read_files(paths, progress=progress),
                                                with_progress=True))
        if files is FAILED:
            return

        def compare(chosen, mapping):
            change_set = w.run(lambda: excel.compare_import(w.db, w.plan.id, chosen, today=w.today,
                                                            unit_mapping=mapping))
            return None if change_set is FAILED else change_set

        # Issue 20: while a 报送轮次 is open, a file that changes nothing can still be taken as a reply.
        counting = {"accept_empty": True} if rounds.open_round_name(w.db, w.plan.id) else {}
        answer = ImportPreviewDialog.ask(w, files, compare, [u.name for u in units.list_units(w.db)],
                                         **counting)
        if answer is None:
            return
        change_set, mapping = answer
        result = w.run(lambda: excel.apply_import(w.db, w.plan.id, change_set, mapping, files=files))
        if result is FAILED:
            return
        if not change_set.is_empty:  # a reply that changed nothing has nothing to undo
            w.undo_stack.push(commands.ImportLedgerCommand(w.db, w.plan.id, change_set, mapping, result, w.refresh))
            w.refresh(None)
        told = [f"已导入：{change_set.summary()}", *([f"导入前已备份到 {result.backup}"] if result.backup else []),
                *result.round_notes]
        w.statusBar().showMessage("；".join(told), 10000)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt API
        """Returned 台账 dropped on the window are imported; any other drop is left to the window."""
        if watched is self._window and event.type() in (QEvent.Type.DragEnter, QEvent.Type.Drop):
            paths = _dropped_ledgers(event.mimeData())
            if paths:
                event.acceptProposedAction()
                if event.type() == QEvent.Type.Drop:
                    # After the drop returns: a modal preview inside it would keep Explorer's drag waiting.
                    QTimer.singleShot(0, lambda: self.import_excel(paths))
                return True
        return super().eventFilter(watched, event)

    def open_file(self, path: Path) -> None:
        """Show an exported file (or folder) in the program the system opens it with."""
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def _with_progress(self, label: str, work):
        """Run ``work(progress)``; the progress dialog is gone before any error is shown."""
        with self._progress(label) as progress:
            return work(progress)

    @contextlib.contextmanager
    def _progress(self, label: str):
        """A progress callback whose dialog appears only when the work takes a while."""
        from PySide6.QtWidgets import QProgressDialog

        from planner.ui.background import PROGRESS_AFTER_SECONDS

        dialog = QProgressDialog(label, None, 0, 100, self._window)
        dialog.setWindowTitle(APP_NAME)
        dialog.setMinimumDuration(int(PROGRESS_AFTER_SECONDS * 1000))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)

        def report(done: int, total: int) -> None:
            dialog.setMaximum(max(total, 1))
            dialog.setValue(min(done, max(total, 1)))
            QApplication.processEvents()

        try:
            yield report
        finally:
            dialog.reset()
            dialog.deleteLater()

    def open_other_database(self) -> None:
        """File → 打开数据库…"""
        w = self._window
        path = w.ask_open_file("打开数据库", "数据库 (*.db *.sqlite);;所有文件 (*)")
        if path is None:
            return
        w.open_database_path(path)  # the window's: closes the old one, remembers it in 最近打开

    def backup_database(self) -> None:
        w = self._window
        name = f"{w.db_path.stem}-备份-{dt.date.today():%Y%m%d}.db"
        path = w.ask_save_file("备份数据库", name, "数据库 (*.db)")
        if path is not None and w.run(lambda: workspace.backup(w.db, path)) is not FAILED:
            w.statusBar().showMessage(f"已备份到 {path}", 6000)

    def fill_recent_menu(self) -> None:
        """File → 最近打开, filled as it opens: the databases used lately, but not the one shown."""
        w = self._window
        self.recent_menu.clear()
        found = [p for p in recent_databases.recent_databases() if p.resolve() != Path(w.db_path).resolve()]
        for path in found:
            self.recent_menu.addAction(str(path)).triggered.connect(
                lambda _checked=False, p=path: w.open_database_path(p))
        if not found:
            self.recent_menu.addAction("（没有其他数据库）").setEnabled(False)


def _dropped_ledgers(mime) -> list[Path]:
    """Workbooks dropped on the window (returned 台账 from departments)."""
    if not mime.hasUrls():
        return []
    paths = [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
    return [path for path in paths if path.suffix.lower() in (".xlsx", ".xlsm", ".xls", ".ods", ".csv")]


def _safety_menu():
    # Backups load their services when first used, not at start-up.
    from planner.ui import safety_menu

    return safety_menu


def _rounds_menu():
    # 报送轮次 and the calendar load their services when first used, not at start-up.
    from planner.ui.rounds import menu

    return menu
