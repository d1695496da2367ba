"""Text from the data is escaped wherever it is rendered: HTML in a field stays inert."""

from factories import claim

from il12_evidence import render

PAYLOAD = '<script>alert("x")</script><b onmouseover="y">bold</b>'


def test_table_escapes_every_cell():
    html = render.table([{"a": PAYLOAD}], [("a", PAYLOAD)], caption=PAYLOAD)
    assert "<script" not in html and "<b " not in html
    assert html.count("&lt;script&gt;") == 4  # caption, its region label, header and cell


def test_claim_value_escapes_quote_and_value():
    row = claim("x", quote=PAYLOAD, value_as_printed='5"><script>', value=None, study=PAYLOAD)
    html = render.claim_value(row, "reproduced")
    assert "<script" not in html
    assert "&lt;script&gt;" in html


def test_safe_markup_is_not_escaped_twice():
    value = render.claim_value(claim("x"), "reproduced")
    html = render.table([{"a": value}], [("a", "A")], "c")
    assert html.count('<a class="claim s-ok" href="../../claims/#c-x">50%</a>') == 1
