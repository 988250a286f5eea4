"""Writing an export safely: into a temporary file beside the target, then renamed into place."""

from __future__ import annotations

import os
import tempfile
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
        UserError: the folder is missing or not writable, the target is locked, the disk is full.
    """
    folder = path.parent
    if not folder.is_dir():
        raise UserError(f"文件夹“{folder}”不存在，请选择其他保存位置。")
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
        raise UserError(f"保存“{path.name}”失败（{error.strerror or error}），请检查磁盘空间和写入权限。") from None
    finally:
        if os.path.exists(temporary):
            os.remove(temporary)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
