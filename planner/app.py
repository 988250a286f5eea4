"""Composition root: names, paths, excepthooks, QApplication, and dispatch to the window or a command."""

from __future__ import annotations

import datetime as dt
import os
import sys
import traceback
from pathlib import Path

from planner import APP_ID, APP_NAME, ORG_NAME, cli, paths
from planner.errors import UserError



def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = cli.build_parser().parse_args(argv)
    if args.command:
        return cli.run(args)
    return run_gui(db_path=args.db, screenshot=args.screenshot, size=args.size)


def run_gui(*, db_path: Path | None, screenshot: Path | None, size: tuple[int, int] = (1366, 768)) -> int:
    if screenshot:
        # Off-screen rendering needs no display; must be chosen before Qt starts.
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from planner.exchange.builtin import load_builtin, load_keyword_units
    from planner.services import workspace
    from planner.ui.main_window import MainWindow
    from planner.ui.translations import install_chinese_translations

    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setOrganizationName(ORG_NAME)
    app.setApplicationName(APP_ID)
    app.setApplicationDisplayName(APP_NAME)
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    install_chinese_translations(app)
    # Off-screen there is nobody to click a message box away: report on stderr instead.
    sys.excepthook = _report_bug_headless if screenshot else _show_bug

    # Without --db: the database used last (File → 最近打开), else the default one. A screenshot
    # uses neither the user's layout nor their last database.
    remembered = None if db_path or screenshot else _last_database()
    path = db_path or remembered or paths.default_db_path()
    builtin = load_builtin(paths.resources_dir())
    try:
        try:
            db = workspace.open_workspace(path, builtin)
        except UserError as error:
            if remembered is None:
                raise
            # The database used last cannot be opened now (moved, locked, damaged): say so, and
            # open the default one rather than refusing to start.
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.warning(None, APP_NAME, "\n".join(error.lines()) + "\n\n将打开默认数据库。")
            path = paths.default_db_path()
            db = workspace.open_workspace(path, builtin)
    except UserError as error:
        if screenshot:
            print("\n".join(error.lines()), file=sys.stderr)
        else:
            from PySide6.QtWidgets import QMessageBox  # only now: start-up time is a goal

            QMessageBox.critical(None, APP_NAME, "\n".join(error.lines()))
        return 1
    window = MainWindow(db, db_path=Path(path), builtin=builtin,
                        keyword_units=load_keyword_units(paths.resources_dir()), word_template=paths.word_template(),
                        remember_layout=not screenshot,  # a screenshot shows the default layout, changes none
                        guide=paths.resources_dir() / "guide.md", data_dir=paths.data_dir())
    try:
        if screenshot:
            return _save_screenshot(app, window, screenshot, size)
        warning = workspace.network_warning(path)
        window.show()
        if warning:
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.warning(window, APP_NAME, warning)
        return app.exec()
    finally:
        window.close()
        db.close()


def _last_database() -> Path | None:
    from planner.ui.recent_databases import last_database

    return last_database()


def _save_screenshot(app, window, target: Path, size: tuple[int, int]) -> int:
    """Draw the window at exactly ``size`` logical pixels (the picture is that times the scale factor)."""
    from PySide6.QtCore import QSize

    smallest = window.minimumSizeHint().expandedTo(window.minimumSize())
    if smallest.width() > size[0] or smallest.height() > size[1]:
        print(f"窗口大小 {size[0]}x{size[1]} 放不下主窗口：至少需要 {smallest.width()}x{smallest.height()}。",
              file=sys.stderr)
        return 1
    window.resize(QSize(*size))
    window.apply_default_splits()
    window.show()
    window.resize(QSize(*size))  # the off-screen "screen" may be smaller than the size asked for
    app.processEvents()
    if (window.width(), window.height()) != size:
        print(f"无法按 {size[0]}x{size[1]} 绘制窗口（实际 {window.width()}x{window.height()}）。", file=sys.stderr)
        return 1
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        print(f"无法保存截图到“{target}”：{error.strerror or error}", file=sys.stderr)
        return 1
    if not window.grab().save(str(target), "PNG"):
        print(f"无法保存截图到“{target}”。", file=sys.stderr)
        return 1
    return 0


def _log_bug(exc_type, exc, tb) -> str:
    details = "".join(traceback.format_exception(exc_type, exc, tb))
    try:
        with (paths.data_dir() / "crash.log").open("a", encoding="utf-8") as handle:
            handle.write(f"--- {dt.datetime.now().isoformat(timespec='seconds')}\n{details}\n")
    except OSError:
        pass
    return details


def _report_bug_headless(exc_type, exc, tb) -> None:
    _log_bug(exc_type, exc, tb)
    print("内部错误：渲染窗口时出错，详细信息已写入 crash.log。", file=sys.stderr)


def _show_bug(exc_type, exc, tb) -> None:
    """A bug reached the event loop: log it and show it with details to copy, never swallow it.

    A failure of the database file itself (locked, read-only, disk full) is the
    user's to fix, so it gets a plain message instead.
    """
    from PySide6.QtWidgets import QMessageBox

    from planner.services.workspace import explain_failure

    user_error = explain_failure(exc)
    if user_error is not None:
        QMessageBox.warning(None, APP_NAME, "\n".join(user_error.lines()))
        return
    details = _log_bug(exc_type, exc, tb)
    box = QMessageBox(QMessageBox.Icon.Critical, APP_NAME,
                      "程序遇到内部错误，刚才的操作可能没有完成。已保存的数据不受影响。\n"
                      "请把“显示详细信息”中的内容复制给技术支持人员。")
    box.setDetailedText(details)
    box.exec()
