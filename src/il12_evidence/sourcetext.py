"""The source text, indexed in one pass: every lookup of a quote is shared by all checks.

Provenance (is each quote in the text?) and completeness (is each number of the body stated
by a claim?) need every occurrence of every quote. `index(fragments)` finds them all at once
with an Aho–Corasick automaton (pyahocorasick): one pass over the text whatever the number of
quotes, so that checking N quotes against a text N times longer grows linearly, not as N².
A fragment that was not indexed is found on demand and remembered.
"""

from bisect import bisect_right
from collections.abc import Iterable
from functools import cached_property

import ahocorasick


class SourceText:
    def __init__(self, text: str):
        self.text = text
        self._positions: dict[str, tuple[int, ...]] = {}

    def index(self, fragments: Iterable[str]) -> None:
        """Find every occurrence of every fragment in a single scan of the text."""
        wanted = {f for f in fragments if f and f not in self._positions}
        if not wanted:
            return
        automaton = ahocorasick.Automaton()
        for fragment in wanted:
            automaton.add_word(fragment, fragment)
        automaton.make_automaton()
        found: dict[str, list[int]] = {fragment: [] for fragment in wanted}
        for end, fragment in automaton.iter(self.text):  # overlapping occurrences included
            found[fragment].append(end - len(fragment) + 1)
        for fragment, starts in found.items():
            self._positions[fragment] = tuple(starts)

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
