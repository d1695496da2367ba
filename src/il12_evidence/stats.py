"""Proportions and their Wilson score intervals. Rounding and printing live in numbers."""

from dataclasses import dataclass
from statistics import NormalDist


@dataclass(frozen=True)
class Proportion:
    successes: int
    trials: int
    rate: float
    ci_low: float
    ci_high: float
    method: str


def proportion(successes: int, trials: int, *, confidence: float = 0.95) -> Proportion:
    """Rate with its Wilson score interval (no continuity correction; Wilson 1927, as in Newcombe
    1998 method 3): centre (p + z²/2n) / (1 + z²/n), half-width z √(p(1−p)/n + z²/4n²) / (1 + z²/n)."""
    if trials <= 0 or not 0 <= successes <= trials:
        raise ValueError(f"need 0 <= successes <= trials and trials > 0, got {successes}/{trials}")
    z = NormalDist().inv_cdf(1 - (1 - confidence) / 2)
    rate = successes / trials
    shrink = 1 + z * z / trials
    centre = (rate + z * z / (2 * trials)) / shrink
    half_width = z * (rate * (1 - rate) / trials + z * z / (4 * trials * trials)) ** 0.5 / shrink
    # at 0 and at all successes the bound is 0 or 1 exactly (the formula leaves a rounding residue)
    low = 0.0 if successes == 0 else max(0.0, centre - half_width)
    high = 1.0 if successes == trials else min(1.0, centre + half_width)
    return Proportion(int(successes), int(trials), rate, low, high, "wilson")


def newcombe_difference(
    successes_a: int, trials_a: int, successes_b: int, trials_b: int, *, confidence: float = 0.95
) -> tuple[float, float, float]:
    """Difference of two proportions (a − b) in percentage points with Newcombe's hybrid score interval
    (method 10 of Newcombe 1998: Wilson intervals of each proportion combined)."""
    a = proportion(successes_a, trials_a, confidence=confidence)
    b = proportion(successes_b, trials_b, confidence=confidence)
    difference = a.rate - b.rate
    low = difference - ((a.rate - a.ci_low) ** 2 + (b.ci_high - b.rate) ** 2) ** 0.5
    high = difference + ((a.ci_high - a.rate) ** 2 + (b.rate - b.ci_low) ** 2) ** 0.5
    return difference * 100, low * 100, high * 100
