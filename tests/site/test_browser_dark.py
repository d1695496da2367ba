"""Every page in the dark scheme: no axe-core violation (contrast included) and no errors."""

from browsing import axe_violations, nav_pages, visit


def pytest_generate_tests(metafunc):
    if "path" in metafunc.fixturenames:
        metafunc.parametrize("path", nav_pages())


def test_page_is_accessible_in_dark_scheme(browser, server, path):
    page = visit(browser, server, path, color_scheme="dark")
    try:
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
        assert page.errors == []
        assert axe_violations(page) == []
    finally:
        page.close()
