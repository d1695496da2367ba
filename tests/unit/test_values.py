from decimal import Decimal

import pytest

from il12_evidence.values import decimals_of, occurs_as_token, parse_printed


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("91.4", "91.4"),
        ("9.0", "9.0"),
        ("Six", "6"),
        ("twice", "2"),
        ("single", "1"),
        ("14th", "14"),
        ("II", "2"),
        ("IIIB", "3"),
        ("IV", "4"),
        ("0.08", "0.08"),
    ],
)
def test_parse_printed_reads_numbers_words_and_numerals(printed, expected):
    assert parse_printed(printed) == Decimal(expected)


@pytest.mark.parametrize("printed", ["", "abc", "1,5", "n/a"])
def test_parse_printed_rejects_non_numbers(printed):
    assert parse_printed(printed) is None


def test_decimals_of_keeps_trailing_zeros():
    assert decimals_of("9.0") == 1
    assert decimals_of("43") == 0


@pytest.mark.parametrize(
    ("printed", "quote", "expected"),
    [
        ("1", "at 1 h after", True),
        ("1", "IL-12 at 12 h", False),
        ("12", "IL-12", False),
        ("24", "a 24-week cycle", True),
        ("4", "43%", False),
        ("9.0", "or 9.0 Gy", True),
        ("9", "or 9.0 Gy", False),
        ("II", "phase II study", True),
        ("I", "phase II study", False),
        ("14th", "on the 14th day", True),
    ],
)
def test_occurs_as_token_only_matches_whole_numbers(printed, quote, expected):
    assert occurs_as_token(printed, quote) is expected
