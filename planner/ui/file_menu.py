"""The File menu of the main window: plans, policy texts, Word and Excel in and out, databases."""

from __future__ import annotations

import contextlib
import datetime as dt
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication

from planner import APP_NAME
from planner.domain.file_names import safe_file_name
from planner.services import documents, plans, rounds, units, workspace
from planner.ui import commands
from planner.ui.background import PROGRESS_AFTER_SECONDS, run_in_background
from planner.ui.outcome import FAILED


class FileMenuMixin:
    """Part of MainWindow; uses its _db, _plan, seams (ask_*, confirm, show_*) and _run."""

    # Each dialog (Qt's file and progress dialogs too) is imported when first used, to keep start-up short.

    def new_plan(self) -> None:
        from planner.ui.dialogs.new_plan_dialog import NewPlanDialog

        answer = NewPlanDialog.ask(self, [(d.id, d.title) for d in documents.list_documents(self._db)])
        if answer is None:
            return
        document_id, office = answer
        plan = self._run(lambda: plans.create_plan(self._db, document_id, office=office))
        if plan is not FAILED:
            self._load_plans(plan.id)

    def import_policy_file(self) -> None:
        path = self.ask_open_file("导入政策文件", "政策文件 (*.txt *.docx *.pdf);;所有文件 (*)")
        if path is not None:
            self._import_policy(lambda: documents.read_policy(path), Path(path).name)

    def import_policy_text(self) -> None:
        from planner.ui.dialogs.policy_text_dialog import PolicyTextDialog

        answer = PolicyTextDialog.ask(self)
        if answer is not None:
            title, text = answer
            self._import_policy(lambda: documents.parse_pasted_text(text, title=title), documents.PASTED)

    def _import_policy(self, read, source_name: str) -> None:
        """Read, then store unless the same document is stored and the user wants no copy."""
        document = self._run(read)
        if document is FAILED:
            return
        same = documents.same_document_id(self._db, document)
        if same is not None and not self.confirm(
                f"《{document.title}》已在数据库中（编号 {same}），标题和正文完全相同，未重复导入。\n\n"
                "是否仍要再导入一份副本？"):
            return
        self._imported(self._run(lambda: documents.import_document(
            self._db, document, source_name=source_name, copy=same is not None)))

    def _imported(self, result) -> None:
        if result is FAILED:
            return
        notes = "".join(f"\n注意：{w}" for w in result.warnings)
        if self.confirm(f"已导入《{result.title}》：{result.chapter_count} 个部分，{result.item_count} 个条目。"
                        f"{notes}\n\n是否立即为它新建实施方案？"):
            plan = self._run(lambda: plans.create_plan(self._db, result.id))
            if plan is not FAILED:
                self._load_plans(plan.id)

    def export_word(self, kind: str = "实施方案", *, unit: str | None = None) -> None:
        """The Word export dialog opened on ``kind`` (a WordKind or its value), then the export chosen.

        ``unit``: a 催办单 for this lead unit is preselected (the task table's right-click menu).
        """
        from planner.ui.dialogs.word_export_dialog import WordExportDialog, WordKind

        kind = WordKind(kind)
        from planner.services import word

        from planner.services import workdays

        units = self._run(lambda: word.lead_unit_names(self._db, self._plan.id))
        if units is FAILED:
            return
        choice = WordExportDialog.ask(self, self._plan, self._today, kind=kind, units=units, unit=unit,
                                      reply_by=workdays.default_reply_by(self._db, self._today))
        if choice is None or (choice.save_issuer and not self._keep_issuer(choice.issuer)):
            return
        if not self._keep_report_texts(choice):
            return
        if choice.kind is WordKind.REMINDER:
            self._export_reminders(choice)
            return
        name = choice.kind.value
        empty = self._run(lambda: word.empty_plan_note(self._db, self._plan.id,
                                                       report=choice.kind is not WordKind.PLAN))
        if empty is FAILED or (empty and not self.confirm(f"{empty}\n\n仍要导出吗？")):
            return
        stem = self._plan.name[:40] + ("" if choice.kind is WordKind.PLAN else "-" + name)
        path = self.ask_save_file("导出 Word", f"{safe_file_name(stem, name)}.docx", "Word 文档 (*.docx)")
        if path is None:
            return
        # Imported here: python-docx is loaded when a document is written, not to open the window.
        from planner.exchange.docx_export import EmptyItems, PlanExportOptions

        if choice.kind is WordKind.PROGRESS:
            texts = word.plan_report_texts(self._plan, problems=choice.problems, next_steps=choice.next_steps)
            # The dashboard's per-unit chart shows today's figures: it goes into a report as of today only.
            chart = self.dashboard.chart_png("units") if choice.as_of == self._today else None
            result = self._run(lambda: self._with_progress(f"正在导出{name}…", lambda progress: (
                word.export_progress_report(self._db, self._plan.id, path, self._word_template, choice.as_of,
                                            progress=progress, issuer=choice.issuer, date=choice.date,
                                            texts=texts, chart_png=chart))))
        elif choice.kind is WordKind.BULLETIN:
            result = self._run(lambda: word.export_bulletin(self._db, self._plan.id, path, self._word_template,
                                                            choice.as_of, issuer=choice.issuer, date=choice.date))
        else:
            options = PlanExportOptions(
                title=choice.title, issuer=choice.issuer, date=choice.date, table_font_size=choice.table_font_size,
                show_leader=choice.show_leader,
                empty_items=EmptyItems.MARK if choice.mark_empty_items else EmptyItems.OMIT)
            result = self._run(lambda: self._with_progress(f"正在导出{name}…", lambda progress: (
                word.export_plan_docx(self._db, self._plan.id, path, self._word_template, options,
                                      progress=progress))))
        if result is FAILED:
            return
        notes = "".join(f"；{note}" for note in result.notes if note != word.NO_ISSUER_NOTE or not choice.issuer)
        self.statusBar().showMessage(f"已导出{name}：{result.path}（{result.task_count} 项任务）{notes}", 8000)
        if choice.open_after:
            self.open_file(result.path)

    def _export_reminders(self, choice) -> None:
        """催办单: one file with a page per unit, or one file per unit into a chosen folder."""
        from planner.services import word

        if choice.per_unit_files:
            target = self.ask_folder("选择导出文件夹（每个单位一个催办单）")
        else:
            who = choice.reminder_unit or "各单位"
            target = self.ask_save_file("导出催办单", f"{safe_file_name(who[:40] + '-督办通知', '督办通知')}.docx",
                                        "Word 文档 (*.docx)")
        if target is None:
            return
        units = [choice.reminder_unit] if choice.reminder_unit else None
        sent = self._run(lambda: self._with_progress("正在导出催办单…", lambda progress: word.export_reminders(
            self._db, self._plan.id, target, self._word_template, units=units, today=self._today,
            reply_by=choice.reply_by, per_unit_files=choice.per_unit_files, issuer=choice.issuer, date=choice.date,
            progress=progress)))
        if sent is FAILED:
            return
        where = sent.paths[0] if len(sent.paths) == 1 else sent.paths[0].parent
        self.statusBar().showMessage(f"已导出催办单：{where}（{len(sent.units)} 个单位，回复期限 "
                                     f"{sent.reply_by:%Y年%m月%d日}）", 8000)
        if choice.open_after:
            self.open_file(where)

    def _keep_report_texts(self, choice) -> bool:
        """Keep the report's 主送机关, texts and 联系人/电话 typed in the dialog with the plan, for next time."""
        from planner.ui.dialogs.word_export_dialog import WordKind

        plan = self._plan
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
        if self._run(lambda: plans.set_report_texts(self._db, plan.id, **wanted)) is FAILED:
            return False
        self._plan = plans.get_plan(self._db, plan.id)
        return True

    def _keep_issuer(self, issuer: str) -> bool:
        """Save the 发文机关 typed in the export dialog to the plan's settings (one undo step)."""
        from planner.ui.dialogs.plan_settings_dialog import PlanSettings

        old = self._run(lambda: plans.set_issuer(self._db, self._plan.id, issuer))
        if old is FAILED:
            return False
        before = PlanSettings(name=old.name, office=old.office, year=old.year or self._today.year,
                              warning_days=old.warning_days, preamble=old.preamble, issuer=old.issuer)
        after = PlanSettings(**{**before.__dict__, "issuer": plans.get_plan(self._db, self._plan.id).issuer})
        self.undo_stack.push(commands.PlanSettingsCommand(self._db, self._plan.id, before, after,
                                                          self._plan_settings_changed))
        self._plan = plans.get_plan(self._db, self._plan.id)
        return True

    def export_excel(self, scope: str) -> None:
        """The 台账: the whole plan, one workbook per lead unit, or the rows the table shows."""
        from planner.services import excel  # openpyxl is loaded when a workbook is written

        if scope == "by_unit":
            folder = self.ask_folder("选择导出文件夹（每个牵头单位一个工作簿）")
            if folder is None:
                return
            result = self._run(lambda: self._with_progress("正在按牵头单位导出…", lambda progress: (
                excel.export_by_unit(self._db, self._plan.id, folder, progress=progress))))
        else:
            task_ids = None
            if scope == "shown":
                task_ids = [self.task_model.row(r).task.id for r in range(self.task_model.rowCount())]
                if not task_ids:
                    self.show_error("当前表格中没有任务可导出。")
                    return
            name = safe_file_name(f"{self._plan.name[:40]}-任务台账", "任务台账")
            path = self.ask_save_file("导出 Excel 台账", f"{name}.xlsx", "Excel 工作簿 (*.xlsx)")
            if path is None:
                return
            result = self._run(lambda: self._with_progress("正在导出台账…", lambda progress: (
                excel.export_xlsx(self._db, self._plan.id, path, task_ids=task_ids, progress=progress))))
        if result is not FAILED:
            where = result.paths[0] if len(result.paths) == 1 else result.paths[0].parent
            self.statusBar().showMessage(f"已导出 {len(result.paths)} 个工作簿、{result.task_count} 项任务到 {where}", 8000)

    def import_excel(self, paths: list[Path] | None = None) -> None:
        """Read returned workbooks, preview what they change, apply in one transaction (one undo step)."""
        from planner.services import excel
        from planner.ui.dialogs.import_preview_dialog import ImportPreviewDialog  # brings the Excel reader

        paths = paths or self.ask_open_files(
            "导入返回的台账", "表格文件 (*.xlsx *.xlsm *.xls *.ods *.csv);;Excel 工作簿 (*.xlsx *.xlsm *.xls);;CSV 文件 (*.csv)")
        if not paths:
            return
        # Reading never touches the database, so it runs off the window's thread: many large
        # workbooks take seconds, and the window keeps painting meanwhile, showing how far it got.
        files = self._run(lambda: run_in_background(self, f"正在读取 {len(paths)} 个返回的台账…",
                                                    lambda progress: excel.read_files(paths, progress=progress),
                                                    with_progress=True))
        if files is FAILED:
            return

        def compare(chosen):
            change_set = self._run(lambda: excel.compare_import(self._db, self._plan.id, chosen, today=self._today))
            return None if change_set is FAILED else change_set

        # Issue 20: while a 报送轮次 is open, a file that changes nothing can still be taken as a reply.
        counting = {"accept_empty": True} if rounds.open_round_name(self._db, self._plan.id) else {}
        answer = ImportPreviewDialog.ask(self, files, compare, [u.name for u in units.list_units(self._db)],
                                         **counting)
        if answer is None:
            return
        change_set, mapping = answer
        result = self._run(lambda: excel.apply_import(self._db, self._plan.id, change_set, mapping, files=files))
        if result is FAILED:
            return
        if not change_set.is_empty:  # a reply that changed nothing has nothing to undo
            self.undo_stack.push(commands.ImportLedgerCommand(self._db, self._plan.id, change_set, mapping, result,
                                                              self.refresh))
            self.refresh(None)
        self.statusBar().showMessage(f"已导入：{change_set.summary()}" + (
            f"；导入前已备份到 {result.backup}" if result.backup else "") + "".join(result.round_notes), 10000)

    def ask_open_files(self, caption: str, filters: str) -> list[Path]:
        from PySide6.QtWidgets import QFileDialog

        names, _ = QFileDialog.getOpenFileNames(self, caption, str(self._last_folder()), filters)
        if names:
            self._remember_folder(names[0])
        return [Path(name) for name in names]

    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt API
        if _dropped_ledgers(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt API
        paths = _dropped_ledgers(event.mimeData())
        if paths:
            event.acceptProposedAction()
            # After the drop returns: a modal preview inside it would keep Explorer's drag waiting.
            QTimer.singleShot(0, lambda: self.import_excel(paths))

    def ask_folder(self, caption: str) -> Path | None:
        from PySide6.QtWidgets import QFileDialog

        folder = QFileDialog.getExistingDirectory(self, caption, str(self._last_folder()))
        if not folder:
            return None
        QSettings().setValue("files/last_folder", folder)
        return Path(folder)

    def open_file(self, path: Path) -> None:
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

        dialog = QProgressDialog(label, None, 0, 100, self)
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
        path = self.ask_open_file("打开数据库", "数据库 (*.db *.sqlite);;所有文件 (*)")
        if path is None:
            return
        self.open_database_path(path)  # the window's: closes the old one, remembers it in 最近打开

    def backup_database(self) -> None:
        name = f"{self._db_path.stem}-备份-{dt.date.today():%Y%m%d}.db"
        path = self.ask_save_file("备份数据库", name, "数据库 (*.db)")
        if path is not None and self._run(lambda: workspace.backup(self._db, path)) is not FAILED:
            self.statusBar().showMessage(f"已备份到 {path}", 6000)


def _dropped_ledgers(mime) -> list[Path]:
    """Workbooks dropped on the window (returned 台账 from departments)."""
    if not mime.hasUrls():
        return []
    paths = [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
    return [path for path in paths if path.suffix.lower() in (".xlsx", ".xlsm", ".xls", ".ods", ".csv")]
