"""Every page in a real browser (light scheme): loads, stays on this host, no errors, figures
shown, internal links and anchors resolve, and no axe-core violation."""

import json
import re
from urllib.parse import urlsplit

import pytest
from browsing import axe_violations, nav_pages, site_pages, visit


def pytest_generate_tests(metafunc):
    if "path" in metafunc.fixturenames:
        metafunc.parametrize("path", nav_pages())


def test_every_nav_page_is_built(site):
    assert sorted(nav_pages()) == [page for page in site_pages(site) if page != "404/"]


def test_page_loads_cleanly_in_light_scheme(browser, server, site, path):
    page = visit(browser, server, path)
    try:
        foreign = [url for url in page.requests if not url.startswith((server, "data:", "blob:"))]
        assert foreign == [], f"requests to other hosts: {foreign}"
        assert page.errors == [], f"console errors: {page.errors}"
        # figures load lazily: ask for them now and wait until each is decoded (or fails)
        page.evaluate(
            "Promise.all([...document.images].map(i => { i.loading = 'eager'; return i.decode().catch(() => null); }))"
        )
        images = page.eval_on_selector_all("img", "els => els.map(e => [e.src, e.naturalWidth > 0])")
        assert [src for src, loaded in images if not loaded] == []
        assert axe_violations(page) == []
        _check_links(page, server, site, path)
    finally:
        page.close()


def _check_links(page, server, site, path):
    """Every link to this site reaches a page or file, and every #anchor exists on it."""
    claims = json.loads((site / "claims.json").read_text(encoding="utf-8"))
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
            scripted = anchor.startswith("c-") and anchor[2:] in claims  # explorer rows come from claims.json
            if not scripted and not re.search(rf'id="{re.escape(anchor)}"', html):
                broken.append(href)
    assert broken == [], f"{path}: broken links {sorted(broken)[:10]}"


@pytest.mark.parametrize("query, expected", [("Younes", "single_agent"), ("Ansell", "combinations")])
def test_search_finds_a_study_by_first_author(browser, server, query, expected):
    page = visit(browser, server, "")
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


def test_navigation_reaches_every_section(browser, server):
    page = visit(browser, server, "")
    try:
        page.click("nav.md-nav--primary >> text=Evidence audit")
        page.wait_for_load_state()
        assert page.url.endswith("/notebooks/08_evidence_audit/")
        assert "Evidence audit" in page.inner_text("h1")
    finally:
        page.close()
