"""The search page in a real headless Chromium (Debian's, driven by Playwright) over HTTP.

Also takes the screenshot the README shows: into tests/artifacts/ on every run, and
over docs/screenshot.png when UPDATE_SCREENSHOT=1 (so a test run leaves the tree clean).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.usefixtures("engine")  # every test here runs on both engines

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SHOTS = "docs" if os.environ.get("UPDATE_SCREENSHOT") == "1" else "tests/artifacts"
SCREENSHOT = ROOT / SHOTS / "screenshot.png"


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    assert CHROMIUM.exists(), "Debian's chromium is missing: scripts/test installs it with apt-get"

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    """A fresh page that records console errors (CSP violations show there) and dialogs."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    page = context.new_page()
    page.problems = []
    page.on("console", lambda message: message.type == "error" and page.problems.append(message.text))
    page.on("pageerror", lambda error: page.problems.append(str(error)))
    page.on("dialog", lambda dialog: (page.problems.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    yield page
    context.close()
    assert page.problems == []


def count_of(page, facet: str, value: str) -> str:
    return page.locator(f'label.facet-value:has(input[name="{facet}"][value="{value}"]) .count').inner_text()


def test_search_tick_a_facet_and_open_a_document(page, seed_server):
    from playwright.sync_api import expect

    page.goto(seed_server + "/")
    expect(page.locator("#results-heading")).to_contain_text("5 kết quả")
    page.fill("#q", "hợp tác")
    with page.expect_navigation():
        page.press("#q", "Enter")
    expect(page.locator("#results-heading")).to_contain_text("5 kết quả cho “hợp tác”")
    assert count_of(page, "country", "Hàn Quốc") == "4" and count_of(page, "country", "Nhật Bản") == "1"
    assert page.locator(".snippet mark").count() >= 5
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOT))

    with page.expect_navigation():
        page.check('input[name="country"][value="Nhật Bản"]')  # search.js submits the form
    expect(page.locator("#results-heading")).to_contain_text("1 kết quả")
    assert count_of(page, "country", "Hàn Quốc") == "4"  # disjunctive: still offered
    assert page.evaluate("document.activeElement.value") == "Nhật Bản"  # focus came back
    assert page.locator(".hit .snippet mark").count() > 0
    expect(page.locator(".chosen")).to_contain_text("Quốc gia: Nhật Bản")

    page.click(".hit h3 a")
    expect(page.locator("h1")).to_contain_text("Mimasaka")
    assert page.locator(".document .text mark").count() > 0
    page.go_back()
    page.click(".chosen li a")
    expect(page.locator("#results-heading")).to_contain_text("5 kết quả")


