from decimal import Decimal

import pytest

from il12_evidence.values import decimals_of, occurs_as_token, parse_decimal, parse_printed


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
        ("2A", "2"),
        ("0.08", "0.08"),
    ],
)
def test_parse_printed_reads_numbers_words_and_numerals(printed, expected):
    assert parse_printed(printed) == Decimal(expected)


@pytest.mark.parametrize("printed", ["", "abc", "1,5", "n/a", "٢٩", "４３", "1" * 30, "0." + "1" * 30])
def test_parse_printed_rejects_non_numbers_foreign_digits_and_runaway_precision(printed):
    assert parse_printed(printed) is None


@pytest.mark.parametrize("text", ["٢٩", "４３", "1e5", "NaN", "Infinity", "0.1234567", "1234567890123456"])
def test_parse_decimal_accepts_only_plain_ascii_decimals_of_bounded_precision(text):
    assert parse_decimal(text) is None


def test_parse_decimal_reads_plain_decimals():
    assert parse_decimal("91.40") == Decimal("91.40")


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
