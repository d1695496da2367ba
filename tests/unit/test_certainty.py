"""Certainty by written rules: each rule on a small case, worked by hand from the Methods."""

from dataclasses import replace

from il12_evidence.certainty import Arm, Design, Question, Rules, rate

RULES = Rules(
    caps={"risk of bias": 2, "indirectness": 2, "imprecision": 2, "inconsistency": 1},
    animals=2,
    no_effect=2,
    participants=100,
    interval_points=30,
    level="95%",
)
TRIAL = Design(
    label="Trial",
    species_label="patients",
    human=True,
    randomised="yes",
    blinded="not stated",
    peer_reviewed=True,
    publication="peer-reviewed article",
    read=True,
)
SINGLE = replace(TRIAL, label="Single", randomised="no")
MICE = replace(SINGLE, label="Mice", species_label="mice", human=False)
RESPONSE = Question(outcome_label="tumour response", surrogate=False, judged=True, partner="", population_indirect="")


def arm(study: str, role: str, successes: int | None, trials: int | None, low=None, high=None) -> Arm:
    return Arm(study=study, role=role, successes=successes, trials=trials, ci_low=low, ci_high=high)


def domains(certainty) -> list[tuple[str, int]]:
    return [(d.domain, d.levels) for d in certainty.downgrades]


def test_a_large_blinded_randomised_comparison_stays_high():
    designs = {"Trial": replace(TRIAL, blinded="yes")}
    arms = [arm("Trial", "intervention", 60, 200, 0.24, 0.37), arm("Trial", "comparator", 50, 200, 0.20, 0.32)]
    result = rate(designs, arms, RESPONSE, rules=RULES)
    assert (result.start, result.level, result.downgrades) == ("high", "high", ())


def test_an_unblinded_randomised_comparison_of_a_judged_outcome_rates_down_for_bias():
    designs = {"Trial": TRIAL}
    arms = [arm("Trial", "intervention", 60, 200, 0.24, 0.37), arm("Trial", "comparator", 50, 200, 0.20, 0.32)]
    result = rate(designs, arms, RESPONSE, rules=RULES)
    assert domains(result) == [("risk of bias", 1)]
    assert result.level == "moderate"
    # the same trial measuring something nobody judges (a blood count) keeps its level
    counted = replace(RESPONSE, judged=False)
    assert rate(designs, arms, counted, rules=RULES).level == "high"


def test_a_single_arm_study_starts_low_and_rates_down_for_no_control():
    designs = {"Single": SINGLE}
    result = rate(designs, [arm("Single", "single-arm", 10, 200, 0.03, 0.09)], RESPONSE, rules=RULES)
    assert result.start == "low"
    assert domains(result) == [("risk of bias", 1)]
    assert result.level == "very low"


def test_small_groups_and_wide_intervals_rate_down_for_imprecision_up_to_the_cap():
    designs = {"Trial": replace(TRIAL, blinded="yes")}
    arms = [arm("Trial", "intervention", 11, 30, 0.22, 0.54), arm("Trial", "comparator", 13, 25, 0.33, 0.70)]
    result = rate(designs, arms, RESPONSE, rules=RULES)
    # 55 participants < 100 (one level); widest interval 37 points > 30 (one more)
    assert domains(result) == [("imprecision", 1), ("imprecision", 1)]
    assert result.level == "low"
    one_level = replace(RULES, caps={**RULES.caps, "imprecision": 1})
    capped = rate(designs, arms, RESPONSE, rules=one_level)
    assert domains(capped) == [("imprecision", 1)] and capped.level == "moderate"
    assert any("already rated down as far as it goes" in note for note in capped.notes)


def test_evidence_in_animals_rates_down_by_the_parameter():
    designs = {"Mice": MICE}
    arms = [arm("Mice", "intervention", 180, 200, 0.85, 0.93)]
    for levels in (1, 2):
        result = rate(designs, arms, RESPONSE, rules=replace(RULES, animals=levels))
        assert ("indirectness", levels) in domains(result)


