"""Each audit rule flags a case it must flag and passes a case it must pass."""

from decimal import Decimal

from factories import claim, dataset

from il12_evidence import checks


def _by_claim(findings):
    return {finding.claim_id: finding for finding in findings}


def test_percent_vs_counts_flags_69_percent_of_29_in_43():
    found = _by_claim(
        checks.check_percent_vs_counts(
            dataset(
                claim("wrong", value_as_printed="69", numerator=29, denominator=43),
                claim("right", value_as_printed="67", numerator=29, denominator=43),
            )
        )
    )
    assert found["wrong"].status == "inconsistent" and found["wrong"].is_problem
    assert "29 of 42 would" in found["wrong"].explanation
    assert found["right"].status == "consistent" and not found["right"].is_problem


def test_percent_vs_counts_marks_truncation():
    found = checks.check_percent_vs_counts(dataset(claim("cut", value_as_printed="25", numerator=11, denominator=43)))
    assert found[0].status == "consistent-if-truncated"
    assert found[0].conventions == "truncated"


def test_percent_vs_counts_ignores_non_percentages():
    assert (
        checks.check_percent_vs_counts(
            dataset(claim("n", unit="patients", value_as_printed="7", numerator=7, denominator=9))
        )
        == []
    )


def test_grim_flags_unreachable_percentage():
    found = _by_claim(
        checks.check_grim(
            dataset(
                claim("impossible", value_as_printed="1", denominator=43),
                claim("possible", value_as_printed="30", denominator=23),
                claim("unknown", value_as_printed="75"),
            )
        )
    )
    assert found["impossible"].status == "inconsistent"
    assert found["possible"].status == "consistent"
    assert found["unknown"].severity == checks.INFO and "3 of 4" in found["unknown"].explanation


def test_parts_vs_whole_flags_shortfall_and_passes_complete_partition():
    short = dataset(
        claim("whole", unit="patients", quantity="patients_enrolled", value_as_printed="23"),
        *[claim(f"part-{p}", value_as_printed=p, part_of="whole", partition="response") for p in ("43", "30", "22")],
    )
    findings = checks.check_parts_vs_whole(short)
    assert {f.status for f in findings} == {"shortfall"}
    assert "about 1.2 of 23 subjects unaccounted" in findings[0].explanation
    complete = dataset(
        claim("whole", unit="patients", quantity="patients_enrolled", value_as_printed="5"),
        *[
            claim(f"part-{i}", unit="patients", value_as_printed=p, part_of="whole", partition="stage")
            for i, p in enumerate("311")
        ],
    )
    assert {f.status for f in checks.check_parts_vs_whole(complete)} == {"consistent"}


def test_parts_vs_whole_flags_excess_counts():
    over = dataset(
        claim("whole", unit="patients", value_as_printed="5"),
        *[claim(f"part-{i}", unit="patients", value_as_printed=p, part_of="whole") for i, p in enumerate("33")],
    )
    findings = checks.check_parts_vs_whole(over)
    assert {f.status for f in findings} == {"excess"} and "1 subject(s) counted twice" in findings[0].explanation


def test_parts_vs_whole_tolerates_rounding_of_percentages():
    # 33% + 33% + 33% = 99%: within three half-points of 100%
    rounded = dataset(
        claim("whole", unit="patients", value_as_printed="3"),
        *[claim(f"third-{i}", value_as_printed="33", part_of="whole") for i in range(3)],
    )
    assert {f.status for f in checks.check_parts_vs_whole(rounded)} == {"consistent"}


def test_contradiction_flags_two_values_for_one_quantity():
    found = checks.check_contradictions(
        dataset(
            claim("a", unit="patients", quantity="patients_enrolled", value_as_printed="23"),
            claim("b", unit="patients", quantity="patients_enrolled", value_as_printed="24"),
        )
    )
    assert {f.status for f in found} == {"contradiction"}
    same = checks.check_contradictions(
        dataset(
            claim("a", unit="patients", value_as_printed="5"),
            claim("b", unit="patients", value_as_printed="5"),
        )
    )
    assert {f.status for f in same} == {"consistent"}


def test_claim_statuses_take_the_worst_finding():
    findings = [
        checks.Finding("x", "r1", "consistent", checks.PASS, "", ""),
        checks.Finding("x", "r2", "shortfall", checks.ERROR, "", ""),
        checks.Finding("y", "r1", "consistent-if-truncated", checks.WARNING, "", ""),
        checks.Finding("z", "grim", "group-size-unknown", checks.INFO, "", ""),
    ]
    statuses = checks.claim_statuses(findings)
    assert statuses == {"x": checks.STATUS_INCONSISTENT, "y": checks.STATUS_TRUNCATED}


def test_reconcile_reports_unexplained_and_stale_findings():
    data = dataset(claim("wrong", value_as_printed="69", numerator=29, denominator=43))
    unexplained = checks.reconcile_findings(data)
    assert len(unexplained) == 1 and "claim wrong: unexplained percent-vs-counts" in unexplained[0].message
    data.tables["findings"].append(
        {"__row__": 2, "claim_id": "wrong", "rule": "percent-vs-counts", "fragment": None, "explanation": "explained"}
    )
    assert checks.reconcile_findings(data) == []
    data.tables["claims"][0]["value_as_printed"], data.tables["claims"][0]["value"] = "67", Decimal(67)
    stale = checks.reconcile_findings(data)
    assert len(stale) == 1 and "no longer produce" in stale[0].message


def test_textual_errata_flags_every_suspect_term_but_not_longer_names():
    text = "Body. IL-12 and IL-21 differ. Then IL-2 was given. INF- γ rose.\nEnd."
    data = dataset(source_text=text)
    data.package["resources"].append({"name": "source-text", "x-body-start": "Body.", "x-body-end": "End."})
    data.tables["suspect-terms"] = [
        {"term": "IL-2", "expected": "IL-12", "reason": "r"},
        {"term": "INF- γ", "expected": "IFN- γ", "reason": "r"},
    ]
    found = checks.check_textual_errata(data)
    assert [(f.conventions, f.fragment) for f in found] == [
        ("IL-2", "Then IL-2 was given."),
        ("INF- γ", "INF- γ rose."),
    ]
    assert all(f.is_problem and f.fragment in text for f in found)
    data.tables["suspect-terms"] = [{"term": "IL-7", "expected": "IL-12", "reason": "r"}]
    assert checks.check_textual_errata(data) == []
