"""Quote marks drawn in a fallback font go back into the gaps left for them on their line."""

from planner.domain.policy_text import parse_policy
from planner.exchange.pdf_fallback_glyphs import RunCollector, restore_fallback_glyphs
from planner.exchange.policy_file import read_policy_file
from tests.conftest import RESOURCES, ROOT

IDENTITY = [1, 0, 0, 1, 0, 0]
CJK = {"/BaseFont": "/BAAAAA+WenQuanYiMicroHei"}
CJK_OTHER_SUBSET = {"/BaseFont": "/DAAAAA+WenQuanYiMicroHei"}
LATIN = {"/BaseFont": "/CAAAAA+DejaVuSans"}


def runs(*drawn):
    """Text runs as pypdf's visitor reports them, in drawing order: (text, x, font), 16 pt, on one
    baseline. pypdf's plain text has them in the same order."""
    collector = RunCollector()
    for text, x, font in drawn:
        collector(text, IDENTITY, [1, 0, 0, 1, x, 500.0], font, 16.0)
    return collector.runs


def test_quotes_drawn_after_the_line_go_into_its_gaps():
    # The Chinese run leaves a gap after 进 (x 95.5) and after 体, 进, 面; the quotes, drawn first,
    # are one run from the first gap on.
    drawn = runs(("“ ” “ ”", 95.5, LATIN), ("进 五位一体 总体布局和协调推进 四个全面 战略布局，立足", 79.5, CJK))
    page = "前一行\n“ ” “ ”进 五位一体 总体布局和协调推进 四个全面 战略布局，立足\n后一行"
    assert restore_fallback_glyphs(page, drawn) == "前一行\n进“五位一体”总体布局和协调推进“四个全面”战略布局，立足\n后一行"


def test_a_closing_quote_after_the_first_character_and_runs_in_two_subsets_of_one_font():
    drawn = runs(("”", 95.5, LATIN), ("子 ", 79.5, CJK), ("推动京津冀协同发展", 103.8, CJK_OTHER_SUBSET))
    assert restore_fallback_glyphs("”子 推动京津冀协同发展", drawn) == "子”推动京津冀协同发展"


def test_an_item_number_pushed_off_the_line_start_comes_back():
    drawn = runs(("“ ”", 415.5, LATIN), ("（四）推动国家重大区域战略融合发展。以 一", 111.5, CJK),
                 ("带一路 ", 439.8, CJK), ("建", 496.1, CJK))
    page = "“ ”（四）推动国家重大区域战略融合发展。以 一带一路 建"
    assert restore_fallback_glyphs(page, drawn) == "（四）推动国家重大区域战略融合发展。以“一带一路”建"


def test_a_quote_that_opens_the_line_stays_first_and_its_partner_fills_the_gap():
    drawn = runs(("“ ”", 79.5, LATIN), ("十三五 时期，区域协调发展取得新成效", 87.8, CJK))
    assert restore_fallback_glyphs("“ ”十三五 时期，区域协调发展取得新成效", drawn) == "“十三五”时期，区域协调发展取得新成效"


def test_a_line_is_left_as_pypdf_read_it_when_a_glyph_finds_no_gap():
    # Three quote marks, two gaps: no guess.
    drawn = runs(("“ ” “", 95.5, LATIN), ("以 一带一路 建设", 79.5, CJK))
    assert restore_fallback_glyphs("“ ” “以 一带一路 建设", drawn) == "“ ” “以 一带一路 建设"
    # The run stands far from any gap.
    drawn = runs(("“", 300.0, LATIN), ("以 一带一路建设为重点，实行更加积极主动的开放战略", 79.5, CJK))
    assert restore_fallback_glyphs("“以 一带一路建设为重点，实行更加积极主动的开放战略", drawn) == (
        "“以 一带一路建设为重点，实行更加积极主动的开放战略")


def test_real_spaces_and_runs_side_by_side_are_not_touched():
    # 2018 in the Latin font stands beside the Chinese runs, not inside one: nothing to mend.
    drawn = runs(("（", 111.5, CJK), ("2018", 127.5, LATIN), ("年", 171.4, CJK), ("11", 190.6, LATIN), ("月", 214.2, CJK))
    assert restore_fallback_glyphs("（2018 年 11 月", drawn) == "（2018 年 11 月"
    drawn = runs(("中共中央 国务院", 79.5, CJK))
    assert restore_fallback_glyphs("中共中央 国务院", drawn) == "中共中央 国务院"


def test_the_word_made_pdf_keeps_all_thirty_items_and_their_quotes():
    clean = parse_policy((RESOURCES / "policy_2018_regional_mechanism.txt").read_text(encoding="utf-8"))
    document = parse_policy(read_policy_file(ROOT / "tests" / "fixtures" / "policy" / "seed000_quotes.pdf").text)
    assert [i.number for i in document.items] == list(range(1, 31))
    assert [(i.heading, i.text) for i in document.items] == [(i.heading, i.text) for i in clean.items]
    assert "以“一带一路”建设、京津冀协同发展" in document.items[3].text
