"""The main window's actions, menu bar, tool bar and right-click menus; the window and its parts do the work."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMenu, QToolBar

from planner.ui.task_table_model import Column


@dataclass
class WindowActions:
    """The actions tests and menus share (one QAction each, so shortcuts work once)."""

    undo: QAction
    redo: QAction
    new_task: QAction
    from_selection: QAction
    suggest: QAction
    delete: QAction
    progress: QAction
    copy: QAction
    paste: QAction
    filter: QAction
    move_up: QAction
    move_down: QAction
    show_item_text: QAction
    show_details: QAction


def _action(window: QMainWindow, text: str, slot, shortcut=None, tip: str | None = None) -> QAction:
    act = QAction(text, window)
    act.triggered.connect(lambda _checked=False: slot())
    if shortcut:
        act.setShortcuts(shortcut if isinstance(shortcut, list) else [shortcut])
    if tip:
        act.setStatusTip(tip)
    return act


def build_menus(window) -> WindowActions:
    """Menu bar and tool bar of ``window`` (a MainWindow)."""
    undo = window.undo_stack.createUndoAction(window, "撤销")
    undo.setShortcut(QKeySequence.StandardKey.Undo)
    redo = window.undo_stack.createRedoAction(window, "重做")
    redo.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence.StandardKey.Redo])
    show_item_text = QAction("显示条目原文", window, checkable=True, checked=True)
    show_item_text.toggled.connect(window.show_item_text)
    show_details = QAction("显示任务详情", window, checkable=True, checked=True)
    show_details.toggled.connect(window.show_details)
    actions = WindowActions(
        undo=undo, redo=redo,
        new_task=_action(window, "新建任务", window.new_task, QKeySequence("Ctrl+N"), "在所选条目下新建空白任务"),
        from_selection=_action(window, "从选中文字创建", window.task_from_selection, None,
                               "把条目原文中选中的一段作为任务内容"),
        suggest=_action(window, "按建议分解…", window.tasks_from_suggestions, None, "按句子拆分条目并推荐牵头单位"),
        delete=_action(window, "删除任务", window.delete_selected),
        progress=_action(window, "添加进展…", window.add_progress),
        copy=_action(window, "复制任务行", window.copy_selected),
        paste=_action(window, "粘贴为新任务", window.paste_tasks),
        filter=_action(window, "筛选", lambda: window.filter_bar.text.setFocus(), QKeySequence("Ctrl+F")),
        move_up=_action(window, "上移任务", lambda: window.move_task(-1), QKeySequence("Ctrl+Up")),
        move_down=_action(window, "下移任务", lambda: window.move_task(1), QKeySequence("Ctrl+Down")),
        show_item_text=show_item_text, show_details=show_details)

    window.file_menu.fill(window.menuBar().addMenu("文件(&F)"))
    edit_menu = window.menuBar().addMenu("编辑(&E)")
    _fill(edit_menu, (actions.undo, actions.redo, None, actions.new_task, actions.delete, None, actions.copy,
                      actions.paste, None, actions.filter))
    edit_menu.addSeparator()
    edit_menu.addAction(_action(window, "回收站…", lambda: _safety_menu().show_recycle_bin(window)))
    view_menu = window.menuBar().addMenu("视图(&V)")
    _fill(view_menu, (actions.show_item_text, actions.show_details))
    task_menu = window.menuBar().addMenu("任务(&T)")
    _fill(task_menu, (actions.suggest, actions.from_selection, actions.progress, None, actions.move_up,
                      actions.move_down))
    window.settings_menu.fill(window.menuBar().addMenu("设置(&S)"))
    help_menu = window.menuBar().addMenu("帮助(&H)")
    help_menu.addAction(_action(window, "使用说明", window.show_guide, QKeySequence.StandardKey.HelpContents))
    help_menu.addAction(_action(window, "关于", window.show_about))

    toolbar = QToolBar("常用", window)
    toolbar.setObjectName("main_toolbar")
    toolbar.setMovable(False)
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    toolbar.addWidget(QLabel(" 实施方案： "))
    toolbar.addWidget(window.plan_combo)
    toolbar.addSeparator()
    _fill(toolbar, (actions.new_task, actions.suggest, actions.from_selection, actions.progress, actions.delete,
                    None, actions.undo, actions.redo))
    window.addToolBar(toolbar)
    return actions


def _fill(target, actions) -> None:
    for act in actions:
        target.addSeparator() if act is None else target.addAction(act)


def task_table_menu(window, index: QModelIndex) -> QMenu:
    """Right-click on the task table: 新建、删除、添加进展、复制、按此单位筛选、给牵头单位发催办单."""
    menu = QMenu(window)
    actions = window.window_actions
    # A stored task's row: not the empty space below the rows, nor Ctrl+N's new row (no task yet).
    has_row = index.isValid() and window.task_model.task_id_at(index.row()) is not None
    menu.addAction(actions.new_task)
    for act in (actions.delete, actions.progress, actions.copy):
        if has_row:
            menu.addAction(act)
        else:  # below the rows: the window's actions would act on the current row, out of sight
            menu.addAction(act.icon(), act.text()).setEnabled(False)
    menu.addSeparator()
    units: list[str] = []
    if has_row:
        task = window.task_model.row(index.row()).task
        units = list(task.support_units) if index.column() == Column.SUPPORT else []
        units = [task.lead_unit, *units] if task.lead_unit else units
    for unit in units or [""]:
        act = menu.addAction(f"按此单位筛选：{unit}" if unit else "按此单位筛选")
        act.setEnabled(bool(unit))
        act.triggered.connect(lambda _checked=False, name=unit: window.filter_by_unit(name))
    lead = window.task_model.row(index.row()).task.lead_unit.strip() if has_row else ""
    act = menu.addAction(f"给牵头单位发催办单：{lead}…" if lead else "给牵头单位发催办单…")
    act.setEnabled(bool(lead))
    act.triggered.connect(lambda _checked=False: window.file_menu.export_word("催办单", unit=lead))
    return menu


def outline_menu(window) -> QMenu:
    """Right-click on the outline: 新建任务、按建议分解、只看此章."""
    menu = QMenu(window)
    item_chosen = window.current_item_id() is not None
    for act in (window.window_actions.new_task, window.window_actions.suggest):
        entry = menu.addAction(act.text())
        entry.setEnabled(item_chosen)
        entry.triggered.connect(act.trigger)
    menu.addSeparator()
    if window.outline_pane.chapter_only():
        menu.addAction("显示全部章节").triggered.connect(lambda _checked=False: window.outline_pane.show_chapter(None))
    else:
        chapter = window.outline_pane.current_chapter_row()
        act = menu.addAction("只看此章")
        act.setEnabled(chapter is not None)
        act.triggered.connect(lambda _checked=False: window.outline_pane.show_chapter(chapter))
    return menu


def _safety_menu():
    # The 回收站 loads its services when first used, not at start-up.
    from planner.ui import safety_menu

    return safety_menu
