"""Headless commands over the same services the window uses."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import sys
import traceback
from pathlib import Path

from planner import paths
from planner.domain.model import Document
from planner.domain.numerals import int_to_chinese
from planner.errors import UserError
from planner.exchange.builtin import load_builtin, load_demo
from planner.services import demo, documents, plans, workspace

COMMANDS = ("parse-policy", "import-policy", "plans", "demo")


class _ChineseArgumentParser(argparse.ArgumentParser):
    def error(self, message: str):  # noqa: D102 - argparse's hook
        self.print_usage(sys.stderr)
        self.exit(2, f"命令行参数有误：{message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _ChineseArgumentParser(prog="python main.py", description="政策落实台账：实施方案分解与跟踪。")
    parser.add_argument("--db", type=Path, help="数据库文件（默认在用户数据目录）")
    parser.add_argument("--screenshot", type=Path, metavar="OUT.png", help="离屏渲染主窗口并保存为 PNG 后退出")
    commands = parser.add_subparsers(dest="command", metavar="命令")
    parse = commands.add_parser("parse-policy", help="显示政策文本的结构（不需要数据库）")
    parse.add_argument("file", type=Path, help="政策文件（.txt 或 .docx）")
    parse.add_argument("--json", action="store_true", help="以 JSON 输出")
    imported = commands.add_parser("import-policy", help="导入一份政策文件")
    imported.add_argument("file", type=Path, help="政策文件（.txt 或 .docx）")
    commands.add_parser("plans", help="列出实施方案")
    commands.add_parser("demo", help="生成一份演示方案，输出其编号")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the console script: parse the arguments and run the command."""
    args = build_parser().parse_args(sys.argv[1:] if argv is None else argv)
    if not args.command:
        build_parser().print_help()
        return 2
    return run(args)


def run(args: argparse.Namespace) -> int:
    """Run one command; a UserError becomes its lines on stderr and exit code 1."""
    _use_utf8_when_piped()
    try:
        return _dispatch(args)
    except Exception as error:  # noqa: BLE001 - sorted into the user's problem or a bug below
        user_error = workspace.explain_failure(error)
        if user_error is None:  # a bug: the user gets one line, the log gets the traceback
            log = _write_crash_log()
            print(f"内部错误：命令 {args.command} 未能完成，数据库未作更改。详细信息已写入 {log}", file=sys.stderr)
            return 3
        for line in user_error.lines():
            print(line, file=sys.stderr)
        return 1


def _dispatch(args: argparse.Namespace) -> int:
    if args.command == "parse-policy":
        return _parse_policy(args.file, as_json=args.json)
    # Input files are read before the database is opened (or created), so bad
    # input leaves no trace, not even a new database file.
    document = documents.read_policy(args.file) if args.command == "import-policy" else None
    with _open_workspace(args.db) as db:
        if args.command == "import-policy":
            return _import_policy(db, document, Path(args.file).name)
        return _COMMANDS_WITH_DB[args.command](db, args)


@contextlib.contextmanager
def _open_workspace(db_path: Path | None):
    db_path = db_path or paths.default_db_path()
    db = workspace.open_workspace(db_path, load_builtin(paths.resources_dir()))
    warning = workspace.network_warning(db_path)
    if warning:
        print(f"注意：{warning}", file=sys.stderr)
    try:
        yield db
    finally:
        db.close()


def _print_warnings(warnings) -> None:
    for warning in warnings:
        print(f"注意：{warning}", file=sys.stderr)


def _parse_policy(path: Path, *, as_json: bool) -> int:
    document = documents.read_policy(path)
    _print_warnings(document.warnings)
    if as_json:
        print(json.dumps(outline_json(document), ensure_ascii=False, indent=2))
    else:
        print(format_outline(document))
    return 0


def outline_json(document: Document) -> dict:
    """The outline in the shape `parse-policy --json` prints."""
    return {
        "title": document.title,
        "date": document.date.isoformat() if document.date else None,
        "chapters": [
            {"number": chapter.number, "title": chapter.title,
             "items": [{"number": item.number, "heading": item.heading, "text": item.text}
                       for item in chapter.items]}
            for chapter in document.chapters],
    }


def format_outline(document: Document) -> str:
    lines = [f"《{document.title}》" + (f"（{document.date.isoformat()}）" if document.date else "")]
    for chapter in document.chapters:
        if chapter.number:
            lines.append(f"{int_to_chinese(chapter.number)}、{chapter.title}")
        for item in chapter.items:
            lines.append(f"  （{int_to_chinese(item.number)}）{item.heading or item.text[:30] + '…'}")
    lines.append(f"共 {len(document.chapters)} 个部分，{len(document.items)} 个条目")
    return "\n".join(lines)


def _import_policy(db, document: Document, source_name: str) -> int:
    result = documents.import_document(db, document, source_name=source_name)
    _print_warnings(result.warnings)
    print(f"已导入：编号 {result.id}，《{result.title}》，{result.chapter_count} 个部分，{result.item_count} 个条目")
    return 0


def _plans(db, args) -> int:
    print("编号\t方案名称\t文件\t任务数")
    for plan in plans.list_plans(db):
        print(f"{plan.id}\t{plan.name}\t《{plan.document_title}》\t{plan.task_count}")
    return 0


def _demo(db, args) -> int:
    plan_id = demo.create_demo_plan(db, load_demo(paths.resources_dir()), today=dt.date.today())
    plan = plans.get_plan(db, plan_id)
    summary = next(p for p in plans.list_plans(db) if p.id == plan_id)
    print(f"已生成演示方案：{plan.name}，共 {summary.task_count} 个任务")
    print(plan_id)
    return 0


_COMMANDS_WITH_DB = {"plans": _plans, "demo": _demo}


def _use_utf8_when_piped() -> None:
    # A Windows console gets UTF-16 anyway; a pipe would get the ANSI code page,
    # which cannot encode every character of a policy text.
    for stream in (sys.stdout, sys.stderr):
        if not stream.isatty() and hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")


def _write_crash_log() -> Path:
    try:
        log = paths.data_dir() / "crash.log"
        with log.open("a", encoding="utf-8") as handle:
            handle.write(f"--- {dt.datetime.now().isoformat(timespec='seconds')}\n{traceback.format_exc()}\n")
        return log
    except OSError:
        return Path("（无法写入日志）")
