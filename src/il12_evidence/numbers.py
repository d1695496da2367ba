"""Numbers as printed, in one place: parsing, exact rounding and formatting.

Reading: ASCII digits, number words, ordinals and roman numerals (English number words are
language, not data about one review, so they live here).

Rounding: every rounding question is answered exactly, with fractions, never float round().
A printed percentage is tried under three conventions (half-up, half-even, truncation); which
counts k of n print as a given percentage is an interval of k found by integer arithmetic, so a
denominator of a billion costs what one of ten does.

Formatting: every percentage, count and interval the site computes is printed here, rounded
half-up (6.25% → 6.3%), the convention stated on the Methods page. Tables, figures and their
CSVs, prose, tooltips and the audit all call `percent_text` / `interval_text`, so one fraction
never prints two ways.
"""

import re
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from functools import lru_cache

# Number words; lower-cased lookup.
NUMBER_WORDS = {
    "zero": 0,
    "no": 0,
    "one": 1,
    "single": 1,
    "once": 1,
    "two": 2,
    "twice": 2,
    "three": 3,
    "thrice": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
TEENS = {"thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19}
# Words that already say "times": "twice a week", never "twice times a week".
MULTIPLICATIVE_WORDS = {"once", "twice", "thrice"}
ROMAN = {"I": 1, "V": 5, "X": 10}
MAX_DECIMALS = 6  # no number in a review is printed with more; more is a pasting accident
MAX_DIGITS = 15
_DECIMAL = re.compile(r"[+-]?[0-9]+(\.[0-9]+)?", re.ASCII)
_ORDINAL = re.compile(r"([0-9]+)(st|nd|rd|th)", re.ASCII)
# Stages such as "IIIB" and phases such as "2A": a numeral followed by an optional sub-stage letter.
_ROMAN_STAGE = re.compile(r"([IVX]+)([A-C])?")
_ARABIC_STAGE = re.compile(r"([0-9]+)([A-C])", re.ASCII)


def parse_printed(text: str) -> Decimal | None:
    """The number a printed token stands for, or None when it is not a number."""
    token = text.strip()
    if _DECIMAL.fullmatch(token):
        return parse_decimal(token)
    if match := _ORDINAL.fullmatch(token):
        return Decimal(match.group(1))
    if (word := word_value(token)) is not None:
        return Decimal(word)
    if match := _ROMAN_STAGE.fullmatch(token):
        return Decimal(_roman_to_int(match.group(1)))
    if match := _ARABIC_STAGE.fullmatch(token):
        return Decimal(match.group(1))
    return None


def word_value(text: str) -> int | None:
    """An English number word up to a hundred: 'six', 'Twenty-three', 'forty', 'One-hundred'."""
    word = text.strip().lower()
    if word in NUMBER_WORDS:
        return NUMBER_WORDS[word]
    if word in TEENS:
        return TEENS[word]
    if word in TENS:
        return TENS[word]
    tens, hyphen, unit = word.partition("-")
    if (
        hyphen
        and tens in TENS
        and unit in NUMBER_WORDS
        and 0 < NUMBER_WORDS[unit] < 10
        and unit not in ("no", "once", "twice", "thrice", "single")
    ):
        return TENS[tens] + NUMBER_WORDS[unit]
    if hyphen and tens == "one" and unit == "hundred" or word == "hundred":
        return 100
    return None


def is_number_word(text: str) -> bool:
    return word_value(text) is not None


def is_ordinal(text: str) -> bool:
    return _ORDINAL.fullmatch(text.strip()) is not None


def _roman_to_int(numeral: str) -> int:
    total = 0
    for current, following in zip(numeral, numeral[1:] + " ", strict=True):
        value = ROMAN[current]
        total += -value if ROMAN.get(following, 0) > value else value
    return total


def parse_decimal(text: str) -> Decimal | None:
    """A plain decimal number of ASCII digits with bounded precision, or None."""
    if not isinstance(text, str) or not _DECIMAL.fullmatch(text.strip()):
        return None
    try:
        value = Decimal(text.strip())
    except InvalidOperation:
        return None
    if -value.as_tuple().exponent > MAX_DECIMALS or len(value.as_tuple().digits) > MAX_DIGITS:
        return None
    return value


def decimal_problem(text: str) -> str:
    """Why a cell is not a number this project accepts."""
    stripped = text.strip()
    shown = repr(text if len(text) <= 60 else text[:60] + "…")
    if stripped and not stripped.isascii():
        return f"{shown} is not a number: use ASCII digits 0-9"
    if _DECIMAL.fullmatch(stripped):
        return f"{shown} has more than {MAX_DECIMALS} decimals or {MAX_DIGITS} digits"
    return f"{shown} is not a number"


def decimals_of(printed: str) -> int:
    """Decimal places as printed: '91.4' → 1, '9.0' → 1, '43' → 0."""
    _, _, fraction = printed.strip().partition(".")
    return len(fraction)


def occurs_as_token(printed: str, quote: str) -> bool:
    """True when `printed` stands in `quote` as a whole number, not inside a longer one.

    '1' does not occur in '12 h' and '20' not in 'CD-20', but '1' does in '1 h after'.
    """
    if not printed:
        return False
    # ASCII word characters only: a number stands as a token beside CJK text ("53例") but not in "12h"
    before = r"(?<![0-9A-Za-z_.])(?<![A-Za-z]-)"  # not inside a number or a name such as CD-20
    after = r"(?![0-9A-Za-z_])" if printed[-1:].isalpha() else r"(?![0-9A-Za-z_]|\.\d)"
    pattern = before + re.escape(printed) + after
    return re.search(pattern, quote) is not None


# --- exact rounding ----------------------------------------------------------------------------
# The conventions a printed percentage may have been rounded by, in the order findings name them.
ROUNDING_CONVENTIONS = ("half-up", "half-even", "truncated")
CONVENTION_WORDS = {"half-up": "half-up rounding", "half-even": "half-even rounding", "truncated": "truncating"}
# The site's own convention for what it computes.
SITE_CONVENTION = "half-up"


def percent(successes: int, trials: int) -> Fraction:
    """Exact percentage."""
    return Fraction(100 * successes, trials)


def round_to(value: Fraction, places: int, convention: str) -> Decimal:
    """value rounded to `places` decimals by a convention, exactly (value ≥ 0), in integer arithmetic."""
    whole, rest = divmod(value.numerator * 10**places, value.denominator)
    twice, denominator = 2 * rest, value.denominator
    if convention == "truncated" or twice < denominator:
        digits = whole
    elif twice > denominator or convention == "half-up":
        digits = whole + 1
    else:  # a tie under half-even: to the even neighbour
        digits = whole + (whole % 2)
    return Decimal(digits).scaleb(-places)


def matching_conventions(successes: int, trials: int, printed: str) -> list[str]:
    """The rounding conventions under which successes/trials prints as `printed` (a percentage)."""
    target, places = Decimal(printed), decimals_of(printed)
    exact = percent(successes, trials)
    return [name for name in ROUNDING_CONVENTIONS if round_to(exact, places, name) == target]


def count_range(printed: str, trials: int, convention: str) -> tuple[int, int] | None:
    """The counts k (lowest, highest) for which k of `trials` prints as `printed` under a convention.

    Constant time, in integers: with the printed value as P units of its last digit, the
    percentages that print as P form an interval — for half-up 2P − 1 ≤ 2·100·10^d·k/n < 2P + 1 —
    whose ends are included or not by the convention, so k lies between two divisions.
    """
    places = decimals_of(printed)
    units = int(Decimal(printed).scaleb(places))
    scale = 200 * 10**places
    if convention == "truncated":
        low, high, low_in, high_in = 2 * units * trials, (2 * units + 2) * trials, True, False
    else:
        low, high = (2 * units - 1) * trials, (2 * units + 1) * trials
        even = units % 2 == 0
        low_in, high_in = (True, False) if convention == "half-up" else (even, even)
    first = -(-low // scale) if low_in or low % scale else low // scale + 1
    last = high // scale if high_in or high % scale else high // scale - 1
    first, last = max(first, 0), min(last, trials)
    return (first, last) if first <= last else None


def grim_counts(printed: str, trials: int) -> dict[str, tuple[int, int]]:
    """GRIM: for each convention under which some whole count of `trials` prints as `printed`, the counts."""
    ranges = {name: count_range(printed, trials, name) for name in ROUNDING_CONVENTIONS}
    return {name: found for name, found in ranges.items() if found is not None}


@lru_cache(maxsize=4096)  # a function of the printed value alone: computed once per distinct value
def smallest_group_sizes(printed: str, *, how_many: int, largest: int) -> tuple[tuple[int, int], ...]:
    """The smallest group sizes n (with the least count k) for which k/n rounds half-up to `printed`."""
    found = []
    for trials in range(1, largest + 1):
        reachable = count_range(printed, trials, "half-up")
        if reachable is not None:
            found.append((reachable[0], trials))
            if len(found) == how_many:
                break
    return tuple(found)


def describe_counts(found: tuple[int, int], trials: int) -> str:
    """'13 of 22 (59.09%)' or, for a range, '13 to 14 of 30'."""
    first, last = found
    if first == last:
        return f"{first} of {trials} ({format_percent(percent(first, trials))})"
    return f"{first} to {last} of {trials}"


def format_percent(value: Fraction, places: int = 2) -> str:
    """An exact percentage (a Fraction of 100), rounded by the site's convention: '67.442%'."""
    return f"{round_to(value, places, SITE_CONVENTION):f}%"


def share_percent(share: Fraction | float, places: int = 1) -> str:
    """A share of 1 (a rate k/n, or an interval bound) as a percentage: 0.0625 → '6.3%'.

    A float (an interval bound) is taken at its exact binary value, then rounded
    half-up like every other number the site prints."""
    return format_percent(Fraction(share) * 100, places)


def rate_percent(successes: int, trials: int, places: int = 1) -> str:
    """k of n as a percentage, exactly: 1 of 16 → '6.3%'."""
    return format_percent(percent(successes, trials), places)


def interval_text(low: float, high: float, places: int = 1) -> str:
    """'52.5%–79.5%'."""
    return f"{share_percent(low, places)}–{share_percent(high, places)}"


def signed_points(points: float, places: int = 1) -> str:
    """A difference in percentage points with its sign: −15.3 → '−15.3 points' (half-up on the exact value)."""
    magnitude = round_to(abs(Fraction(points)), places, SITE_CONVENTION)
    sign = "−" if points < 0 and magnitude else ("+" if points > 0 and magnitude else "")
    return f"{sign}{magnitude:f} points"


def bare(text: str) -> str:
    """A formatted percentage without its sign, for CSV cells: '67.4%' → '67.4'."""
    return text.removesuffix("%")
