"""Each audit rule flags the case it exists for and passes the case it must pass."""

from decimal import Decimal

from factories import claim, dataset, primary_row

from il12_evidence import rules


def _one(findings, subject=None):
    chosen = [f for f in findings if subject is None or f.subject == subject]
    assert len(chosen) == 1, findings
    return chosen[0]


def test_percent_vs_counts_flags_69_percent_of_29_in_43_naming_every_convention():
    finding = _one(
        rules.check_percent_vs_counts(dataset(claim("r", value_as_printed="69", numerator=29, denominator=43)))
    )
    assert (finding.status, finding.severity, finding.mark, finding.marks) == (
        "inconsistent",
        "error",
        "failed",
        ("r",),
    )
    assert "half-up rounding gives 67%" in finding.explanation and "truncating 67%" in finding.explanation
    assert "29 of 42 would give 69.05%" in finding.explanation


def test_percent_vs_counts_marks_truncation_and_passes_rounding():
    truncated = _one(
        rules.check_percent_vs_counts(dataset(claim("t", value_as_printed="25", numerator=11, denominator=43)))
    )
    assert (truncated.mark, truncated.severity) == ("truncated", "warning")
    held = _one(rules.check_percent_vs_counts(dataset(claim("h", value_as_printed="42", numerator=18, denominator=43))))
    assert (held.mark, held.severity, held.conventions) == ("held", "pass", ("half-up", "half-even"))
    assert "not truncating" in held.explanation


def test_percent_vs_counts_ignores_counts_that_are_not_percentages():
    assert (
        rules.check_percent_vs_counts(
            dataset(claim("c", unit="patients", value_as_printed="3", numerator=3, denominator=5))
        )
        == []
    )


def test_grim_flags_an_unreachable_percentage_of_a_stated_group():
    failed = _one(rules.check_grim(dataset(claim("g", value_as_printed="1", denominator=43))))
    assert (failed.mark, failed.severity) == ("failed", "error")
    held = _one(rules.check_grim(dataset(claim("g", value_as_printed="59", denominator=22))))
    assert held.mark == "held" and "13 of 22 (59.09%)" in held.explanation


def _arm(claim_id, size, arm=None, **columns):
    return claim(
        claim_id,
        quantity="arm_size" if arm else "patients_enrolled",
        unit="patients",
        value_as_printed=str(size),
        arm=arm,
        **columns,
    )


def test_group_sizes_flags_a_percentage_no_count_of_its_own_arm_gives():
    data = dataset(
        _arm("treated", 42),
        _arm("iv", 11, arm="intravenous", part_of="treated", partition="route"),
        _arm("sc", 31, arm="subcutaneous", part_of="treated", partition="route"),
        claim("iv-rate", value_as_printed="40", arm="intravenous"),
    )
    finding = _one(rules.check_group_sizes(data))
    assert (finding.status, finding.mark, finding.marks) == ("own-group-does-not-fit", "failed", ("iv-rate",))
    assert "4 of 11 is 36.36%" in finding.explanation and "17 of 42 (40.48%)" in finding.explanation


def test_group_sizes_passes_its_own_arm_and_informs_otherwise():
    own = dataset(_arm("iv", 10, arm="intravenous"), claim("iv-rate", value_as_printed="40", arm="intravenous"))
    assert _one(rules.check_group_sizes(own)).status == "fits-own-group"
    study_level = dataset(_arm("all", 10), claim("rate", value_as_printed="40"))
    assert (_one(rules.check_group_sizes(study_level)).status, _one(rules.check_group_sizes(study_level)).mark) == (
        "fits-a-stated-group",
        None,
    )
    none_fit = dataset(_arm("all", 11), claim("rate", value_as_printed="40"))
    assert _one(rules.check_group_sizes(none_fit)).status == "no-stated-group-fits"
    unstated = _one(rules.check_group_sizes(dataset(claim("rate", value_as_printed="75"))))
    assert unstated.status == "no-group-size-stated" and "3 of 4, 6 of 8, 9 of 12" in unstated.explanation


def test_study_rounding_flags_a_study_whose_percentages_need_two_conventions():
    mixed = dataset(
        claim("cr", value_as_printed="25", numerator=11, denominator=43),
        claim("pr", value_as_printed="42", numerator=18, denominator=43),
    )
    finding = _one(rules.check_study_rounding(mixed))
    assert (finding.subject, finding.kind, finding.severity) == ("doe-2000", "study", "warning")
    same = dataset(
        claim("a", value_as_printed="42", numerator=18, denominator=43),
        claim("b", value_as_printed="21", numerator=6, denominator=29),
    )
    assert _one(rules.check_study_rounding(same)).status == "one-convention"


