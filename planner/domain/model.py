"""The planner's vocabulary as plain dataclasses: documents, plans, tasks, units, progress."""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field


class Status(enum.StrEnum):
    """A task's status, set by people (已滞后 is their judgement, not the deadline's)."""

    NOT_STARTED = "未启动"
    IN_PROGRESS = "推进中"
    DONE = "已完成"
    DELAYED = "已滞后"
    PAUSED = "已暂停"

    @classmethod
    def parse(cls, text: str) -> Status | None:
        """The status named by ``text`` (its Chinese label), or None."""
        text = (text or "").strip()
        for status in cls:
            if status.value == text:
                return status
        return None


@dataclass(frozen=True)
class Item:
    """A numbered item （一） of a document: heading and full text as paragraphs."""

    number: int
    heading: str
    paragraphs: tuple[str, ...]
    id: int | None = None  # set once stored

    @property
    def text(self) -> str:
        return "\n".join(self.paragraphs)


@dataclass(frozen=True)
class Chapter:
    """A numbered chapter 一、 with its title, lead paragraphs and items.

    A document without chapter headings holds one chapter numbered 0 with an
    empty title, so every item still has a chapter.
    """

    number: int
    title: str
    items: tuple[Item, ...]
    lead: tuple[str, ...] = ()
    heading_line: str = ""  # the heading as written after 一、; ``title`` is derived from it
    id: int | None = None


@dataclass(frozen=True)
class Document:
    """A policy document as parsed: every character of the source lands in one field.

    Only ``title``, ``date`` and the chapters are the outline; the other fields
    keep the rest of the text (dateline, 文号, 主送, preamble, closing,
    signature, attachment) so nothing is lost.
    """

    title: str
    chapters: tuple[Chapter, ...]
    date: dt.date | None = None
    label: str = ""  # e.g. 附件 above the title: only labels the document
    dateline: str = ""  # news-agency line such as 新华社北京11月29日电
    doc_number: str = ""  # 文号, e.g. 国发〔2018〕12号
    date_line: str = ""  # the issuing-date line as written, e.g. （2018年11月18日）
    recipients: str = ""  # 主送 line
    preamble: tuple[str, ...] = ()
    closing: tuple[str, ...] = ()
    signature: tuple[str, ...] = ()
    attachment: tuple[str, ...] = ()
    id: int | None = None
    warnings: tuple[str, ...] = ()  # what the parser noticed, e.g. a gap in the numbering
    header_line: str = ""  # the red header (版头) above the 文号, e.g. 某省人民政府办公厅文件
    issued_by: str = ""  # the issuing organ where the source names it (a web page's 发文机关)
    published_on: dt.date | None = None  # a web page's 发布日期 (``date`` is the 成文日期)
    dropped: tuple[str, ...] = ()  # web-page lines left out (navigation, toolbar, footer); not stored

    @property
    def items(self) -> list[Item]:
        return [item for chapter in self.chapters for item in chapter.items]

    @property
    def issuer(self) -> str:
        """The issuing organ: as the source names it, else the bodies before 关于 in the title."""
        if self.issued_by:
            return self.issued_by
        head, sep, _ = self.title.partition("关于")
        return head.strip() if sep else ""


@dataclass(frozen=True)
class Unit:
    """A department in the units directory."""

    id: int
    name: str
    sort_order: int = 0


@dataclass(frozen=True)
class Plan:
    """An office's implementation plan (实施方案) for one document."""

    id: int
    uid: str
    document_id: int
    name: str
    office: str = ""
    year: int | None = None
    warning_days: int = 30
    preamble: str = ""  # the 实施方案's opening paragraph; empty: written from the document's title
    issuer: str = ""  # 发文机关: the office's full name, the 署名 of its Word documents; empty: not set yet
    recipients: str = ""  # 主送机关 of its 进展情况报告, e.g. 省人民政府; empty: a placeholder is printed
    report_problems: str = ""  # 存在问题 last written for a 进展情况报告
    report_next_steps: str = ""  # 下一步工作安排 last written for a 进展情况报告
    contact_name: str = ""  # 联系人 printed under a report or 催办单
    contact_phone: str = ""  # 联系电话


@dataclass(frozen=True)
class Task:
    """One unit of work under an item, with its assignment and state."""

    id: int
    uid: str
    plan_id: int
    item_id: int
    code: str
    content: str
    lead_unit: str = ""
    support_units: tuple[str, ...] = ()
    leader: str = ""
    deadline_phrase: str = ""
    deadline_date: dt.date | None = None
    status: Status = Status.NOT_STARTED
    percent: int = 0
    note: str = ""
    source_passage: str = ""
    sort_order: int = 0


@dataclass(frozen=True)
class ProgressEntry:
    """A dated progress note, from a person or an import; history is never overwritten."""

    date: dt.date
    text: str
    status: Status | None = None
    percent: int | None = None
    source: str = "手工录入"
    id: int | None = None


@dataclass(frozen=True)
class NewTask:
    """What a caller supplies to create a task; ids and uids are assigned on save."""

    item_id: int
    content: str
    lead_unit: str = ""
    support_units: tuple[str, ...] = ()
    leader: str = ""
    deadline_phrase: str = ""
    status: Status = Status.NOT_STARTED
    percent: int = 0
    note: str = ""
    source_passage: str = ""
    code: str = ""
    deadline_date: dt.date | None = None  # what deadline_phrase means; filled by the service
    progress: tuple[ProgressEntry, ...] = field(default=())
