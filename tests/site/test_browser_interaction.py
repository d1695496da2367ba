"""What a reader does with a number or a table: switch the palette, read a number's popover (by
mouse, keyboard or touch), follow it to its explorer row, download a table as CSV."""

import csv
import io
from pathlib import Path

from browsing import axe_violations, low_contrast_marks, visit

NUMBER = "a.claim-link[href$='#c-rituximab-response-rate']"
QUOTE = "showed responses to the treatment (69%)"


def test_scheme_follows_the_system_until_the_reader_switches_it(browser, server):
    # its own context: the choice is remembered, and must not leak into other tests
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    scheme = "document.body.getAttribute('data-md-color-scheme')"
    try:
        page.goto(f"{server}/")
        assert page.evaluate(scheme) == "slate"
        switch = page.locator("button.scheme-toggle")
        assert switch.get_attribute("aria-label") == "Switch to light mode"
        switch.click()
        assert page.evaluate(scheme) == "default"
        assert switch.get_attribute("aria-label") == "Switch to dark mode"
        page.goto(f"{server}/references/")  # remembered on the next page, against the system's setting
        assert page.evaluate(scheme) == "default"
        page.emulate_media(color_scheme="light")
        page.locator("button.scheme-toggle").click()
        assert page.evaluate(scheme) == "slate"
    finally:
        context.close()


def test_focusing_a_number_shows_quote_mark_reasons_and_links(browser, server):
    page = visit(browser, server, "therapy/combination/")
    try:
        number = page.locator(NUMBER).first
        number.focus()
        tip = page.locator("#claim-tip")
        tip.wait_for(state="visible", timeout=5000)
        text = tip.inner_text()
        assert QUOTE in text
        assert "Ansell 2002" in text and "copied: inconsistent, as its source prints it" in text
        assert "its own counts make 67%" in text  # the problem it belongs to, in words
        assert "states the same figure for the same thing (Ansell 2002, abstract)" in text  # what its source says
        reason = tip.locator("a", has_text="Percentage against its counts")
        href = reason.get_attribute("href")
        assert href.endswith("audit/#problem-ansell-overall-response")
        assert reason.evaluate("a => a.href").startswith(server)  # resolved against the site root
        assert number.get_attribute("aria-describedby") == "claim-tip"
        _assert_opaque_and_accessible(page)
        page.keyboard.press("Escape")
        assert tip.is_hidden()
        assert number.get_attribute("aria-describedby") is None
    finally:
        page.close()


def _assert_opaque_and_accessible(page):
    tip = page.locator("#claim-tip")
    background = tip.evaluate("t => getComputedStyle(t).backgroundColor")
    assert background.startswith("rgb(") or background.endswith(", 1)"), background  # no alpha: opaque
    assert axe_violations(page, "#claim-tip") == []
    assert low_contrast_marks(page) == []  # the popover's mark too
    box = tip.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= page.viewport_size["width"]


def test_popover_stays_open_under_the_pointer_and_reads_well_in_dark_scheme(browser, server):
    # the system's dark setting chooses the dark palette; figures on that page are toned down
    page = visit(browser, server, "therapy/combination/", color_scheme="dark")
    try:
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
        number = page.locator(NUMBER).first
        number.scroll_into_view_if_needed()
        number.hover()
        tip = page.locator("#claim-tip")
        tip.wait_for(state="visible", timeout=5000)
        _assert_opaque_and_accessible(page)
        box = tip.bounding_box()
        page.mouse.move(box["x"] + 20, box["y"] + 10, steps=4)  # across the gap, onto the popover
        page.wait_for_timeout(450)
        assert tip.is_visible()
        page.mouse.move(5, 400)
        tip.wait_for(state="hidden", timeout=2000)
        figures = page.eval_on_selector_all(
            ".evidence-figure img",
            """els => els.map(img => {
                const b = getComputedStyle(img).filter.match(/brightness\\(([\\d.]+)\\)/);
                return [b ? parseFloat(b[1]) : 1, getComputedStyle(img.closest('picture')).backgroundColor];
            })""",
        )
        assert figures, "no figure on the page"
        for brightness, card in figures:
            assert brightness < 0.95  # white backgrounds toned down
            assert card not in ("rgba(0, 0, 0, 0)", "rgb(255, 255, 255)"), card  # on a muted card
        assert page.errors == []
    finally:
        page.close()


def test_first_tap_shows_popover_second_tap_follows_link(browser, server):
    page = visit(browser, server, "therapy/combination/", width=390, touch=True)
    try:
        url = page.url
        number = page.locator(NUMBER).first
        number.scroll_into_view_if_needed()
        number.tap()
        tip = page.locator("#claim-tip")
        tip.wait_for(state="visible", timeout=5000)
        assert page.url == url
        assert QUOTE in tip.inner_text()
        box = tip.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390  # fits a phone screen
        number.tap()
        page.wait_for_url("**/claims/#c-rituximab-response-rate", timeout=5000)
    finally:
        page.close()


def test_a_number_links_to_its_row_in_the_explorer(browser, server):
    page = visit(browser, server, "therapy/combination/")
    try:
        page.locator(NUMBER).first.click()
        page.wait_for_url("**/claims/#c-rituximab-response-rate")
        row = page.locator("#c-rituximab-response-rate")
        assert "69%" in row.inner_text()
        assert row.is_visible()
    finally:
        page.close()


def _download(page, button) -> list[list[str]]:
    with page.expect_download() as download:
        button.click()
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline="")))


def test_tables_offer_a_csv_download_with_marks_in_words(browser, server):
    page = visit(browser, server, "therapy/single-agent/")
    try:
        table = page.locator("figure.evidence-table", has=page.locator("button.csv-download")).first
        table.evaluate("f => f.closest('details') && (f.closest('details').open = true)")
        records = _download(page, table.locator("button.csv-download"))
        headers = table.locator("thead th").all_inner_texts()
        assert records[0] == [h.strip() for h in headers]
        assert len(records) == 1 + table.locator("tbody tr").count()
        assert any("Duvic 2006" in field for record in records for field in record)
        stated = [record[records[0].index("Stated")] for record in records[1:]]
        assert all("(" in value for value in stated), stated  # "43% (checked)", not "43%✓"
    finally:
        page.close()


def test_csv_download_neutralises_formulas(browser, server):
    page = visit(browser, server, "therapy/single-agent/")
    try:
        table = page.locator("figure.evidence-table", has=page.locator("button.csv-download")).first
        table.evaluate("f => f.closest('details') && (f.closest('details').open = true)")
        dangerous = ["=1+1", "+SUM(A1)", "-2+3", "@cmd", '=HYPERLINK("http://x","a, b")', "plain"]
        # a reader's spreadsheet must not run what a cell says: put formula-like text in the table
        table.locator("tbody tr").first.evaluate(
            "(row, texts) => texts.forEach((t, i) => { row.cells[i].textContent = t; })", dangerous
        )
        records = _download(page, table.locator("button.csv-download"))
        assert records[1][: len(dangerous)] == ["'=1+1", "'+SUM(A1)", "'-2+3", "'@cmd", "'" + dangerous[4], "plain"]
    finally:
        page.close()