def test_parts_vs_whole_marks_the_total_not_the_correct_parts():
    data = dataset(
        claim("all", value_as_printed="69", numerator=29, denominator=43),
        claim("cr", value_as_printed="25", part_of="all", partition="response"),
        claim("pr", value_as_printed="42", part_of="all", partition="response"),
    )
    finding = _one(rules.check_parts_vs_whole(data))
    assert (finding.status, finding.mark, finding.marks, finding.kind) == ("shortfall", "failed", ("all",), "claim")


def test_parts_vs_whole_marks_the_set_when_shares_of_a_group_fall_short():
    data = dataset(
        _arm("n", 23),
        claim("a", value_as_printed="43", part_of="n", partition="response"),
        claim("b", value_as_printed="30", part_of="n", partition="response"),
        claim("c", value_as_printed="22", part_of="n", partition="response"),
    )
    finding = _one(rules.check_parts_vs_whole(data))
    assert (finding.kind, finding.mark, finding.marks) == ("set", "failed", ())
    assert "95%" in finding.explanation and "about 1.2 of 23" in finding.explanation


def test_parts_vs_whole_passes_complete_partitions_and_tolerates_rounding():
    counts = dataset(
        _arm("n", 5),
        *(
            claim(i, unit="patients", value_as_printed=v, part_of="n", partition="stage")
            for i, v in (("a", "3"), ("b", "1"), ("c", "1"))
        ),
    )
    assert _one(rules.check_parts_vs_whole(counts)).marks == ("a", "b", "c", "n")
    thirds = dataset(_arm("n", 3), *(claim(i, value_as_printed="33", part_of="n", partition="r") for i in "abc"))
    assert _one(rules.check_parts_vs_whole(thirds)).status == "consistent"  # 99% within 3 × 0.5


def test_parts_vs_whole_flags_excess_counts():
    data = dataset(
        _arm("n", 5), *(claim(i, unit="patients", value_as_printed="3", part_of="n", partition="s") for i in "ab")
    )
    assert _one(rules.check_parts_vs_whole(data)).status == "excess"


def test_contradiction_flags_two_values_for_one_quantity_and_passes_a_restatement():
    two = dataset(_arm("x", 5), _arm("y", 6))
    assert (_one(rules.check_contradictions(two)).status, _one(rules.check_contradictions(two)).marks) == (
        "contradiction",
        ("x", "y"),
    )
    same = dataset(_arm("x", 5), _arm("y", 5))
    assert _one(rules.check_contradictions(same)).mark == "held"


def test_outcome_definition_flags_words_that_hide_stable_disease():
    data = dataset(
        claim("rate", value_as_printed="52", numerator=11, denominator=21, outcome="unspecified"),
        claim("cr", unit="patients", value_as_printed="1", outcome="complete-response"),
        claim("pr", unit="patients", value_as_printed="4", outcome="partial-response"),
        claim("sd", unit="patients", value_as_printed="6", outcome="stable-disease"),
        count_sources=[("rate", "numerator", "cr"), ("rate", "numerator", "pr"), ("rate", "numerator", "sd")],
    )
    finding = _one(rules.check_outcome_definitions(data))
    assert (finding.status, finding.severity, finding.mark) == ("outcome-mismatch", "warning", None)
    assert "disease control" in finding.explanation and "5 of 21 (23.8%)" in finding.explanation


def test_outcome_definition_compares_with_the_primary_outcome():
    primary = primary_row(
        "rate", primary_value="41", primary_unit="%", primary_outcome="objective-response", verdict="differs-outcome"
    )
    data = dataset(claim("rate", value_as_printed="41", outcome="complete-response"), primary=[primary])
    assert "41% is a figure of objective response" in _one(rules.check_outcome_definitions(data)).explanation
    agree = dataset(claim("rate", value_as_printed="41", outcome="objective-response"), primary=[primary])
    assert _one(rules.check_outcome_definitions(agree)).status == "same-outcome"


def test_statistic_type_flags_a_mean_that_is_a_median():
    primary = primary_row("age", primary_statistic="median")
    data = dataset(
        claim("age", quantity="age", unit="years", value_as_printed="55", statistic="mean"), primary=[primary]
    )
    assert _one(rules.check_statistic_types(data)).status == "statistic-mismatch"


def test_textual_errata_number_every_occurrence_but_skip_longer_names():
    text = "Body. IL-2 helps. IL-21 and pIL-2 are other names. IL-2 again.\nEnd"
    terms = [{"term": "IL-2", "expected": "IL-12", "reason": "r"}]
    data = dataset(suspect_terms=terms, source_text=text)
    found = rules.check_textual_errata(data)
    assert [f.subject for f in found] == ["IL-2#1", "IL-2#2"]
    assert found[0].fragment == "IL-2 helps."


