"""How a number reads with its unit, from the units vocabulary (units.csv).

Grammar never depends on free text: the vocabulary gives the singular and plural forms, and
the form for multiplicative words ("twice a week", never "twice times a week"); a number
word that the review prints at the start of a sentence ("Three") reads in lower case
anywhere else.
"""

from decimal import Decimal

from .numbers import MULTIPLICATIVE_WORDS, is_number_word, is_ordinal


def number_text(printed: str, *, sentence_start: bool = False) -> str:
    """The number as printed, with a number word's case fitted to its place in the sentence."""
    if is_number_word(printed):
        return printed[:1].upper() + printed[1:].lower() if sentence_start else printed.lower()
    return printed


def reads(unit: dict, printed: str, value: Decimal | None, *, sentence_start: bool = False) -> str:
    """'23 patients', '1 patient', 'twice a week', 'day 2 after the start of TSEBT', '52%'."""
    number = number_text(printed, sentence_start=sentence_start)
    if printed.lower() in MULTIPLICATIVE_WORDS and unit["multiplicative"]:
        template = unit["multiplicative"]
    elif value == 1 or is_ordinal(printed):  # "1 patient", "the 14th day"
        template = unit["singular"]
    else:
        template = unit["plural"]
    text = template.replace("{n}", number)
    if sentence_start and not template.startswith("{n}"):
        text = text[:1].upper() + text[1:]
    return text
