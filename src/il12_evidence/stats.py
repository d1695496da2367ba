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
