"""The site builds strictly, with every page, no warnings, no outside requests and data escaped."""

import re

from browsing import prose_text

from il12_evidence.coverage import NUMBER
from il12_evidence.paths import ROOT, notebook_pages, page_url

# A resource the browser would fetch on its own (not a link a reader may follow).
EXTERNAL_RESOURCE = re.compile(
    r"""<(?:script|link|img|iframe|source|video|audio)\b[^>]*?\b(?:src|href)=["'](?:https?:)?//[^"']+""", re.I
)
EXPECTED_PAGES = [
    "index.html",
    "data/index.html",
    "methods/index.html",
    "references/index.html",
    "glossary/index.html",
    *[f"{page_url(path)}index.html" for path in notebook_pages().values()],
]


def test_build_prints_no_warning(built_site):
    warnings = [line for line in built_site[1].splitlines() if line.startswith(("WARNING", "ERROR"))]
    assert warnings == []


def test_every_page_is_built(site):
    missing = [page for page in EXPECTED_PAGES if not (site / page).exists()]
    assert missing == []


def test_data_files_are_published(site):
    for name in ("claims.csv", "studies.csv", "units.csv", "findings.csv", "datapackage.json", "source/review.txt"):
        assert (site / "data" / name).read_bytes() == (ROOT / "data" / name).read_bytes()


def test_no_page_loads_anything_from_another_host(site):
    offenders = {}
    for page in site.rglob("*.html"):
        links = EXTERNAL_RESOURCE.findall(page.read_text(encoding="utf-8"))
        if links:
            offenders[str(page.relative_to(site))] = links[:3]
    assert offenders == {}


def test_notebook_pages_show_no_code_and_no_tracebacks(site):
    for page in site.rglob("index.html"):
        html = page.read_text(encoding="utf-8")
        assert "Traceback" not in html and "ename" not in html
        assert "Evidence.load()" not in html, f"{page}: code cells leak into the page"


def test_generated_blocks_are_filled(site):
    for page in site.rglob("*.html"):
        assert "{{ evidence." not in page.read_text(encoding="utf-8"), page


def test_figures_have_real_alt_text(site):
    checked = 0
    for page in site.rglob("index.html"):
        html = page.read_text(encoding="utf-8")
        assert "No description has been provided" not in html
        for figure in re.findall(r'<figure class="evidence-figure".*?</figure>', html, re.DOTALL):
            alt = re.search(r'<img src="[^"]+" alt="([^"]*)"', figure)
            assert alt and len(alt.group(1)) > 40 and re.search(r"\d", alt.group(1)), figure[:200]
            checked += 1
    assert checked >= 6, "the site's figures were found"


def test_no_page_types_a_number_into_its_prose(site):
    """Numbers on a page come from data (claims, computed values, tables, figures); prose has none."""
    typed = {}
    for page in sorted(site.rglob("index.html")):
        found = [match.group() for match in NUMBER.finditer(prose_text(page.read_text(encoding="utf-8")))]
        if found:
            typed[str(page.relative_to(site))] = found
    assert typed == {}


def test_prose_scan_sees_typed_numbers_and_ignores_traced_ones():
    html = (
        '<article><p>In 43 patients, six responded <a class="claim" href="#c-x">29</a>'
        '<span class="computed">67.4%</span> of phase II trials.</p><table><td>12</td></table></article>'
    )
    assert [m.group() for m in NUMBER.finditer(prose_text(html))] == ["43", "six", "II"]
