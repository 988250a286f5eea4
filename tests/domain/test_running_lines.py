"""Running headers and footers found in a PDF's pages by repeating at their edges."""

from planner.domain.running_lines import drop_running_lines

BODY = [
    "（一）指导思想。坚持稳中求进工作总基调，推动高质量发展，\n加快形成统筹有力的区域协调",
    "发展新机制。\n（二）基本原则。坚持市场主导与政府引导相结合，\n更好发挥政府作用。",
    "（三）总体目标。到2020年，建立与全面建成小康社会相适应的\n区域协调发展新机制。",
    "（四）推动陆海统筹发展。加强海洋经济发展顶层设计，\n完善规划体系和管理机制。",
]


def pages_with(header: str | None, footer: str | None, body=BODY) -> list[str]:
    count = len(body)
    return ["\n".join(filter(None, [header and header.format(n=n, m=count), text,
                                    footer and footer.format(n=n, m=count)]))
            for n, text in enumerate(body, start=1)]


def test_a_header_and_each_kind_of_page_footer_go_from_every_page():
    for footer in ("- {n} -", "第 {n} 页 共 {m} 页", "{n}/{m}", "— {n} —"):
        result = drop_running_lines(pages_with("中共中央 国务院文件", footer))
        assert list(result.pages) == BODY, footer
        assert result.headers == ("中共中央 国务院文件",)  # the page numbers need no note


def test_a_header_with_a_constant_issue_number_goes_and_is_named_once():
    result = drop_running_lines(pages_with("国务院公报 2018 年第 34 号", "{n}/{m}"))
    assert list(result.pages) == BODY
    assert result.headers == ("国务院公报 2018 年第 34 号",)


def test_spacing_that_differs_between_pages_still_makes_one_running_line():
    pages = pages_with("中共中央 国务院文件", None)
    pages[1] = pages[1].replace("中共中央 国务院文件", " 中共中央国务院文件")
    assert list(drop_running_lines(pages).pages) == BODY


def test_a_line_that_appears_once_stays_even_at_a_page_edge():
    pages = pages_with(None, "- {n} -")
    pages[0] = "中共中央 国务院文件\n" + pages[0]
    result = drop_running_lines(pages)
    assert result.pages[0] == "中共中央 国务院文件\n" + BODY[0]
    assert result.headers == ()


def test_a_header_on_half_of_the_pages_or_fewer_stays():
    pages = pages_with(None, None)
    pages[1] = "中共中央 国务院文件\n" + pages[1]
    pages[2] = "中共中央 国务院文件\n" + pages[2]
    assert drop_running_lines(pages).pages == tuple(pages)
    pages[3] = "中共中央 国务院文件\n" + pages[3]  # three of four: most pages
    assert list(drop_running_lines(pages).pages) == BODY


def test_one_page_is_left_as_it_is():
    page = ["中共中央 国务院文件\n" + BODY[0] + "\n- 1 -"]
    assert drop_running_lines(page).pages == tuple(page)


def test_the_letterhead_above_a_doc_number_stays_on_the_first_page_only():
    pages = pages_with("某省人民政府办公厅文件", "- {n} -")
    pages[0] = pages[0].replace("某省人民政府办公厅文件", "某省人民政府办公厅文件\n某政办发〔2025〕12 号")
    result = drop_running_lines(pages)
    assert result.pages[0] == "某省人民政府办公厅文件\n某政办发〔2025〕12 号\n" + BODY[0]
    assert list(result.pages[1:]) == BODY[1:]


def test_a_title_repeated_as_the_running_header_stays_as_the_first_line():
    title = "关于建立更加有效的区域协调发展新机制的意见"
    result = drop_running_lines(pages_with(title, None))
    assert result.pages[0] == f"{title}\n{BODY[0]}"
    assert list(result.pages[1:]) == BODY[1:]


def test_a_table_whose_rows_repeat_inside_the_pages_is_content():
    row = "{k} 第{k} 项任务：推动区域协调发展相关工作 省发展改革委 2026 年底前"
    pages = ["\n".join(row.format(k=k) for k in range(start, start + 5)) for start in (1, 6, 11, 16)]
    assert drop_running_lines(pages).pages == tuple(pages)


def test_a_row_at_each_page_end_numbered_unlike_the_pages_is_content():
    # One row a page at the bottom, numbered 12, 24, 36: not a page number.
    pages = [f"{BODY[n]}\n{12 * (n + 1)} 第{12 * (n + 1)} 项任务 省发展改革委 2026 年底前" for n in range(4)]
    assert drop_running_lines(pages).pages == tuple(pages)


def test_a_header_given_last_on_some_pages_is_still_the_same_running_line():
    # pypdf gives a page's header first or last depending on when the page drew it.
    pages = pages_with("中共中央 国务院文件", None)
    pages[2] = BODY[2] + "\n中共中央 国务院文件"
    pages[3] = BODY[3] + "\n中共中央 国务院文件"
    result = drop_running_lines(pages)
    assert list(result.pages) == BODY and result.headers == ("中共中央 国务院文件",)


def test_odd_and_even_pages_with_headers_of_their_own():
    body = BODY + BODY  # eight pages
    pages = [("国务院公报\n" if n % 2 == 0 else "2018 年第 34 号\n") + text + f"\n- {n + 1} -"
             for n, text in enumerate(body)]
    result = drop_running_lines(pages)
    assert list(result.pages) == body
    assert result.headers == ("国务院公报", "2018 年第 34 号")


def test_a_line_on_two_even_pages_of_eight_is_content():
    body = BODY + BODY
    pages = list(body)
    pages[1] = "推动区域协调发展\n" + pages[1]
    pages[5] = "推动区域协调发展\n" + pages[5]
    assert drop_running_lines(pages).pages == tuple(pages)


def test_an_odd_page_header_long_enough_to_wrap_is_named_whole():
    odd = "中共中央 国务院关于建立更加有效的区域协调发展新机制的意\n见"
    pages = [("国务院公报" if n % 2 else odd) + "\n" + text + f"\n- {n + 1} -" for n, text in enumerate(BODY)]

    result = drop_running_lines(pages)

    assert list(result.pages) == BODY
    assert result.headers == ("中共中央 国务院关于建立更加有效的区域协调发展新机制的意见", "国务院公报")


def test_a_two_line_header_of_short_lines_is_named_line_by_line():
    result = drop_running_lines(pages_with("国务院公报\n2018年第34号", "{n}/{m}"))

    assert list(result.pages) == BODY
    assert result.headers == ("国务院公报", "2018年第34号")


def test_a_blank_last_page_does_not_hide_a_header_on_all_but_the_first_page():
    pages = ["某省人民政府办公厅关于推进示范区建设的实施意见\n" + BODY[0]] + [
        f"某省人民政府公报\n{text}" for text in BODY[1:3]] + ["\n"]

    result = drop_running_lines(pages)

    assert list(result.pages[1:3]) == BODY[1:3]
    assert result.headers == ("某省人民政府公报",)
