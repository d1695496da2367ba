"""Proportions, confidence intervals and rounding arithmetic: pure functions.

Intervals come from scipy; rounding questions use decimal.Decimal on the value as printed,
never float round() (which rounds half to even on binary approximations).
"""

from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal

from .values import decimals_of

CONFIDENCE = 0.95
# Name → decimal rounding mode; the order is the order findings list them in.
ROUNDING_CONVENTIONS = {"half-up": ROUND_HALF_UP, "half-even": ROUND_HALF_EVEN, "truncated": ROUND_DOWN}


@dataclass(frozen=True)
class Proportion:
    successes: int
    trials: int
    rate: float
    ci_low: float
    ci_high: float
    method: str


def proportion(successes: int, trials: int, method: str = "wilson") -> Proportion:
    """Rate with its 95% interval: "wilson" (score) or "exact" (Clopper–Pearson)."""
    if trials <= 0 or not 0 <= successes <= trials:
        raise ValueError(f"need 0 <= successes <= trials and trials > 0, got {successes}/{trials}")
    from scipy.stats import binomtest  # imported here: validation never needs scipy's start-up cost

    interval = binomtest(int(successes), int(trials)).proportion_ci(confidence_level=CONFIDENCE, method=method)
    return Proportion(
        int(successes), int(trials), successes / trials, float(interval.low), float(interval.high), method
    )


def percent(successes: int, trials: int) -> Decimal:
    """Exact percentage as a Decimal (28 significant digits)."""
    return Decimal(successes) * 100 / Decimal(trials)


def round_percent(successes: int, trials: int, places: int, convention: str) -> Decimal:
    step = Decimal(1).scaleb(-places)
    return percent(successes, trials).quantize(step, rounding=ROUNDING_CONVENTIONS[convention])


def matching_conventions(successes: int, trials: int, printed: str) -> list[str]:
    """The rounding conventions under which successes/trials prints as `printed` (a percentage)."""
    target, places = Decimal(printed), decimals_of(printed)
    return [name for name in ROUNDING_CONVENTIONS if round_percent(successes, trials, places, name) == target]


def grim_counts(printed: str, trials: int) -> dict[int, list[str]]:
    """GRIM: every whole count out of `trials` that can print as `printed`, with its conventions."""
    counts = {}
    for successes in range(trials + 1):
        conventions = matching_conventions(successes, trials, printed)
        if conventions:
            counts[successes] = conventions
    return counts


def smallest_group_sizes(printed: str, how_many: int = 3, largest: int = 1000) -> list[tuple[int, int]]:
    """The smallest group sizes n (with a count k) for which k/n rounds half-up to `printed`."""
    found, target = [], Decimal(printed)
    for trials in range(1, largest + 1):
        nearest = int(target * trials / 100)  # only counts next to p·n can round to p
        for successes in range(max(nearest - 1, 0), min(nearest + 2, trials) + 1):
            if "half-up" in matching_conventions(successes, trials, printed):
                found.append((successes, trials))
                break
        if len(found) == how_many:
            break
    return found
