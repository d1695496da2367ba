"""Statistics against values checked by hand, and the constant-time GRIM against brute force."""

import time
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


def test_round_to_half_up_differs_from_half_even_on_an_exact_half():
    # 1 of 8 is exactly 12.5%: half-up gives 13, half-even 12, truncation 12; 3 of 8 = 37.5 → 38, 38, 37
    assert [stats.round_to(stats.percent(1, 8), 0, c) for c in stats.ROUNDING_CONVENTIONS] == [13, 12, 12]
    assert [stats.round_to(stats.percent(3, 8), 0, c) for c in stats.ROUNDING_CONVENTIONS] == [38, 38, 37]


def test_matching_conventions_uses_the_printed_precision():
    # 32/35 = 91.428…%: "91.4" matches when rounded to one decimal; "91.40" needs two decimals
    assert stats.matching_conventions(32, 35, "91.4") == ["half-up", "half-even", "truncated"]
    assert stats.matching_conventions(32, 35, "91.40") == []


def test_matching_conventions_truncation_only():
    # 11/43 = 25.58%: only truncation prints 25
    assert stats.matching_conventions(11, 43, "25") == ["truncated"]


def _brute(printed: str, trials: int) -> dict[str, tuple[int, int]]:
    found: dict[str, list[int]] = {}
    for k in range(trials + 1):
        for name in stats.matching_conventions(k, trials, printed):
            found.setdefault(name, []).append(k)
    return {name: (ks[0], ks[-1]) for name, ks in found.items()}


@pytest.mark.parametrize("printed", ["0", "7", "12.5", "25", "30", "41", "50", "59", "69", "91.4", "97.2", "100"])
def test_grim_counts_by_arithmetic_equal_brute_force(printed):
    for trials in range(1, 120):
        assert stats.grim_counts(printed, trials) == _brute(printed, trials), (printed, trials)


def test_grim_counts_take_constant_time_for_huge_groups():
    start = time.perf_counter()
    found = stats.grim_counts("69", 10**17)
    assert time.perf_counter() - start < 0.05
    first, last = found["half-up"]

    def half_up(k):
        return "half-up" in stats.matching_conventions(k, 10**17, "69")

    assert half_up(first) and not half_up(first - 1) and half_up(last) and not half_up(last + 1)


def test_smallest_group_sizes_for_75_percent():
    assert stats.smallest_group_sizes("75", how_many=3, largest=1000) == ((3, 4), (6, 8), (9, 12))


def test_format_percent_is_exact_half_up():
    assert stats.format_percent(stats.percent(29, 43), 3) == "67.442%"
    assert stats.round_to(stats.percent(29, 43), 1, "half-up") == Decimal("67.4")
