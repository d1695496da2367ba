"""Reading numbers as printed: digits, number words, ordinals and roman numerals."""

import re
from decimal import Decimal, InvalidOperation

# Number words the review style uses; lower-cased lookup.
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
ROMAN = {"I": 1, "V": 5, "X": 10}
_DECIMAL = re.compile(r"^[+-]?\d+(\.\d+)?$")
_ORDINAL = re.compile(r"^(\d+)(st|nd|rd|th)$")
# Stages such as "IIIB": a roman numeral followed by an optional sub-stage letter.
_ROMAN_STAGE = re.compile(r"^([IVX]+)([A-C])?$")


def parse_printed(text: str) -> Decimal | None:
    """The number a printed token stands for, or None when it is not a number."""
    token = text.strip()
    if _DECIMAL.match(token):
        return Decimal(token)
    if match := _ORDINAL.match(token):
        return Decimal(match.group(1))
    if token.lower() in NUMBER_WORDS:
        return Decimal(NUMBER_WORDS[token.lower()])
    if match := _ROMAN_STAGE.match(token):
        return Decimal(_roman_to_int(match.group(1)))
    return None


def _roman_to_int(numeral: str) -> int:
    total = 0
    for current, following in zip(numeral, numeral[1:] + " ", strict=True):
        value = ROMAN[current]
        total += -value if ROMAN.get(following, 0) > value else value
    return total


def parse_decimal(text: str) -> Decimal | None:
    """A plain decimal number from a CSV cell, or None."""
    try:
        value = Decimal(text.strip())
    except (InvalidOperation, AttributeError):
        return None
    return value if value.is_finite() else None


def decimals_of(printed: str) -> int:
    """Decimal places as printed: '91.4' → 1, '9.0' → 1, '43' → 0."""
    _, _, fraction = printed.strip().partition(".")
    return len(fraction)


def occurs_as_token(printed: str, quote: str) -> bool:
    """True when `printed` stands in `quote` as a whole number, not inside a longer one.

    '1' does not occur in '12 h' and '12' not in 'IL-12', but '1' does in '1 h after'.
    """
    before = r"(?<![\w.])(?<![A-Za-z]-)"  # not inside a number or a name such as IL-12
    after = r"(?!\w)" if printed[-1:].isalpha() else r"(?!\w|\.\d)"
    pattern = before + re.escape(printed) + after
    return re.search(pattern, quote) is not None
