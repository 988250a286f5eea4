"""Running the command line as a user does, and reading a database file as it was left."""

import os
import sqlite3
import subprocess
import sys

from tests.conftest import ROOT


def run(*args, cwd=None) -> subprocess.CompletedProcess:
    """``python main.py ARGS…`` in a child process, output decoded as UTF-8."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *map(str, args)], capture_output=True,
                          text=True, encoding="utf-8", env=env, cwd=cwd, timeout=120)


def dump(path) -> list[str]:
    """Every row of a database file as SQL: equal dumps mean an unchanged database."""
    connection = sqlite3.connect(path)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


def without_traceback(stderr: str) -> bool:
    return "Traceback" not in stderr and "Error:" not in stderr


def new_database(path) -> None:
    """A database file as the first start leaves it (the CLI creates one only with demo, import-policy, new-plan)."""
    from planner.exchange.builtin import load_builtin
    from planner.services.workspace import open_workspace

    from tests.conftest import RESOURCES

    open_workspace(path, load_builtin(RESOURCES)).close()
