"""Data text is escaped wherever it is rendered, and numbers follow the page contract."""

from factories import claim, dataset, primary_row, primary_study

from il12_evidence import render
from il12_evidence.views import Evidence

PAYLOAD = '<script>alert("x")</script><b onmouseover="y">bold</b>'


def _number(**columns):
    primary = columns.pop("primary", ())
    papers = columns.pop("primary_studies", ())
    evidence = Evidence(dataset(claim("x", **columns), primary=primary, primary_studies=papers))
    return evidence.number("x")


def test_table_escapes_every_cell_caption_and_header():
    html = render.table([{"a": PAYLOAD}], columns=[("a", PAYLOAD)], caption=PAYLOAD)
    assert "<script" not in html and "<b " not in html
    assert html.count("&lt;script&gt;") == 5  # caption, region label, header, cell and its data-label


def test_a_number_is_an_element_with_its_claim_id_and_its_mark_as_text():
    html = render.claim(_number(value_as_printed="69", numerator=29, denominator=43), root="../../")
    assert html.startswith('<span class="claim" data-claim="x" data-mark="failed">')
    assert '<a class="claim-link" href="../../claims/#c-x">69%</a>' in html
    assert (
        '<span class="mark m-failed" role="img" aria-label="inconsistent with the review&#x27;s own numbers">✗</span>'
        in html
    )
    assert "≠" not in html and 'class="source' not in html


def test_an_unchecked_number_carries_no_sign_but_keeps_its_link():
    html = render.claim(_number(unit="weeks", quantity="duration", value_as_printed="24"), root="")
    assert 'data-mark="unchecked"' in html and 'class="claim-link"' in html and 'class="mark' not in html


def test_a_number_whose_source_differs_in_value_links_its_not_equal_sign_to_the_comparison():
    html = render.claim(_number(primary=[primary_row("x", verdict="differs-value")]), root="")
    assert '<a class="source s-value" href="sources/#p-x" aria-label="' in html
    assert ">≠</a>" in html and "states a different figure (p, abstract)" in html


def test_another_reports_comparison_is_boxed_and_says_so():
    paper = {"relation": "same-study", "same_study": "why", "ref": None}
    html = render.claim(_number(primary=[primary_row("x", compared_with="other-report", primary_id="q")],
                                primary_studies=[{**primary_study("q"), **paper}]), root="")  # fmt: skip
    assert 'class="source s-match other-report"' in html and "another report of the same study" in html


def test_claim_text_is_escaped_in_tables():
    html = render.claims_table([_number(quote=PAYLOAD, arm=PAYLOAD)], caption="c", root="")
    assert "<script" not in html and "<b " not in html and html.count("&lt;script&gt;") == 2


def test_only_http_links_become_links():
    assert render.link("javascript:alert(1)", "x") == "x"
    assert (
        render.link("https://doi.org/10.1/x", "<b>")
        == '<a href="https://doi.org/10.1/x" rel="noopener noreferrer">&lt;b&gt;</a>'
    )
    assert render.link('https://a.b/"onmouseover="x', "t") == "t"


def test_inline_math_reads_as_text():
    assert render.math_as_text(r"threshold of $0.08 \times 10^9/L$.") == "threshold of 0.08 × 10⁹/L."
    assert render.math_as_text("no math here") == "no math here"
