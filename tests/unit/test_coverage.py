from il12_evidence.coverage import uncovered_numbers
from il12_evidence.sourcetext import SourceText

TEXT = "Start. In 23 patients of IL-12 trials [4–6], Six of 29 had stage IB; a single-agent study.\nEnd."


def _claim(printed, quote):
    return {"value_as_printed": printed, "quote": quote}


def test_every_number_uncovered_is_reported_with_its_line():
    missing = uncovered_numbers(SourceText(TEXT), [_claim("23", "In 23 patients")], "Start.", "End.")
    assert [number.token for number in missing] == ["Six", "29", "IB"]
    assert missing[0].line == 1


def test_names_citations_and_compound_adjectives_are_not_numbers():
    claims = [
        _claim("23", "In 23 patients"),
        _claim("Six", "Six of 29"),
        _claim("29", "Six of 29"),
        _claim("IB", "stage IB"),
    ]
    assert uncovered_numbers(SourceText(TEXT), claims, "Start.", "End.") == []


def test_a_claim_must_state_the_very_token_its_quote_spans():
    # the quote spans "29" but the claim states "Six": 29 stays uncovered
    missing = uncovered_numbers(
        SourceText(TEXT),
        [_claim("23", "In 23 patients"), _claim("Six", "Six of 29"), _claim("IB", "stage IB")],
        "Start.",
        "End.",
    )
    assert [number.token for number in missing] == ["29"]


def test_excluded_fragments_are_skipped():
    text = "Start. T helper type 1 cells.\nEnd."
    assert [n.token for n in uncovered_numbers(SourceText(text), [], "Start.", "End.")] == ["1"]
    assert uncovered_numbers(SourceText(text), [], "Start.", "End.", ["T helper type 1"]) == []
