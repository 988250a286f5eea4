"""parse-policy on the third trial's texts: the user sees the outline and is told what was not clean."""

import json

from tests.cli_runner import run
from tests.conftest import ROOT

POLICY = ROOT / "tests" / "fixtures" / "policy"


def test_a_repeated_item_number_shows_both_items_and_a_warning_on_stderr():
    result = run("parse-policy", POLICY / "item_duplicate.txt")
    assert result.returncode == 0, result.stderr
    assert "  （三）加快产业升级\n  （三）强化要素保障\n" in result.stdout
    assert result.stdout.rstrip().endswith("共 3 个部分，5 个条目")
    assert result.stderr.splitlines() == [
        "注意：条目编号重复：“（三）强化要素保障。统筹用地、用能指标，”与上一条目编号相同，已作为单独的条目，请核对原文。"]


def test_a_date_written_with_a_digit_zero_is_the_date_and_not_text_of_the_last_item():
    result = run("parse-policy", POLICY / "date_digit0.txt", "--json")
    assert result.returncode == 0, result.stderr
    outline = json.loads(result.stdout)
    assert outline["date"] == "2025-03-10"
    assert outline["chapters"][-1]["items"][-1]["text"] == "加强组织领导。各地要建立工作机制，明确责任分工。"


def test_a_text_with_three_stray_control_characters_is_read_not_refused():
    result = run("parse-policy", POLICY / "ctrl_in_headings.txt", "--json")
    assert result.returncode == 0, result.stderr
    headings = [item["heading"] for chapter in json.loads(result.stdout)["chapters"] for item in chapter["items"]]
    assert headings == ["指导思想", "主要目标", "加快产业升级", "强化要素保障", "加强组织领导"]
    assert result.stderr.splitlines() == [
        "注意：已去除 3 个不可见字符（零宽空格、软连字符、控制字符等），它们不显示，却会使搜索找不到文字。"]
