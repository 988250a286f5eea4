"""Hermetic tests: off-screen Qt, a temporary data dir and INI settings for every test."""

import os
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
