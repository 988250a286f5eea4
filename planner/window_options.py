"""The command line's window options (--db, --screenshot, --size), apart from its commands.

Starting the window parses only these, so it does not load the commands' modules and build
their parsers (about 15 ms of a start-up that issue 11 measures); anything else on the line (a
command, --help) goes to planner.cli, which adds the same options to its full parser.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

DEFAULT_SIZE = (1366, 768)


class ChineseHelpFormatter(argparse.HelpFormatter):
    """argparse's help with its one English heading, "usage:", in Chinese."""

    def add_usage(self, usage, actions, groups, prefix=None):  # noqa: D102 - argparse's hook
        super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)


class ChineseArgumentParser(argparse.ArgumentParser):
    """An ArgumentParser that speaks Chinese: its usage and headings, -h, and every error it reports
    (planner.cli_wording). Its subcommands' parsers are of this class too (add_subparsers)."""

    def __init__(self, *args, add_help: bool = True, **kwargs):
        kwargs.setdefault("formatter_class", ChineseHelpFormatter)
        super().__init__(*args, add_help=False, **kwargs)
        # argparse's two default groups, whose English titles it sets itself.
        self._positionals.title = "位置参数"
        self._optionals.title = "选项"
        if add_help:
            self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help="显示本帮助并退出")

    def error(self, message: str):  # noqa: D102 - argparse's hook
        from planner.cli_wording import chinese_message

        self.print_usage(sys.stderr)
        self.exit(2, f"命令行参数有误：{chinese_message(message)}\n")


def window_size(text: str) -> tuple[int, int]:
    """``1280x680`` → (1280, 680); anything else is refused with a message in Chinese."""
    match = re.fullmatch(r"\s*(\d{2,5})\s*[xX×*]\s*(\d{2,5})\s*", text)
    if not match:
        raise argparse.ArgumentTypeError(f"窗口大小“{text}”应写成 宽x高，如 1366x768")
    return int(match.group(1)), int(match.group(2))


def add_window_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", type=Path, help="数据库文件（默认在用户数据目录）")
    parser.add_argument("--screenshot", type=Path, metavar="OUT.png", help="离屏渲染主窗口并保存为 PNG 后退出")
    parser.add_argument("--size", type=window_size, default=DEFAULT_SIZE, metavar="WxH",
                        help="截图的窗口大小（逻辑像素，默认 1366x768）")


class _NotWindowOptions(Exception):
    pass


class _WindowOptionsParser(argparse.ArgumentParser):
    def error(self, message: str):  # noqa: D102 - argparse's hook
        raise _NotWindowOptions(message)  # the full command line reports it, with its whole usage


def window_arguments(argv: list[str]) -> argparse.Namespace | None:
    """The window's options when ``argv`` holds nothing else; None when it names a command, asks
    for help or is wrong (the full command line then parses it, and reports what is wrong)."""
    parser = _WindowOptionsParser(prog="python main.py", add_help=False)
    add_window_options(parser)
    try:
        args, rest = parser.parse_known_args(argv)
    except _NotWindowOptions:
        return None
    return None if rest else args
