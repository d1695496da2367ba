"""Properties of the arithmetic rules, each against a brute-force reference written here.

The references use the decimal module's own rounding modes (ROUND_HALF_UP, ROUND_HALF_EVEN,
ROUND_DOWN) at 80 significant digits, where the engine rounds fractions in integer arithmetic;
counts go up to 10⁹, with the ties at .5, 0% and 100% generated on purpose.
"""

from decimal import ROUND_DOWN, ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal, localcontext

from hypothesis import example, given, settings
from hypothesis import strategies as st

from il12_evidence import numbers
from il12_evidence.rules import parts_tolerance

MODES = {"half-up": ROUND_HALF_UP, "half-even": ROUND_HALF_EVEN, "truncated": ROUND_DOWN}
MAX_TRIALS = 10**9


def printed_percent(successes: int, trials: int, places: int, convention: str) -> str:
    """successes/trials as a percentage printed with `places` decimals, by the decimal module."""
    with localcontext() as context:
        context.prec = 80  # exact enough: a quotient of integers below 10¹¹ is never within 10⁻⁶⁰ of a tie it is not on
        value = Decimal(100 * successes) / Decimal(trials)
        return str(value.quantize(Decimal(1).scaleb(-places), rounding=MODES[convention]))


@st.composite
def counts(draw):
    """(successes, trials): any, or a tie at .5 of the last place, 0%, or 100%."""
    trials = draw(st.integers(1, MAX_TRIALS))
    kind = draw(st.sampled_from(["any", "zero", "all", "tie"]))
    if kind == "zero":
        return 0, trials
    if kind == "all":
        return trials, trials
    if kind == "tie":  # k/n·100 ending in 5 at the place after the last printed one: n = 8·m, k odd
        m = draw(st.integers(1, MAX_TRIALS // 8))
        return draw(st.integers(0, 4 * m - 1)) * 2 + 1, 8 * m
    return draw(st.integers(0, trials)), trials


@settings(max_examples=400, deadline=None)
@given(counts(), st.integers(0, 3), st.sampled_from(sorted(MODES)))
@example((1, 8), 0, "half-up")  # 12.5 → 13
@example((1, 8), 0, "half-even")  # 12.5 → 12
@example((1, 16), 1, "half-up")  # 6.25 → 6.3
def test_rounding_equals_the_decimal_modules(case, places, convention):
    successes, trials = case
    engine = numbers.round_to(numbers.percent(successes, trials), places, convention)
    assert str(engine) == printed_percent(successes, trials, places, convention)


@settings(max_examples=300, deadline=None)
@given(counts(), st.integers(0, 2))
def test_a_percentage_matches_exactly_the_conventions_that_print_it(case, places):
    successes, trials = case
    for convention in MODES:
        printed = printed_percent(successes, trials, places, convention)
        expected = [name for name in MODES if printed_percent(successes, trials, places, name) == printed]
        assert sorted(numbers.matching_conventions(successes, trials, printed)) == sorted(expected)


@settings(max_examples=300, deadline=None)
@given(counts(), st.integers(0, 2), st.sampled_from(sorted(MODES)), st.integers(-3, 3))
@example((2, 3), 0, "truncated", 0)  # 66.67% prints 66 only by truncation
def test_grim_finds_exactly_the_counts_that_print_a_percentage(case, places, convention, nudge):
    """count_range's first and last counts print the percentage and their neighbours do not; when it
    finds none, no count near the percentage prints it. (Rounding is monotone in the count, so the
    counts that print one value are a run.)"""
    successes, trials = case
    printed = printed_percent(successes, trials, places, convention)
    printed = str(Decimal(printed) + Decimal(nudge).scaleb(-places)) if nudge else printed
    if Decimal(printed) < 0:
        return
    found = numbers.count_range(printed, trials, convention)

    def prints(k: int) -> bool:
        return 0 <= k <= trials and printed_percent(k, trials, places, convention) == printed

    if found is None:
        centre = int(Decimal(printed) * trials / 100)
        assert not any(prints(k) for k in range(centre - 3, centre + 4))
    else:
        first, last = found
        assert prints(first) and prints(last) and first <= last
        assert not prints(first - 1) and not prints(last + 1)
    if nudge == 0:
        assert found is not None and found[0] <= successes <= found[1]


@st.composite
def partition(draw):
    """A group of `trials`, `whole` of them in a category printed as a percentage (or all of them,
    None), and counts of sub-categories that partition it, each printed as a percentage."""
    trials = draw(st.integers(1, MAX_TRIALS))
    whole_places = draw(st.one_of(st.none(), st.integers(0, 2)))
    whole = trials if whole_places is None else draw(st.integers(0, trials))
    cuts = sorted(draw(st.lists(st.integers(0, whole), min_size=1, max_size=5)))
    parts = [b - a for a, b in zip([0, *cuts], [*cuts, whole], strict=True)]
    places = draw(st.lists(st.integers(0, 2), min_size=len(parts), max_size=len(parts)))
    return trials, whole, whole_places, parts, places


@settings(max_examples=300, deadline=None)
@given(partition(), st.sampled_from(["half-up", "half-even"]))
@example((1000, 508, 0, [204, 304], [1, 1]), "half-up")  # CR 20.4% + PR 30.4% of 1000 against ORR 51%
@example((1000, 1000, None, [504, 496], [0, 1]), "half-up")  # 50% + 49.6% of 1000 is all of it
def test_parts_that_partition_their_whole_are_never_called_short(case, convention):
    """Printed by rounding (each printed value within half a unit of its last digit), parts that
    make up their whole stay within the tolerance, the whole's own rounding included; and a real
    gap of more than twice the tolerance is always outside it."""
    trials, whole, whole_places, parts, places = case
    printed = [printed_percent(part, trials, p, convention) for part, p in zip(parts, places, strict=True)]
    whole_printed = None if whole_places is None else printed_percent(whole, trials, whole_places, convention)
    expected = Decimal(whole_printed) if whole_printed is not None else Decimal(100)
    tolerance = parts_tolerance(printed, whole_printed)
    total = sum(Decimal(p) for p in printed)
    assert abs(expected - total) <= tolerance
    # leave out the largest part: the gap is its share; beyond twice the tolerance it is always seen
    largest = max(range(len(parts)), key=parts.__getitem__)
    if Decimal(100) * parts[largest] / trials > 2 * tolerance:
        assert abs(expected - (total - Decimal(printed[largest]))) > tolerance
