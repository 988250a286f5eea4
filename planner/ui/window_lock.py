"""Telling a second window on the same database that the plan is already open elsewhere."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLockFile


class WindowLock:
    """A lock file beside the database (``planner.db.lock``), held while a window has it open.

    Windows and command-line imports may still write to the same file at once (each write
    waits for the other); the lock only lets a second window say so. A lock left by a window
    that crashed names a process that no longer runs and is taken over.
    """

    def __init__(self, db_path: Path | str):
        self.db_path = Path(db_path)
        self._lock = QLockFile(str(self.db_path) + ".lock")
        self._lock.setStaleLockTime(0)  # stale only when its process is gone, however old

    def acquire(self) -> str | None:
        """Take the lock; return the warning to show when another window holds it."""
        if self._lock.tryLock(0):
            return None
        if self._lock.error() != QLockFile.LockError.LockFailedError:
            return None  # the folder cannot hold a lock file: nothing to tell
        # PySide6 returns (pid, hostname, appname); the C++ bool result is dropped.
        info = self._lock.getLockInfo()
        pid, host = (info[-3], info[-2]) if isinstance(info, tuple) and len(info) >= 3 else (None, None)
        return (f"数据库“{self.db_path.name}”已在另一个窗口中打开（计算机 {host or '?'}，进程 {pid or '?'}）。\n"
                "两个窗口都可以使用，但一个窗口中的修改要重新打开后才会在另一个窗口中显示；"
                "同一项任务在两处修改时，后保存的一方会被提示并拒绝。建议只在一个窗口中编辑。")

    def release(self) -> None:
        if self._lock.isLocked():
            self._lock.unlock()
