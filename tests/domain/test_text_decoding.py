"""Text files in the encodings the second trial used: UTF-16 LE without a BOM and Big5 are read;
binary data and GBK text are judged as before."""

import datetime as dt
from pathlib import Path

import pytest

from planner.domain.policy_text import parse_policy
from planner.domain.text_decoding import decode_text
from planner.errors import UserError
from planner.exchange.policy_file import read_policy_file, read_policy_text

POLICY = Path(__file__).resolve().parents[1] / "fixtures" / "policy"
_UTF8 = "关于测试的意见\n一、总体要求\n（一）指导思想。坚持稳中求进，推动高质量发展。\n".encode()


def test_utf16_le_without_a_bom_is_read_as_text():
    document = parse_policy(read_policy_text(POLICY / "utf16le_nobom.txt"))
    assert document.title == "某省人民政府办公厅关于推进示范区建设的实施意见"
    assert [item.number for item in document.items] == [1, 2, 3, 4, 5]
    assert document.items[-1].text == "加强组织领导。各地要建立工作机制，明确责任分工。"
    assert document.date == dt.date(2025, 3, 10)


def test_utf16_be_without_a_bom_is_read_as_text():
    text = "关于测试的意见\r\n一、总体要求\r\n（一）指导思想。坚持稳中求进。\r\n"
    assert decode_text(text.encode("utf-16-be"), name="be.txt") == text


def test_big5_text_is_read_in_its_traditional_characters():
    document = parse_policy(read_policy_text(POLICY / "big5.txt"))
    assert document.title == "某省人民政府辦公廳關於推進示範區建設的實施意見"
    assert document.doc_number == "某政辦發〔2025〕12號"
    assert [item.heading for item in document.items] == ["指導思想", "主要目標", "加快產業升級", "強化要素保障", "加強組織領導"]
    assert document.signature == ("某省人民政府辦公廳", "2025年3月10日")


def test_reading_big5_tells_the_user_and_reading_gbk_or_utf16_does_not():
    assert read_policy_file(POLICY / "big5.txt").warnings == (
        "文件“big5.txt”是繁体中文 Big5 编码，已按 Big5 读取，文字保留繁体字。",)
    assert read_policy_file(POLICY / "utf16le_nobom.txt").warnings == ()


def test_gbk_text_is_still_read_as_gbk():
    text = "关于测试的意见\n一、总体要求\n（一）指导思想。坚持稳中求进，推动高质量发展。\n"
    assert decode_text(text.encode("gbk"), name="gbk.txt") == text


@pytest.mark.parametrize("data", [
    bytes(range(256)) * 4,  # NULs, controls and bytes of every value
    b"PK\x03\x04\x14\x00\x06\x00" + b"\x00\x01\x02\x03" * 100,  # a zip's header
    "一二三四".encode("utf-16-le") * 50,  # UTF-16 without a single line break
    _UTF8 + b"\x00",  # UTF-8 text with a stray NUL: odd length
    _UTF8[:10] + b"\x00\x00" + _UTF8[10:],  # even length, decodes as UTF-16 but has no line break there
])
def test_binary_data_with_nul_bytes_is_still_refused(data):
    with pytest.raises(UserError, match="“x.bin”不是文本文件"):
        decode_text(data, name="x.bin")
