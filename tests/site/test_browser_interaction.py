"""What a reader does: switch the palette, read a number's source, explore and download claims."""

from pathlib import Path

from browsing import visit


def test_palette_toggle_switches_scheme(browser, server):
    # its own context: Material remembers the chosen palette, which must not leak into other tests
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(f"{server}/")
        before = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
        page.click("form[data-md-component='palette'] label:visible")
        after = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
        assert {before, after} == {"default", "slate"}
    finally:
        context.close()


def test_focusing_a_number_shows_its_quote_and_status(browser, server):
    page = visit(browser, server, "notebooks/02_combinations/")
    try:
        number = page.locator("a.claim[href$='#c-rituximab-response-rate']").first
        number.focus()
        tip = page.locator("#claim-tip")
        tip.wait_for(state="visible", timeout=5000)
        assert "showed responses to the treatment (69%)" in tip.inner_text()
        assert "inconsistent" in tip.inner_text()
        assert number.get_attribute("aria-describedby") == "claim-tip"
        page.keyboard.press("Escape")
        assert tip.is_hidden()
    finally:
        page.close()


def test_a_number_links_to_its_row_in_the_explorer(browser, server):
    page = visit(browser, server, "notebooks/02_combinations/")
    try:
        page.locator("a.claim[href$='#c-rituximab-response-rate']").first.click()
        row = page.wait_for_selector("#c-rituximab-response-rate", timeout=5000)
        assert "69%" in row.inner_text()
    finally:
        page.close()


def test_explorer_filters_and_sorts_with_the_keyboard(browser, server):
    page = visit(browser, server, "claims/")
    try:
        rows = page.locator("#claims-table tbody tr")
        total = rows.count()
        assert total > 100
        page.focus("#claims-filter")
        page.keyboard.type("Ansell")
        assert 0 < rows.count() < total
        assert all("Ansell" in text for text in rows.all_inner_texts())
        header = page.locator("#claims-table th button", has_text="Stated")
        header.focus()
        page.keyboard.press("Enter")
        assert page.locator("#claims-table th[aria-sort='ascending']").inner_text() == "Stated"
    finally:
        page.close()


def test_tables_offer_a_csv_download(browser, server):
    page = visit(browser, server, "notebooks/01_single_agent/")
    try:
        button = page.locator(".evidence-table button.csv-download").first
        with page.expect_download() as download:
            button.click()
        path = download.value.path()
        text = Path(path).read_text(encoding="utf-8")
        assert text.splitlines()[0].startswith("Study,Group,Stated")
        assert "Duvic 2006 [14]" in text
    finally:
        page.close()
