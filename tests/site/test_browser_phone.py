"""Every page on a 390 px phone: nothing scrolls sideways as a whole, each table's key columns
are on screen (rows become cards), captions stay outside any scroll area, and no scroll area
nests in another."""

from browsing import nav_pages, visit


def pytest_generate_tests(metafunc):
    if "path" in metafunc.fixturenames:
        metafunc.parametrize("path", nav_pages())


LAYOUT = """() => {
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
    const firstRows = [...article.querySelectorAll('figure.evidence-table tbody tr:first-child')];
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


def test_phone_page_fits_the_screen_with_key_columns_visible(browser, server, path):
    page = visit(browser, server, path, width=390)
    try:
        layout = page.evaluate(LAYOUT)
        assert layout["width"] == 390
        assert layout["pageWidth"] <= 390, f"{path} scrolls sideways: {layout['pageWidth']} px"
        assert layout["nested"] == []
        assert layout["captionsInside"] == 0
        hidden = [label for label, shown in layout["keys"] if not shown]
        assert hidden == [], f"{path}: key columns off screen: {hidden}"
        # rows are cards: every filled cell, key or not, is on screen
        hidden = [label for label, shown in layout["cells"] if not shown]
        assert hidden == [], f"{path}: cells off screen: {hidden}"
        assert page.errors == []
    finally:
        page.close()
