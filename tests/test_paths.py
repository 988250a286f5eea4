"""Locations in a source checkout and in the frozen Windows folder; paths with Chinese and spaces."""

import sqlite3
import sys

import openpyxl
from docx import Document

from planner import paths
from planner.app import ui_font_families
from tests.cli_runner import run, without_traceback
from tests.conftest import ROOT


def test_a_source_checkout_finds_resources_and_templates_beside_the_package():
    assert paths.install_root() == ROOT
    assert (paths.resources_dir() / "policy_2018_regional_mechanism.txt").is_file()
    assert paths.word_template().is_file()


def test_the_frozen_folder_finds_them_inside_the_bundle(tmp_path, monkeypatch):
    # PyInstaller's one-folder build unpacks nothing: sys._MEIPASS is its _internal folder.
    bundle = tmp_path / "PolicyPlanner" / "_internal"
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(bundle), raising=False)
    assert paths.resources_dir() == bundle / "resources"
    assert paths.word_template() == bundle / "templates" / "official.docx"


def test_the_data_folder_can_be_pointed_elsewhere(tmp_path, monkeypatch):
    folder = tmp_path / "便携 数据"
    monkeypatch.setenv(paths.DATA_DIR_ENV, str(folder))
    assert paths.default_db_path() == folder / "planner.db" and folder.is_dir()


def test_the_windows_ui_font_is_microsoft_yahei_with_fallbacks():
    assert ui_font_families("win32") == ["Microsoft YaHei UI", "Microsoft YaHei", "SimSun"]
    assert ui_font_families("linux") == []  # fontconfig already picks a Chinese font there


def test_every_command_works_in_a_folder_with_chinese_characters_and_spaces(tmp_path):
    folder = tmp_path / "省发改委 地区处" / "2026年 台账"
    folder.mkdir(parents=True)
    db = folder / "政策 落实.db"
    made = run("--db", db, "demo")
    assert made.returncode == 0, made.stderr
    plan_id = int(made.stdout.strip().splitlines()[-1])

    shot = run("--db", db, "--screenshot", folder / "窗口 截图.png")
    assert shot.returncode == 0 and without_traceback(shot.stderr), shot.stderr
    assert (folder / "窗口 截图.png").stat().st_size > 10_000

    docx_file = folder / "实施 方案（送审稿）.docx"
    exported = run("--db", db, "export-docx", "--plan", plan_id, docx_file)
    assert exported.returncode == 0, exported.stderr
    assert any("实施方案" in p.text for p in Document(docx_file).paragraphs)

    ledger = folder / "任务 台账.xlsx"
    assert run("--db", db, "export-xlsx", "--plan", plan_id, ledger).returncode == 0
    workbook = openpyxl.load_workbook(ledger, read_only=True)
    sheet = workbook.worksheets[0]
    values = [cell.value for row in sheet.iter_rows(max_row=10) for cell in row]
    workbook.close()
    assert "任务内容" in values

    by_unit = folder / "分 单位"
    assert run("--db", db, "export-xlsx", "--plan", plan_id, "--by-unit", by_unit).returncode == 0
    assert (by_unit / "省财政厅.xlsx").is_file()

    imported = run("--db", db, "import-xlsx", "--plan", plan_id, ledger, by_unit / "省财政厅.xlsx", "--json")
    assert imported.returncode == 0, imported.stderr
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
