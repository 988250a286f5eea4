"""Composition root: names, paths, excepthooks, QApplication, and dispatch to the window or a command."""

from __future__ import annotations

import datetime as dt
import gc
import os
import sys
from pathlib import Path

from planner import APP_ID, APP_NAME, ORG_NAME, paths
from planner.errors import UserError
from planner.window_options import DEFAULT_SIZE as SCREENSHOT_SIZE
from planner.window_options import window_arguments
# PySide6 builds that abort the window on this Python: 6.12.0 drops a reference to None in
# many void calls (QStandardItem.setToolTip, setData, QModelIndex.data of an unset role …);
# None is immortal only from Python 3.12, so below that its count reaches zero after a few
# dozen edits ("Fatal Python error: none_dealloc"). pyproject excludes them; this catches an
# environment installed by other means. tests/ui/test_soak.py fails on such a build.
BAD_PYSIDE_BUILDS = {"6.12.0": (3, 12)}  # version -> first Python on which it is safe
# The window is drawn from reads on the bare connection; sqlite-utils (about 70 ms to import)
# loads this long after it shows, before anyone can have clicked (DeferredDatabase).
LOAD_STORAGE_MS = 200


def bad_pyside_build(pyside_version: str, python: tuple[int, ...]) -> str | None:
    """The message for a PySide6 build known to crash on this Python, else None."""
    safe_from = BAD_PYSIDE_BUILDS.get(pyside_version)
    if safe_from is None or tuple(python[:2]) >= safe_from:
        return None
    return (f"已安装的 PySide6 {pyside_version} 在 Python {python[0]}.{python[1]} 下有已知缺陷，"
            f"编辑几十次后程序会异常退出。请重新安装：pip install \"PySide6-Essentials!={pyside_version}\"")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = window_arguments(argv)
    if args is None:  # a command, or --help: the commands' modules load only now
        from planner import cli

        args = cli.build_parser().parse_args(argv)
        if args.command:
            return cli.run(args)
    return run_gui(db_path=args.db, screenshot=args.screenshot, size=args.size)


def run_gui(*, db_path: Path | None, screenshot: Path | None, size: tuple[int, int] = SCREENSHOT_SIZE) -> int:
    """The window until it is closed (or its screenshot); the exit code."""
    # Starting creates hundreds of thousands of objects that live as long as the window (Qt's
    # enums as Python enums, the modules, the first item's rows); the cyclic collector walked
    # them about 86 times, 20–40 ms of a half-second start. It waits until the window is shown
    # (started_up), as imports wait for their files (services.gc_pause).
    gc.disable()
    try:
        return _run_window(db_path=db_path, screenshot=screenshot, size=size)
    finally:
        gc.enable()  # also when start-up stopped early (a database that cannot be opened)


def _run_window(*, db_path: Path | None, screenshot: Path | None, size: tuple[int, int]) -> int:
    if screenshot:
        # Off-screen rendering needs no display; must be chosen before Qt starts.
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    # The storage layer first: once PySide6 is imported, its import hook reads the source of
    # every module imported after it, looking for "PySide6" (shibokensupport feature_imported).
    # sqlite-utils itself loads once the window is drawn (DeferredDatabase, LOAD_STORAGE_MS).
    from planner.exchange.builtin import load_builtin, load_keyword_units
    from planner.services import workspace

    import PySide6
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from planner.ui.main_window import MainWindow
    from planner.ui.translations import install_chinese_translations

    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setOrganizationName(ORG_NAME)
    app.setApplicationName(APP_ID)
    app.setApplicationDisplayName(APP_NAME)
    _dress(app)
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    install_chinese_translations(app)
    problem = bad_pyside_build(PySide6.__version__, sys.version_info)
    if problem:
        print(problem, file=sys.stderr)
        if not screenshot:
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.critical(None, APP_NAME, problem)
        return 1
    # Off-screen there is nobody to click a message box away: report on stderr instead.
    if screenshot:
        sys.excepthook = _report_bug_headless
    else:
        from planner.ui.crash_dialog import BugHandler

        bugs = BugHandler(_log_details, app)
        bugs.install()

    # Without --db: the database used last (File → 最近打开), else the default one. A screenshot
    # uses neither the user's layout nor their last database.
    remembered = None if db_path or screenshot else _last_database()
    path = db_path or remembered or paths.default_db_path()
    builtin = load_builtin(paths.resources_dir())
    existed = Path(path).exists()
    try:
        try:
            db = workspace.open_workspace(path, builtin, defer=True)
        except UserError as error:
            if remembered is None:
                raise
            # The database used last cannot be opened now (moved, locked, damaged): say so, and
            # open the default one rather than refusing to start.
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.warning(None, APP_NAME, "\n".join(error.lines()) + "\n\n将打开默认数据库。")
            path = paths.default_db_path()
            existed = Path(path).exists()
            db = workspace.open_workspace(path, builtin, defer=True)
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
    lock = None
    try:
        if screenshot:
            return _save_screenshot(app, window, screenshot, size)
        from planner.ui.window_lock import WindowLock

        bugs.window = window
        lock = WindowLock(path)
        warnings = [workspace.network_warning(path), lock.acquire(),
                    workspace.daily_backup(db) if existed else None]
        window.show()
        started_up()
        from PySide6.QtCore import QTimer

        QTimer.singleShot(LOAD_STORAGE_MS, window, db.load_ahead)
        for warning in filter(None, warnings):
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.warning(window, APP_NAME, warning)
        return app.exec()
    finally:
        window.close()
        db.close()
        if lock is not None:
            lock.release()


def started_up() -> None:
    """The window is up: collect cycles again, what start-up made counted as old (not walked at once)."""
    from planner.services.gc_pause import resume_collection

    resume_collection()


def ui_font_families(platform: str) -> list[str]:
    """The UI font, first choice first, for ``sys.platform``; empty: Qt's own default.

    On Windows Qt's default is the 9 pt "Segoe UI" of the system's message font, which has no
    Chinese glyphs, so every Chinese character falls back glyph by glyph; offices expect
    Microsoft YaHei UI (Windows 8 and later), then Microsoft YaHei (Vista, 7), then SimSun.
    """
    if platform == "win32":
        return ["Microsoft YaHei UI", "Microsoft YaHei", "SimSun"]
    return []


def _dress(app) -> None:
    """The application icon and, where the platform's default lacks Chinese, the UI font."""
    from PySide6.QtGui import QIcon

    icon = paths.resources_dir() / "icons" / "planner.png"
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    families = ui_font_families(sys.platform)
    if families:
        from PySide6.QtGui import QFont  # only here: elsewhere the window draws with no QFont of its own

        font = QFont(app.font())
        font.setFamilies(families)
        app.setFont(font)


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
    started_up()  # where the interactive start does it: the picture is drawn as the window's would be
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
    import traceback  # only for a bug: not loaded at every start

    details = "".join(traceback.format_exception(exc_type, exc, tb))
    _log_details(details)
    return details


def _log_details(details: str) -> Path | None:
    """Append a bug's details to crash.log in the data folder; the log's path, or None if it cannot be written."""
    try:
        log = paths.data_dir() / "crash.log"
        with log.open("a", encoding="utf-8") as handle:
            handle.write(f"--- {dt.datetime.now().isoformat(timespec='seconds')}\n{details}\n")
        return log
    except OSError:
        return None


def _report_bug_headless(exc_type, exc, tb) -> None:
    _log_bug(exc_type, exc, tb)
    print("内部错误：渲染窗口时出错，详细信息已写入 crash.log。", file=sys.stderr)
