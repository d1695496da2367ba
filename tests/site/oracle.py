"""What the built pages must show, recomputed from data/ by this file alone.

It shares no code with the engine (no `il12_evidence` import): it reads the CSV files with the
csv module and recomputes, by brute force and exact fractions, every sign a number must carry
(each rule re-implemented from its description on the Methods page), every reading of a
number, every rate and interval of the summary of findings, and every certainty rating from
the rules written on the Methods page. A rule of the engine that changes its answer without
this file changing with it fails the page tests.
"""

import csv
import os
from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction
from functools import cache
from pathlib import Path

DATA = Path(os.environ.get("IL12_DATA_DIR") or Path(__file__).resolve().parents[2] / "data")
WORST_FIRST = ("failed", "copied", "truncated", "held")
MODES = {"half-up": ROUND_HALF_UP, "half-even": ROUND_HALF_EVEN, "truncated": ROUND_DOWN}
SOURCE_SYMBOLS = {"match": "=", "value": "≠", "label": "!", "absent": "∅", "not-read": "?", "elsewhere": "⇄"}
MARK_SYMBOLS = {"failed": "✗", "copied": "↺", "truncated": "≈", "held": "✓"}
LEVELS = ("very low", "low", "moderate", "high")


# --- reading the data ------------------------------------------------------------------------
@cache
def table(name: str) -> list[dict]:
    with open(DATA / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@cache
def by(name: str, key: str) -> dict[str, dict]:
    return {row[key]: row for row in table(name)}


def is_percent(unit: str) -> bool:
    return by("units.csv", "unit")[unit]["dimension"] == "percentage"


# --- printed numbers, by brute force ------------------------------------------------------------
def printed_as(exact: Fraction, printed: str) -> set[str]:
    """The conventions under which an exact percentage prints as `printed` (Decimal's own rounding)."""
    places = Decimal(1).scaleb(-len(printed.partition(".")[2]))
    with localcontext() as context:
        context.prec = 60
        value = Decimal(exact.numerator) / Decimal(exact.denominator)
        return {name for name, mode in MODES.items() if value.quantize(places, rounding=mode) == Decimal(printed)}


def fits(k: int, n: int, printed: str) -> set[str]:
    return printed_as(Fraction(100 * k, n), printed)


def reachable(printed: str, n: int) -> set[str]:
    """GRIM by trying every count."""
    found = set()
    for k in range(n + 1):
        found |= fits(k, n, printed)
    return found


def sign_of(conventions: set[str]) -> str:
    if conventions & {"half-up", "half-even"}:
        return "held"
    return "truncated" if conventions else "failed"


def half_unit(printed: str) -> Fraction:
    return Fraction(1, 2) / 10 ** len(printed.partition(".")[2])


def percent_text(k: int, n: int, places: int = 1) -> str:
    """k of n as a percentage, half-up on the exact value."""
    return _half_up(Fraction(100 * k, n), places) + "%"


def _half_up(value: Fraction, places: int) -> str:
    scaled = value * 10**places
    whole = scaled.numerator // scaled.denominator
    if scaled - whole >= Fraction(1, 2):
        whole += 1
    text = str(whole).rjust(places + 1, "0")
    return f"{text[:-places]}.{text[-places:]}" if places else text


def share_text(share: float, places: int = 1) -> str:
    return _half_up(Fraction(share) * 100, places) + "%"


# --- the signs of every claim ---------------------------------------------------------------------
@dataclass(frozen=True)
class Check:
    rule: str
    subject: str
    sign: str | None  # held | truncated | failed | copied | None
    marks: tuple[str, ...]
    problem: bool


def _categories(outcome: str) -> frozenset | None:
    row = by("outcomes.csv", "outcome").get(outcome or "")
    if row is None:
        return None
    names = ("complete", "partial", "minor", "stable", "progressive")
    if all(row[c] == "" for c in names):
        return None
    return frozenset(c for c in names if row[c] == "true")


def _same_as_source(claim_id: str) -> bool:
    """The source prints the same value (whatever it calls it): any verdict but a differing value or none read."""
    primary = by("primary_sources.csv", "claim_id").get(claim_id)
    claim = by("claims.csv", "claim_id")[claim_id]
    return (
        primary is not None
        and primary["verdict"] not in ("differs-value", "not-in-source", "not-read", "belongs-elsewhere")
        and primary["primary_value"] == claim["value_as_printed"]
        and all(claim[c] == "" or primary[f"primary_{c}"] in ("", claim[c]) for c in ("numerator", "denominator"))
    )


def _group_sizes(study_id: str) -> list[tuple[int, str, str]]:
    """(size, arm or "", origin) for a study: the review's, the sources', and arms less the non-assessable."""
    claims = [c for c in table("claims.csv") if c["study_id"] == study_id]
    roles = by("quantities.csv", "quantity")
    sizes, arms, enrolled, assessable = [], {}, [], []
    partitions = defaultdict(list)
    for claim in claims:
        if roles[claim["quantity"]]["role"] != "group-size":
            continue
        size = int(Decimal(claim["value"]))
        sizes.append((size, claim["arm"], "review"))
        if claim["arm"]:
            arms[claim["arm"]] = size
        elif claim["quantity"] == "patients_enrolled":
            enrolled.append(size)
        if claim["part_of"]:
            partitions[(claim["part_of"], claim["partition"])].append(size)
    sizes += [(sum(parts), "", "review") for parts in partitions.values() if len(parts) > 1]
    papers = {p["primary_id"] for p in table("primary_studies.csv") if p["study_id"] == study_id}
    for fact in table("facts.csv"):
        if (
            fact["primary_id"] in papers
            and fact["attribute"] in ("enrolled", "evaluable")
            and fact["unit"] == "patients"
            and fact["value"]
        ):
            size = int(Decimal(fact["value"]))
            sizes.append((size, "", "source"))
            if not fact["arm"]:
                (enrolled if fact["attribute"] == "enrolled" else assessable).append(size)
    if enrolled and assessable:
        shortfall = max(enrolled) - max(assessable)
        for arm, size in arms.items():
            sizes += [(size - j, arm, "reading") for j in range(1, min(shortfall, size - 1) + 1)]
    return sizes


@cache
def checks() -> tuple[Check, ...]:
    """Every check the Methods page describes, re-done from the data."""
    claims = table("claims.csv")
    found: list[Check] = []
    primary = by("primary_sources.csv", "claim_id")
    failed_in_source = set()
    for row in table("primary_sources.csv"):
        counted = (
            row["primary_value"] and row["primary_unit"] and row["primary_numerator"] and row["primary_denominator"]
        )
        if counted and is_percent(row["primary_unit"]):
            sign = sign_of(fits(int(row["primary_numerator"]), int(row["primary_denominator"]), row["primary_value"]))
            found.append(Check("primary-percent-vs-counts", row["claim_id"], sign, (), sign != "held"))
            if sign == "failed":
                failed_in_source.add(row["claim_id"])
    copied_totals = set()
    for claim in claims:
        cid, printed = claim["claim_id"], claim["value_as_printed"]
        if not is_percent(claim["unit"]):
            continue
        if claim["numerator"] and claim["denominator"]:
            sign = sign_of(fits(int(claim["numerator"]), int(claim["denominator"]), printed))
            if sign == "failed" and cid in failed_in_source and _same_as_source(cid):
                sign = "copied"
                copied_totals.add(cid)
            found.append(Check("percent-vs-counts", cid, sign, (cid,), sign != "held"))
        elif claim["denominator"]:
            sign = sign_of(reachable(printed, int(claim["denominator"])))
            found.append(Check("grim", cid, sign, (cid,), sign != "held"))
        else:
            sizes = _group_sizes(claim["study_id"])
            own = [s for s, arm, origin in sizes if arm == claim["arm"] and claim["arm"] and origin == "review"]
            readings = [s for s, arm, origin in sizes if arm == claim["arm"] and claim["arm"] and origin == "reading"]
            all_fits = set().union(*(reachable(printed, s) for s, _, _ in sizes)) if sizes else set()
            own_fits = set().union(*(reachable(printed, s) for s in own)) if own else set()
            reading_fits = set().union(*(reachable(printed, s) for s in readings)) if readings else set()
            if not sizes:
                sign = None
            elif own and own_fits:
                sign = sign_of(own_fits)
            elif own and reading_fits:
                sign = "truncated"  # holds only if patients went unassessed: an assumption, like truncation
            elif own:
                sign = "failed"
            elif all_fits:
                sign = None
            else:
                sign = "failed"
            found.append(Check("group-sizes", cid, sign, (cid,) if sign else (), sign in ("failed", "truncated")))
    # parts against their whole
    groups = defaultdict(list)
    for claim in claims:
        if claim["part_of"]:
            groups[(claim["part_of"], claim["partition"])].append(claim)
    for (whole_id, partition), parts in groups.items():
        whole = by("claims.csv", "claim_id")[whole_id]
        percent = all(is_percent(p["unit"]) for p in parts)
        against_group = percent and not is_percent(whole["unit"])
        expected = Fraction(100) if against_group else Fraction(Decimal(whole["value"]))
        total = sum(Fraction(Decimal(p["value"])) for p in parts)
        tolerance = sum(half_unit(p["value_as_printed"]) for p in parts) if percent else Fraction(0)
        if percent and not against_group:
            tolerance += half_unit(whole["value_as_printed"])
        members = tuple(p["claim_id"] for p in parts) + (whole_id,)
        if abs(expected - total) <= tolerance:
            found.append(Check("parts-vs-whole", f"{whole_id}/{partition}", "held", members, False))
        else:
            sign = "copied" if (not against_group and whole_id in copied_totals) else "failed"
            found.append(
                Check("parts-vs-whole", f"{whole_id}/{partition}", sign, () if against_group else (whole_id,), True)
            )
    # one value per quantity
    same = defaultdict(list)
    for claim in claims:
        same[
            (claim["study_id"], claim["arm"], claim["quantity"], claim["unit"], claim["outcome"], claim["statistic"])
        ].append(claim)
    for group in same.values():
        if len(group) > 1:
            ids = tuple(c["claim_id"] for c in group)
            sign = "held" if len({Decimal(c["value"]) for c in group}) == 1 else "failed"
            found.append(Check("contradiction", "+".join(ids), sign, ids, sign == "failed"))
    # names: outcome and statistic
    sources = defaultdict(list)
    for row in table("count_sources.csv"):
        if row["count"] == "numerator" and row["source_claim_id"] != row["claim_id"]:
            sources[row["claim_id"]].append(by("claims.csv", "claim_id")[row["source_claim_id"]])
    for claim in claims:
        if not claim["outcome"]:
            continue
        named = _categories(claim["outcome"])
        parts = sources.get(claim["claim_id"], [])
        measured = None
        if parts and all(_categories(p["outcome"]) for p in parts):
            measured = frozenset().union(*(_categories(p["outcome"]) for p in parts))
        row = primary.get(claim["claim_id"])
        source_named = _categories(row["primary_outcome"]) if row else None
        if measured is None and source_named is None:
            continue
        problem = (measured is not None and measured != named) or (source_named is not None and source_named != named)
        found.append(Check("outcome-definition", claim["claim_id"], None, (), problem))
    for claim in claims:
        row = primary.get(claim["claim_id"])
        if claim["statistic"] and row and row["primary_statistic"]:
            found.append(
                Check("statistic-type", claim["claim_id"], None, (), claim["statistic"] != row["primary_statistic"])
            )
    return tuple(found + study_rounding())


@cache
def expected_signs() -> dict[str, tuple[str, str, bool]]:
    """claim_id → (arithmetic sign or "unchecked", source sign kind or "", compared with another report)."""
    marks = defaultdict(set)
    labelled = set()
    for check in checks():
        if check.sign:
            for claim_id in check.marks:
                marks[claim_id].add(check.sign)
        if check.rule in ("outcome-definition", "statistic-type") and check.problem:
            labelled.add(check.subject)
    verdicts = by("verdicts.csv", "verdict")
    result = {}
    for claim in table("claims.csv"):
        cid = claim["claim_id"]
        arithmetic = next((m for m in WORST_FIRST if m in marks[cid]), "unchecked")
        row = by("primary_sources.csv", "claim_id").get(cid)
        verdict = verdicts[row["verdict"]] if row else None
        if cid in labelled or (verdict and verdict["result"] == "differs" and verdict["differs_in"] != "value"):
            source = "label"
        elif verdict is None:
            source = ""
        else:
            source = {"match": "match", "absent": "absent", "not-read": "not-read", "elsewhere": "elsewhere"}.get(
                verdict["result"], "value"
            )
        other = bool(row and row["compared_with"] == "other-report") and source != ""
        result[cid] = (arithmetic, source, other)
    return result


# --- readings ------------------------------------------------------------------------------------
NUMBER_WORDS = {
    "zero",
    "one",
    "single",
    "once",
    "two",
    "twice",
    "three",
    "thrice",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
}


def reading(claim_id: str, *, sentence_start: bool) -> str:
    """The one form a number may take: as printed (a number word cased for its place), with its unit's words."""
    claim = by("claims.csv", "claim_id")[claim_id]
    unit = by("units.csv", "unit")[claim["unit"]]
    printed = claim["value_as_printed"]
    number = printed
    if printed.lower() in NUMBER_WORDS:
        number = printed.capitalize() if sentence_start else printed.lower()
    if printed.lower() in ("once", "twice", "thrice") and unit["multiplicative"]:
        template = unit["multiplicative"]
    elif Decimal(claim["value"]) == 1 or printed[-2:] in ("st", "nd", "rd", "th") and printed[:-2].isdigit():
        template = unit["singular"]
    else:
        template = unit["plural"]
    text = template.replace("{n}", number)
    if sentence_start and not template.startswith("{n}"):
        text = text[:1].upper() + text[1:]
    return text


# --- the summary of findings ------------------------------------------------------------------------
@dataclass(frozen=True)
class Arm:
    study: str
    role: str
    k: int | None
    n: int | None
    percent: str | None
    low: float | None
    high: float | None


def _wilson(k: int, n: int) -> tuple[float, float]:
    """The Wilson score interval, computed here (not scipy's): centre and half-width by the formula."""
    from statistics import NormalDist

    z = NormalDist().inv_cdf(0.5 + float(by("parameters.csv", "parameter")["confidence_level"]["value"]) / 2)
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * ((p * (1 - p) / n + z * z / (4 * n * n)) ** 0.5) / (1 + z * z / n)
    return max(centre - half, 0.0), min(centre + half, 1.0)


def _number(source_id: str) -> dict:
    claim = by("claims.csv", "claim_id").get(source_id)
    if claim:
        return {"value": claim["value"], "unit": claim["unit"], "k": claim["numerator"], "n": claim["denominator"]}
    fact = by("facts.csv", "fact_id")[source_id]
    return {"value": fact["value"], "unit": fact["unit"], "k": fact["numerator"], "n": fact["denominator"]}


def _implied(percent: str, n: int) -> int | None:
    counts = [k for k in range(n + 1) if fits(k, n, percent)]
    return counts[0] if len(counts) == 1 else None


def arms(question_id: str) -> list[Arm]:
    found = []
    for row in table("question_evidence.csv"):
        if row["question_id"] != question_id:
            continue
        k = n = percent = None
        if row["from"]:
            number = _number(row["from"])
            k = int(number["k"]) if number["k"] else None
            n = int(number["n"]) if number["n"] else None
            if number["unit"] and is_percent(number["unit"]):
                percent = f"{Decimal(number['value']).normalize():f}"
            elif k is None and number["value"] and n is not None:
                k = int(Decimal(number["value"]))
        if row["numerator_from"]:
            k = sum(int(Decimal(_number(i)["value"])) for i in row["numerator_from"].split())
        if row["denominator_from"]:
            n = sum(int(Decimal(_number(i)["value"])) for i in row["denominator_from"].split())
        if k is None and percent is not None and n is not None:
            k = _implied(percent, n)
        low = high = None
        if k is not None and n:
            low, high = _wilson(k, n)
        study = row["primary_id"] or row["study_id"]
        found.append(Arm(study, row["role"], k, n, percent, low, high))
    return found


def differences(question_id: str) -> list[str]:
    """Each randomised group with counts minus its study's comparator, with Newcombe's hybrid score
    interval (the two Wilson intervals combined), as the summary of findings prints it."""
    rows = [r for r in table("question_evidence.csv") if r["question_id"] == question_id]
    groups = arms(question_id)
    level = f"{_half_up(Fraction(by('parameters.csv', 'parameter')['confidence_level']['value']) * 100, 0)}%"
    found = []
    for row, a in zip(rows, groups, strict=True):
        if a.role != "intervention" or a.k is None or not a.n:
            continue
        for other_row, b in zip(rows, groups, strict=True):
            if b.role == "comparator" and b.study == a.study and b.k is not None and b.n:
                p, q = a.k / a.n, b.k / b.n
                low = p - q - ((p - a.low) ** 2 + (b.high - q) ** 2) ** 0.5
                high = p - q + ((a.high - p) ** 2 + (q - b.low) ** 2) ** 0.5
                found.append(
                    f"Difference, {row['arm']} minus {other_row['arm']}: {_points(p - q)} "
                    f"({level} CI {_points(low)} to {_points(high)})"
                )
                break
    return found


def _points(share: float) -> str:
    magnitude = _half_up(abs(Fraction(share) * 100), 1)
    sign = "" if magnitude == "0.0" else ("−" if share < 0 else "+")
    return f"{sign}{magnitude} points"


def animals_named(question_id: str) -> str | None:
    """The words the indirectness reason must use when every answering group is in animals or cells:
    each kind once, a group's own kind where it names one (a mouse and monkey paper's mice)."""
    species = by("species.csv", "species")
    kinds: dict[str, str] = {}
    for row in table("question_evidence.csv"):
        if row["question_id"] != question_id or row["role"] == "benchmark":
            continue
        key = row["primary_id"] or row["study_id"]
        paper = by("primary_studies.csv", "primary_id").get(key)
        if paper:
            kind = paper["species"]
        else:
            study = by("studies.csv", "study_id")[key]
            kind = "in vitro" if study["setting"] == "in vitro" else (study["species"] or "human")
        kinds[key] = row["species"] or kinds.get(key) or kind
    if not kinds or any(species[k]["human"] == "true" for k in kinds.values() if k in species):
        return None
    labels = sorted({part for k in kinds.values() for part in species[k]["label"].split(" and ")})
    return ", ".join(labels[:-1]) + (" and " if len(labels) > 1 else "") + labels[-1]


def _design(study: str) -> dict:
    paper = by("primary_studies.csv", "primary_id").get(study)
    if paper:
        kind = by("publication_types.csv", "publication_type")[paper["publication_type"]]
        human = by("species.csv", "species")[paper["species"]]["human"] == "true"
        return {"randomised": paper["randomised"], "blinded": paper["blinded"], "human": human,
                "weak": kind["peer_reviewed"] != "true" or not paper["read_at"]}  # fmt: skip
    review_study = by("studies.csv", "study_id")[study]
    return {"randomised": "not stated", "blinded": "not stated", "weak": True,
            "human": review_study["species"] == "human" and review_study["setting"] != "in vitro"}  # fmt: skip


def certainty(question_id: str) -> str:
    """The certainty level the Methods page's rules give a question."""
    question = by("questions.csv", "question_id")[question_id]
    kind = by("outcome_kinds.csv", "kind")[question["outcome_kind"]]
    parameters = by("parameters.csv", "parameter")
    groups = arms(question_id)
    studies = {a.study for a in groups}
    designs = {s: _design(s) for s in studies}
    for row in table("question_evidence.csv"):  # a group naming its kind, in a paper of several kinds
        if row["question_id"] == question_id and row["species"]:
            designs[row["primary_id"] or row["study_id"]]["human"] = (
                by("species.csv", "species")[row["species"]]["human"] == "true"
            )
    roles = {s: {a.role for a in groups if a.study == s} for s in studies}
    randomised = [
        s for s in studies if designs[s]["randomised"] == "yes" and {"intervention", "comparator"} <= roles[s]
    ]
    level = 3 if randomised else 1
    bias = indirect = imprecise = inconsistent = 0
    treated = {a.study for a in groups if a.role in ("intervention", "single-arm")}
    controlled = {a.study for a in groups if a.role == "comparator"}
    if treated and not treated & controlled:
        bias += 1
    if (
        randomised
        and kind["judged"] == "true"
        and any(designs[s]["randomised"] == "yes" and designs[s]["blinded"] != "yes" for s in controlled)
    ):
        bias += 1
    answering = {a.study for a in groups if a.role != "benchmark"}
    if answering and all(designs[s]["weak"] for s in answering):
        bias += 1
    cap = {
        d: int(parameters[f"certainty_cap_{d}"]["value"])
        for d in ("risk_of_bias", "indirectness", "imprecision", "inconsistency")
    }
    if answering and all(not designs[s]["human"] for s in answering):
        indirect += int(parameters["certainty_down_for_animals"]["value"])
    indirect += kind["surrogate"] == "true"
    indirect += bool(question["population_indirect"])
    indirect += bool(question["partner"]) and not controlled
    answering_arms = [a for a in groups if a.role != "benchmark"]
    if not any(a.k is not None or a.percent is not None for a in answering_arms) or not any(
        a.n is not None for a in answering_arms
    ):
        imprecise = int(parameters["certainty_down_for_no_effect"]["value"])
    else:
        counted = [a for a in answering_arms if a.n is not None]
        imprecise += sum(a.n for a in counted) < int(parameters["imprecision_participants"]["value"])
        widths = [(a.high - a.low) * 100 for a in counted if a.low is not None]
        imprecise += bool(widths) and max(widths) > int(parameters["imprecision_interval_points"]["value"])
    intervals = [a for a in groups if a.role in ("intervention", "single-arm") and a.low is not None]
    if len({a.study for a in intervals}) > 1:
        inconsistent = int(any(x.high < y.low for x in intervals for y in intervals if x.study != y.study))
    total = (
        min(bias, cap["risk_of_bias"]) + min(indirect, cap["indirectness"]) + min(imprecise, cap["imprecision"])
        + min(inconsistent, cap["inconsistency"])
    )  # fmt: skip
    return LEVELS[max(level - total, 0)]


def study_rounding() -> list[Check]:
    """One rounding convention per study: the percentages with a group size must share one."""
    found = []
    per_study = defaultdict(list)
    for claim in table("claims.csv"):
        if is_percent(claim["unit"]) and claim["denominator"]:
            n = int(claim["denominator"])
            conventions = (
                fits(int(claim["numerator"]), n, claim["value_as_printed"])
                if claim["numerator"]
                else reachable(claim["value_as_printed"], n)
            )
            if conventions:
                per_study[claim["study_id"]].append(conventions)
    for study, sets in per_study.items():
        if len(sets) > 1:
            found.append(Check("study-rounding", study, None, (), not set.intersection(*sets)))
    return found
