"""The claims explorer: static rows that a script filters, narrows, sorts and downloads, and a
row that a link points at, shown below the sticky header and highlighted with or without
JavaScript."""

import csv
import io
import json
import re
from pathlib import Path

import pytest
from browsing import visit

from il12_evidence.paths import DATA_DIR

ROWS = ".claims-table tbody tr"
# shown: not hidden by a filter (a row may sit in a group the reader has not opened)
VISIBLE_IDS = "els => els.filter(e => !e.hidden && !e.closest('details[hidden]')).map(e => e.id)"
TARGET = "c-rituximab-response-rate"


@pytest.fixture(scope="module")
def explorer_tab(browser, server):
    page = visit(browser, server, "claims/")
    yield page
    page.close()


@pytest.fixture
def explorer(explorer_tab):
    """The explorer, loaded once for this module's tests, with every claim shown again."""
    explorer_tab.click("button.explorer-reset")
    yield explorer_tab
    assert explorer_tab.errors == []


def _claims(site: Path) -> dict:
    return json.loads((site / "claims.json").read_text(encoding="utf-8"))


def _visible(page) -> list[str]:
    return page.eval_on_selector_all(ROWS, VISIBLE_IDS)


def _filter(page, text: str) -> None:
    """Type into the filter as a reader does, and wait out its debounce."""
    page.fill("#claims-filter", text)
    page.wait_for_function(
        "text => document.querySelector('.claims-count').dataset.query === text", arg=text, timeout=3000
    )


def test_filtering_by_a_primary_study_finds_its_claims(explorer, site):
    with (DATA_DIR / "primary_studies.csv").open(encoding="utf-8") as f:
        algazi = {row["primary_id"] for row in csv.DictReader(f) if "Algazi" in row["label"]}
    with (DATA_DIR / "primary_sources.csv").open(encoding="utf-8") as f:
        expected = {f"c-{row['claim_id']}" for row in csv.DictReader(f) if row["primary_id"] in algazi}
    assert expected
    page = explorer
    total = page.locator(ROWS).count()
    assert total == len(_claims(site))
    row = page.locator(f"#{TARGET}").element_handle()  # not an Algazi claim
    _filter(page, "Algazi")
    # the rows are the static ones, hidden or shown, not a table drawn again
    assert row.evaluate("r => r.isConnected && r.hidden")
    assert set(_visible(page)) == expected
    assert page.inner_text(".claims-count") == f"{len(expected)} of {total} claims"
    # and the reader sees why: the study whose abstract was read is named in each row shown
    cells = page.eval_on_selector_all(
        ".claims-table tbody tr:not([hidden]) td[data-label='Source comparison']", "els => els.map(e => e.textContent)"
    )
    assert cells and all("Algazi" in cell for cell in cells), cells


def test_facets_narrow_the_rows(explorer, site):
    claims = _claims(site)
    page = explorer
    options = page.eval_on_selector_all("#claims-facet-mark option", "els => els.map(e => e.textContent)")
    words = {"held": "checked", "truncated": "holds under an assumption", "failed": "inconsistent",
             "copied": "copied from its source", "unchecked": "not checked"}  # fmt: skip
    present = {claim["mark"] for claim in claims.values()}
    assert all(any(option.endswith(words[mark]) for option in options) for mark in present), options
    worst = next(mark for mark in ("failed", "copied", "truncated") if mark in present)
    page.select_option("#claims-facet-mark", worst)
    failed = {f"c-{claim_id}" for claim_id, claim in claims.items() if claim["mark"] == worst}
    assert set(_visible(page)) == failed
    topic = page.locator(f"#{sorted(failed)[0]}").get_attribute("data-topic")
    page.select_option("#claims-facet-topic", topic)
    both = set(_visible(page))
    assert both and both <= failed
    assert all(page.locator(f"#{row}").get_attribute("data-topic") == topic for row in both)
    verdicts = page.eval_on_selector_all("#claims-facet-verdict option", "els => els.map(e => e.value)")
    page.select_option("#claims-facet-verdict", verdicts[1])
    assert set(_visible(page)) <= both
    # a filter opens the groups it finds rows in, and hides the others
    groups = page.eval_on_selector_all("details.claims-group", "els => els.map(e => [e.open, e.hidden])")
    assert all(opened != hidden for opened, hidden in groups), groups
    page.click("button.explorer-reset")
    assert len(_visible(page)) == len(claims)


def test_sorting_toggles_aria_sort_and_orders_rows(explorer):
    page = explorer
    page.evaluate("document.querySelector('details.claims-group').open = true")
    header = page.locator(".claims-table th", has=page.locator("button", has_text="Study")).first
    button = header.locator("button")
    button.focus()
    page.keyboard.press("Enter")
    assert header.get_attribute("aria-sort") == "ascending"
    order = """() => { const c = new Intl.Collator(undefined, {numeric: true, sensitivity: 'base'});
        const sorted = dir => [...document.querySelectorAll('.claims-table tbody')].every(body => {
            const keys = [...body.rows].map(r => r.dataset.study);
            return keys.every((k, i) => i === 0 || dir * c.compare(keys[i - 1], k) <= 0); });
        return sorted(1) ? 'up' : sorted(-1) ? 'down' : 'none'; }"""
    assert page.evaluate(order) == "up"
    button.click()
    assert header.get_attribute("aria-sort") == "descending"
    assert page.evaluate(order) == "down"
    # every group is sorted alike, its header saying so
    assert page.locator(".claims-table th[aria-sort]").count() == page.locator(".claims-table").count()


