"""A title of several lines broken at its own joints, as GB/T 9704-2012 7.3.3 asks.

回行时，要做到词意完整，排列对称，长短适宜，间距恰当，标题排列应当使用梯形或菱形.
Break points come from the title's own joints — the 《》 of a cited document, 关于,
贯彻落实, the closing 实施方案/意见/报告, a 的 or a 、 — and a small lexicon of the words
policy titles are made of keeps every other word whole; no word segmenter is needed.
"""

from __future__ import annotations

import itertools
import math

from planner.domain.outside_text import one_line
from planner.domain.text_width import text_em

# 2号 (22 pt) over the 156 mm (442 pt) type area: 20 characters a line.
TITLE_LINE_EM = 20.0

_NO_LINE_START = set("》）」』”’，、。；：！？%)]")
_NO_LINE_END = set("《（「『“‘([")

# The kind of document, closing the title: the line break goes before it.
_KINDS = ("进展情况报告", "执行情况的报告", "实施方案", "工作方案", "行动方案", "行动计划", "实施意见", "指导意见",
          "若干措施", "若干意见", "实施细则", "管理办法", "情况报告", "工作报告", "工作要点", "方案", "意见", "通知",
          "报告", "规划", "办法", "决定", "细则", "要点", "通报")
# Words that open a phrase: a line may well start with them.
_OPENERS = ("关于", "贯彻落实", "落实", "印发", "转发", "建立", "加快", "推进", "推动", "促进", "加强", "完善", "深化",
            "进一步", "支持", "做好", "开展", "构建", "健全", "优化", "全面", "坚持", "实施", "服务")
# Words of policy titles that must not be split (besides the kinds and openers).
_WORDS = (
    "中共中央", "国务院", "办公厅", "人民政府", "委员会", "发展改革委", "区域协调", "协调发展", "高质量发展", "新机制",
    "体制机制", "机制", "乡村振兴", "产业振兴", "生态环境", "生态保护", "营商环境", "市场主体", "城乡建设", "绿色发展",
    "绿色低碳", "循环发展", "经济体系", "长江经济带", "经济带", "西部大开发", "大开发", "新格局", "新时代", "现代化",
    "国民经济", "社会发展", "执行情况", "进展情况", "更加", "有效", "更好", "指导", "重点任务", "新型城镇化", "城镇化",
    "城乡融合", "融合发展", "农业农村", "十四五", "区域", "协调", "发展", "示范", "生态", "保护", "环境", "经济",
    "社会", "改革", "创新", "建设", "城乡", "乡村", "产业", "振兴", "绿色", "低碳", "循环", "体系", "市场", "主体",
    "国家", "省委", "省政府", "格局", "农业", "农村", "重点", "任务", "计划", "执行", "国民", "新型", "融合", "情况",
    "进展", "工作", "年度", "战略", "政策", "措施", "若干", "形成", "推进", "实施", "制度", "体制", "开放", "合作",
    "一体化", "都市圈", "城市群", "基本公共服务", "公共服务", "均等化", "脱贫攻坚", "巩固拓展", "成果", "衔接",
)
_LEXICON = tuple(sorted(set(_KINDS + _OPENERS + _WORDS), key=len, reverse=True))


def break_title(title: str, *, line_em: float = TITLE_LINE_EM) -> tuple[str, ...]:
    """The lines to print ``title`` on, each at most ``line_em`` ems wide.

    One line when it fits; otherwise as few lines as the width allows (or one more,
    when that gives a much better shape), chosen by how good each break point is
    and how the lines sit together: no line much shorter than the others, no
    hourglass (梯形或菱形), words and 《》 titles kept whole where possible.
    """
    title = one_line(title).strip()
    if text_em(title) <= line_em or len(title) < 2:
        return (title,) if title else ()
    scores = _break_scores(title)
    fewest = math.ceil(text_em(title) / line_em)
    best: tuple[float, tuple[int, ...]] | None = None
    candidates = [i for i in range(1, len(title)) if scores[i] is not None]
    for count in (fewest, fewest + 1):
        for cuts in itertools.combinations(candidates, count - 1):
            lines = _lines(title, cuts)
            if any(not line or text_em(line) > line_em for line in lines):
                continue
            value = sum(scores[i] for i in cuts) - _shape_penalty(lines) - 24 * (count - fewest)
            if best is None or value > best[0]:
                best = (value, cuts)
        if best is not None and count == fewest and len(candidates) > 40:
            break  # very long titles: the extra line is not worth the search
    if best is None:  # nothing breaks cleanly (a long run of Latin text): fill the lines
        return _fill(title, line_em)
    return _lines(title, best[1])


