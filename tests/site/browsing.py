"""Helpers for the browser tests: the site's pages, a recorded visit, axe-core."""

import posixpath
from html.parser import HTMLParser
from pathlib import Path

import yaml

from il12_evidence.paths import ROOT


def site_pages(site: Path) -> list[str]:
    """Every page's URL path, e.g. 'notebooks/01_single_agent/'."""
    pages = [page.parent.relative_to(site).as_posix() for page in site.rglob("index.html")]
    return sorted("" if page == "." else page + "/" for page in pages)


_contexts: dict[tuple[int, str], object] = {}


def visit(browser, server: str, path: str, color_scheme: str = "light"):
    """Open a page in a fresh tab, recording every request and every console or page error.

    Tabs share one browser context per colour scheme (a context per page costs more than the page)."""
    key = (id(browser), color_scheme)
    if key not in _contexts:
        _contexts[key] = browser.new_context(
            color_scheme=color_scheme, viewport={"width": 1280, "height": 900}, accept_downloads=True
        )
    page = _contexts[key].new_page()
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


class _ProseText(HTMLParser):
    """Visible text of a page's article that is typed prose: it leaves out what is traced to
    data (claim links, computed spans, tables, figures), citations, code and outside links."""

    SKIP_TAGS = {"table", "figure", "svg", "img", "code", "pre", "cite", "script", "style", "nav", "button", "noscript"}
    SKIP_CLASSES = {
        "claim",
        "computed",
        "status-legend",
        "md-source-file",
        "headerlink",
        "claim-notes",
        "answers",
        "data-text",
    }

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth_in_article = 0
        self.skipping: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "article":
            self.depth_in_article += 1
        classes = set((attributes.get("class") or "").split())
        external = tag == "a" and (attributes.get("href") or "").startswith(("http://", "https://"))
        skip = self.skipping or tag in self.SKIP_TAGS or classes & self.SKIP_CLASSES or external
        if skip and tag not in VOID_TAGS:
            self.skipping.append(tag)

    def handle_endtag(self, tag):
        if self.skipping and self.skipping[-1] == tag:
            self.skipping.pop()
        elif tag == "article":
            self.depth_in_article -= 1

    def handle_data(self, data):
        if self.depth_in_article and not self.skipping:
            self.text.append(data)


VOID_TAGS = {"img", "br", "hr", "input", "meta", "link", "source", "wbr"}


def prose_text(html: str) -> str:
    parser = _ProseText()
    parser.feed(html)
    return " ".join(parser.text)
