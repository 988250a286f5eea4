"""Which directory unit an unknown unit name probably means (财政厅 → 省财政厅, 发改委 → 省发展改革委).

Only suggestions: the caller shows them and the user (or `--map`) decides; nothing here
renames a unit on its own (issue 12, "Units").
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

# Below this rapidfuzz similarity (0–1) a directory name is not offered for an unknown one.
# 0.6 keeps 省卫健委 → 省卫生健康委 (0.67) and drops 省财政厅 → 省商务厅 (0.5).
SUGGESTION_THRESHOLD = 0.6
MAX_SUGGESTIONS = 3
_PREFIXES = ("省", "市", "自治区", "区", "县")
_SUFFIXES = ("厅", "委员会", "委", "局", "办公室", "办")


@dataclass(frozen=True)
class UnitSuggestion:
    """A directory unit offered for an unknown name, how sure (0–1) and why."""

    name: str
    score: float
    reason: str


# Whole-name similarity for a typo the stem rules miss: 省财正厅 → 省财政厅 is 0.75 while
# 省商务厅 is 0.5 (their two-character stems differ by half).
TYPO_SIMILARITY = 0.7


def suggest_units(unknown: str, directory: Iterable[str]) -> list[UnitSuggestion]:
    """Directory units the unknown name may mean, best first (at most MAX_SUGGESTIONS).

    Rules first (score 1.0 / 0.95): the name with the province prefix added (财政厅 → 省财政厅)
    or its 厅/委/局 form swapped; then abbreviations whose characters appear in order in the
    full name with the same first and last character (发改委 → 省发展改革委, 0.9); then
    rapidfuzz's normalised similarity of the stems (without prefix and suffix) at or above
    SUGGESTION_THRESHOLD; when none of these finds one, the whole names' similarity at or above
    TYPO_SIMILARITY (省财正厅 → 省财政厅).
    """
    from rapidfuzz import fuzz

    name = _plain(unknown)
    stem = _stem(name)
    found: dict[str, UnitSuggestion] = {}

    def offer(target: str, score: float, reason: str) -> None:
        if target not in found or found[target].score < score:
            found[target] = UnitSuggestion(target, score, reason)

    for target in dict.fromkeys(directory):
        plain = _plain(target)
        if plain == name:
            offer(target, 1.0, "写法不同")
        elif _without_prefix(plain) == _without_prefix(name):
            offer(target, 1.0, "省略了“省”")
        elif stem and _stem(plain) == stem:
            offer(target, 0.95, "厅、委、局写法不同")
        elif _is_abbreviation(_without_prefix(name), _without_prefix(plain)):
            offer(target, 0.9, "简称")
        else:
            score = fuzz.ratio(stem, _stem(plain)) / 100 if stem else 0.0
            if score >= SUGGESTION_THRESHOLD:
                offer(target, round(score, 2), "名称相近")
    if not found:  # a typo in the stem itself (省财正厅): the whole names are compared
        for target in dict.fromkeys(directory):
            score = fuzz.ratio(name, _plain(target)) / 100
            if score >= TYPO_SIMILARITY:
                offer(target, round(score, 2), "字形相近")
    return sorted(found.values(), key=lambda s: (-s.score, s.name))[:MAX_SUGGESTIONS]


def suggest_unit_names(unknown: str, units: Iterable[str], aliases: Mapping[str, str]) -> tuple[str, ...]:
    """suggest_units over the units and their aliases (alias → unit) alike, given as unit names,
    each once: what the window's unknown-unit box and the import's 可能是 offer."""
    found = suggest_units(unknown, [*units, *aliases])
    return tuple(dict.fromkeys(aliases.get(s.name, s.name) for s in found))


def best_unit(unknown: str, directory: Iterable[str]) -> str | None:
    """The first suggestion's name, or None."""
    suggestions = suggest_units(unknown, directory)
    return suggestions[0].name if suggestions else None


def _plain(name: str) -> str:
    return "".join(unicodedata.normalize("NFKC", name).split())


def _without_prefix(name: str) -> str:
    for prefix in _PREFIXES:
        if name.startswith(prefix) and len(name) > len(prefix) + 1:
            return name[len(prefix):]
    return name


def _stem(name: str) -> str:
    name = _without_prefix(name)
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name[: -len(suffix)]
    return name


def _is_abbreviation(short: str, full: str) -> bool:
    """发改委 in 发展改革委: every character in order, first and last the same, shorter."""
    if len(short) < 2 or len(short) >= len(full) or short[0] != full[0] or short[-1] != full[-1]:
        return False
    position = 0
    for char in short:
        position = full.find(char, position)
        if position < 0:
            return False
        position += 1
    return True
