"""Hermetic tests: off-screen Qt, a temporary data dir and INI settings for every test."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

# Must be set before Qt is imported anywhere.
os.environ["QT_QPA_PLATFORM"] = "offscreen"

ROOT = Path(__file__).resolve().parent.parent
RESOURCES = ROOT / "resources"


@pytest.fixture(autouse=True)
def isolated_data(tmp_path, monkeypatch):
    """Each test gets its own data dir; nothing reads the developer's own settings."""
    data = tmp_path / "appdata"
    monkeypatch.setenv("PLANNER_DATA_DIR", str(data))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    yield data


@pytest.fixture(autouse=True)
def ini_settings(tmp_path, request):
    """QSettings in INI format under the test's own folder, for tests that load Qt."""
    if "qtbot" not in request.fixturenames and "qapp" not in request.fixturenames:
        yield
        return
    from PySide6.QtCore import QCoreApplication, QSettings

    from planner import APP_ID, ORG_NAME

    # The names the app sets at start: QSettings() finds the same file in tests as in the app.
    QCoreApplication.setOrganizationName(ORG_NAME)
    QCoreApplication.setApplicationName(APP_ID)
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
        QSettings.setPath(QSettings.Format.IniFormat, scope, str(tmp_path / "settings"))
    yield


@pytest.fixture
def builtin():
    from planner.exchange.builtin import load_builtin

    return load_builtin(RESOURCES)


@pytest.fixture
def demo_data():
    from planner.exchange.builtin import load_demo

    return load_demo(RESOURCES)


@pytest.fixture
def workspace_db(tmp_path, builtin):
    """A new database file filled as on first start."""
    from planner.services.workspace import open_workspace

    db = open_workspace(tmp_path / "plan.db", builtin)
    yield db
    db.close()


@pytest.fixture
def read_only(tmp_path):
    """``make(folder)``: a copy of the folder whose files nobody may write; undone after the test.

    Root writes through any file mode, so for root the copy is a read-only tmpfs mount;
    anyone else gets read-only files in a read-only folder.
    """
    mounts, folders = [], []

    def make(source: Path) -> Path:
        target = tmp_path / "read-only"
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            target.mkdir()
            mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", str(target)],
                                     capture_output=True)
            if mounted.returncode:
                pytest.skip(f"root here may not mount a read-only file system: {mounted.stderr!r}")
            mounts.append(target)
            shutil.copytree(source, target, dirs_exist_ok=True)
            subprocess.run(["mount", "-o", "remount,ro", str(target)], check=True)
        else:
            shutil.copytree(source, target)
            for path in target.iterdir():
                path.chmod(0o444)
            target.chmod(0o555)
            folders.append(target)
        return target

    yield make
    for target in mounts:
        subprocess.run(["umount", str(target)], check=True)
    for target in folders:
        target.chmod(0o755)


@pytest.fixture
def read_only_copy(tmp_path, builtin, read_only):
    """(path, bytes) of a database as the first start leaves it, in a folder nobody may write."""
    from planner.services.workspace import open_workspace

    staging = tmp_path / "staging"
    staging.mkdir()
    open_workspace(staging / "plan.db", builtin).close()
    path = read_only(staging) / "plan.db"
    return path, path.read_bytes()


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    """A database file with the demo plan made by the command line, and the plan's id; built once per module."""
    from tests.cli_runner import run

    folder = tmp_path_factory.mktemp("demo")
    made = run("--db", folder / "plan.db", "demo")
    assert made.returncode == 0, made.stderr
    return folder / "plan.db", int(made.stdout.strip().splitlines()[-1])


@pytest.fixture
def db(demo_db, tmp_path):
    """A copy of ``demo_db`` for one test (SQLite's backup API), and the plan's id."""
    import sqlite3

    source, plan_id = demo_db
    target = tmp_path / "plan.db"
    original, copy = sqlite3.connect(source), sqlite3.connect(target)
    try:
        original.backup(copy)
    finally:
        original.close()
        copy.close()
    return target, plan_id
