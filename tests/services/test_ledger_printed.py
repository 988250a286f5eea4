"""The 台账 of the demo plan as LibreOffice prints it: text large enough, nothing cut off, pages numbered.

LibreOffice lays a sheet out like Excel only with Calibri's metrics (Carlito, which .ci/run
installs): column widths are counted in the default font's digit width.
"""

import re
import subprocess

import pytest

from planner.services import demo, excel, tasks
from tests.libreoffice import convert

TODAY_EXPORT = "2026-11-21 09:30"


def _carlito() -> bool:
    fonts = subprocess.run(["fc-list", ":family=Carlito"], capture_output=True, text=True).stdout
    return bool(fonts.strip())


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    import datetime as dt
    import os

    from planner.exchange.builtin import load_builtin, load_demo
    from planner.services.workspace import open_workspace
    from tests.conftest import RESOURCES

    assert _carlito(), "LibreOffice needs Carlito (Debian fonts-crosextra-carlito) to lay out columns as Excel does"
    folder = tmp_path_factory.mktemp("printed")
    db = open_workspace(folder / "plan.db", load_builtin(RESOURCES))
    plan_id = demo.create_demo_plan(db, load_demo(RESOURCES), today=dt.date(2026, 11, 21))
    contents = [task.content for task in tasks.list_tasks(db, plan_id)]
    path = folder / "台账.xlsx"
    excel.export_xlsx(db, plan_id, path, now=dt.datetime(2026, 11, 21, 9, 30))
    db.close()
    pdf = convert(path, folder, "pdf", fonts=True)
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    boxes = subprocess.run(["pdftotext", "-enc", "UTF-8", "-bbox", str(pdf), "-"],
                           capture_output=True, text=True, check=True).stdout
    return contents, text, boxes


WORD = re.compile(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<')


def _column_text(boxes: str, header: str, next_header: str) -> str:
    """The text printed in one column, page by page and line by line (pdftotext reads across rows).

    Cells are left-aligned, so a column's text starts at its left edge: the nearest frequent word
    start left of its (centred) header, up to the next column's left edge.
    """
    pages = boxes.split("<page ")[1:]
    words = [[(float(x1), float(y1), float(x2), word) for x1, y1, x2, word in WORD.findall(page)] for page in pages]
    heads = {word: x1 for x1, _, _, word in words[0] if word in (header, next_header)}

    def left_edge(limit: float) -> float:
        # The nearest frequent word start left of the header (the column to its left starts further left).
        starts = [round(x1) for page in words for x1, _, _, _ in page if limit - 120 < x1 < limit]
        frequent = [x for x in set(starts) if starts.count(x) >= 20]
        return max(frequent)

    left, right = left_edge(heads[header]), left_edge(heads[next_header])
    return "".join(word for page in words for x1, y1, _, word in sorted(page, key=lambda w: (w[1], w[0]))
                   if left - 1 <= x1 < right - 1)


def test_printed_body_text_is_at_least_nine_points(printed):
    _, _, boxes = printed
    # A Chinese character is one em wide: a header word's width over its characters is the printed size.
    first_page = boxes.split("<page ")[1]
    sizes = [(float(x2) - float(x1)) / len(word) for x1, _, x2, word in WORD.findall(first_page)
             if word in ("任务内容", "牵头单位", "配合单位", "最新进展")]
    assert len(sizes) == 4
    assert min(sizes) >= 9.0, f"printed at {min(sizes):.1f} pt"


def test_every_task_prints_whole_and_no_cell_shows_hashes(printed):
    contents, text, boxes = printed
    column = _column_text(boxes, "任务内容", "牵头单位")
    missing = [content for content in contents if re.sub(r"\s+", "", content) not in column]
    assert missing == []  # rows tall enough: nothing is cut off at the cell's bottom
    assert "###" not in text  # every date fits its column


def test_pages_are_numbered_and_the_guide_is_printed(printed):
    _, text, _ = printed
    pages = re.findall(r"第 (\d+) 页，共 (\d+) 页", text)
    assert pages and pages[0] == ("1", pages[0][1]) and len(pages) == int(pages[0][1])
    assert "填报说明：请只填绿色表头各列" in re.sub(r"\s+", "", text)
    assert f"导出时间：{TODAY_EXPORT}" in text
