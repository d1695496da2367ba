"""Proportions and their confidence intervals (scipy). Rounding and printing live in numbers."""

from dataclasses import dataclass


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
