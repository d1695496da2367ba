"""Helpers for the browser tests: the site's pages, a recorded visit, axe-core."""

import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

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


_AXE_SCRIPT: list[str] = []


def axe_violations(page, context=None, *, rules: list[str] | None = None, skip: list[str] | None = None) -> list[str]:
    """axe-core's violations on the page (or in the elements `context` selects), one line each;
    `rules` runs only those rules, `skip` all others. axe is injected once per page."""
    if not _AXE_SCRIPT:
        from axe_playwright_python.sync_playwright import Axe

        _AXE_SCRIPT.append(Axe().axe_script)
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(_AXE_SCRIPT[0])
    options: dict = {"resultTypes": ["violations"]}
    if rules:
        options["runOnly"] = {"type": "rule", "values": rules}
    if skip:
        options["rules"] = {rule: {"enabled": False} for rule in skip}
    violations = page.evaluate(
        "([context, options]) => axe.run(context || document, options).then(r => r.violations)", [context, options]
    )
    return [f"{v['id']}: {v['help']} — {[node['target'] for node in v['nodes']][:3]}" for v in violations]


# Marks each element of the article whose own style and its descendants' all repeat styles of
# elements already checked: the same colour, background under it, font size, weight, opacity and
# shadow give the same contrast, so axe may skip the repeat. (Checking contrast takes most of
# axe's time, and a page shows dozens of alike numbers, notes and table rows.)
_MARK_REPEATS = """() => {
    const backgroundOf = element => {
        const layers = [];
        for (let e = element; e; e = e.parentElement) {
            const style = getComputedStyle(e);
            layers.push(style.backgroundColor + ' ' + style.backgroundImage);
            if (style.backgroundImage === 'none' && /^rgb\\(|, 1\\)$/.test(style.backgroundColor)) break;
        }
        return layers.join('|');
    };
    const styles = new Map();
    const styleOf = e => {
        if (!styles.has(e)) {
            const s = getComputedStyle(e);
            styles.set(e, [e.tagName, s.color, s.fontSize, s.fontWeight, s.opacity, s.textShadow, backgroundOf(e)].join(';'));
        }
        return styles.get(e);
    };
    const checked = new Set();
    let repeats = 0;
    const visit = element => {
        const subtree = [element, ...element.querySelectorAll('*')];
        if (subtree.every(e => checked.has(styleOf(e)))) {
            element.setAttribute('data-axe-repeat', '');
            repeats++;
            return;
        }
        checked.add(styleOf(element));
        [...element.children].forEach(visit);
    };
    document.querySelectorAll('article').forEach(article => [...article.children].forEach(visit));
    return repeats;
}"""
# Material's header, navigation and footer look alike on every page: checked on the home page.
CHROME = [".md-header"], [".md-sidebar"], [".md-footer"]
CONTRAST_RULES = ["color-contrast", "link-in-text-block"]


# axe leaves the marks (✓ ≈ ✗ · ≠) "for review": to it they are symbols, not text. They carry the
# finding, so hold them to text contrast (4.5:1) against the background they are drawn on.
_MARK_CONTRAST = """() => {
    const rgba = text => {
        const p = text.match(/\\(([^)]*)\\)/)[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number);
        return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
    };
    const over = (top, under) => [0, 1, 2].map(i => top[i] * top[3] + under[i] * (1 - top[3])).concat(1);
    const background = element => {
        const layers = [];
        for (let e = element; e; e = e.parentElement) {
            const colour = rgba(getComputedStyle(e).backgroundColor);
            if (colour[3] > 0) layers.push(colour);
            if (colour[3] >= 1) break;
        }
        return layers.reverse().reduce((under, top) => over(top, under), [255, 255, 255, 1]);
    };
    const luminance = c => c.slice(0, 3).map(v => v / 255)
        .map(v => v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4))
        .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
    const low = new Set();
    for (const mark of document.querySelectorAll('.mark, .disagrees')) {
        if (!mark.getClientRects().length) continue;
        const under = background(mark);
        const [a, b] = [luminance(over(rgba(getComputedStyle(mark).color), under)), luminance(under)];
        const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
        if (ratio < 4.5) low.add(`${mark.className} ${ratio.toFixed(2)}:1`);
    }
    return [...low];
}"""


def low_contrast_marks(page) -> list[str]:
    return page.evaluate(_MARK_CONTRAST)


