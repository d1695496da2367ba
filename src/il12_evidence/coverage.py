"""Completeness: every number printed in the source's body must be stated by some claim.

A number is a run of digits (with decimals or an ordinal suffix) that is not part of a name
such as CD-20, a citation bracket or a LaTeX exponent; a number word; or a roman numeral
after "phase" or "stage". It is covered when a claim's quote spans it and the claim's
value_as_printed is that very token.
"""

import re
from dataclasses import dataclass

from .numbers import NUMBER_WORDS
from .sourcetext import SourceText

_DIGITS = r"(?<![\w.^])(?<![A-Za-z]-)\d+(?:\.\d+)?(?:st|nd|rd|th)?(?![\w^]|\.\d)"
_WORDS = r"\b(?:" + "|".join(sorted((w for w in NUMBER_WORDS if w != "no"), key=len, reverse=True)) + r")\b(?!-)"
_NUMERALS = r"(?<=\b[Pp]hase )[IVX]+(?=\b)|(?<=\bphase [IVX] or )[IVX]+\b|(?<=\bstage )[IVX]+[A-C]?\b"
NUMBER = re.compile(f"{_DIGITS}|{_WORDS}|{_NUMERALS}", re.IGNORECASE)
# Spans whose digits are not the review's numbers: citation brackets and web addresses.
NOT_NUMBERS = re.compile(r"\[\d+(?:\s*[–,-]\s*\d+)*\]|<https?://[^>\s]+>")


@dataclass(frozen=True)
class Uncovered:
    line: int
    token: str
    context: str


def uncovered_numbers(
    source: SourceText, claims: list[dict], body_start: str, body_end: str, excluded_fragments: list[str] = ()
) -> list[Uncovered]:
    """Numbers in the body that no claim states; excluded_fragments are names, not quantities."""
    text = source.text
    start = text.index(body_start)
    end = text.index(body_end, start) if body_end else len(text)
    covered: set[int] = set()
    tokens_of: dict[str, list[tuple[int, str]]] = {}  # numbers inside each distinct quote
    for claim in claims:
        quote, printed = claim["quote"], claim["value_as_printed"]
        if not quote or not printed:
            continue
        tokens = tokens_of.get(quote)
        if tokens is None:
            tokens = tokens_of[quote] = [(m.start(), m.group()) for m in NUMBER.finditer(quote)]
        offsets = [offset for offset, token in tokens if token == printed]
        for position in source.positions(quote):
            covered.update(position + offset for offset in offsets)
    skipped: set[int] = set()
    for match in NOT_NUMBERS.finditer(text, start, end):
        skipped.update(range(match.start(), match.end()))
    for fragment in excluded_fragments:
        for position in source.positions(fragment):
            skipped.update(range(position, position + len(fragment)))
    missing = []
    for match in NUMBER.finditer(text, start, end):
        if match.start() in covered or match.start() in skipped:
            continue
        context = text[max(match.start() - 40, 0) : match.end() + 40].replace("\n", " ")
        missing.append(Uncovered(source.line_of(match.start()), match.group(), context))
    return missing