def _break_scores(title: str) -> list[float | None]:
    """How good a break before ``title[i]`` is; None where it is not allowed."""
    scores: list[float | None] = [0.0] * len(title)
    scores[0] = None
    inside = [False] * len(title)
    position = 0
    while position < len(title):  # longest lexicon word first, left to right
        word = next((w for w in _LEXICON if title.startswith(w, position)), None)
        if word:
            for k in range(position + 1, position + len(word)):
                inside[k] = True
            position += len(word)
        else:
            position += 1
    depth = 0
    quoted = [False] * len(title)  # inside a cited 《》 title
    for i, char in enumerate(title):
        depth += (char == "《") - (char == "》")
        quoted[i] = depth > 0 and char != "《"
    for i in range(1, len(title)):
        before, after, head, tail = title[i - 1], title[i], title[:i], title[i:]
        if after in _NO_LINE_START or before in _NO_LINE_END or after == " " \
                or (before.isascii() and before.isalnum() and after.isascii() and after.isalnum()):
            scores[i] = None
            continue
        score = -20.0 if inside[i] else 0.0
        if quoted[i] and quoted[i - 1]:
            score -= 4  # a cited title is best kept on fewer lines
        if before == "》" or after == "《":
            score += 10
        if before == " ":
            score += 9
        if before in "、，；":
            score += 6
        if tail.startswith("关于"):
            score += 8
        elif head.endswith("关于"):
            score += 1
        if any(tail == kind or tail.startswith(kind) and _only_kinds(tail) for kind in _KINDS) and before != "的":
            score += 8
        if tail.startswith(_OPENERS):
            score += 3
        if before == "的" and not tail.startswith(_KINDS):
            score += 4
        if before == "的" and tail.startswith(_KINDS):
            score -= 6  # a line of its own for 意见 or 通知 reads badly
        if after in "和与及" or before in "和与及":
            score += 2 if after in "和与及" else -2
        scores[i] = score
    return scores


def _only_kinds(tail: str) -> bool:
    """Whether ``tail`` is made only of kind words (实施方案进展情况报告), a closing （…） allowed."""
    if tail.endswith("）") and "（" in tail:
        tail = tail[:tail.rindex("（")]
    while tail:
        kind = next((kind for kind in _KINDS if tail.startswith(kind)), None)
        if kind is None:
            return False
        tail = tail[len(kind):]
    return True


def _lines(title: str, cuts: tuple[int, ...]) -> tuple[str, ...]:
    bounds = (0, *cuts, len(title))
    return tuple(title[a:b].strip() for a, b in itertools.pairwise(bounds))


def _shape_penalty(lines: tuple[str, ...]) -> float:
    widths = [text_em(line) for line in lines]
    longest, mean = max(widths), sum(widths) / len(widths)
    penalty = 0.5 * sum(abs(width - mean) for width in widths)
    penalty += sum(12 for width in widths if width < 0.45 * longest)
    for left, middle, right in zip(widths, widths[1:], widths[2:], strict=False):
        if middle + 1 < left and middle + 1 < right:
            penalty += 8  # an hourglass is neither 梯形 nor 菱形
    return penalty


def _fill(title: str, line_em: float) -> tuple[str, ...]:
    lines, current = [], ""
    for char in title:
        if current and text_em(current + char) > line_em:
            lines.append(current.strip())
            current = ""
        current += char
    return (*lines, current.strip()) if current.strip() else tuple(lines)