def contrast_violations(page, *, chrome: bool) -> list[str]:
    """Colour contrast of the page, each style of row or number checked once (see _MARK_REPEATS);
    Material's header, navigation and footer only if `chrome`."""
    page.evaluate(_MARK_REPEATS)
    exclude = [["[data-axe-repeat]"]] + ([] if chrome else list(CHROME))
    return axe_violations(page, {"exclude": exclude}, rules=CONTRAST_RULES) + low_contrast_marks(page)


def accessibility_violations(page, *, chrome: bool = True) -> list[str]:
    """Every axe-core rule: the structural ones on the whole page, contrast as contrast_violations."""
    return axe_violations(page, skip=CONTRAST_RULES) + contrast_violations(page, chrome=chrome)


def assert_clean_page(page, server: str, *, scheme: str, chrome: bool = True) -> None:
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
    assert accessibility_violations(page, chrome=chrome) == []


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


# On a phone: what scrolls sideways, whether a scroll area nests in another, where captions are,
# and whether the first row's cells (key columns above all) are on screen.
PHONE_LAYOUT = """() => {
    const width = document.documentElement.clientWidth;
    const scrolls = e => {
        const s = getComputedStyle(e);
        return /(auto|scroll)/.test(s.overflowX) && e.scrollWidth > e.clientWidth + 1;
    };
    const article = document.querySelector('article');
    const scrollers = [...article.querySelectorAll('*')].filter(scrolls);
    const onScreen = td => {
        const b = td.getBoundingClientRect();
        return b.width > 0 && b.left >= 0 && b.right <= width + 0.5;
    };
    const firstRows = [...article.querySelectorAll('figure.evidence-table tbody tr:first-child')]
        .filter(tr => tr.getClientRects().length);  // a table in a closed section is not on screen at all
    const keys = firstRows.flatMap(tr => [...tr.querySelectorAll('td.key')]).filter(td => td.textContent.trim())
        .map(td => [td.dataset.label, onScreen(td)]);
    const cells = firstRows.flatMap(tr => [...tr.cells]).filter(td => td.textContent.trim())
        .map(td => [td.dataset.label, onScreen(td)]);
    return {
        width,
        pageWidth: document.documentElement.scrollWidth,
        nested: scrollers.filter(e => scrollers.some(o => o !== e && o.contains(e))).map(e => e.className),
        scrollers: scrollers.map(e => e.tagName + '.' + e.className),
        captionsInside: article.querySelectorAll('.table-scroll figcaption, .table-scroll caption').length,
        keys,
        cells,
    };
}"""


MIN_FIGURE_TEXT_PX = 11


def assert_figure_text_readable(page, site: Path, path: str) -> None:
    """Every figure's smallest text is at least 11 CSS px as drawn at the page's current width:
    its smallest font size (SVG user units) times the width shown over the viewBox width."""
    # after a resize a <picture> may be switching to its other source: wait until each is drawn
    page.evaluate(
        "Promise.all([...document.querySelectorAll('figure.evidence-figure img')].map(i => { i.loading = 'eager'; "
        "return i.decode().catch(() => null); }))"
    )
    page.wait_for_function(
        "[...document.querySelectorAll('figure.evidence-figure img')].every(i => i.complete && i.currentSrc)"
    )
    shown = page.eval_on_selector_all(
        "figure.evidence-figure img", "els => els.map(e => [e.currentSrc, e.getBoundingClientRect().width])"
    )
    small = []
    for source, width in shown:
        svg = (site / urlsplit(source).path.lstrip("/")).read_text(encoding="utf-8")
        viewbox = float(re.search(r'viewBox="0 0 ([\d.]+) [\d.]+"', svg).group(1))
        smallest = min(float(size) for size in re.findall(r"font-size:\s*([\d.]+)px", svg))
        if smallest * width / viewbox < MIN_FIGURE_TEXT_PX:
            small.append((source.rpartition("/")[2], round(smallest * width / viewbox, 1)))
    assert small == [], (
        f"{path}: figure text below {MIN_FIGURE_TEXT_PX} CSS px at {page.viewport_size['width']} px: {small}"
    )