def test_reconcile_reports_unassigned_and_stale_findings_and_empty_problems():
    problem = {"problem_id": "p1", "title": "t", "kind": "arithmetic", "consequence": "cosmetic", "study_id": None,
               "explanation": "x" * 30, "consequence_reason": "r"}  # fmt: skip
    data = dataset(
        claim("r", value_as_printed="69", numerator=29, denominator=43),
        findings=[{"rule": "grim", "subject": "gone", "problem_id": "p1"}],
        problems=[problem, {**problem, "problem_id": "p2"}],
    )
    problems = [str(p) for p in rules.Audit.of(data).reconcile()]
    assert any("unexplained percent-vs-counts finding for 'r'" in p for p in problems)
    assert any("no longer produce: grim for 'gone'" in p for p in problems)
    assert any("problem 'p2' has no finding" in p for p in problems)


def test_every_rule_is_listed_in_rules_csv():
    assert set(rules.RULES) == {row["rule"] for row in dataset().rows("rules")}


# --- the cases issue 18 listed, each with the answer the rules must give --------------------------
def test_a_fit_by_truncation_only_is_approximate_under_every_rule():
    """66% of 3 (66.67%): only truncation prints 66 — percent-vs-counts, GRIM and group sizes all say ≈."""
    counted = dataset(claim("r", value_as_printed="66", numerator=2, denominator=3))
    assert _one(rules.check_percent_vs_counts(counted)).mark == "truncated"
    grim = dataset(claim("r", value_as_printed="66", denominator=3))
    assert _one(rules.check_grim(grim)).mark == "truncated"
    own = dataset(_arm("arm", 3, arm="treated"), claim("r", value_as_printed="66", arm="treated"))
    assert _one(rules.check_group_sizes(own)).mark == "truncated"


def test_parts_within_their_own_and_the_wholes_rounding_are_consistent():
    """CR 20.4% + PR 30.4% = 50.8% against an ORR printed 51% (508 of 1000): the whole's half unit counts."""
    data = dataset(
        claim("orr", value_as_printed="51", numerator=508, denominator=1000),
        claim("cr", value_as_printed="20.4", part_of="orr", partition="response"),
        claim("pr", value_as_printed="30.4", part_of="orr", partition="response"),
    )
    finding = _one(rules.check_parts_vs_whole(data))
    assert (finding.status, finding.mark) == ("consistent", "held")
    assert rules.parts_tolerance(["20.4", "30.4"], "51") == Decimal("0.60")
    assert rules.parts_tolerance(["20.4", "30.4"], None) == Decimal("0.10")


def test_shares_printed_at_different_precisions_that_make_the_whole_are_not_short():
    """50% + 49.6% of 1000 (504 + 496): 99.6% is within 0.55 points of 100%."""
    data = dataset(
        _arm("n", 1000),
        claim("a", value_as_printed="50", part_of="n", partition="response"),
        claim("b", value_as_printed="49.6", part_of="n", partition="response"),
    )
    assert _one(rules.check_parts_vs_whole(data)).status == "consistent"


def test_the_dose_per_week_counts_every_dose_of_an_interval():
    """100 ng/kg, three doses every four weeks: 75 ng/kg a week, not 25."""
    from il12_evidence.dosing import regimens

    data = dataset(
        claim("dose", unit="ng/kg", value_as_printed="100"),
        claim("doses", unit="doses per interval", value_as_printed="3"),
        claim("interval", unit="weeks", value_as_printed="4"),
    )
    data.tables["regimens"] = [
        {"__row__": 2, "regimen": "m", "label": "maintenance", "species": "human", "dose_claim": "dose",
         "doses_per_week_claim": None, "doses_per_interval_claim": "doses", "interval_weeks_claim": "interval", "note": None}
    ]  # fmt: skip
    (regimen,) = regimens(data)
    assert (regimen.per_dose, regimen.per_week) == (100.0, 75.0)


def test_two_rates_with_the_same_counts_but_different_outcomes_stay_two_rows():
    from il12_evidence.views import Evidence, proportion_rows

    data = dataset(
        claim("cr", value_as_printed="25", numerator=5, denominator=20, outcome="complete-response"),
        claim("dc", value_as_printed="25", numerator=5, denominator=20, outcome="disease-control"),
    )
    rows = proportion_rows(Evidence(data), ["cr", "dc"])
    assert sorted(row.number.claim_id for row in rows) == ["cr", "dc"]
