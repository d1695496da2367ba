"""Text from the data is escaped wherever it is rendered: HTML in a field stays inert."""

from conftest import claim

from il12_evidence import render

PAYLOAD = '<script>alert("x")</script><b onmouseover="y">bold</b>'


def test_table_escapes_every_cell():
    html = render.table([{"a": PAYLOAD}], [("a", PAYLOAD)], caption=PAYLOAD)
    assert "<script" not in html and "<b " not in html
    assert html.count("&lt;script&gt;") == 3


def test_claim_value_escapes_quote_and_value():
    row = claim("x", quote=PAYLOAD, value_as_printed='5"><script>', value=None, study=PAYLOAD)
    html = render.claim_value(row, "reproduced")
    assert "<script" not in html
    assert "&lt;script&gt;" in html


def test_safe_markup_is_not_escaped_twice():
    mark = render.status_mark("reproduced")
    assert render.table([{"a": mark}], [("a", "A")], "c").count('<span class="status') == 1
