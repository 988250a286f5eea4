"""Loading the data files in resources/: built-in documents, units, demo tasks."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

# The documents shipped with the program: (key, file name). The first is the
# product's own document, the one a new database opens on.
BUILTIN_DOCUMENTS = (
    ("regional-mechanism-2018", "policy_2018_regional_mechanism.txt"),
    ("regional-strategy-guidance", "policy_regional_strategy_guidance.txt"),
)


@dataclass(frozen=True)
class BuiltinData:
    """What a new database is filled with."""

    documents: tuple[tuple[str, str], ...]  # (key, text)
    units: tuple[str, ...]
    aliases: dict[str, str]


@dataclass(frozen=True)
class DemoData:
    """Task texts and progress notes for the demo plan."""

    tasks_by_item: dict[int, list[dict]]
    progress_notes: dict[str, list[str]]
    leaders: tuple[str, ...]


def load_builtin(resources: Path) -> BuiltinData:
    units = json.loads((resources / "units.json").read_text(encoding="utf-8"))
    documents = tuple((key, (resources / name).read_text(encoding="utf-8"))
                      for key, name in BUILTIN_DOCUMENTS)
    return BuiltinData(documents=documents, units=tuple(units["units"]),
                       aliases=dict(units.get("aliases", {})))


def load_keyword_units(resources: Path) -> tuple[tuple[str, str], ...]:
    """The keyword → suggested lead unit table for breakdown suggestions."""
    data = json.loads((resources / "keyword_units.json").read_text(encoding="utf-8"))
    return tuple((keyword, unit) for keyword, unit in data["keywords"])


def load_demo(resources: Path) -> DemoData:
    data = json.loads((resources / "demo_tasks.json").read_text(encoding="utf-8"))
    return DemoData(tasks_by_item={int(k): v for k, v in data["items"].items()},
                    progress_notes=data["progress"], leaders=tuple(data["leaders"]))
