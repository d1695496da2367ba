from decimal import Decimal
from fractions import Fraction

import pytest

from il12_evidence import numbers
from il12_evidence.numbers import decimals_of, occurs_as_token, parse_decimal, parse_printed


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


def test_round_to_half_up_differs_from_half_even_on_an_exact_half():
    # 1 of 8 is exactly 12.5%: half-up gives 13, half-even 12, truncation 12; 3 of 8 = 37.5 → 38, 38, 37
    assert [numbers.round_to(numbers.percent(1, 8), 0, c) for c in numbers.ROUNDING_CONVENTIONS] == [13, 12, 12]
    assert [numbers.round_to(numbers.percent(3, 8), 0, c) for c in numbers.ROUNDING_CONVENTIONS] == [38, 38, 37]


def test_matching_conventions_uses_the_printed_precision():
    # 32/35 = 91.428…%: "91.4" matches when rounded to one decimal; "91.40" needs two decimals
    assert numbers.matching_conventions(32, 35, "91.4") == ["half-up", "half-even", "truncated"]
    assert numbers.matching_conventions(32, 35, "91.40") == []


def test_matching_conventions_truncation_only():
    # 11/43 = 25.58%: only truncation prints 25
    assert numbers.matching_conventions(11, 43, "25") == ["truncated"]


def _brute(printed: str, trials: int) -> dict[str, tuple[int, int]]:
    found: dict[str, list[int]] = {}
    for k in range(trials + 1):
        for name in numbers.matching_conventions(k, trials, printed):
            found.setdefault(name, []).append(k)
    return {name: (ks[0], ks[-1]) for name, ks in found.items()}


@pytest.mark.parametrize("printed", ["0", "7", "12.5", "25", "30", "41", "50", "59", "69", "91.4", "97.2", "100"])
def test_grim_counts_by_arithmetic_equal_brute_force(printed):
    for trials in range(1, 120):
        assert numbers.grim_counts(printed, trials) == _brute(printed, trials), (printed, trials)


def test_grim_counts_are_exact_for_huge_groups():
    """Arithmetic, not a search: 10**17 patients answer with the first and last counts that print 69%."""
    found = numbers.grim_counts("69", 10**17)
    first, last = found["half-up"]

    def half_up(k):
        return "half-up" in numbers.matching_conventions(k, 10**17, "69")

    assert half_up(first) and not half_up(first - 1) and half_up(last) and not half_up(last + 1)


def test_smallest_group_sizes_for_75_percent():
    assert numbers.smallest_group_sizes("75", how_many=3, largest=1000) == ((3, 4), (6, 8), (9, 12))


def test_format_percent_is_exact_half_up():
    assert numbers.format_percent(numbers.percent(29, 43), 3) == "67.442%"
    assert numbers.round_to(numbers.percent(29, 43), 1, "half-up") == Decimal("67.4")


def test_every_printed_percentage_uses_one_convention_half_up():
    """1 of 16 is 6.25% exactly: tables, figures, their CSVs, prose and the audit all print 6.3%."""
    assert numbers.rate_percent(1, 16) == "6.3%"
    assert numbers.share_percent(Fraction(1, 16)) == "6.3%"
    assert numbers.share_percent(0.0625) == "6.3%"  # a float at its exact binary value
    assert numbers.format_percent(numbers.percent(1, 16), 1) == "6.3%"
    assert numbers.interval_text(0.0625, 0.5) == "6.3%–50.0%"


@pytest.mark.parametrize(
    ("word", "value"),
    [("twenty-one", 21), ("Ninety-nine", 99), ("forty", 40), ("thirteen", 13), ("One-hundred", 100),
     ("hundred", 100), ("twenty-ten", None), ("twenty-zero", None), ("twenty-twice", None), ("one-twenty", None),
     ("twenty-", None), ("-one", None), ("twentyone", None)],
)  # fmt: skip
def test_number_words_up_to_a_hundred(word, value):
    assert numbers.word_value(word) == value


@pytest.mark.parametrize(
    ("numeral", "value"), [("I", 1), ("II", 2), ("III", 3), ("IV", 4), ("V", 5), ("IX", 9), ("X", 10), ("XIV", 14)]
)
def test_roman_numerals_read_subtractively(numeral, value):
    assert parse_printed(numeral) == value
    assert parse_printed(numeral + "B") == value  # a stage: IVB is stage 4
