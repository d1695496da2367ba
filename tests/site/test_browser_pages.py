"""Every page in a real browser (light scheme; dark in test_browser_dark.py): it loads from this
host only, logs no error, shows its figures, links only to pages and anchors that exist, and
axe-core finds nothing. Search and navigation."""

import json
import re
from urllib.parse import urlsplit

import pytest
from browsing import assert_clean_page, assert_figures_keep_their_proportions, nav_pages, site_pages, visit


def pytest_generate_tests(metafunc):
    if "path" in metafunc.fixturenames:
        metafunc.parametrize("path", nav_pages())


def test_every_nav_page_is_built(site):
    assert sorted(nav_pages()) == [page for page in site_pages(site) if page != "404/"]


def test_page_is_clean_and_accessible_in_light_scheme(browser, server, site, path):
    page = visit(browser, server, path)
    try:
        assert_clean_page(page, server, scheme="default")
        assert_figures_keep_their_proportions(page)
        _check_links(page, server, site, path)
    finally:
        page.close()


def _check_links(page, server, site, path):
    """Every link to this site reaches a page or file, and every #anchor is in its static HTML
    (explorer rows included: they are rendered at build time, not by the script)."""
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
    broken = []
    for href in set(hrefs):
        if not href.startswith(server):
            continue
        parts = urlsplit(href)
        target = site / parts.path.lstrip("/")
        if target.is_dir():
            target = target / "index.html"
        if not target.exists():
            broken.append(href)
            continue
        anchor = parts.fragment
        if anchor and target.suffix == ".html":
            html = target.read_text(encoding="utf-8")
            if not re.search(rf'id="{re.escape(anchor)}"', html):
                broken.append(href)
    assert broken == [], f"{path}: broken links {sorted(broken)[:10]}"


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


@pytest.mark.parametrize("query, expected", [("Younes", "single_agent"), ("Ansell", "combinations")])
def test_search_finds_a_study_by_first_author(browser, server, query, expected):
    page = visit(browser, server, "", search=True)
    try:
        page.click(".md-search__input")
        page.keyboard.type(query)  # Material listens to key events, not to a filled value
        result = page.locator(f".md-search-result__link[href*='{expected}']").first
        result.click(timeout=10000)  # a locator re-resolves while the result list re-renders
        page.wait_for_load_state()
        assert expected in page.url
        assert query in page.inner_text("article")
    finally:
        page.close()


def test_search_leaves_out_the_claims_explorer(browser, server):
    # the explorer is one big table: as a search result it would be a wall of table text
    page = visit(browser, server, "", search=True)
    try:
        page.click(".md-search__input")
        page.keyboard.type("rituximab")
        page.locator(".md-search-result__link[href*='combinations']").first.wait_for(timeout=10000)
        links = page.eval_on_selector_all(".md-search-result__link", "els => els.map(e => e.getAttribute('href'))")
        assert links and not [href for href in links if "claims/" in href]
    finally:
        page.close()


def test_navigation_reaches_every_section(browser, server):
    page = visit(browser, server, "")
    try:
        page.click("nav.md-nav--primary >> text=Evidence audit")
        page.wait_for_load_state()
        assert page.url.endswith("/notebooks/08_evidence_audit/")
        assert "Evidence audit" in page.inner_text("h1")
    finally:
        page.close()
