"""argparse's error messages in Chinese, for a command line whose every other word is Chinese.

The patterns are argparse's own wording (CPython 3.11 Lib/argparse.py, the strings it passes to
gettext); a message not listed is kept as argparse wrote it. Loaded only when a command line is
wrong, never to start the window.
"""

from __future__ import annotations

import re

_TYPE_WORDS = {"int": "整数", "float": "数字"}


def _quoted(text: str) -> str:
    """argparse quotes values with repr ('foo'); a Chinese message quotes them “foo”."""
    return re.sub(r"'([^']*)'", r"“\1”", text)


def _invalid_value(match: re.Match) -> str:
    kind = _TYPE_WORDS.get(match["type"])
    return f"{_quoted(match['value'])}不是{kind}" if kind else f"无效的值 {_quoted(match['value'])}"


# (pattern, replacement): argparse's message, whole, and what a clerk reads instead.
_MESSAGES = [
    (r"the following arguments are required: (?P<names>.+)", lambda m: f"缺少必填参数：{m['names']}"),
    (r"unrecognized arguments: (?P<args>.+)", lambda m: f"无法识别的参数：{m['args']}"),
    (r"one of the arguments (?P<names>.+) is required", lambda m: f"参数 {m['names']} 必须给出其中一个"),
    (r"argument (?P<name>\S+?): (?P<message>.+)", lambda m: f"参数 {m['name']}：{chinese_message(m['message'])}"),
    (r"invalid choice: (?P<value>.+?) \(choose from (?P<choices>.+)\)",
     lambda m: f"无效的取值 {_quoted(m['value'])}（可选：{_quoted(m['choices'])}）"),
    (r"invalid (?P<type>\w+) value: (?P<value>.+)", _invalid_value),
    (r"expected one argument", lambda m: "后面需要一个值"),
    (r"expected at most one argument", lambda m: "后面最多一个值"),
    (r"expected at least one argument", lambda m: "后面至少需要一个值"),
    (r"expected (?P<count>\d+) arguments?", lambda m: f"后面需要 {m['count']} 个值"),
    (r"ambiguous option: (?P<option>\S+) could match (?P<matches>.+)",
     lambda m: f"选项 {m['option']} 不明确，可能是：{m['matches']}"),
    (r"not allowed with argument (?P<other>.+)", lambda m: f"不能与 {m['other']} 同时使用"),
    (r"ignored explicit argument (?P<value>.+)", lambda m: f"不接受值 {_quoted(m['value'])}"),
]


def chinese_message(message: str) -> str:
    """argparse's ``message`` (what it hands ArgumentParser.error) in Chinese, else unchanged."""
    for pattern, replacement in _MESSAGES:
        match = re.fullmatch(pattern, message, flags=re.DOTALL)
        if match:
            return replacement(match)
    return message
