"""Both seeds parse exactly as before; as a PDF text layer or a web page would deliver them, they give the clean outline."""

import dataclasses
import json
import re
import unicodedata

import pytest

from planner.domain.policy_text import parse_policy
from tests.conftest import RESOURCES, ROOT

SEEDS = [(RESOURCES / name).read_text(encoding="utf-8")
         for name in ("policy_2018_regional_mechanism.txt", "policy_regional_strategy_guidance.txt")]
# Each ordinary character that has a Kangxi radical twin, mapped to the twin (一 → ⼀, 工 → ⼯ …).
TO_RADICAL = {ord(unicodedata.normalize("NFKC", chr(code))): chr(code) for code in range(0x2F00, 0x2FD6)}
TO_FULL_WIDTH = {code: chr(code + 0xFEE0) for code in [*range(0x30, 0x3A), *range(0x41, 0x5B), *range(0x61, 0x7B)]}


def outline(document):
    return (document.title, document.date, [(c.number, c.title) for c in document.chapters],
            [(i.number, i.heading, i.paragraphs) for i in document.items], document.signature)


def letter_spaced(text):
    return "\n".join(" ".join(line) for line in text.splitlines())


def headings_spaced(text):
    """Only the 一、 headings letter-spaced, as a PDF whose heading style has expanded spacing."""
    heading = re.compile(r"^\s*[一二三四五六七八九十]{1,3}、")
    return "\n".join(" ".join(line.strip()) if heading.match(line) else line for line in text.splitlines())


def as_web_page(text):
    return ("首页 | 简 | 繁 | EN | 登录\n当前位置：首页 > 政策 > 文件库\n发文机关：某机关\t主题分类：综合政务\n"
            "【字体：大 中 小】 打印本页 关闭窗口\n" + text + "\n【我要纠错】 责任编辑：张三\n扫一扫在手机打开当前页\n"
            "主办单位：某网站　网站标识码bm01000001　京ICP备05070218号")


@pytest.mark.parametrize("seed", SEEDS, ids=["2018", "guidance"])
@pytest.mark.parametrize("transform", [
    lambda text: text.translate(TO_RADICAL),
    lambda text: text.translate(TO_FULL_WIDTH),
    letter_spaced,
    headings_spaced,
    as_web_page,
], ids=["kangxi", "full-width", "letter-spaced", "headings-spaced", "web-page"])
def test_a_transformed_seed_parses_exactly_as_the_clean_seed(seed, transform):
    transformed = transform(seed)
    assert transformed != seed
    document = parse_policy(transformed)
    assert outline(document) == outline(parse_policy(seed))
    assert document.warnings  # the user is told what was changed


GOLDEN = ROOT / "tests" / "fixtures" / "seed_outlines.json"
# Fields added since the snapshot, with the value they take for the seeds.
NEW_FIELDS = {"header_line": "", "issued_by": "", "published_on": None, "dropped": []}


@pytest.mark.parametrize("name", ["policy_2018_regional_mechanism.txt", "policy_regional_strategy_guidance.txt"])
def test_the_seeds_parse_exactly_as_before_these_changes(name):
    """Every field of both seeds' parse, against a snapshot taken with the parser before issue 14."""
    expected = json.loads(GOLDEN.read_text(encoding="utf-8"))[name]
    parsed = json.loads(json.dumps(dataclasses.asdict(parse_policy((RESOURCES / name).read_text(encoding="utf-8"))),
                                   ensure_ascii=False, default=str))
    for field, value in NEW_FIELDS.items():
        assert parsed.pop(field) == value
    assert parsed == expected
