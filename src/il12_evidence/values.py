"""Reading numbers as printed: ASCII digits, number words, ordinals and roman numerals.

English number words are language, not data about one review, so they live here.
"""

import re
from decimal import Decimal, InvalidOperation

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
    if token.lower() in NUMBER_WORDS:
        return Decimal(NUMBER_WORDS[token.lower()])
    if match := _ROMAN_STAGE.fullmatch(token):
        return Decimal(_roman_to_int(match.group(1)))
    if match := _ARABIC_STAGE.fullmatch(token):
        return Decimal(match.group(1))
    return None


def is_number_word(text: str) -> bool:
    return text.lower() in NUMBER_WORDS


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
    before = r"(?<![\w.])(?<![A-Za-z]-)"  # not inside a number or a name such as CD-20
    after = r"(?!\w)" if printed[-1:].isalpha() else r"(?!\w|\.\d)"
    pattern = before + re.escape(printed) + after
    return re.search(pattern, quote) is not None
