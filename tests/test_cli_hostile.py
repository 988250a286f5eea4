"""import-xlsx refuses every kind of hostile workbook with one line naming the file, and the database stays as it was.

Each import runs as a child process (the command line as a user runs it): had a guard let a
file through, python-calamine could abort the interpreter, which must not take the tests with
it. Peak memory and time to refusal are measured by tests/perf/bench_hostile.py, not here.
"""

import pytest

from tests import hostile_files
from tests.cli_runner import dump, run, without_traceback

KINDS = {
    "far_cell_xlsx": "“末格.xlsx”的工作表“任务台账”用到了 1048576 行 × 16384 列，超过台账的上限（100000 行、200 列）",
    "corner_cell_xlsx": "“角落.xlsx”的工作表“任务台账”用到了 100000 行 × 200 列，共 20000000 个单元格，"
                        "超过台账的上限（2000000 个单元格）",
    "zip_bomb_xlsx": "“压缩炸弹.xlsx”的工作表“任务台账”有 280 MB 数据，超过上限 50 MB，未读取",
    "ods_bomb": "“压缩炸弹.ods”有 280 MB 表格数据，超过上限 50 MB，未读取",
    "declared_million_rows_xls": "“声明百万行.xls”的工作表“任务台账”声明了 1048576 行 × 256 列，超过台账的上限",
    "long_csv": "“十万零一行.csv”用到了 100002 行 × 2 列，超过台账的上限（100000 行、200 列）",
    "last_cell_xls": "“末格xls.xls”的工作表“任务台账”用到了 65536 行 × 256 列，超过台账的上限",
}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    return {kind: getattr(hostile_files, kind)(folder) for kind in KINDS}


@pytest.mark.parametrize("kind", KINDS)
def test_a_hostile_workbook_is_refused_with_its_reason(db, hostile, kind):
    path, plan_id = db
    before = dump(path)
    result = run("--db", path, "import-xlsx", "--plan", plan_id, hostile[kind])
    assert result.returncode != 0
    assert without_traceback(result.stderr), result.stderr
    assert KINDS[kind] in result.stderr
    assert dump(path) == before


def test_the_bombs_are_small_files(hostile):
    assert hostile["zip_bomb_xlsx"].stat().st_size < 2_000_000
    assert hostile["ods_bomb"].stat().st_size < 2_000_000
    assert hostile["far_cell_xlsx"].stat().st_size < 10_000
