"""The site's other pages as readers get them (browsing.check_page; notebook pages are in
test_browser_notebooks.py), the popover's links, search and navigation."""

import json

from browsing import nav_pages, notebook_paths, read_as_a_reader, site_pages, visit


def pytest_generate_tests(metafunc):
    if "path" in metafunc.fixturenames:
        metafunc.parametrize("path", [path for path in nav_pages() if path not in notebook_paths()])


def test_every_nav_page_is_built(site):
    """Every page is in the nav; the only others are the redirects from the old addresses."""
    built = [page for page in site_pages(site) if page != "404/" and not page.startswith("notebooks/")]
    assert sorted(nav_pages()) == built


def test_every_page_with_a_figure_is_read_as_a_reader(site):
    """check_page measures figure text at 1280 and 390 px: every page that shows a figure is one it reads."""
    figure_pages = [
        page
        for page in site_pages(site)
        if 'class="evidence-figure"' in (site / page / "index.html").read_text(encoding="utf-8")
    ]
    assert len(figure_pages) >= 4 and set(figure_pages) <= set(nav_pages()), figure_pages


def test_page_reads_well_light_dark_and_on_a_phone(browser, server, site, path):
    read_as_a_reader(browser, server, site, path)


def test_claims_index_links_resolve(site):
    """The popover's links (claims.json hrefs, relative to the site root) reach existing anchors."""
    claims = json.loads((site / "claims.json").read_text(encoding="utf-8"))
    hrefs = {reason["href"] for claim in claims.values() for reason in claim["reasons"]}
    hrefs |= {claim["primary_href"] for claim in claims.values() if claim.get("primary_href")}
    broken = []
    for href in sorted(hrefs):
        path, _, anchor = href.partition("#")
        html = (site / path / "index.html").read_text(encoding="utf-8")
        if f'id="{anchor}"' not in html:
            broken.append(href)
    assert hrefs and broken == []


def _search(page, query: str) -> None:
    page.click(".md-search__input")
    page.keyboard.type(query)  # Material listens to key events, not to a filled value


def test_search_finds_studies_and_leaves_out_the_claims_explorer(browser, server):
    page = visit(browser, server, "", search=True)
    try:
        # the explorer is one big table: as a search result it would be a wall of table text
        _search(page, "rituximab")
        page.locator(".md-search-result__link[href*='combination']").first.wait_for(timeout=10000)
        links = page.eval_on_selector_all(".md-search-result__link", "els => els.map(e => e.getAttribute('href'))")
        assert links and not [href for href in links if "claims/" in href]
        for query, expected in [("Younes", "single-agent"), ("Ansell", "combination")]:
            page.goto(f"{server}/")
            _search(page, query)
            result = page.locator(f".md-search-result__link[href*='{expected}']").first
            result.click(timeout=10000)  # a locator re-resolves while the result list re-renders
            page.wait_for_load_state()
            assert expected in page.url
            assert query in page.inner_text("article")
    finally:
        page.close()


def test_navigation_reaches_every_section(browser, server):
    page = visit(browser, server, "")
    try:
        page.click("nav.md-nav--primary >> text=Evidence audit")
        page.wait_for_load_state()
        assert page.url.endswith("/audit/")
        assert "Evidence audit" in page.inner_text("h1")
    finally:
        page.close()
