"""Use cases on plans: list them, create one, pick the one to open."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from planner.domain.model import Plan
from planner.errors import UserError
from planner.services.workspace import default_plan_name
from planner.storage import documents, plans, tasks
from planner.storage.plans import PlanSummary

if TYPE_CHECKING:
    from sqlite_utils import Database


def list_plans(db: Database) -> list[PlanSummary]:
    """Every plan, most recently changed first."""
    return plans.list_plans(db)


def get_plan(db: Database, plan_id: int) -> Plan:
    plan = plans.get_plan(db, plan_id)
    if plan is None:
        raise UserError(f"没有编号为 {plan_id} 的实施方案；可用 plans 命令查看已有方案。")
    return plan


def most_recent_plan(db: Database) -> Plan | None:
    """The plan the window opens on: the most recently changed one."""
    summaries = plans.list_plans(db)
    return plans.get_plan(db, summaries[0].id) if summaries else None


def create_plan(db: Database, document_id: int, *, office: str = "", name: str = "",
                year: int | None = None, warning_days: int = 30) -> Plan:
    """A new, empty plan for a stored document."""
    document = documents.load_document(db, document_id)
    if document is None:
        raise UserError("该文件已不存在，无法为它新建实施方案。")
    if warning_days < 0:
        raise UserError("预警天数不能为负数。")
    return plans.create_plan(db, document_id=document_id, name=name.strip() or default_plan_name(document, office),
                             office=office, year=year or dt.date.today().year, warning_days=warning_days)


def update_settings(db: Database, plan_id: int, *, name: str, office: str, year: int,
                    warning_days: int, preamble: str | None = None, issuer: str | None = None) -> Plan:
    """Change a plan's settings; returns the previous ones (for undo).

    Deadlines written without a year (年底前) follow the plan's year. ``preamble``
    and ``issuer`` (发文机关) left None keep their values.
    """
    if not name.strip():
        raise UserError("方案名称不能为空。")
    if not 1949 <= year <= 2100:
        raise UserError(f"方案年度 {year} 不合理，请填写四位年份。")
    if not 0 <= warning_days <= 366:
        raise UserError("预警天数应在 0–366 之间。")
    with db.atomic():
        previous = get_plan(db, plan_id)
        plans.update_plan(db, plan_id, name=name.strip(), office=office.strip(), year=year,
                          warning_days=warning_days,
                          preamble=previous.preamble if preamble is None else preamble.strip(),
                          issuer=previous.issuer if issuer is None else clean_issuer(issuer))
        if year != previous.year:
            # The deadline grammar and the text rules below load when a plan is changed, not
            # with the window, which only reads plans (tests/perf/bench_window.py).
            from planner.domain.deadlines import parse_deadline

            for task in tasks.list_tasks(db, plan_id, include_deleted=True):
                date = parse_deadline(task.deadline_phrase, plan_year=year).date
                if date != task.deadline_date:
                    tasks.update_columns(db, task.id, deadline_date=date.isoformat() if date else None)
    return previous


def set_issuer(db: Database, plan_id: int, issuer: str) -> Plan:
    """Set the plan's 发文机关 (the 署名 of its Word documents); returns the previous settings.

    Raises:
        UserError: no such plan, or the name is empty or looks like a region rather than an office.
    """
    previous = get_plan(db, plan_id)
    with db.atomic():
        plans.update_plan(db, plan_id, issuer=clean_issuer(issuer, required=True))
    return previous


def clean_issuer(text: str, *, required: bool = False) -> str:
    """The 发文机关 as stored and printed: one line, no control characters.

    Raises:
        UserError: a region name alone (河南省): never a 署名; or empty when ``required``.
    """
    from planner.domain.outside_text import one_line

    issuer = one_line(text).strip()
    if required and not issuer:
        raise UserError("发文机关不能为空，请填写单位全称，如“示范省发展和改革委员会”。")
    if issuer and is_region_name(issuer):
        raise UserError(f"“{issuer}”是地区名称，不能作为发文机关署名；请填写单位全称，如“{issuer}发展和改革委员会”。")
    return issuer


def is_region_name(text: str) -> bool:
    """Whether ``text`` names only a region (河南省, 郑州市, 广西壮族自治区): never a 署名 (GB/T 9704 7.3.5)."""
    return re.fullmatch(r"[\u4e00-\u9fff]{1,12}?(?:省|市|自治区|特别行政区|地区|自治州|州|盟|县|自治县|旗|区)", text) is not None


def set_report_texts(db: Database, plan_id: int, *, recipients: str, problems: str, next_steps: str,
                     contact_name: str, contact_phone: str) -> Plan:
    """Keep a 进展情况报告's 主送机关, 存在问题, 下一步工作安排 and 联系人/电话 with the plan; returns the previous plan.

    Texts are kept as typed (paragraphs and all) but without control characters.

    Raises:
        UserError: no such plan.
    """
    from planner.domain.outside_text import clean, one_line

    with db.atomic():
        previous = get_plan(db, plan_id)
        plans.update_plan(db, plan_id, recipients=one_line(recipients).strip(), report_problems=clean(problems).strip(),
                          report_next_steps=clean(next_steps).strip(), contact_name=one_line(contact_name).strip(),
                          contact_phone=one_line(contact_phone).strip())
    return previous