def assert_page_fits_a_phone(page, path: str, site: Path | None = None) -> None:
    """At 390 px: no sideways scroll of the page, no nested scroll areas, captions outside the
    scroll areas, every filled cell of each table's first row on screen (rows are cards), and
    (given the site) figure text at least 11 CSS px."""
    page.set_viewport_size(PHONE)
    page.evaluate("() => new Promise(requestAnimationFrame)")  # let the script react to the resize
    layout = page.evaluate(PHONE_LAYOUT)
    assert layout["width"] == PHONE["width"]
    assert layout["pageWidth"] <= PHONE["width"], f"{path} scrolls sideways at 390 px: {layout['pageWidth']} px"
    assert layout["nested"] == [], f"{path}: nested scroll areas {layout['nested']}"
    assert layout["captionsInside"] == 0
    hidden = [label for label, shown in layout["keys"] if not shown]
    assert hidden == [], f"{path}: key columns off screen at 390 px: {hidden}"
    hidden = [label for label, shown in layout["cells"] if not shown]
    assert hidden == [], f"{path}: cells off screen at 390 px: {hidden}"
    if site is not None:
        assert_figure_text_readable(page, site, path)
    # short pages: with every collapsible section closed (as a page opens), at most this tall
    height = page.evaluate(
        "() => { document.querySelectorAll('details[open]').forEach(d => d.open = false); return document.documentElement.scrollHeight; }"
    )
    assert height <= MAX_PHONE_HEIGHT, f"{path}: {height} px tall at 390 px (at most {MAX_PHONE_HEIGHT})"
    # the first screen informs: the legend takes a small part of it, and content starts on it
    first = page.evaluate(FIRST_SCREEN)
    assert first["legend"] <= 0.25 * PHONE["height"], (
        f"{path}: the legend takes {first['legend']} px of the first screen"
    )
    assert first["content"], f"{path}: nothing but the title and the legend on the first screen"


MAX_PHONE_HEIGHT = 15_000
# How much of the first screen the legend takes, and whether anything else of the article starts on it.
FIRST_SCREEN = """() => {
    const view = window.innerHeight;
    const legend = document.querySelector('article details.legend');
    const box = legend ? legend.getBoundingClientRect() : null;
    const legendPx = box ? Math.max(0, Math.min(box.bottom, view) - Math.max(box.top, 0)) : 0;
    const blocks = [...document.querySelectorAll('article p, article figure, article table, article ul, article dl, article .bottom-line')]
        .filter(e => !e.closest('details.legend') && e.getClientRects().length);
    const content = blocks.some(e => e.getBoundingClientRect().top < view - 40);
    return { legend: Math.round(legendPx), content };
}"""


# Every sign shown on a page, and the signs its legend explains (as the browser draws them).
SIGNS_AND_LEGEND = """() => {
    const cls = e => [...e.classList].find(c => /^(m|s)-/.test(c));
    const used = new Set([...document.querySelectorAll('article .mark[role], article .source[href]')].map(cls));
    const legend = document.querySelector('article details.legend');
    const shown = new Set(legend ? [...legend.querySelectorAll('.mark, .source')].map(cls) : []);
    return [...used].filter(c => c && !shown.has(c));
}"""


def assert_legend_explains_every_sign(page, path: str) -> None:
    missing = page.evaluate(SIGNS_AND_LEGEND)
    assert missing == [], f"{path}: signs shown but not in the legend: {missing}"


def read_as_a_reader(browser, server: str, site: Path, path: str) -> None:
    """check_page on a fresh tab of the page at path."""
    page = visit(browser, server, path)
    try:
        check_page(page, server, site, path)
    finally:
        page.close()


def check_page(page, server: str, site: Path, path: str) -> None:
    """A page as readers get it: light scheme (requests, console, figures drawn whole with text of
    at least 11 CSS px, every axe rule, links), dark scheme (contrast; Material switches palettes by
    this attribute), then a 390 px phone (layout, figure text again).
    The structural axe rules always see the whole page."""
    chrome = path == ""  # Material's own header, navigation and footer: once, on the home page
    assert_clean_page(page, server, scheme="default", chrome=chrome)
    assert_legend_explains_every_sign(page, path)
    assert_figures_keep_their_proportions(page)
    assert_figure_text_readable(page, site, path)  # at 1280 px; at 390 px below
    assert_links_resolve(page, server, site, path)
    # no colour transitions (Material fades between palettes): axe must see the final colours
    page.add_style_tag(content="*, *::before, *::after { transition: none !important; }")
    page.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")
    assert contrast_violations(page, chrome=chrome) == [], f"{path}: in the dark scheme"
    assert_page_fits_a_phone(page, path, site)
    assert page.errors == [], f"console errors: {page.errors}"


def assert_links_resolve(page, server: str, site: Path, path: str) -> None:
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


def notebook_paths() -> set[str]:
    """The addresses of the pages made from notebooks."""
    from il12_evidence.paths import notebook_pages, page_url

    return {page_url(path) for path in notebook_pages().values()}


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
        "legend",
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
