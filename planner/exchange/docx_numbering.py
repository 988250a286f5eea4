"""Word's automatic list numbers (numbering.xml) rendered as the labels Word shows: 一、 （一） 1.

docx2python 3.7 prints "--" for chineseCounting, so the definitions are read here from the XML
python-docx loads, and the counters are kept as Word keeps them (ECMA-376 Part 1, §17.9):
- a paragraph is numbered by its own w:numPr, else by its style's (following w:basedOn);
- a w:num without overrides continues the list of its w:abstractNum; one with a
  w:startOverride is a list of its own (Word's "restart numbering");
- after a level is used, each deeper level restarts unless its w:lvlRestart says otherwise:
  w:lvlRestart n restarts it only after levels 1…n, and 0 never restarts it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from planner.domain.numerals import int_to_chinese

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_PLACEHOLDER = re.compile(r"%([1-9])")


@dataclass(frozen=True)
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = ""
    restart: int | None = None  # None: after any higher level; 0: never
    legal: bool = False  # w:isLgl: every number in the label as decimal
    suffix: str = "tab"


def _val(element, tag: str, default=None):
    child = element.find(W + tag) if element is not None else None
    if child is None:
        return default
    return child.get(W + "val", default)


def _int(text, default: int) -> int:
    try:
        return int(text)
    except (TypeError, ValueError):
        return default


def _level(lvl, base: _Level | None = None) -> _Level:
    base = base or _Level()
    restart = _val(lvl, "lvlRestart")
    legal = lvl.find(W + "isLgl")
    return _Level(start=_int(_val(lvl, "start"), base.start), fmt=_val(lvl, "numFmt", base.fmt),
                  text=_val(lvl, "lvlText", base.text), restart=_int(restart, 0) if restart is not None else base.restart,
                  legal=legal is not None and legal.get(W + "val", "true") not in ("0", "false"),
                  suffix=_val(lvl, "suff", base.suffix))


class ListNumbering:
    """The numbering definitions of one document and the running counters of its lists."""

    def __init__(self, numbering_root, styles_root) -> None:
        self.warnings: list[str] = []
        self._abstract: dict[str, dict[int, _Level]] = {}
        self._abstract_style_link: dict[str, str] = {}
        self._style_levels: dict[tuple[str, str], int] = {}
        self._nums: dict[str, tuple[str, dict[int, _Level], dict[int, int]]] = {}
        self._counters: dict[tuple[str, str], dict[int, int]] = {}
        self._started: set[tuple[str, int]] = set()
        self._styles = self._read_styles(styles_root)
        if numbering_root is not None:
            self._read_numbering(numbering_root)

    def _read_numbering(self, root) -> None:
        for abstract in root.findall(W + "abstractNum"):
            key = abstract.get(W + "abstractNumId")
            self._abstract[key] = {_int(lvl.get(W + "ilvl"), 0): _level(lvl) for lvl in abstract.findall(W + "lvl")}
            for lvl in abstract.findall(W + "lvl"):
                style = _val(lvl, "pStyle")
                if style:
                    self._style_levels[(key, style)] = _int(lvl.get(W + "ilvl"), 0)
            link = _val(abstract, "numStyleLink")
            if link:
                self._abstract_style_link[key] = link
        raw = {num.get(W + "numId"): (_val(num, "abstractNumId", ""), num) for num in root.findall(W + "num")}
        for num_id, (abstract_id, num) in raw.items():
            overrides: dict[int, _Level] = {}
            starts: dict[int, int] = {}
            for override in num.findall(W + "lvlOverride"):
                ilvl = _int(override.get(W + "ilvl"), 0)
                start = _val(override, "startOverride")
                if start is not None:
                    starts[ilvl] = _int(start, 1)
                lvl = override.find(W + "lvl")
                if lvl is not None:
                    overrides[ilvl] = lvl
            levels = dict(self._abstract_levels(abstract_id, raw))
            for ilvl, lvl in overrides.items():
                levels[ilvl] = _level(lvl, levels.get(ilvl))
            self._nums[num_id] = (abstract_id, levels, starts)

    def _abstract_levels(self, abstract_id: str, raw: dict) -> dict[int, _Level]:
        link = self._abstract_style_link.get(abstract_id)
        if link and link in self._styles:  # a list style: the definitions sit behind the style's own list
            linked = raw.get(self._styles[link][0], ("",))[0]
            if linked and linked != abstract_id:
                return self._abstract.get(linked, {})
        return self._abstract.get(abstract_id, {})

    @staticmethod
    def _read_styles(root) -> dict[str, tuple[str | None, int | None]]:
        """Each paragraph style's (numId, ilvl), following w:basedOn."""
        own: dict[str, tuple[str | None, int | None, str | None]] = {}
        if root is not None:
            for style in root.findall(W + "style"):
                num_pr = style.find(f"{W}pPr/{W}numPr")
                num_id = _val(num_pr, "numId")
                ilvl = _val(num_pr, "ilvl")
                own[style.get(W + "styleId")] = (num_id, _int(ilvl, 0) if ilvl is not None else None,
                                                  _val(style, "basedOn"))
        resolved = {}
        for style_id in own:
            seen, current = set(), style_id
            num_id = ilvl = None
            while current in own and current not in seen:
                seen.add(current)
                own_num, own_ilvl, based_on = own[current]
                num_id = num_id if num_id is not None else own_num
                ilvl = ilvl if ilvl is not None else own_ilvl
                current = based_on
            resolved[style_id] = (num_id, ilvl)
        return resolved

    def label(self, paragraph) -> str:
        """The list label Word draws before ``paragraph`` (a w:p), counting it; "" when it has none."""
        num_id, ilvl = self._numbering_of(paragraph)
        if not num_id or num_id == "0" or num_id not in self._nums:
            return ""
        abstract_id, levels, starts = self._nums[num_id]
        if ilvl not in levels:
            return ""
        key = ("num", num_id) if starts else ("abstract", abstract_id)
        counters = self._counters.setdefault(key, {})
        level = levels[ilvl]
        if ilvl in counters:
            counters[ilvl] += 1
        else:
            first_use = (num_id, ilvl) not in self._started
            counters[ilvl] = starts[ilvl] if ilvl in starts and first_use else level.start
        self._started.add((num_id, ilvl))
        for deeper in [d for d in counters if d > ilvl]:
            restart = levels[deeper].restart if deeper in levels else None
            if restart is None or (restart != 0 and ilvl < restart):
                del counters[deeper]
        if level.fmt in ("bullet", "none"):
            return ""
        label = _PLACEHOLDER.sub(lambda m: self._format(levels, counters, int(m.group(1)) - 1, level.legal),
                                 level.text)
        # A Chinese label (一、 （一）) runs into its text; a tab or space after 1. becomes one space.
        return label if level.suffix == "nothing" or not label or not label[-1].isascii() else label + " "

    def _numbering_of(self, paragraph) -> tuple[str | None, int]:
        p_pr = paragraph.find(W + "pPr")
        num_pr = p_pr.find(W + "numPr") if p_pr is not None else None
        style_id = _val(p_pr, "pStyle")
        style_num, style_ilvl = self._styles.get(style_id, (None, None)) if style_id else (None, None)
        num_id = _val(num_pr, "numId") or style_num
        ilvl = _val(num_pr, "ilvl")
        if ilvl is not None:
            return num_id, _int(ilvl, 0)
        if style_ilvl is not None:
            return num_id, style_ilvl
        return num_id, self._level_of_style(num_id, style_id)

    def _level_of_style(self, num_id: str | None, style_id: str | None) -> int:
        """The level whose w:pStyle names the paragraph's style (a heading style bound to a list)."""
        if num_id in self._nums and style_id:
            return self._style_levels.get((self._nums[num_id][0], style_id), 0)
        return 0

    def _format(self, levels: dict[int, _Level], counters: dict[int, int], ilvl: int, legal: bool) -> str:
        level = levels.get(ilvl, _Level())
        value = counters.get(ilvl, level.start)
        fmt = "decimal" if legal else level.fmt
        text = format_number(value, fmt)
        if text is None:
            warning = f"Word 自动编号格式“{fmt}”无法识别，已按阿拉伯数字显示。"
            if warning not in self.warnings:
                self.warnings.append(warning)
            text = str(value)
        return text


