"""Starting the window reads only its own options; anything else goes to the full command line."""

from pathlib import Path

import pytest

from planner import app
from planner.window_options import window_arguments


def test_window_options_alone_are_read_without_the_commands():
    args = window_arguments(["--db", "x.db", "--screenshot", "out.png", "--size", "1280x680"])
    assert (args.db, args.screenshot, args.size) == (Path("x.db"), Path("out.png"), (1280, 680))
    assert window_arguments([]).size == (1366, 768)


@pytest.mark.parametrize("argv", [["plans"], ["--db", "x.db", "plans"], ["import-xlsx", "--db", "x.db", "a.xlsx"],
                                  ["-h"], ["--help"], ["--unknown"]])
def test_a_command_or_help_is_left_to_the_command_line(argv):
    assert window_arguments(argv) is None


def test_a_command_after_window_options_runs_as_before(capsys, tmp_path):
    """`--db X plans` was parsed by the full parser before the split; it still is."""
    missing = tmp_path / "none.db"
    assert app.main(["--db", str(missing), "plans"]) == 1  # a missing file is refused, not created
    assert "none.db" in capsys.readouterr().err and not missing.exists()


def test_help_lists_the_commands(capsys):
    with pytest.raises(SystemExit) as exit_:
        app.main(["--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    assert "--screenshot" in out and "import-xlsx" in out


def test_a_bad_size_is_refused_in_chinese(capsys):
    with pytest.raises(SystemExit) as exit_:
        app.main(["--size", "abc"])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "窗口大小“abc”应写成 宽x高" in err
    assert "命令 ..." in err  # the whole usage, commands included, as before the window's options were read alone


def test_a_missing_screenshot_name_is_refused_with_the_whole_usage(capsys):
    with pytest.raises(SystemExit) as exit_:
        app.main(["--screenshot"])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "命令行参数有误" in err and "--screenshot" in err and "命令 ..." in err


def test_a_screenshot_asked_with_a_command_is_said_to_be_ignored(capsys, tmp_path):
    missing = tmp_path / "none.db"
    app.main(["--db", str(missing), "--screenshot", str(tmp_path / "a.png"), "plans"])
    assert "--screenshot 只用于打开窗口，命令 plans 不使用它" in capsys.readouterr().err
    assert not (tmp_path / "a.png").exists()


def test_the_database_may_be_named_before_or_after_the_command(capsys, tmp_path):
    missing = tmp_path / "none.db"
    for argv in (["--db", str(missing), "plans"], ["plans", "--db", str(missing)]):
        assert app.main(argv) == 1
        assert "none.db" in capsys.readouterr().err and not missing.exists()


def test_output_piped_to_a_reader_that_stops_early_is_no_error(db, tmp_path):
    """`main.py plans | head -1`: the reader closes the pipe before the command writes."""
    import os
    import subprocess
    import sys

    from tests.conftest import ROOT

    path, _plan_id = db
    data = tmp_path / "data"
    env = {**os.environ, "PLANNER_DATA_DIR": str(data)}
    child = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "--db", str(path), "plans"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    child.stdout.close()  # before the child has started writing
    with child.stderr:
        stderr = child.stderr.read().decode("utf-8")
    assert child.wait(timeout=60) in (0, 141)
    assert stderr == "" and not (data / "crash.log").exists()
