"""Breakdown suggestions: an item's text split into candidate tasks, each with a suggested lead unit."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from planner.domain.policy_text import is_document_part

# A sentence longer than this that lists several actions is split at its commas.
LONG_SENTENCE = 80
MIN_CLAUSE = 12
DEFAULT_LEAD = "省发展改革委"
_ACTION_VERBS = (
    "加快", "推动", "推进", "完善", "建立", "健全", "加强", "强化", "支持", "鼓励", "深化", "探索", "实施",
    "促进", "提高", "提升", "研究", "制定", "编制", "开展", "实行", "落实", "构建", "优化", "创新", "加大",
    "引导", "规范", "培育", "发挥", "统筹", "组织", "严格", "扩大", "积极", "深入", "坚持", "巩固")


@dataclass(frozen=True)
class Suggestion:
    """A candidate task: the passage it comes from, a lead unit and cooperating units."""

    content: str
    lead_unit: str
    support_units: tuple[str, ...] = ()


def suggest_tasks(item_text: str, heading: str, keyword_units: Sequence[tuple[str, str]],
                  *, default_lead: str = DEFAULT_LEAD) -> list[Suggestion]:
    """Split an item's text into candidate tasks (by sentence, and by clause in long ones).

    Args:
        item_text: the item's full text (paragraphs joined by newlines).
        heading: the item's heading; a sentence that is only the heading is not a task.
        keyword_units: (keyword, unit) pairs, handed in from resources/, not read here.
    """
    suggestions = []
    for passage in split_passages(item_text, heading):
        units = _matching_units(passage, keyword_units)
        lead = units[0] if units else default_lead
        suggestions.append(Suggestion(content=passage, lead_unit=lead, support_units=tuple(units[1:4])))
    return suggestions


def split_passages(item_text: str, heading: str = "") -> list[str]:
    """The sentences of an item (long ones cut at their clauses) that can be tasks.

    A line that is not policy text — a signature, a date, 抄送/印发, a web page's line, as an
    item stored by an older version may still hold at its end — is never proposed.
    """
    passages: list[str] = []
    paragraphs = [paragraph.strip() for paragraph in item_text.split("\n")]
    for index, paragraph in enumerate(paragraphs):
        following = paragraphs[index + 1] if index + 1 < len(paragraphs) else ""
        if is_document_part(paragraph, next_line=following):
            continue
        paragraph = re.sub(r"^——", "", paragraph)
        sentences = [sentence.strip() for sentence in re.findall(r"[^。；！？]+[。；！？]?", paragraph)]
        for position, sentence in enumerate(sentences):
            body = sentence.rstrip("。；！？")
            if not body or body == heading.strip() or len(body) < 4:
                continue
            last = position == len(sentences) - 1
            if body == sentence and is_document_part(sentence, next_line=following if last else "x"):
                continue  # a signature run into the last sentence of the text (no 。 of its own)
            passages += _clauses(sentence) if len(body) > LONG_SENTENCE else [sentence]
    return passages


def _clauses(sentence: str) -> list[str]:
    """A long sentence cut at each comma that is followed by an action verb."""
    pattern = "|".join(_ACTION_VERBS)
    pieces = re.split(rf"，(?=(?:{pattern}))", sentence)
    merged: list[str] = []
    for piece in pieces:
        if merged and (len(piece) < MIN_CLAUSE or len(merged[-1]) < MIN_CLAUSE):
            merged[-1] = f"{merged[-1]}，{piece}"
        else:
            merged.append(piece)
    return [piece if piece.endswith(("。", "；", "！", "？")) else piece + "。" for piece in merged]


def _matching_units(text: str, keyword_units: Sequence[tuple[str, str]]) -> list[str]:
    """Units whose keywords occur in ``text``, earliest occurrence first (longer keyword on a tie)."""
    hits: dict[str, tuple[int, int]] = {}
    for keyword, unit in keyword_units:
        position = text.find(keyword)
        if position >= 0:
            rank = (position, -len(keyword))
            if unit not in hits or rank < hits[unit]:
                hits[unit] = rank
    return sorted(hits, key=hits.__getitem__)
