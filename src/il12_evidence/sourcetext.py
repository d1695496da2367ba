"""The source text, indexed once: every lookup of a quote is shared by all checks.

Provenance (is each quote in the text?) and completeness (is each number of the body stated
by a claim?) both need every occurrence of every quote. Each distinct fragment is searched
once and remembered, so checking N claims costs one search per distinct quote, not one
regular-expression scan of the whole text per claim and per check.
"""

from bisect import bisect_right
from functools import cached_property


class SourceText:
    def __init__(self, text: str):
        self.text = text
        self._positions: dict[str, tuple[int, ...]] = {}

    def positions(self, fragment: str) -> tuple[int, ...]:
        """Start offsets of every occurrence of `fragment` (overlapping ones included)."""
        found = self._positions.get(fragment)
        if found is None:
            hits, start = [], self.text.find(fragment) if fragment else -1
            while start != -1:
                hits.append(start)
                start = self.text.find(fragment, start + 1)
            found = self._positions[fragment] = tuple(hits)
        return found

    def __contains__(self, fragment: str) -> bool:
        return bool(self.positions(fragment))

    @cached_property
    def _line_starts(self) -> list[int]:
        starts, index = [0], self.text.find("\n")
        while index != -1:
            starts.append(index + 1)
            index = self.text.find("\n", index + 1)
        return starts

    def line_of(self, offset: int) -> int:
        """1-based line number of an offset."""
        return bisect_right(self._line_starts, offset)
