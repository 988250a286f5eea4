"""Headless commands over the same services the window uses."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import re
import sys
import traceback
from pathlib import Path

from planner import paths
from planner.domain.model import Document
from planner.domain.numerals import int_to_chinese
from planner.errors import UserError
from planner.exchange.builtin import load_builtin, load_demo
from planner.services import demo, documents, plans, workspace
from planner.window_options import ChineseArgumentParser, add_window_options

def _excel():
    # The Excel and Word services load only with their commands: opening the window needs neither.
    from planner.services import excel

    return excel


def _word():
    from planner.services import word

    return word


COMMANDS = ("parse-policy", "import-policy", "plans", "demo", "export-xlsx", "import-xlsx", "export-docx",
            "documents", "new-plan", "backups", "restore-backup", "deleted", "restore-task",
            "rounds", "round-start", "round-status", "export-ics")
# Only commands that start something may create a missing database file; for every other
# command a missing file is a typo, refused rather than silently created empty (issue 18).
CREATING_COMMANDS = frozenset({"import-policy", "demo", "new-plan"})


def build_parser() -> argparse.ArgumentParser:
    parser = ChineseArgumentParser(prog="python main.py", description="政策落实台账：实施方案分解与跟踪。")
    add_window_options(parser)
    commands = parser.add_subparsers(dest="command", metavar="命令")
    parse = commands.add_parser("parse-policy", help="显示政策文本的结构（不需要数据库）")
    parse.add_argument("file", type=Path, help="政策文件（.txt、.docx 或 .pdf）")
    parse.add_argument("--json", action="store_true", help="以 JSON 输出")
    imported = commands.add_parser("import-policy", help="导入一份政策文件")
    imported.add_argument("file", type=Path, help="政策文件（.txt、.docx 或 .pdf）")
    imported.add_argument("--copy", action="store_true", help="数据库中已有相同文件时，仍再保存一份副本")
    commands.add_parser("plans", help="列出实施方案")
    commands.add_parser("demo", help="生成一份演示方案，输出其编号")
    _add_document_commands(commands)
    _add_xlsx_commands(commands)
    _add_docx_command(commands)
    _add_safety_commands(commands)
    _add_round_commands(commands)
    # `main.py plans --db X.db` as well as `main.py --db X.db plans`: the command's own --db is
    # left out of the result when not given, so it never hides the one before the command.
    for command in commands.choices.values():
        command.add_argument("--db", type=Path, default=argparse.SUPPRESS, help="数据库文件（也可写在命令之前）")
    return parser


def _add_document_commands(commands) -> None:
    commands.add_parser("documents", help="列出政策文件（编号、标题、成文日期、条目数、方案数）")
    made = commands.add_parser("new-plan", help="为一份政策文件新建实施方案，输出其编号")
    made.add_argument("--document", type=int, required=True, metavar="ID", help="政策文件编号（见 documents 命令）")
    made.add_argument("--name", required=True, metavar="NAME", help="方案名称")


def _add_safety_commands(commands) -> None:
    commands.add_parser("backups", help="列出自动备份（每行一个：文件名、时间、原因、任务数）")
    restore = commands.add_parser("restore-backup", help="用一个自动备份替换当前数据库（当前内容先另存为备份）")
    restore.add_argument("name", metavar="NAME", help="备份文件名（见 backups 命令）")
    deleted = commands.add_parser("deleted", help="列出回收站中的任务（每行一个：编号、序号、删除时间、进展条数、内容）")
    deleted.add_argument("--plan", type=int, required=True, metavar="ID", help="实施方案编号（见 plans 命令）")
    restored = commands.add_parser("restore-task", help="从回收站恢复一项任务")
    restored.add_argument("uid", metavar="UID", help="任务编号（见 deleted 命令）")


def _add_round_commands(commands) -> None:
    listed = commands.add_parser("rounds", help="列出报送轮次（每行一个：编号、名称、报送期限、发起日期、已报送/单位数、状态）")
    listed.add_argument("--plan", type=int, required=True, metavar="ID", help="实施方案编号（见 plans 命令）")
    started = commands.add_parser("round-start", help="发起报送轮次（结束本方案进行中的上一轮），输出其编号")
    started.add_argument("--plan", type=int, required=True, metavar="ID", help="实施方案编号（见 plans 命令）")
    started.add_argument("--name", required=True, metavar="NAME", help="轮次名称，如 2026年11月进展报送")
    started.add_argument("--due", required=True, metavar="DATE", help="报送期限，如 2026-12-10")
    started.add_argument("--units", nargs="+", metavar="U", help="报送单位（默认：有未完成任务的全部牵头单位）")
    status = commands.add_parser("round-status", help="报送轮次中各单位的报送情况与催报名单")
    status.add_argument("round", type=int, metavar="ROUND", help="轮次编号（见 rounds 命令）")
    status.add_argument("--json", action="store_true", help="以 JSON 输出")
    status.add_argument("--as-of", metavar="DATE", help="按哪一天判断是否逾期，如 2026-12-11（默认今天）")
    ics = commands.add_parser("export-ics", help="导出日历文件（完成时限和报送期限），可用 Outlook、WPS 日历打开")
    ics.add_argument("--plan", type=int, required=True, metavar="ID", help="实施方案编号（见 plans 命令）")
    ics.add_argument("out", type=Path, metavar="OUT.ics", help="导出的日历文件")


def _add_xlsx_commands(commands) -> None:
    exported = commands.add_parser("export-xlsx", help="导出 Excel 任务台账（整本，或按牵头单位分文件）")
    exported.add_argument("--plan", type=int, required=True, metavar="ID", help="实施方案编号（见 plans 命令）")
    target = exported.add_mutually_exclusive_group(required=True)
    target.add_argument("out", type=Path, nargs="?", metavar="OUT.xlsx", help="导出的文件")
    target.add_argument("--by-unit", type=Path, metavar="DIR", help="每个牵头单位一个文件，存入该文件夹")
    exported.add_argument("--paper", choices=("A4", "A3"), default="A4", help="打印纸张（横向），默认 A4")
    imported = commands.add_parser("import-xlsx", help="导入各单位返回的台账（先预览变更）")
    imported.add_argument("--plan", type=int, required=True, metavar="ID", help="实施方案编号（见 plans 命令）")
    imported.add_argument("files", type=Path, nargs="+", metavar="FILE",
                          help="返回的台账文件（.xlsx、.xlsm、.xls、.ods 或 .csv）")
    imported.add_argument("--dry-run", action="store_true", help="只显示将要发生的变更，不写入数据库")
    imported.add_argument("--json", action="store_true", help="以 JSON 输出变更摘要")
    imported.add_argument("--skip-bad-rows", action="store_true",
                          help="跳过有错误的行，导入其余各行（错误仍逐条列出）")
    imported.add_argument("--map", action="append", default=[], type=_unit_pair, metavar="名称=单位",
                          help="文件中的单位名称对应单位目录中的哪个单位，如 --map 财政厅=省财政厅（可多次使用）")
    imported.add_argument("--create-units", action="store_true", help="把单位目录中没有的单位新增到目录中")


def _unit_pair(text: str) -> tuple[str, str]:
    name, sep, target = text.partition("=")
    if not sep or not name.strip() or not target.strip():
        raise argparse.ArgumentTypeError(f"“{text}”应写成 文件中的名称=单位目录中的单位，如 财政厅=省财政厅")
    return name.strip(), target.strip()


def _add_docx_command(commands) -> None:
    exported = commands.add_parser("export-docx", help="导出 Word 实施方案、进展情况报告、催办单或情况通报")
    exported.add_argument("--plan", type=int, required=True, metavar="ID", help="实施方案编号（见 plans 命令）")
    exported.add_argument("out", type=Path, metavar="OUT.docx",
                          help="导出的 Word 文件（--report reminder --per-unit 时为文件夹）")
    exported.add_argument("--report", choices=["progress", "reminder", "bulletin"],
                          help="progress：进展情况报告；reminder：催办单（督办通知）；bulletin：情况通报")
    exported.add_argument("--as-of", metavar="DATE",
                          help="报告、通报的截止日期，催办单计算逾期天数的日期，如 2026-11-30（默认今天）")
    exported.add_argument("--issuer", metavar="NAME",
                          help="发文机关署名，如 示范省发展和改革委员会（默认用方案设置中的发文机关；都没有时不加署名）")
    exported.add_argument("--date", metavar="DATE", help="成文日期，如 2026-11-30（默认今天；没有署名时不加）")
    exported.add_argument("--problems", type=Path, metavar="FILE", help="进展情况报告的“存在问题”（文本文件）")
    exported.add_argument("--next", type=Path, metavar="FILE", dest="next_steps",
                          help="进展情况报告的“下一步工作安排”（文本文件）")
    exported.add_argument("--unit", action="append", metavar="NAME",
                          help="催办单只发给该牵头单位（可重复）；默认发给所有有逾期或临期任务的单位")
    exported.add_argument("--reply-by", metavar="DATE", help="催办单的回复期限（默认 5 个工作日后）")
    exported.add_argument("--per-unit", action="store_true", help="催办单每个单位一个文件，OUT 为文件夹")


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
    if getattr(args, "screenshot", None) is not None:
        print(f"注意：--screenshot 只用于打开窗口，命令 {args.command} 不使用它，已忽略。", file=sys.stderr)
    try:
        return _dispatch(args)
    except BrokenPipeError:
        # The reader went away (`… plans | head -1`): not a bug, nothing to say. What is still
        # buffered goes nowhere, so the interpreter's last flush fails quietly too (Python's
        # documented recipe); the exit code is a shell's for a pipe closed early (128 + SIGPIPE).
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except Exception as error:  # noqa: BLE001 - sorted into the user's problem or a bug below
        user_error = workspace.explain_failure(error, args.db or None)
        if user_error is None:  # a bug: the user gets one line, the log gets the traceback
            log = _write_crash_log()
            print(f"内部错误：命令 {args.command} 未能完成，数据库未作更改。详细信息已写入 {log}", file=sys.stderr)
            return 3
        for line in user_error.lines():
            print(line, file=sys.stderr)
        return 1


def _dispatch(args: argparse.Namespace) -> int:
    if args.db is not None and not Path(args.db).parent.is_dir():  # every command, before any input is read
        raise UserError(f"数据库所在的文件夹不存在：{Path(args.db).parent}")
    if args.command == "parse-policy":
        return _parse_policy(args.file, as_json=args.json)
    # Input files are read before the database is opened (or created), so bad
    # input leaves no trace, not even a new database file.
    document = documents.read_policy(args.file) if args.command == "import-policy" else None
    if args.command == "import-xlsx":
        args.ledgers = _excel().read_files(args.files)
        unreadable = _excel().read_errors(args.plan, args.ledgers)
        nothing_read = not any(ledger.records for ledger in args.ledgers)
        if unreadable is not None and (not args.skip_bad_rows or nothing_read):
            # Bad workbooks never reach (or create) the database; with nothing readable there is nothing to skip to.
            return _report_import(unreadable, argparse.Namespace(**{**vars(args), "skip_bad_rows": False}))
    if args.command == "round-start":
        args.due_date = _as_of_date(args.due)
    if args.command == "round-status":
        args.as_of_date = _as_of_date(args.as_of)
    if args.command == "export-docx":
        args.as_of_date = _as_of_date(args.as_of)
        args.written = _as_of_date(args.date)
        args.reply_by_date = _as_of_date(args.reply_by) if args.reply_by else None
        args.problems_text, args.next_text = (_word().read_text_file(path) if path else ""
                                              for path in (args.problems, args.next_steps))
    with _open_workspace(args.db, create=args.command in CREATING_COMMANDS) as db:
        if args.command == "import-policy":
            return _import_policy(db, document, Path(args.file).name, copy=args.copy)
        return _COMMANDS_WITH_DB[args.command](db, args)


@contextlib.contextmanager
def _open_workspace(db_path: Path | None, *, create: bool):
    db_path = db_path or paths.default_db_path()
    existed = Path(db_path).exists()
    db = workspace.open_workspace(db_path, load_builtin(paths.resources_dir()), create=create)
    warnings = [workspace.network_warning(db_path), workspace.daily_backup(db) if existed else None]
    for warning in filter(None, warnings):
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


def _import_policy(db, document: Document, source_name: str, *, copy: bool) -> int:
    _print_warnings(document.warnings)  # before a refusal too: they explain what was read
    result = documents.import_document(db, document, source_name=source_name, copy=copy)
    dropped = f"，已去除网页内容 {result.dropped_count} 行" if result.dropped_count else ""
    print(result.id)  # alone on stdout, as every command that creates something: ID=$(… import-policy F)
    print(f"已导入：编号 {result.id}，《{result.title}》，{result.chapter_count} 个部分，{result.item_count} 个条目"
          + dropped, file=sys.stderr)
    return 0


def _documents(db, args) -> int:
    """One line per document: id, title, 成文日期 (or -), item count, plan count, tab-separated."""
    for summary in documents.list_documents(db):
        print(f"{summary.id}\t{summary.title}\t{summary.issued_on or '-'}\t{summary.item_count}\t{summary.plan_count}")
    return 0


def _new_plan(db, args) -> int:
    if not args.name.strip():
        raise UserError("方案名称（--name）不能为空。")
    if args.document not in {summary.id for summary in documents.list_documents(db)}:
        raise UserError(f"没有编号为 {args.document} 的政策文件；可用 documents 命令查看已有文件。")
    plan = plans.create_plan(db, args.document, name=args.name)
    print(f"已新建实施方案：{plan.name}", file=sys.stderr)
    print(plan.id)
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
    print(f"已生成演示方案：{plan.name}，共 {summary.task_count} 个任务", file=sys.stderr)
    print(plan_id)
    return 0


def _export_xlsx(db, args) -> int:
    if args.by_unit:
        result = _excel().export_by_unit(db, args.plan, args.by_unit, paper=args.paper)
        print(f"已导出 {result.task_count} 项任务，按牵头单位分为 {len(result.paths)} 个文件：{args.by_unit}")
    else:
        result = _excel().export_xlsx(db, args.plan, args.out, paper=args.paper)
        print(f"已导出 {result.task_count} 项任务：{result.paths[0]}")
    return 0


def _report_import(change_set, args) -> int:
    """Print a change set (JSON or lines, problems on stderr); 1 when it has errors that stop it."""
    for warning in change_set.warnings:
        print(f"注意：{warning.line()}", file=sys.stderr)
    for line in change_set.error_lines():
        print(line, file=sys.stderr)
    whole_file = change_set.whole_file_errors  # a file no row of which can be read: nothing to skip to
    if args.json:
        print(json.dumps(change_set.as_json(), ensure_ascii=False))
    elif not whole_file or change_set.rows_ok:
        print("\n".join(change_set.lines()))
    if change_set.errors and args.skip_bad_rows and not whole_file:
        print(f"注意：{change_set.bad_rows or len(change_set.errors)} 行有错误，已跳过；其余各行照常导入。",
              file=sys.stderr)
        return 0
    if change_set.errors and not args.dry_run:
        hint = "" if whole_file else "（可用 --skip-bad-rows 跳过有错误的行）"
        print(f"有错误，未导入任何内容{hint}。", file=sys.stderr)
    return 1 if change_set.errors else 0


def _import_xlsx(db, args) -> int:
    mapping = _excel().unit_mapping(db, args.map)
    change_set = _excel().compare_import(db, args.plan, args.ledgers, unit_mapping=mapping)
    if _report_import(change_set, args):
        return 1
    from planner.services.ledger_apply import unknown_unit_line

    unmapped = [name for name in change_set.unknown_units if name not in mapping]
    if unmapped and not args.create_units:
        for name in unmapped:
            print(unknown_unit_line(name, change_set.unit_suggestions.get(name, ())), file=sys.stderr)
        if args.dry_run:
            return 0
        print("有单位不在单位目录中，未导入任何内容。", file=sys.stderr)
        return 1
    if args.dry_run:
        return 0
    # Applied even when it changes nothing: the return is recorded as received.
    result = _excel().apply_import(db, args.plan, change_set, mapping, skip_bad_rows=args.skip_bad_rows,
                                   create_units=args.create_units, files=args.ledgers)
    _print_lines(result.round_notes)  # issue 20: what counted as a unit's return for the open round
    if not args.json:
        print(f"已导入：新增任务 {len(result.new_task_ids)} 项，修改字段 {result.changed_fields} 处，"
              f"新增进展 {len(result.progress_ids)} 条" + (f"；导入前已备份到 {result.backup}" if result.backup else ""))
    if result.created_units:
        print(f"注意：已在单位目录中新增：{'、'.join(result.created_units)}", file=sys.stderr)
    return 0


def _print_lines(lines) -> None:
    for line in lines:
        print(line, file=sys.stderr)


def _rounds_service():
    from planner.services import rounds

    return rounds


def _rounds(db, args) -> int:
    """One line per round, newest first: id, name, reply-by date, start date, returned/asked, 进行中 or 已结束."""
    print("编号\t名称\t报送期限\t发起日期\t已报送/单位数\t状态")
    for r in _rounds_service().list_rounds(db, args.plan):
        print(f"{r.id}\t{r.name}\t{r.due.isoformat()}\t{r.started_on.isoformat()}\t{r.returned}/{r.asked}\t"
              + ("进行中" if r.is_open else f"已结束（{r.closed_on.isoformat()}）"))
    return 0


def _round_start(db, args) -> int:
    rounds = _rounds_service()
    started = rounds.start_round(db, args.plan, name=args.name, due=args.due_date, unit_names=args.units)
    status = rounds.round_status(db, started.round_id, today=dt.date.today())
    if started.closed_previous:
        print(f"注意：已结束上一轮“{started.closed_previous}”。", file=sys.stderr)
    if status.due < status.as_of:
        print("注意：报送期限早于今天，尚未报送的单位都将显示为逾期未报。", file=sys.stderr)
    print(f"已发起报送轮次：{status.name}，报送期限 {status.due.isoformat()}，{len(status.replies)} 个单位："
          f"{'、'.join(r.unit for r in status.replies)}", file=sys.stderr)
    print(started.round_id)
    return 0


def _round_status(db, args) -> int:
    """Text: a summary line, one tab-separated line per unit, then the 催报 list; or the JSON of RoundStatus.as_json."""
    status = _rounds_service().round_status(db, args.round, today=args.as_of_date)
    if args.json:
        print(json.dumps(status.as_json(), ensure_ascii=False))
        return 0
    data = status.as_json()
    print(f"{status.name}（报送期限 {data['due']}，截至 {data['as_of']}）：已报送 {data['returned']}/{data['asked']}，"
          f"逾期未报 {data['late']}" + (f"，已于 {data['closed']} 结束" if data["closed"] else ""))
    print("单位\t状态\t发送日期\t报送日期\t文件\t变更行数")
    for unit in data["units"]:
        rows = "" if unit["rows_changed"] is None else unit["rows_changed"]
        print(f"{unit['unit']}\t{unit['state']}\t{unit['sent'] or '-'}\t{unit['returned'] or '-'}\t"
              f"{unit['file'] or '-'}\t{rows if rows != '' else '-'}")
    reminders = status.reminder_lines()
    print(f"催报名单（{len(reminders)}）：")
    for line in reminders:
        print(line)
    return 0


def _export_ics(db, args) -> int:
    from planner.services import calendar

    result = calendar.export_ics(db, args.plan, args.out, today=dt.date.today())
    print(f"已导出日历：{result.path}，完成时限 {result.deadline_count} 项，报送期限 {result.round_count} 项")
    return 0


def _as_of_date(text: str | None) -> dt.date:
    """--as-of as a date: 2026-11-30, 2026/11/30 or 2026年11月30日; today when not given."""
    if text is None:
        return dt.date.today()
    match = re.fullmatch(r"\s*(\d{4})(?:-|/|年)(\d{1,2})(?:-|/|月)(\d{1,2})日?\s*", text)
    try:
        return dt.date(*map(int, match.groups())) if match else dt.date.fromisoformat(text.strip())
    except ValueError:
        raise UserError(f"日期“{text}”无效，请按 2026-11-30 的格式填写。") from None


def _export_docx(db, args) -> int:
    """A plan without 发文机关 and no --issuer is exported without 署名 and 成文日期, with a note on stderr."""
    template = paths.word_template()
    word = _word()
    issuer = args.issuer or ""
    date = args.written if (issuer.strip() or plans.get_plan(db, args.plan).issuer) else None
    _warn_unused_options(args)
    if args.report == "progress":
        texts = word.plan_report_texts(plans.get_plan(db, args.plan), problems=args.problems_text,
                                       next_steps=args.next_text)
        result = word.export_progress_report(db, args.plan, args.out, template, args.as_of_date, issuer=issuer,
                                             date=date, texts=texts)
        _print_warnings(result.notes)
        print(f"已导出进展情况报告（截至{args.as_of_date.isoformat()}）：{result.path}，共 {result.task_count} 项任务")
        return 0
    if args.report == "bulletin":
        result = word.export_bulletin(db, args.plan, args.out, template, args.as_of_date, issuer=issuer, date=date)
        _print_warnings(result.notes)
        print(f"已导出情况通报（截至{args.as_of_date.isoformat()}）：{result.path}，共 {result.task_count} 项任务")
        return 0
    if args.report == "reminder":
        sent = word.export_reminders(db, args.plan, args.out, template, units=args.unit, today=args.as_of_date,
                                     reply_by=args.reply_by_date, per_unit_files=args.per_unit, issuer=issuer,
                                     date=date)
        _print_warnings(sent.notes)
        for path in sent.paths:
            print(f"已导出催办单：{path}")
        print(f"共 {len(sent.units)} 个单位：{'、'.join(sent.units)}；回复期限 {sent.reply_by.isoformat()}")
        return 0
    from planner.exchange.docx_export import PlanExportOptions

    result = word.export_plan_docx(db, args.plan, args.out, template, PlanExportOptions(issuer=issuer, date=date))
    _print_warnings(result.notes)
    print(f"已导出实施方案：{result.path}，共 {result.task_count} 项任务")
    return 0


# Which --report uses each option (None: the 实施方案); any other is named on stderr, not silently dropped.
_DOCX_OPTION_REPORTS = {"as_of": ("--as-of", ("progress", "reminder", "bulletin")),
                        "problems": ("--problems", ("progress",)), "next_steps": ("--next", ("progress",)),
                        "unit": ("--unit", ("reminder",)), "reply_by": ("--reply-by", ("reminder",)),
                        "per_unit": ("--per-unit", ("reminder",))}


def _warn_unused_options(args) -> None:
    for field, (option, reports) in _DOCX_OPTION_REPORTS.items():
        if args.report not in reports and getattr(args, field) not in (None, False):
            print(f"注意：{option} 只用于 --report {'、'.join(reports)}，已忽略。", file=sys.stderr)


def _backups(db, args) -> int:
    for backup in _backup_service().list_backups(db):
        print(backup.line())
    return 0


def _restore_backup(db, args) -> int:
    result = _backup_service().restore_backup(db, args.name)
    count = "?" if result.restored.task_count is None else result.restored.task_count
    print(f"已恢复备份 {result.restored.name}（{result.restored.taken_at:%Y-%m-%d %H:%M:%S}，{count} 项任务）；"
          f"恢复前的数据库已另存为 {result.kept.name}")
    return 0


def _deleted(db, args) -> int:
    from planner.services import recycle_bin

    for deleted in recycle_bin.deleted_tasks(db, args.plan):
        task = deleted.task
        print(f"{task.uid}\t{task.code}\t{deleted.deleted_at.replace('T', ' ')}\t{len(deleted.progress)}\t{task.content}")
    return 0


def _restore_task(db, args) -> int:
    from planner.services import recycle_bin

    task = recycle_bin.restore_by_uid(db, args.uid)
    print(f"已恢复任务 {task.code}：{task.content}")
    return 0


def _backup_service():
    from planner.services import backups

    return backups


_COMMANDS_WITH_DB = {"plans": _plans, "demo": _demo, "export-xlsx": _export_xlsx, "import-xlsx": _import_xlsx,
                     "export-docx": _export_docx, "documents": _documents, "new-plan": _new_plan,
                     "backups": _backups, "restore-backup": _restore_backup, "deleted": _deleted,
                     "restore-task": _restore_task, "rounds": _rounds, "round-start": _round_start,
                     "round-status": _round_status, "export-ics": _export_ics}


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