def test_the_form_works_without_javascript(browser, seed_server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(seed_server + "/?q=hợp+tác")
    page.check('input[name="country"][value="Hàn Quốc"]')
    page.check('input[name="country"][value="Nhật Bản"]')
    page.select_option("#sort", "oldest")
    page.click("aside button.apply")
    assert re.search(r"country=H%C3%A0n\+Qu%E1%BB%91c&country=Nh%E1%BA%ADt\+B%E1%BA%A3n", page.url)
    assert "5 kết quả" in page.inner_text("#results-heading")
    dates = page.locator(".hit time").evaluate_all("nodes => nodes.map(n => n.dateTime)")
    assert dates == sorted(dates)
    context.close()


def test_phone_layout_and_keyboard(page, seed_server):
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(seed_server + "/?q=hợp+tác")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert page.evaluate("document.querySelector('.filter-panel').open") is False  # folded on a phone
    assert page.locator(".hit").first.bounding_box()["y"] < 740  # so the first hit is on screen
    assert page.evaluate("document.activeElement.id") == "q"  # it has focus on load
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.className") == "skip"  # the first stop, before it
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "q"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("", "none")


def test_hostile_documents_run_nothing(page, live_server, hostile_ids):
    scripted, bare = hostile_ids  # a javascript: URL, which names no release, and no URL at all
    for path in ("/?q=Lào", "/?country=Lào", f"/doc/{scripted}?q=alert", f"/doc/{bare}"):
        page.goto(live_server + path)
        assert page.locator("main img, main script, main b").count() == 0
        assert page.locator('a[href^="javascript:" i]').count() == 0
    source = page.goto(live_server + f"/doc/{scripted}").text()
    assert "&lt;img src=x onerror=alert(1)&gt;" in source and "<img src=x" not in source
    assert "<img src=x onerror=alert(1)>" in page.inner_text("h1")


def test_the_timeline_sets_the_range_and_the_range_form_narrows_it(page, seed_server):
    """The seeds dated by their datelines (17/04/2023, 21/11/2023) are two bars of a monthly chart."""
    from playwright.sync_api import expect

    page.goto(seed_server + "/")
    chart = page.locator("svg.timeline-chart")
    expect(chart).to_be_visible()
    caption = page.locator("#timeline-caption")
    expect(caption).to_contain_text("Số tin theo tháng, từ 4/2023 đến 11/2023 (3 tin không rõ tháng")
    assert chart.locator("a.bar").count() == 2 and chart.locator("rect").count() == 8  # empty months drawn
    assert chart.locator("text.count").all_text_contents() == ["1", "1"]  # counts as text, not colour alone
    assert count_of(page, "year", "unknown") == "3"
    expect(page.locator('label:has(input[value="unknown"]) .value')).to_have_text("Không rõ năm")

    with page.expect_navigation():
        page.click('svg.timeline-chart a.bar[data-period="2023-04"]')
    assert "from=2023-04" in page.url and "to=2023-04" in page.url
    expect(page.locator("#results-heading")).to_contain_text("1 kết quả")
    expect(page.locator(".chosen")).to_contain_text("Thời gian: 4/2023")
    expect(page.locator(".hit time")).to_have_attribute("datetime", "2023-04-17")
    assert page.input_value("#from") == "2023-04" and page.input_value("#to") == "2023-04"

    page.fill("#from", "2023")
    page.fill("#to", "2023-11-30")
    with page.expect_navigation():
        page.press("#to", "Enter")
    expect(page.locator("#results-heading")).to_contain_text("2 kết quả")
    page.locator("details.timeline-table summary").click()  # the chart's text alternative
    expect(page.locator("details.timeline-table tbody tr")).to_have_count(8)


def test_one_click_copies_the_citation(page, seed_server):
    from playwright.sync_api import expect

    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(seed_server + "/?q=Jeollanam")
    page.click(".hit h3 a")
    citation = page.locator("#citation")
    expect(citation).to_contain_text("(17/04/2023), “Bình Phước thăm và làm việc")
    page.click("button.copy-citation")  # hidden without JavaScript, shown with it
    expect(page.locator("button.copy-citation")).to_have_text("Đã sao chép")
    assert page.evaluate("navigator.clipboard.readText()") == citation.inner_text().strip()


def test_the_search_box_has_focus_on_load_and_slash_brings_it_back(page, seed_server):
    page.goto(seed_server + "/?q=hợp+tác")
    assert page.evaluate("document.activeElement.id") == "q"
    page.evaluate("document.activeElement.blur()")
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "q"
    assert page.input_value("#q") == "hợp tác"  # the slash moved focus, it typed nothing
    page.keyboard.type(" 1/2")  # in the box, a slash is a slash
    assert page.input_value("#q") == "hợp tác 1/2"


@pytest.mark.parametrize(("query", "date"), [("Jeollanam", "17/04/2023"), ("Mimasaka", "21/11/2023")])
def test_the_document_page_reads_at_390_px(page, seed_server, query, date):
    """Its facts stack under their headings, so a long heading ("Tỉnh, thành phố (từ
    1/7/2025)") leaves the date its width: it broke as "21/11/202 / 3"."""
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(seed_server + f"/?q={query}")
    page.click(".hit h3 a")
    from playwright.sync_api import expect

    expect(page.locator(".meta time")).to_have_text(date)  # the document page has loaded
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert page.evaluate("document.querySelector('.meta time').getClientRects().length") == 1  # one line
    assert page.locator(".meta time").inner_text() == date
    assert page.locator(".meta dd").first.bounding_box()["width"] > 200


@pytest.fixture(scope="module")
def long_names_server(tmp_path_factory, engine):
    """A server over one release whose outlet has a long name with an unbroken address in it."""
    import json

    from indexer.index.pipeline import index_paths
    from tests.conftest import _serving, new_store

    folder = tmp_path_factory.mktemp("long")
    record = {
        "title": "Hợp tác với Lào về nông nghiệp",
        "url": "https://example.vn/a",
        "text": "Đoàn công tác tỉnh Điện Biên thăm Lào, bàn hợp tác về nông nghiệp và du lịch.",
        "source": "Cổng thông tin điện tử congthongtindientu.dienbien.gov.vn.tinhdienbien.portal",
    }
    (folder / "crawl.jsonl").write_text(json.dumps(record, ensure_ascii=False) + "\n", "utf-8")
    index_paths(new_store(folder / "index", engine), [folder / "crawl.jsonl"])
    yield from _serving(folder / "index", folder / "stderr.log")


@pytest.mark.parametrize("width", [1280, 390])
def test_long_outlet_names_and_facet_headings_stay_inside_the_sidebar(page, long_names_server, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(long_names_server + "/?q=Lào")
    page.evaluate("document.querySelector('.filter-panel').open = true")
    sidebar = page.locator("aside.facets").bounding_box()
    for selector in (".facet-value .value", ".facets legend"):
        for box in page.locator(selector).evaluate_all(
            "nodes => nodes.map(n => { const r = n.getBoundingClientRect(); return r.right; })"
        ):
            assert box <= sidebar["x"] + sidebar["width"] + 0.5, selector
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_a_list_is_counted_in_a_table_that_sorts(page, seed_server):
    page.goto(seed_server + "/?q=hợp+tác")
    page.click("text=Tìm theo danh sách")
    page.fill("#terms", "Imsil\nhợp tác\nGyeongsangbuk\nZzyx")
    page.click("button:has-text('Đếm')")
    terms = "table.batch-table tbody th"
    assert page.locator(terms).all_inner_texts() == ["Imsil", "hợp tác", "Gyeongsangbuk", "Zzyx"]
    page.click("th button:has-text('Số tin')")  # most first
    assert page.locator(terms).all_inner_texts() == ["hợp tác", "Gyeongsangbuk", "Imsil", "Zzyx"]
    assert page.locator("th:has(button:has-text('Số tin'))").get_attribute("aria-sort") == "descending"
    page.click("th button:has-text('Số tin')")  # and back
    assert page.locator(terms).all_inner_texts()[0] == "Zzyx"
    with page.expect_download() as download:
        page.click("button:has-text('Tải CSV')")
    assert download.value.suggested_filename.startswith("thongcao-danh-sach-")
    page.click("table.batch-table a:has-text('Imsil')")
    assert page.locator(".hit").count() == 1


def test_a_saved_search_survives_a_reload_and_counts_what_is_new(page, seed_server):
    from playwright.sync_api import expect

    page.goto(seed_server + "/?q=hợp+tác&country=Hàn+Quốc")
    page.click("#saved summary")
    expect(page.locator("#saved .note")).to_contain_text("không gì được gửi đi")
    page.fill("#save-name", "Hợp tác với Hàn Quốc")
    page.click("form.save-search button")
    saved = page.locator(".saved-list li")
    expect(saved).to_contain_text("Hợp tác với Hàn Quốc")
    expect(saved).to_contain_text("(không có tin mới)")  # as many as when it was saved
    page.reload()
    page.click("#saved summary")
    expect(page.locator(".saved-list li")).to_contain_text("Hợp tác với Hàn Quốc")
    page.evaluate(  # as if it had found one release fewer when last opened
        "() => { const s = JSON.parse(localStorage.getItem('thongcao-saved'));"
        " s[0].seen -= 1; localStorage.setItem('thongcao-saved', JSON.stringify(s)); }"
    )
    page.goto(seed_server + "/?q=Imsil")
    page.click("#saved summary")
    expect(page.locator(".saved-list li")).to_contain_text("(1 mới)")
    assert page.locator(".saved-list li a").first.get_attribute("href").startswith("?q=")
    expect(page.locator(".history-list li").first).to_contain_text("Imsil")
    expect(page.locator(".history-list")).to_contain_text("hợp tác · Hàn Quốc")
