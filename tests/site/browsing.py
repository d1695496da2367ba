"""Helpers for the browser tests: the site's pages, a recorded visit, axe-core."""

import posixpath
from pathlib import Path

import yaml

from il12_evidence.paths import ROOT


def site_pages(site: Path) -> list[str]:
    """Every page's URL path, e.g. 'notebooks/01_single_agent/'."""
    pages = [page.parent.relative_to(site).as_posix() for page in site.rglob("index.html")]
    return sorted("" if page == "." else page + "/" for page in pages)


def visit(browser, server: str, path: str, color_scheme: str = "light"):
    """Open a page, recording every request and every console or page error."""
    context = browser.new_context(color_scheme=color_scheme, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.requests, page.errors = [], []
    page.on("request", lambda request: page.requests.append(request.url))
    page.on("console", lambda message: page.errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    response = page.goto(f"{server}/{path}", wait_until="load")
    assert response is not None and response.ok, f"{path}: HTTP {response and response.status}"
    return page


def axe_violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{v['id']}: {v['help']} — {[node['target'] for node in v['nodes']][:3]}"
        for v in results.response["violations"]
    ]


def nav_pages() -> list[str]:
    """URL paths of every page in the nav, known before the site is built."""

    nav = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["nav"]

    def walk(items):
        for item in items:
            for value in item.values():
                yield from walk(value) if isinstance(value, list) else [value]

    paths = []
    for source in walk(nav):
        stem = posixpath.splitext(source)[0]
        paths.append("" if stem == "index" else stem + "/")
    return paths
