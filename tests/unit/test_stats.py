"""Statistics against values checked by hand (Wilson formula worked on paper, Clopper–Pearson from tables)."""

from decimal import Decimal

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


def test_round_percent_half_up_differs_from_half_even_on_exact_half():
    # 1 of 8 is exactly 12.5%: half-up gives 13, half-even 12, truncation 12
    assert stats.round_percent(1, 8, 0, "half-up") == Decimal(13)
    assert stats.round_percent(1, 8, 0, "half-even") == Decimal(12)
    assert stats.round_percent(1, 8, 0, "truncated") == Decimal(12)


def test_matching_conventions_uses_printed_precision():
    # 32/35 = 91.428…%: "91.4" matches when rounded to one decimal, "91" does not match "91.4"
    assert stats.matching_conventions(32, 35, "91.4") == ["half-up", "half-even", "truncated"]
    assert stats.matching_conventions(32, 35, "91.40") == []


def test_matching_conventions_truncation_only():
    # 11/43 = 25.58%: only truncation prints 25
    assert stats.matching_conventions(11, 43, "25") == ["truncated"]


def test_grim_counts_finds_every_reachable_count():
    assert list(stats.grim_counts("30", 23)) == [7]
    assert stats.grim_counts("69", 43) == {30: ["truncated"]}  # 69.77% cut to 69
    assert stats.grim_counts("1", 43) == {}  # 0% and 2.33% straddle it


def test_smallest_group_sizes_for_75_percent():
    assert stats.smallest_group_sizes("75") == [(3, 4), (6, 8), (9, 12)]
