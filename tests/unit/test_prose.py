"""One strict placeholder syntax: every malformed or unknown placeholder is an error with its line."""

import pytest

from il12_evidence.prose import Slot, TemplateError, check_sources, parse, problems_in


def test_parse_reads_forms_and_sentence_starts():
    pieces = parse("{a} and {b:bare}. {c:rate} then {=count}")
    slots = [p for p in pieces if isinstance(p, Slot)]
    assert [(s.claim_id, s.form, s.sentence_start) for s in slots] == [
        ("a", "value", True),
        ("b", "bare", False),
        ("c", "rate", True),
        ("count", "computed", False),
    ]
    assert "".join(p for p in pieces if isinstance(p, str)) == " and .  then "


@pytest.mark.parametrize("template", ["{a:shout}", "a } b", "{a", "{}", "{A}", "{a {b}}", "{a-}"])
def test_malformed_placeholders_raise(template):
    with pytest.raises(TemplateError):
        parse(template)


def test_unknown_claims_and_missing_values_are_problems():
    assert problems_in("{known} {unknown}", {"known"}) == [(8, "{unknown} names no claim in claims.csv")]
    assert problems_in("{=n}", set(), {"n"}) == []
    assert problems_in("{=n}", set()) == [(0, "{=n} is passed no value: add n=... to the call")]


def test_check_sources_reports_the_notebook_and_line(tmp_path):
    source = tmp_path / "01_x.py"
    source.write_text(
        'page.say(\n    "fine {a} "\n    "bad {b}"\n)\npage.say(variable)\nother("{c}")\n', encoding="utf-8"
    )
    problems = [str(p) for p in check_sources([source], {"a"})]
    assert len(problems) == 2
    assert problems[0].endswith("01_x.py:3:-: {b} names no claim in claims.csv")
    assert problems[1].endswith("01_x.py:5:-: say() needs a literal template string")
