"""Confidence intervals against values checked by hand."""

import pytest

from il12_evidence import stats


def test_wilson_interval_matches_hand_computed_7_of_20():
    # p = 0.35, z = 1.959964: centre 0.37367, half-width 0.19295 → 0.1812 to 0.5671
    result = stats.proportion(7, 20)
    assert result.rate == pytest.approx(0.35)
    assert result.ci_low == pytest.approx(0.1812, abs=5e-5)
    assert result.ci_high == pytest.approx(0.5671, abs=5e-5)


def test_exact_interval_matches_clopper_pearson_table_for_0_of_10():
    # for 0 successes the upper limit is 1 - 0.025**(1/10) = 0.30850
    result = stats.proportion(0, 10, method="exact")
    assert result.ci_low == 0
    assert result.ci_high == pytest.approx(0.30850, abs=5e-5)


def test_proportion_rejects_impossible_counts():
    with pytest.raises(ValueError):
        stats.proportion(5, 4)
