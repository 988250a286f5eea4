"""Exports land whole or not at all, with the user's usual file permissions."""

import os
import stat
import sys
from pathlib import Path

import pytest

from planner.errors import UserError
from planner.exchange.atomic_file import write_atomically


def test_the_file_appears_whole_with_usual_permissions(tmp_path):
    target = tmp_path / "方案.docx"
    write_atomically(target, lambda temporary: Path(temporary).write_bytes(b"content"), locked_message="占用")
    assert target.read_bytes() == b"content"
    assert list(tmp_path.iterdir()) == [target]
    if sys.platform != "win32":
        mask = os.umask(0)
        os.umask(mask)
        assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~mask


def test_a_failed_write_keeps_the_old_file_and_leaves_nothing_behind(tmp_path):
    target = tmp_path / "台账.xlsx"
    target.write_bytes(b"old")

    def failing(temporary):
        Path(temporary).write_bytes(b"half")
        raise OSError(28, "No space left on device")

    with pytest.raises(UserError, match="保存“台账.xlsx”失败"):
        write_atomically(target, failing, locked_message="占用")
    assert target.read_bytes() == b"old"
    assert list(tmp_path.iterdir()) == [target]


def test_a_locked_target_gets_the_callers_message(tmp_path):
    def locked(temporary):
        raise PermissionError(13, "Permission denied")

    with pytest.raises(UserError, match="正在 Word 中打开"):
        write_atomically(tmp_path / "a.docx", locked, locked_message="文件正在 Word 中打开")


def test_a_missing_folder_is_named(tmp_path):
    with pytest.raises(UserError, match="不存在"):
        write_atomically(tmp_path / "nowhere" / "a.docx", lambda t: None, locked_message="")


class _FullDisk:
    """A file on a disk with no space left: every write and the final flush fail with ENOSPC."""

    def __init__(self, path):
        self._file = open(path, "wb")  # noqa: SIM115 - closed by close()

    def write(self, data):
        raise OSError(28, "No space left on device")

    def tell(self):
        return 0

    def seek(self, *args):
        return 0

    def flush(self):
        raise OSError(28, "No space left on device")

    def close(self):
        self._file.close()
        raise OSError(28, "No space left on device")


def test_a_full_disk_is_one_message_and_no_traceback_from_the_zip_left_open(tmp_path, capfd):
    import zipfile

    def writer(temporary):
        # As python-docx and openpyxl do: a zip file whose write fails stays open until collected.
        archive = zipfile.ZipFile(_FullDisk(temporary), "w")
        archive.writestr("word/document.xml", "x" * 1000)

    with pytest.raises(UserError) as failed:
        write_atomically(tmp_path / "方案.docx", writer, locked_message="占用")
    assert failed.value.message == "保存“方案.docx”失败（No space left on device），请检查磁盘空间和写入权限。"
    import gc

    gc.collect()
    captured = capfd.readouterr()
    assert "Traceback" not in captured.err and "Exception ignored" not in captured.err
    assert list(tmp_path.iterdir()) == []


def test_a_read_only_file_is_not_overwritten(tmp_path):
    target = tmp_path / "台账.xlsx"
    target.write_bytes(b"old")
    target.chmod(0o444)
    with pytest.raises(UserError, match="是只读的，不能覆盖"):
        write_atomically(target, lambda temporary: Path(temporary).write_bytes(b"new"), locked_message="占用")
    assert target.read_bytes() == b"old" and list(tmp_path.iterdir()) == [target]
