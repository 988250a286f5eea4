"""templates/official.docx is exactly what templates/build_template.py makes, and holds the whole look."""

import subprocess
import sys
import zipfile

import pytest

from tests.conftest import ROOT
from tests.exchange.conftest import TEMPLATE

PARTS = ("word/styles.xml", "word/settings.xml", "word/fontTable.xml", "word/footer1.xml", "word/footer2.xml")


def test_the_committed_template_matches_its_build_script(tmp_path):
    rebuilt = tmp_path / "official.docx"
    subprocess.run([sys.executable, str(ROOT / "templates" / "build_template.py"), str(rebuilt)], check=True,
                   capture_output=True, timeout=60)
    with zipfile.ZipFile(TEMPLATE) as committed, zipfile.ZipFile(rebuilt) as fresh:
        for name in PARTS:
            assert committed.read(name) == fresh.read(name), f"{name}: run templates/build_template.py"
        document = committed.read("word/document.xml").decode()
        assert document == fresh.read("word/document.xml").decode()


@pytest.mark.parametrize("name", ["方正小标宋简体", "仿宋_GB2312", "楷体_GB2312", "黑体", "宋体"])
def test_every_official_font_is_named_for_east_asian_and_latin_text(name):
    with zipfile.ZipFile(TEMPLATE) as template:
        styles = template.read("word/styles.xml").decode()
    assert f'w:ascii="{name}" w:hAnsi="{name}" w:eastAsia="{name}"' in styles


def test_body_styles_are_condensed_for_28_characters_and_the_template_has_no_thumbnail():
    import docx
    from docx.oxml.ns import qn

    document = docx.Document(str(TEMPLATE))
    for name in ("公文正文", "一级标题", "二级标题", "三级标题", "公文落款", "附件标识"):
        spacing = document.styles[name].element.rPr.find(qn("w:spacing"))
        assert spacing is not None and spacing.get(qn("w:val")) == "-6", name  # −0.3 pt: 28 × 15.7 pt ≤ 442 pt
    assert document.styles["公文标题"].element.rPr.find(qn("w:spacing")) is None
    with zipfile.ZipFile(TEMPLATE) as template:
        assert not [name for name in template.namelist() if "thumbnail" in name]
        assert b"savePreviewPicture" not in template.read("word/settings.xml")
        assert b"characterSpacingControl w:val=\"doNotCompress\"" in template.read("word/settings.xml")
