"""Every page in the dark scheme: no outside request, no error, figures shown, and no axe-core
violation (contrast included); figures are toned down so their white background does not glare."""

from browsing import assert_clean_page, nav_pages, visit


def pytest_generate_tests(metafunc):
    if "path" in metafunc.fixturenames:
        metafunc.parametrize("path", nav_pages())


def test_page_is_clean_and_accessible_in_dark_scheme(browser, server, path):
    page = visit(browser, server, path, color_scheme="dark")
    try:
        assert_clean_page(page, server, scheme="slate")
    finally:
        page.close()


def test_figures_do_not_glare_in_dark_scheme(browser, server):
    page = visit(browser, server, "notebooks/07_evidence_overview/", color_scheme="dark")
    try:
        figures = page.eval_on_selector_all(
            ".evidence-figure img",
            """els => els.map(img => {
                const b = getComputedStyle(img).filter.match(/brightness\\(([\\d.]+)\\)/);
                const card = getComputedStyle(img.closest('picture')).backgroundColor;
                return [b ? parseFloat(b[1]) : 1, card];
            })""",
        )
        assert figures, "no figure on the overview page"
        for brightness, card in figures:
            assert brightness < 0.95
            assert card not in ("rgba(0, 0, 0, 0)", "rgb(255, 255, 255)"), card
    finally:
        page.close()