def test_no_size_of_effect_rates_down_by_the_parameter_and_never_below_very_low():
    designs = {"Single": SINGLE}
    result = rate(designs, [arm("Single", "single-arm", None, None)], RESPONSE, rules=RULES)
    assert ("imprecision", 2) in domains(result)
    assert result.levels_down >= 3 and result.level == "very low"


def test_intervals_that_do_not_overlap_rate_down_for_inconsistency():
    designs = {"A": replace(SINGLE, label="A"), "B": replace(SINGLE, label="B")}
    apart = [arm("A", "single-arm", 10, 200, 0.03, 0.09), arm("B", "single-arm", 100, 200, 0.43, 0.57)]
    assert ("inconsistency", 1) in domains(rate(designs, apart, RESPONSE, rules=RULES))
    together = [arm("A", "single-arm", 10, 200, 0.03, 0.09), arm("B", "single-arm", 12, 200, 0.04, 0.10)]
    result = rate(designs, together, RESPONSE, rules=RULES)
    assert ("inconsistency", 1) not in domains(result) and "the studies' intervals overlap" in result.notes


def test_a_partner_in_every_treated_group_without_its_own_control_is_indirect():
    designs = {"Single": SINGLE}
    with_partner = replace(RESPONSE, partner="rituximab")
    result = rate(designs, [arm("Single", "single-arm", 60, 200, 0.24, 0.37)], with_partner, rules=RULES)
    assert ("indirectness", 1) in domains(result)


def test_a_study_seen_only_through_the_review_rates_down_for_bias():
    designs = {"Single": replace(SINGLE, read=False, peer_reviewed=False)}
    result = rate(designs, [arm("Single", "single-arm", 60, 200, 0.24, 0.37)], RESPONSE, rules=RULES)
    reasons = [d.reason for d in result.downgrades if d.domain == "risk of bias"]
    assert any("through the review's words" in reason for reason in reasons)


def test_each_step_says_why_in_the_words_the_pages_show():
    designs = {"Mice": MICE, "Single": SINGLE}
    arms = [arm("Mice", "intervention", None, None), arm("Single", "single-arm", None, None)]
    question = replace(
        RESPONSE, surrogate=True, partner="radiation", population_indirect="not patients under chemoradiotherapy"
    )
    result = rate(designs, arms, question, rules=replace(RULES, caps={**RULES.caps, "indirectness": 3}))
    assert result.start_reason == "no comparison with a concurrent control that the documents read call randomised"
    assert [(d.domain, d.levels, d.reason) for d in result.downgrades] == [
        ("risk of bias", 1, "no control group: every group here was given the treatment"),
        ("indirectness", 1, "tumour response stands in for outcomes patients feel (living longer or better)"),
        ("indirectness", 1, "not patients under chemoradiotherapy"),
        (
            "indirectness",
            1,
            "the treatment was given with radiation in every group with results, and no group given radiation alone has results here: its own share cannot be seen",
        ),
        ("imprecision", 2, "no size of effect is reported: neither how large nor how precise it is can be judged"),
    ]
    assert result.notes[0] == "inconsistency cannot be judged: no study gives a rate with an interval"
    assert result.notes[-1] == "publication bias not assessed: how the review found its studies is not reported"
    animals = rate({"Mice": MICE}, [arm("Mice", "intervention", 9, 18, 0.29, 0.71)], RESPONSE, rules=RULES)
    assert ("indirectness", 2, "the evidence is in mice, not patients") in [
        (d.domain, d.levels, d.reason) for d in animals.downgrades
    ]
    assert animals.notes[0] == "inconsistency cannot be judged from one study"
    two = {
        "A": replace(MICE, label="A", species_label="mice"),
        "B": replace(MICE, label="B", species_label="rhesus macaques"),
    }
    mixed = rate(two, [arm("A", "intervention", 9, 18), arm("B", "intervention", 9, 18)], RESPONSE, rules=RULES)
    assert any(d.reason == "the evidence is in mice and rhesus macaques, not patients" for d in mixed.downgrades)
