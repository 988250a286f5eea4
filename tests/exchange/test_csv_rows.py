"""A CSV return is read a row at a time, under the sheet limits, and a file that cannot be split gets a message."""

import io

import pytest

from planner.exchange.csv_rows import _lines, read_csv_rows
from planner.exchange.xlsx_import import read_ledger


@pytest.mark.parametrize("text", ['a,b\r\nc,"d\ne"\r\nf', "x\ry\rz", "a\n\nb\n", "one", ""])
def test_lines_come_as_a_newline_free_string_io_gives_them(text):
    assert list(_lines(text)) == list(io.StringIO(text, newline=""))


def test_a_quoted_line_break_stays_inside_its_cell(tmp_path):
    path = tmp_path / "r.csv"
    path.write_text('任务内容,备注\r\n甲,"第一行\r\n第二行"\r\n', encoding="utf-8-sig")
    assert [[cell.value for cell in row] for row in read_csv_rows(path)] == [
        ["任务内容", "备注"], ["甲", "第一行\r\n第二行"]]


def test_a_field_too_long_for_the_csv_reader_is_a_message_not_a_traceback(tmp_path):
    path = tmp_path / "长字段.csv"
    path.write_text('任务内容,备注\n甲,"' + "很" * 200_000 + '"\n', encoding="utf-8")
    ledger = read_ledger(path)
    assert [problem.message for problem in ledger.errors] == [
        "“长字段.csv”不是可以读取的 CSV 文件（field larger than field limit (131072)）；"
        "请在 WPS 或 Excel 中另存为 .xlsx 后再导入。"]


def test_more_than_200_columns_is_refused_with_the_sheet_limits(tmp_path):
    path = tmp_path / "宽.csv"
    path.write_text("任务内容,牵头单位\n" + ",".join(["1"] * 201) + "\n", encoding="utf-8")
    assert [problem.message for problem in read_ledger(path).errors] == [
        "“宽.csv”用到了 2 行 × 201 列，超过台账的上限（100000 行、200 列），未读取；请删除多余的行列后再导入。"]