_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_HEAVENLY_STEMS = "甲乙丙丁戊己庚辛壬癸"
_EARTHLY_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
          (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
_CHINESE_FORMATS = {"chineseCounting", "chineseCountingThousand", "chineseLegalSimplified", "japaneseCounting",
                    "taiwaneseCounting", "taiwaneseCountingThousand", "ideographDigital"}


def format_number(value: int, fmt: str) -> str | None:
    """``value`` written in Word's number format ``fmt`` (ST_NumberFormat); None for an unknown format."""
    if fmt in ("decimal", "decimalFullWidth", "decimalFullWidth2", "decimalHalfWidth", "arabicAbjad"):
        return str(value)
    if fmt == "decimalZero":
        return f"{value:02d}"
    if fmt in _CHINESE_FORMATS:
        return chinese_counting(value)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese"):
        return _CIRCLED[value - 1] if 1 <= value <= len(_CIRCLED) else str(value)
    if fmt in ("decimalEnclosedParen", "decimalEnclosedFullstop"):
        return f"({value})" if fmt == "decimalEnclosedParen" else f"{value}."
    if fmt == "ideographTraditional":
        return _HEAVENLY_STEMS[(value - 1) % 10]
    if fmt == "ideographZodiac":
        return _EARTHLY_BRANCHES[(value - 1) % 12]
    if fmt in ("upperLetter", "lowerLetter"):
        letter = chr(ord("A") + (value - 1) % 26) * ((value - 1) // 26 + 1) if value >= 1 else str(value)
        return letter if fmt == "upperLetter" else letter.lower()
    if fmt in ("upperRoman", "lowerRoman"):
        roman, rest = "", value
        for amount, numeral in _ROMAN:
            count, rest = divmod(rest, amount)
            roman += numeral * count
        return roman if fmt == "upperRoman" else roman.lower()
    if fmt in ("bullet", "none"):
        return ""
    return None


def chinese_counting(value: int) -> str:
    """一 … 十 … 二十一 … 一百零一, as Word's chineseCounting writes list numbers."""
    if 1 <= value <= 99:
        return int_to_chinese(value)
    if value == 0:
        return "〇"
    if 100 <= value <= 999:
        hundreds, rest = divmod(value, 100)
        digits = "〇一二三四五六七八九"
        if rest == 0:
            return digits[hundreds] + "百"
        return digits[hundreds] + "百" + ("零" + digits[rest] if rest < 10 else
                                         ("一" if rest < 20 else "") + int_to_chinese(rest))
    return str(value)
