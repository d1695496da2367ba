"""Confidence intervals against values checked by hand."""

import pytest

from il12_evidence import stats


def test_wilson_interval_matches_hand_computed_7_of_20():
    # p = 0.35, z = 1.959964: centre 0.37367, half-width 0.19295 → 0.1812 to 0.5671
    result = stats.proportion(7, 20)
    assert result.rate == pytest.approx(0.35)
    assert result.ci_low == pytest.approx(0.1812, abs=5e-5)
    assert result.ci_high == pytest.approx(0.5671, abs=5e-5)


def test_wilson_interval_is_0_or_1_exactly_at_the_ends_and_contains_the_rate():
    # 0 of 10: upper bound z²/(n + z²) = 3.8415/13.8415 = 0.27753
    none, every = stats.proportion(0, 10), stats.proportion(10, 10)
    assert none.ci_low == 0.0 and none.ci_high == pytest.approx(0.27753, abs=5e-5)
    assert every.ci_high == 1.0 and every.ci_low == pytest.approx(1 - 0.27753, abs=5e-5)


def test_proportion_rejects_impossible_counts():
    with pytest.raises(ValueError):
        stats.proportion(5, 4)


def test_proportion_keeps_its_counts_and_refuses_an_empty_group():
    one = stats.proportion(1, 1)
    assert (one.successes, one.trials, one.method, one.ci_high) == (1, 1, "wilson", 1.0) and 0 < one.ci_low < 1
    for successes, trials in ((0, 0), (-1, 3), (4, 3)):
        with pytest.raises(ValueError):
            stats.proportion(successes, trials)
