"""Marks follow the worst finding; units read as English from the vocabulary."""

from factories import claim, dataset, primary_row, real

from il12_evidence.marks import claim_marks
from il12_evidence.units import number_text, reads


def test_the_worst_mark_wins_and_unchecked_numbers_say_so():
    data = dataset(
        claim("all", value_as_printed="69", numerator=29, denominator=43, arm="overall"),
        claim(
            "cr",
            value_as_printed="25",
            numerator=11,
            denominator=43,
            part_of="all",
            partition="response",
            arm="complete",
        ),
        claim(
            "pr",
            value_as_printed="42",
            numerator=18,
            denominator=43,
            part_of="all",
            partition="response",
            arm="partial",
        ),
        claim("alone", unit="weeks", value_as_printed="24", quantity="duration"),
    )
    marks = claim_marks(data)
    assert {claim_id: mark.mark for claim_id, mark in marks.items()} == {
        "all": "failed",  # its counts and its parts both say so
        "cr": "truncated",  # right only if truncated: not ✗ for the total's shortfall
        "pr": "held",
        "alone": "unchecked",
    }
    assert {f.rule for f in marks["all"].reasons} == {"percent-vs-counts", "parts-vs-whole"}
    assert marks["alone"].symbol == "" and marks["alone"].reasons == ()


def test_the_source_sign_comes_from_the_verdict_and_not_equal_means_a_value_only():
    verdicts = ["differs-value", "match", "belongs-elsewhere", "differs-outcome", "not-in-source", "not-read"]
    claims = [claim(f"c{i}") for i in range(len(verdicts))]
    primary = [primary_row(f"c{i}", verdict=v) for i, v in enumerate(verdicts)]
    marks = claim_marks(dataset(*claims, primary=primary))
    assert [marks[f"c{i}"].source_symbol for i in range(len(verdicts))] == ["≠", "=", "⇄", "!", "∅", "?"]
    assert [marks[f"c{i}"].disagrees for i in range(len(verdicts))] == [True] + [False] * 5


def _unit(name):
    return real().units[name]


def test_units_read_in_the_singular_for_one_and_ordinals():
    assert reads(_unit("patients"), "1", 1) == "1 patient"
    assert reads(_unit("patients"), "23", 23) == "23 patients"
    assert reads(_unit("days after irradiation"), "14th", 14) == "14th day after irradiation"


def test_multiplicative_words_and_units_that_surround_the_number():
    assert reads(_unit("doses per week"), "twice", 2) == "twice a week"
    assert reads(_unit("doses per week"), "5", 5) == "5 times a week"
    assert reads(_unit("study week"), "4", 4) == "week 4"
    assert reads(_unit("phase"), "II", 2) == "phase II"
    assert reads(_unit("day after TSEBT start"), "2", 2, sentence_start=True) == "Day 2 after the start of TSEBT"


def test_number_words_fit_their_place_in_the_sentence():
    assert number_text("Three") == "three"
    assert number_text("six", sentence_start=True) == "Six"
    assert number_text("IIB") == "IIB"
    assert reads(_unit("patients"), "Five", 5) == "five patients"
