"""Every notebook page as readers get it (browsing.check_page): light scheme with every axe-core
rule, no outside request, no console error, figures drawn whole, links that resolve; the dark
scheme's contrast; and a 390 px phone with nothing scrolling sideways and key columns in view.
The other pages are in test_browser_pages.py (two files, so that two workers share the load)."""

from browsing import nav_pages, notebook_paths, read_as_a_reader


def pytest_generate_tests(metafunc):
    if "path" in metafunc.fixturenames:
        metafunc.parametrize("path", [path for path in nav_pages() if path in notebook_paths()])


def test_notebook_page_reads_well_light_dark_and_on_a_phone(browser, server, site, path):
    read_as_a_reader(browser, server, site, path)
