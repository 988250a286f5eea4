"""Which task a returned row is: by uid, by identical content, or by code with agreeing content.

The rule (issue 12, point 1; DESIGN "Files"): a row changes a task only when it surely is that
task. Anything less certain comes back as a question (a conflict the preview lists), never as
a guess that is applied.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from planner.domain.model import Task

# rapidfuzz's normalised similarity (0–1) at or above which a row's 任务内容 agrees with the
# task its 序号 names. 0.9 lets a department fix a typo or a punctuation mark; a different
# task of the same item (same opening words) scores well below it.
CONTENT_MATCH_THRESHOLD = 0.9
_TRAILING = "。；;，,、.．"


def normalise_content(text: str) -> str:
    """Task content as compared: NFKC, no whitespace anywhere, no closing punctuation."""
    return "".join(unicodedata.normalize("NFKC", text or "").split()).rstrip(_TRAILING)


def content_similarity(a: str, b: str) -> float:
    """rapidfuzz's normalised Indel similarity of two normalised contents, 0–1."""
    from rapidfuzz import fuzz

    return fuzz.ratio(normalise_content(a), normalise_content(b)) / 100


@dataclass(frozen=True)
class Identity:
    """A row's task (None: a new task), or the question that keeps it from being applied."""

    task: Task | None = None
    question: str = ""
    candidates: tuple[Task, ...] = ()


class TaskIndex:
    """The plan's live tasks by normalised content and by code, for telling which task a row is."""

    def __init__(self, tasks: Iterable[Task]):
        self.tasks = list(tasks)
        self._by_content: dict[str, list[Task]] | None = None  # built on first use: rows with a uid never need it
        self._lengths: dict[int, list[str]] | None = None
        self._code_index: dict[str, list[Task]] | None = None  # built on first use, as by_content

    @property
    def by_code(self) -> dict[str, list[Task]]:
        if self._code_index is None:
            self._code_index = {}
            for task in self.tasks:
                if task.code:
                    self._code_index.setdefault(task.code.strip(), []).append(task)
        return self._code_index

    @property
    def by_content(self) -> dict[str, list[Task]]:
        if self._by_content is None:
            self._by_content = {}
            for task in self.tasks:
                self._by_content.setdefault(normalise_content(task.content), []).append(task)
        return self._by_content

    def identify(self, content: str, code: str, *, unit_uids: set[str] | None) -> Identity:
        """The task a row without a uid is.

        Args:
            content: the row's 任务内容 ("" when the file has none).
            code: its 序号 as read.
            unit_uids: in a file exported for one unit, the uids of that unit's tasks; a code
                naming another unit's task is then a question, never a match.
        """
        if content:
            same = self.by_content.get(normalise_content(content), [])
            if len(same) == 1:
                return Identity(same[0])
            if len(same) > 1:
                by_code = [task for task in same if task.code == code]
                if len(by_code) == 1:
                    return Identity(by_code[0])
                return Identity(question=f"任务内容与 {len(same)} 项任务（{_codes(same)}）完全相同，无法确定是哪一项",
                                candidates=tuple(same))
        candidates = self.code_candidates(code)
        if candidates:
            return self._by_code(content, code, candidates, unit_uids)
        if content:
            close = self.similar(content)
            if close is not None:
                return Identity(question=f"没有序号对应，任务内容与任务 {close.code} 相近但不相同"
                                         f"（“{short_content(close.content)}”），未作为新任务导入",
                                candidates=(close,))
        return Identity()

    def code_candidates(self, code: str) -> list[Task]:
        """Tasks the 序号 may name: itself, and 3.10 for a 3.1 that lost its trailing 0 as a number."""
        code = (code or "").strip()
        if not code:
            return []
        found = list(self.by_code.get(code, []))
        if "." in code and not code.endswith("0"):
            found += self.by_code.get(code + "0", [])
        return found

    def similar(self, content: str) -> Task | None:
        """The live task whose content is closest at or above CONTENT_MATCH_THRESHOLD, or None.

        Only contents of a length that can reach the threshold are scored: the Indel distance
        of two texts is at least the difference of their lengths, so the similarity
        1 - distance / (a + b) is below the threshold t once |a - b| > (1 - t)(a + b). A return
        of 100,000 rows none of which is a task used to score each against every task.
        """
        from rapidfuzz import fuzz, process

        query = normalise_content(content)
        size, slack = len(query), 1 - CONTENT_MATCH_THRESHOLD
        # |a - b| <= slack (a + b)  <=>  a (1 - slack) / (1 + slack) <= b <= a (1 + slack) / (1 - slack)
        low, high = size * (1 - slack) / (1 + slack), size * (1 + slack) / (1 - slack)
        choices = [key for length, keys in self._by_length().items() if low - 1 <= length <= high + 1 for key in keys]
        if not choices:
            return None
        best = process.extractOne(query, choices, scorer=fuzz.ratio, score_cutoff=CONTENT_MATCH_THRESHOLD * 100)
        if best is None:
            return None
        return self.by_content[best[0]][0]

    def _by_length(self) -> dict[int, list[str]]:
        """Normalised contents by their length, built once (the index's tasks do not change)."""
        if self._lengths is None:
            self._lengths = {}
            for key in self.by_content:
                self._lengths.setdefault(len(key), []).append(key)
        return self._lengths

    def _by_code(self, content: str, code: str, candidates: list[Task], unit_uids: set[str] | None) -> Identity:
        if not content:
            return Identity(question=f"文件中没有任务内容，无法核对序号 {code} 是否为任务 {_codes(candidates)}",
                            candidates=tuple(candidates))
        agree = [task for task in candidates if content_similarity(content, task.content) >= CONTENT_MATCH_THRESHOLD]
        if not agree:
            task = candidates[0]
            return Identity(question=f"序号 {code} 对应的任务 {task.code} 内容不同（本程序中为“{short_content(task.content)}”），"
                                     "无法确定是哪项任务", candidates=tuple(candidates))
        if unit_uids is not None:
            inside = [task for task in agree if task.uid in unit_uids]
            if not inside:
                return Identity(question=f"序号 {code} 对应的任务 {_codes(agree)} 不在本单位导出的台账中",
                                candidates=tuple(agree))
            agree = inside
        if len(agree) > 1:
            return Identity(question=f"序号 {code} 可能是任务 {_codes(agree)}（数字格式丢失了末尾的 0），无法确定",
                            candidates=tuple(agree))
        return Identity(agree[0])


def _codes(tasks: Iterable[Task]) -> str:
    return "、".join(task.code or "（无序号）" for task in tasks)


def short_content(text: str) -> str:
    """A task's content as a line quotes it: its first 30 characters, then … when cut."""
    return text if len(text) <= 30 else text[:30] + "…"
