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


_contexts: dict[tuple, object] = {}

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def context(browser, color_scheme: str = "light", *, width: int = 1280, touch: bool = False, javascript: bool = True):
    """One shared browser context per kind of reader (a context per page costs more than the page)."""
    key = (id(browser), color_scheme, width, touch, javascript)
    if key not in _contexts:
        viewport = PHONE if width == PHONE["width"] else {"width": width, "height": DESKTOP["height"]}
        _contexts[key] = browser.new_context(
            color_scheme=color_scheme,
            viewport=viewport,
            accept_downloads=True,
            has_touch=touch,
            is_mobile=touch,
            java_script_enabled=javascript,
        )
    return _contexts[key]


def _empty_search_index(route):
    """Material's search worker indexes the whole site on every page load: give it nothing to index."""
    index = route.fetch().json()
    index["docs"] = []
    route.fulfill(json=index)


def visit(browser, server: str, path: str, color_scheme: str = "light", *, search: bool = False, **options):
    """Open a page in a fresh tab, recording every request and every console or page error.

    options (width, touch, javascript) choose the shared context, see context(). Unless `search`,
    the search index is served empty: building it costs CPU that tests of other things need."""
    page = context(browser, color_scheme, **options).new_page()
    if not search:
        page.route("**/search/search_index.json", _empty_search_index)
    page.requests, page.errors = [], []
    page.on("request", lambda request: page.requests.append(request.url))
    page.on("console", lambda message: page.errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    response = page.goto(f"{server}/{path}", wait_until="load")
    assert response is not None and response.ok, f"{path}: HTTP {response and response.status}"
    return page


def axe_violations(page, context=None) -> list[str]:
    """axe-core's violations on the page (or in the elements `context` selects), one line each."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, context=context)
    return [
        f"{v['id']}: {v['help']} — {[node['target'] for node in v['nodes']][:3]}"
        for v in results.response["violations"]
    ]


def assert_clean_page(page, server: str, *, scheme: str) -> None:
    """The page is in the expected Material scheme, fetched nothing from another host, logged no
    error, decoded every figure, and axe-core finds no violation."""
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == scheme
    # figures load lazily: ask for them now and wait until each is decoded (or fails)
    page.evaluate(
        "Promise.all([...document.images].map(i => { i.loading = 'eager'; return i.decode().catch(() => null); }))"
    )
    images = page.eval_on_selector_all("img", "els => els.map(e => [e.src, e.naturalWidth > 0])")
    assert [src for src, loaded in images if not loaded] == []
    foreign = [url for url in page.requests if not url.startswith((server, "data:", "blob:"))]
    assert foreign == [], f"requests to other hosts: {foreign}"
    assert page.errors == [], f"console errors: {page.errors}"
    assert axe_violations(page) == []


FIGURE_PROPORTIONS = """async () => Promise.all([...document.querySelectorAll('.evidence-figure img')].map(async img => {
    // read each figure file as the browser does (XML: attribute names are case-sensitive)
    const svg = new DOMParser().parseFromString(await (await fetch(img.currentSrc)).text(), 'image/svg+xml');
    const box = svg.documentElement.getAttribute('viewBox');
    const [w, h] = box ? box.trim().split(/[\\s,]+/).slice(2).map(Number) : [0, 0];
    const drawn = w && h ? w / h : 0;
    const shown = img.naturalWidth / img.naturalHeight;
    return [img.currentSrc.split('/').pop(), box !== null && Math.abs(shown - drawn) < 0.02 * drawn];
}))"""


def assert_figures_keep_their_proportions(page) -> None:
    """Each figure file has its viewBox and the browser draws it at that aspect ratio (an SVG
    without one falls back to 300 × 150 and is cropped)."""
    figures = page.evaluate(FIGURE_PROPORTIONS)
    distorted = [name for name, ok in figures if not ok]
    assert distorted == [], f"figures without a usable viewBox (drawn at 300 × 150 and cropped): {distorted}"


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
    SKIP_CLASSES = {"claim", "computed", "status-legend", "md-source-file", "headerlink", "read-at"}

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