def test_csv_holds_exactly_the_rows_shown_with_formulas_neutralised(explorer):
    page = explorer
    _filter(page, "Ansell")
    shown = _visible(page)
    assert 0 < len(shown) < page.locator(ROWS).count()
    # formula-like text in a shown row must reach the spreadsheet as text
    cell = page.locator(f"#{shown[0]} td[data-label='Source text']")
    original = cell.evaluate("td => { const text = td.textContent; td.textContent = '=1+2 Ansell'; return text; }")
    try:
        with page.expect_download() as download:
            page.click("button.csv-download")
    finally:
        cell.evaluate("(td, text) => { td.textContent = text; }", original)
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    records = list(csv.reader(io.StringIO(text, newline="")))
    header, rows = records[0], records[1:]
    assert header[:4] == ["Claim id", "Claim", "Stated", "Check of the review's numbers"]
    assert [f"c-{row[0]}" for row in rows] == shown
    assert rows[0][header.index("Source text")] == "'=1+2 Ansell"
    assert download.value.suggested_filename == "claims-filtered.csv"


@pytest.mark.parametrize("javascript", [True, False], ids=["script", "no-script"])
def test_linked_row_is_below_the_header_and_highlighted(browser, server, javascript):
    page = visit(browser, server, f"claims/#{TARGET}", javascript=javascript)
    try:
        page.wait_for_timeout(100)
        header = page.locator(".md-header").bounding_box()
        row = page.locator(f"#{TARGET}")
        box = row.bounding_box()
        assert box["y"] >= header["y"] + header["height"] - 1, (box, header)
        assert box["y"] + 20 <= 900  # its first line is on screen
        background = row.evaluate("r => getComputedStyle(r).backgroundColor")
        plain = page.locator(f"{ROWS}:not(#{TARGET})").first.evaluate("r => getComputedStyle(r).backgroundColor")
        assert background != plain, background
        # the filters are drawn in the page (so nothing shifts when the script starts) and work only with it
        assert page.locator(".explorer-controls").is_visible()
        assert page.locator("#claims-filter").is_enabled() == javascript
    finally:
        page.close()


def test_link_to_a_filtered_out_row_shows_every_claim_again(explorer):
    page = explorer
    _filter(page, "Algazi")
    assert TARGET not in _visible(page)
    page.evaluate(f"location.hash = '#{TARGET}'")
    page.wait_for_function(f"() => !document.getElementById('{TARGET}').hidden", timeout=3000)
    assert page.input_value("#claims-filter") == ""
    header = page.locator(".md-header").bounding_box()
    assert page.locator(f"#{TARGET}").bounding_box()["y"] >= header["height"] - 1


def test_filtering_stays_fast_with_five_times_the_claims(browser, server, site):
    """Filtering hides and shows the existing rows (no re-rendering) well within a keystroke's
    pause with 5 × today's claims, past the 400 rows from which rows off screen are not laid out.
    Its speed is measured by `make bench`, not asserted here."""
    copies = 5
    html = (site / "claims" / "index.html").read_text(encoding="utf-8")
    start, end = html.index("<tbody>") + len("<tbody>"), html.index("</tbody>")
    rows = html[start:end]
    many = "".join(re.sub(r'id="c-([^"]+)"', rf'id="c-\1-{n}"', rows) for n in range(copies))
    page = visit(browser, server, "404.html")
    try:
        # served at the explorer's own depth, so its relative links and assets resolve
        page.route(
            f"{server}/claims/many.html",
            lambda route: route.fulfill(body=html[:start] + many + html[end:], content_type="text/html"),
        )
        page.goto(f"{server}/claims/many.html", wait_until="load")
        assert page.locator(ROWS).count() == len(_claims(site)) + (copies - 1) * rows.count("<tr ")
        first = page.locator(ROWS).first.element_handle()
        page.evaluate(
            """() => {
                const input = document.getElementById('claims-filter');
                for (const text of ['ansell', 'ansell 2002 response', 'algazi', '']) {
                    input.value = text;
                    input.dispatchEvent(new KeyboardEvent('keydown', {key: 'Enter'}));
                }
            }"""
        )
        assert first.evaluate("row => row.isConnected && !row.hidden")  # the same row element, shown again
        page.evaluate("document.querySelector('details.claims-group').open = true")
        page.locator(".claims-table th button", has_text="Stated").first.click()
        assert page.locator(".claims-table th[aria-sort]").count() >= 1
    finally:
        page.close()
