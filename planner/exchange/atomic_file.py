"""Writing an export safely: into a temporary file beside the target, then renamed into place."""

from __future__ import annotations

import gc
import os
import stat
import sys
import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path

from planner.errors import UserError


def write_atomically(path: Path, write: Callable[[str], None], *, locked_message: str) -> None:
    """Call ``write`` with a temporary path beside ``path`` and rename the result into place.

    A failure leaves any earlier file at ``path`` untouched and no temporary file behind.

    Args:
        locked_message: what to tell the user when the target is open in another program
            (Windows refuses the rename with PermissionError then).

    Raises:
        UserError: the folder is missing or not writable, the target is read-only or locked,
            the disk is full.
    """
    folder = path.parent
    if not folder.is_dir():
        raise UserError(f"文件夹“{folder}”不存在，请选择其他保存位置。")
    # The mode bits, not os.access: an administrator may write anywhere, but a file marked
    # read-only was marked so by someone who meant it (and Windows refuses the rename anyway).
    if path.is_file() and not path.stat().st_mode & stat.S_IWUSR:
        raise UserError(f"文件“{path}”是只读的，不能覆盖；请换一个文件名，或先取消它的只读属性。")
    try:
        # A short prefix: the target's whole name plus mkstemp's additions could pass the
        # folder's 255-character limit that the target itself keeps.
        handle, temporary = tempfile.mkstemp(prefix=f".{path.stem[:16]}-", suffix=f"{path.suffix}.tmp", dir=folder)
        os.close(handle)
    except OSError as error:
        raise UserError(f"无法在文件夹“{folder}”中写入文件（{error.strerror or error}），请选择其他保存位置。") from None
    try:
        write(temporary)
        # mkstemp creates the file readable by its owner only; an export gets the usual rights.
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, path)
    except PermissionError:
        raise UserError(locked_message) from None
    except OSError as error:
        message = f"保存“{path.name}”失败（{error.strerror or error}），请检查磁盘空间和写入权限。"
        _release_writer(error)
        raise UserError(message) from None
    finally:
        if os.path.exists(temporary):
            os.remove(temporary)


def _release_writer(error: OSError) -> None:
    """Close now, quietly, what the failed writer left open.

    A zip file (every .docx and .xlsx) whose write failed on a full disk is otherwise closed
    when it is garbage-collected, fails again there, and Python prints that traceback after
    our one-line message.
    """
    hook = sys.unraisablehook
    sys.unraisablehook = lambda _unraisable: None
    try:
        traceback.clear_frames(error.__traceback__)
        error.__traceback__ = None
        gc.collect()
    finally:
        sys.unraisablehook = hook


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
