"""Proportions, confidence intervals and rounding arithmetic: pure functions.

Intervals come from scipy. Rounding questions are answered exactly with fractions on the
value as printed — never float round() — and in constant time: which counts k of n print as
a percentage is an interval of k computed by arithmetic, not a loop over k, so a denominator
of a billion costs what a denominator of ten does.
"""

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache

from .values import decimals_of

# The conventions a printed percentage may have been rounded by, in the order findings name them.
ROUNDING_CONVENTIONS = ("half-up", "half-even", "truncated")
CONVENTION_WORDS = {"half-up": "half-up rounding", "half-even": "half-even rounding", "truncated": "truncating"}


@dataclass(frozen=True)
class Proportion:
    successes: int
    trials: int
    rate: float
    ci_low: float
    ci_high: float
    method: str


def proportion(successes: int, trials: int, *, confidence: float = 0.95, method: str = "wilson") -> Proportion:
    """Rate with its interval: "wilson" (score) or "exact" (Clopper–Pearson)."""
    if trials <= 0 or not 0 <= successes <= trials:
        raise ValueError(f"need 0 <= successes <= trials and trials > 0, got {successes}/{trials}")
    from scipy.stats import binomtest  # imported here: validation never needs scipy's start-up cost

    interval = binomtest(int(successes), int(trials)).proportion_ci(confidence_level=confidence, method=method)
    return Proportion(
        int(successes), int(trials), successes / trials, float(interval.low), float(interval.high), method
    )


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
    """An exact percentage for an explanation, rounded half-up to `places` decimals."""
    return f"{round_to(value, places, 'half-up'):f}%"
