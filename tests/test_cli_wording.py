"""A wrong command line, and the help, read in Chinese: no English of argparse's reaches a clerk."""

import re

import pytest

from planner.cli import build_parser
from planner.cli_wording import chinese_message
from tests.cli_runner import run

ENGLISH = re.compile(r"usage:|argument|required|invalid|choose from|unrecognized|expected|options|positional"
                     r"|show this help", re.IGNORECASE)


@pytest.mark.parametrize(("line", "said"), [
    (["export-docx", "--plan", "2", "--report", "foo", "x.docx"],
     "参数 --report：无效的取值 “foo”（可选：“progress”, “reminder”, “bulletin”）"),
    (["deleted"], "缺少必填参数：--plan"),
    (["deleted", "--plan", "abc"], "参数 --plan：“abc”不是整数"),
    (["plans", "--bogus"], "无法识别的参数：--bogus"),
    (["deleted", "--plan"], "参数 --plan：后面需要一个值"),
    (["export-xlsx", "--plan", "1"], "参数 OUT.xlsx --by-unit 必须给出其中一个"),
    (["export-xlsx", "--plan", "1", "a.xlsx", "--by-unit", "out"], "参数 --by-unit：不能与 OUT.xlsx 同时使用"),
    (["--size", "12"], "参数 --size：窗口大小“12”应写成 宽x高，如 1366x768"),
])
def test_each_kind_of_wrong_command_line_is_said_in_chinese(line, said, capsys):
    with pytest.raises(SystemExit) as stopped:
        build_parser().parse_args(line)
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert err.splitlines()[-1] == f"命令行参数有误：{said}"
    assert err.startswith("用法：python main.py")
    assert not ENGLISH.search(err), err


def test_the_help_of_the_program_and_of_a_command_has_no_english_heading():
    for line in (["--help"], ["export-xlsx", "--help"]):
        result = run(*line)
        assert result.returncode == 0, result.stderr
        assert result.stdout.startswith("用法：python main.py")
        assert "选项:" in result.stdout and "显示本帮助并退出" in result.stdout
        assert not ENGLISH.search(result.stdout), result.stdout


def test_a_message_argparse_words_differently_is_kept_rather_than_guessed():
    assert chinese_message("something argparse may say one day") == "something argparse may say one day"
