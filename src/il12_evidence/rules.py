"""Audit rules. Each rule is a pure function of the dataset returning one Finding per check.

A finding says what it is about (`subject`: a claim, a set of claims, a study, or an
occurrence in the text), what the rule computed (`explanation`), and what it means for the
marks of the numbers (`mark` on the claims listed in `marks`):

- "held": a recomputation or cross-check held (✓);
- "truncated": it holds only if the decimals were cut off (≈), under every rule alike;
- "failed": the number is out of line with the review's own numbers (✗);
- "copied": out of line, and its source prints the same thing (the review copied it);
- None: the finding informs but checks no number (a set, a study, the wording).

A finding whose severity is "warning" or "error" is a problem: findings.csv must assign it to a
problem of review_problems.csv, and an assignment whose finding no longer appears is a problem
too. Rule parameters are data (parameters.csv); nothing here knows one review from another.
"""

import re
import weakref
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cached_property

from . import numbers
from .numbers import CONVENTION_WORDS, ROUNDING_CONVENTIONS, decimals_of, format_percent, parse_printed
from .problems import Problem, display_path
from .units import reads

PASS, INFO, WARNING, ERROR = "pass", "info", "warning", "error"
PROBLEM_SEVERITIES = (WARNING, ERROR)
HELD, TRUNCATED, FAILED, COPIED = "held", "truncated", "failed", "copied"


@dataclass(frozen=True, kw_only=True)
class Finding:
    rule: str
    subject: str
    kind: str  # claim | set | study | text | primary
    status: str
    severity: str
    explanation: str
    fragment: str = ""
    mark: str | None = None
    marks: tuple[str, ...] = ()  # the claims whose mark this finding decides
    claims: tuple[str, ...] = ()  # every claim the finding concerns
    conventions: tuple[str, ...] = ()  # rounding conventions under which the number holds
    term: str = ""  # the suspect term of a textual finding
    gap: Decimal | None = None  # percentage points between a stated number and what its own numbers give

    @property
    def is_problem(self) -> bool:
        return self.severity in PROBLEM_SEVERITIES

    @property
    def key(self) -> tuple[str, str]:
        return (self.rule, self.subject)

    @property
    def anchor(self) -> str:
        """The id of the finding's row on the audit page."""
        return "f-" + re.sub(r"[^a-z0-9]+", "-", f"{self.rule}-{self.subject}".lower()).strip("-")


def _param(dataset, name: str) -> int:
    return int(dataset.parameters[name])


def is_percentage(dataset, claim: dict) -> bool:
    return dataset.units[claim["unit"]]["dimension"] == "percentage"


def _shown(dataset, claim: dict) -> str:
    """A claim's number for an explanation: digits as printed, words as their value."""
    printed = claim["value_as_printed"]
    text = printed if printed[:1].isdigit() else f"{claim['value'].normalize():f}"
    return text + ("%" if is_percentage(dataset, claim) else "")


def _conventions_text(rounded: dict[str, Decimal]) -> str:
    """'half-up rounding gives 67%, half-even rounding 67%, truncating 67%'."""
    return ", ".join(
        f"{CONVENTION_WORDS[name]} {'gives ' if i == 0 else ''}{value:f}%"
        for i, (name, value) in enumerate(rounded.items())
    )


def _mark_for(fits) -> tuple[str, str, str | None]:
    """(status, severity, mark) for the conventions under which a printed percentage is reached."""
    if "half-up" in fits or "half-even" in fits:
        return "consistent", PASS, HELD
    if fits:
        return "consistent-if-truncated", WARNING, TRUNCATED
    return "inconsistent", ERROR, FAILED


def percent_findings(rows: list[dict], dataset, *, rule: str, kind: str, marks_claim: bool) -> list[Finding]:
    """Percent-vs-counts on rows shaped like claims (claim_id, unit, value_as_printed, counts, quote)."""
    findings = []
    nearby = _param(dataset, "nearby_counts")
    for row in rows:
        successes, trials = row["numerator"], row["denominator"]
        if successes is None or trials is None or dataset.units[row["unit"]]["dimension"] != "percentage":
            continue
        printed = row["value_as_printed"]
        exact = numbers.percent(successes, trials)
        rounded = {name: numbers.round_to(exact, decimals_of(printed), name) for name in ROUNDING_CONVENTIONS}
        fits = [name for name, value in rounded.items() if value == Decimal(printed)]
        status, severity, mark = _mark_for(fits)
        head = f"{successes} of {trials} is {format_percent(exact, 3)}: {_conventions_text(rounded)}"
        if mark == HELD:
            tail = f"; {printed}% fits {', '.join(CONVENTION_WORDS[n] for n in fits)}"
            missing = [n for n in ROUNDING_CONVENTIONS if n not in fits]
            if missing:
                tail += f", not {', '.join(CONVENTION_WORDS[n] for n in missing)}"
        elif mark == TRUNCATED:
            tail = f"; {printed}% is reached only by truncating"
        else:
            tail = f"; no convention gives {printed}%"
            alternatives = _nearby(successes, trials, printed, nearby)
            if alternatives:
                tail += f" ({alternatives})"
        findings.append(
            Finding(
                rule=rule,
                subject=row["claim_id"],
                kind=kind,
                status=status,
                severity=severity,
                explanation=head + tail + ".",
                fragment=row["quote"],
                mark=mark,
                marks=(row["claim_id"],) if marks_claim else (),
                claims=(row["claim_id"],),
                conventions=tuple(fits),
                gap=abs(Decimal(printed) - Decimal(exact.numerator) / Decimal(exact.denominator)),
            )
        )
    return findings


def _nearby(successes: int, trials: int, printed: str, reach: int) -> str:
    """Which neighbouring count or group size would give the printed percentage (any convention)."""
    alternatives = []
    for other in range(max(trials - reach, 1), trials + reach + 1):
        if other != trials and successes <= other and numbers.matching_conventions(successes, other, printed):
            alternatives.append(
                f"{successes} of {other} would give {format_percent(numbers.percent(successes, other))}"
            )
    for other in range(max(successes - reach, 0), min(successes + reach, trials) + 1):
        if other != successes and numbers.matching_conventions(other, trials, printed):
            alternatives.append(f"{other} of {trials} would give {format_percent(numbers.percent(other, trials))}")
    return "; ".join(alternatives)


def check_percent_vs_counts(dataset) -> list[Finding]:
    """A stated percentage agrees with its stated counts under some rounding convention."""
    return percent_findings(dataset.claims, dataset, rule="percent-vs-counts", kind="claim", marks_claim=True)


def check_primary_percent_vs_counts(dataset) -> list[Finding]:
    """The same arithmetic on the primary sources' own percentages and counts."""
    rows = [
        {
            "claim_id": row["claim_id"],
            "unit": row["primary_unit"],
            "value_as_printed": row["primary_value"],
            "numerator": row["primary_numerator"],
            "denominator": row["primary_denominator"],
            "quote": row["primary_statement"],
        }
        for row in dataset.rows("primary-sources")
        if row["primary_value"] and row["primary_unit"]
    ]
    return percent_findings(rows, dataset, rule="primary-percent-vs-counts", kind="primary", marks_claim=False)


def _reach_text(trials: int, found: dict[str, tuple[int, int]]) -> str:
    """'13 of 22 (59.09%) by half-up rounding, half-even rounding and truncating'."""
    by_range: dict[tuple[int, int], list[str]] = {}
    for name, counts in found.items():
        by_range.setdefault(counts, []).append(CONVENTION_WORDS[name])
    return "; ".join(
        f"{numbers.describe_counts(counts, trials)} by {', '.join(names)}" for counts, names in by_range.items()
    )


def _unreached_text(printed: str, trials: int) -> str:
    """The two counts either side of the printed percentage: '4 of 11 is 36.36%, 5 of 11 is 45.45%'."""
    k = int(Decimal(printed) * trials / 100)
    return ", ".join(
        f"{c} of {trials} is {format_percent(numbers.percent(c, trials))}" for c in (k, k + 1) if 0 <= c <= trials
    )


def check_grim(dataset) -> list[Finding]:
    """GRIM: can any whole count of the stated group size give a percentage whose count is not stated?"""
    findings = []
    for claim in dataset.claims:
        trials = claim["denominator"]
        if not is_percentage(dataset, claim) or claim["numerator"] is not None or trials is None:
            continue
        printed = claim["value_as_printed"]
        found = numbers.grim_counts(printed, trials)
        status, severity, mark = _mark_for(found)
        if mark == HELD:
            explanation = f"{printed}% of {trials} is reachable: {_reach_text(trials, found)}."
        elif mark == TRUNCATED:
            explanation = f"{printed}% of {trials} is reachable only by truncating: {_reach_text(trials, found)}."
        else:
            explanation = f"No whole number of {trials} gives {printed}% under any rounding convention ({_unreached_text(printed, trials)})."
        findings.append(
            Finding(
                rule="grim",
                subject=claim["claim_id"],
                kind="claim",
                status=status,
                severity=severity,
                explanation=explanation,
                fragment=claim["quote"],
                mark=mark,
                marks=(claim["claim_id"],),
                claims=(claim["claim_id"],),
                conventions=tuple(found),
            )
        )
    return findings


@dataclass(frozen=True, kw_only=True)
class GroupSize:
    size: int
    label: str  # how the group reads: "intravenous", "all 42 treated", "intravenous, if 1 of its 11 was not assessable"
    claims: tuple[str, ...]  # the review's claims that state it (empty for a source's figure or a reading)
    origin: str  # "review", "source" (a fact a source states) or "reading" (an arm less its non-assessable patients)
    arms: tuple[str, ...] = ()  # the arms the group is of


def _source_groups(dataset, study_id: str) -> list[tuple[int, str, str]]:
    """(size, attribute, arm) of the group sizes the study's own sources state (facts.csv)."""
    facts_by_paper = dataset.grouped_by("facts", "primary_id")
    groups = []
    for paper in dataset.grouped_by("primary-studies", "study_id").get(study_id, []):
        for fact in facts_by_paper.get(paper["primary_id"], []):
            if (
                fact["attribute"] in ("enrolled", "evaluable")
                and fact["unit"] == "patients"
                and fact["value"] is not None
            ):
                groups.append((int(fact["value"]), fact["attribute"], fact["arm"] or ""))
    return groups


def group_sizes(dataset, study_id: str) -> list[GroupSize]:
    """Every group size a percentage of the study may be of: those the review states (and the sums of
    the groups that partition a whole), those the study's sources state, and each arm less the
    patients who were not assessable (when the study's enrolled and assessable totals say how many)."""
    sizes: dict[tuple[int, str], GroupSize] = {}  # a size stated by the review and reached by a reading stay apart

    def add(group: GroupSize) -> None:
        key = (group.size, "reading" if group.origin == "reading" else "stated")
        known = sizes.get(key)
        if known is None:
            sizes[key] = group
        elif group.label not in known.label.split(" / "):
            sizes[key] = replace(
                known,
                label=f"{known.label} / {group.label}",
                claims=tuple(dict.fromkeys(known.claims + group.claims)),
                arms=tuple(dict.fromkeys(known.arms + group.arms)),
            )

    partitions: dict[tuple, list[dict]] = defaultdict(list)
    arms: dict[str, int] = {}
    enrolled = []
    for claim in dataset.claims_by_study.get(study_id, []):
        quantity = dataset.quantities[claim["quantity"]]
        if quantity["role"] != "group-size":
            continue
        size = int(claim["value"])
        label = claim["arm"] or quantity["label"]
        add(
            GroupSize(
                size=size,
                label=label,
                claims=(claim["claim_id"],),
                origin="review",
                arms=(claim["arm"],) if claim["arm"] else (),
            )
        )
        if claim["arm"]:
            arms[claim["arm"]] = size
        elif claim["quantity"] == "patients_enrolled":
            enrolled.append(size)
        if claim["part_of"]:
            partitions[(claim["part_of"], claim["partition"])].append(claim)
    for parts in partitions.values():
        if len(parts) > 1:
            add(
                GroupSize(
                    size=int(sum(p["value"] for p in parts)),
                    label=" + ".join(p["arm"] or dataset.quantities[p["quantity"]]["label"] for p in parts),
                    claims=tuple(p["claim_id"] for p in parts),
                    origin="review",
                )
            )
    assessable = []
    for size, attribute, arm in _source_groups(dataset, study_id):
        add(GroupSize(size=size, label=f"{attribute} (source){', ' + arm if arm else ''}", claims=(), origin="source"))
        if attribute == "enrolled" and not arm:
            enrolled.append(size)
        if attribute == "evaluable" and not arm:
            assessable.append(size)
    if enrolled and assessable:
        shortfall = max(enrolled) - max(a for a in assessable)
        for arm, size in arms.items():
            for missing in range(1, min(shortfall, size - 1) + 1):
                add(
                    GroupSize(
                        size=size - missing,
                        label=f"{arm}, if {missing} of its {size} {'was' if missing == 1 else 'were'} not assessable",
                        claims=(),
                        origin="reading",
                        arms=(arm,),
                    )
                )
    return list(sizes.values())


def check_group_sizes(dataset) -> list[Finding]:
    """A percentage without a group size, tried against every group size of its study (group_sizes)."""
    findings = []
    listed, largest = _param(dataset, "smallest_groups_listed"), _param(dataset, "largest_group_searched")
    sizes_of: dict[str, list[GroupSize]] = {}  # each study's group sizes, gathered once
    for claim in dataset.claims:
        if not is_percentage(dataset, claim) or claim["numerator"] is not None or claim["denominator"] is not None:
            continue
        printed, study = claim["value_as_printed"], dataset.studies_by_id[claim["study_id"]]
        if claim["study_id"] not in sizes_of:
            sizes_of[claim["study_id"]] = group_sizes(dataset, claim["study_id"])
        candidates = sizes_of[claim["study_id"]]
        results = [(group, numbers.grim_counts(printed, group.size)) for group in candidates]
        own = [(g, found) for g, found in results if claim["arm"] and claim["arm"] in g.arms and g.origin == "review"]
        readings = [
            (g, found) for g, found in results if claim["arm"] and claim["arm"] in g.arms and g.origin == "reading"
        ]
        fits = [(g, found) for g, found in results if found]
        described = "; ".join(
            f"{g.label} ({g.size}): " + (_reach_text(g.size, found) if found else "no count fits")
            for g, found in results
            if g.origin != "reading" or found
        )
        related = (claim["claim_id"], *(i for g, _ in results for i in g.claims))
        marks: tuple[str, ...] = (claim["claim_id"],)
        conventions = tuple(dict.fromkeys(name for _, found in fits for name in found))
        if not candidates:
            smallest = numbers.smallest_group_sizes(printed, how_many=listed, largest=largest)
            options = ", ".join(f"{k} of {n}" for k, n in smallest) or f"none up to {largest}"
            status, severity, mark, marks = "no-group-size-stated", INFO, None, ()
            explanation = f"Neither the review nor its sources state a group size for {study['label']}; the smallest groups that give {printed}% are {options}."
        elif own and any(found for _, found in own):
            status, severity, mark = _mark_for({n for _, found in own for n in found})
            status = "fits-own-group" if mark == HELD else "fits-own-group-if-truncated"
            explanation = f"{printed}% fits its own group. Every group size of {study['label']}: {described}."
        elif own and any(found for _, found in readings):
            fitting = [g for g, found in readings if found]
            # it holds only under an assumption the review does not state (patients not assessed): ≈, as
            # a fit only by truncation is, never ✓
            held, _, _ = _mark_for({n for _, found in readings for n in found})
            status, severity, mark = "fits-own-group-if-not-all-assessable", WARNING, TRUNCATED
            if held != "consistent":
                status = "fits-if-not-all-assessable-and-truncated"
            size, label = own[0][0].size, own[0][0].label
            explanation = (
                f"{printed}% is no whole number of the {size} patients of its own group ({label}) "
                f"({_unreached_text(printed, size)}), but it is of "
                + "; ".join(
                    f"{g.size} ({g.label}): {_reach_text(g.size, numbers.grim_counts(printed, g.size))}"
                    for g in fitting
                )
                + f". The study's enrolled and assessable totals allow that reading. Every group size of {study['label']}: {described}."
            )
        elif own:
            status, severity, mark = "own-group-does-not-fit", ERROR, FAILED
            size, label = own[0][0].size, own[0][0].label
            explanation = (
                f"{printed}% is no whole number of the {size} patients of its own group ({label}) under any rounding "
                f"convention ({_unreached_text(printed, size)}), nor of that group less the patients not assessed. "
                f"Every group size of {study['label']}: {described}."
            )
        elif fits:
            status, severity, mark, marks = "fits-a-stated-group", INFO, None, ()
            explanation = f"The review does not say which group {printed}% is of; of the group sizes stated for {study['label']}, {len(fits)} fit: {described}."
        else:
            status, severity, mark = "no-stated-group-fits", ERROR, FAILED
            explanation = f"No group size stated for {study['label']} gives {printed}%: {described}."
        findings.append(
            Finding(
                rule="group-sizes",
                subject=claim["claim_id"],
                kind="claim",
                status=status,
                severity=severity,
                explanation=explanation,
                fragment=claim["quote"],
                mark=mark,
                marks=marks if mark else (),
                claims=tuple(dict.fromkeys(related)),
                conventions=conventions,
            )
        )
    return findings


def check_study_rounding(dataset) -> list[Finding]:
    """Some single rounding convention reproduces every recomputable percentage of a study."""
    reproducible: dict[str, list[tuple[dict, set[str]]]] = defaultdict(list)
    for claim in dataset.claims:
        if not is_percentage(dataset, claim) or claim["denominator"] is None:
            continue
        if claim["numerator"] is not None:
            fits = set(
                numbers.matching_conventions(claim["numerator"], claim["denominator"], claim["value_as_printed"])
            )
        else:
            fits = set(numbers.grim_counts(claim["value_as_printed"], claim["denominator"]))
        if fits:  # a percentage no convention gives is a finding of its own rule
            reproducible[claim["study_id"]].append((claim, fits))
    findings = []
    for study_id, items in reproducible.items():
        if len(items) < 2:
            continue
        common = set.intersection(*(fits for _, fits in items))
        listed = "; ".join(
            (
                f"{_shown(dataset, c)} ({c['numerator']} of {c['denominator']}) by "
                if c["numerator"] is not None
                else f"{_shown(dataset, c)} of {c['denominator']} (count not stated) by "
            )
            + " or ".join(CONVENTION_WORDS[n] for n in ROUNDING_CONVENTIONS if n in fits)
            for c, fits in items
        )
        label = dataset.studies_by_id[study_id]["label"]
        ordered = [n for n in ROUNDING_CONVENTIONS if n in common]
        if ordered:
            status, severity = "one-convention", PASS
            explanation = _sentence(
                f"{' and '.join(CONVENTION_WORDS[n] for n in ordered)} reproduce every recomputable percentage of {label}: {listed}"
            )
        else:
            status, severity = "mixed-conventions", WARNING
            explanation = _sentence(
                f"no single rounding convention reproduces every recomputable percentage of {label}: {listed}"
            )
        findings.append(
            Finding(
                rule="study-rounding",
                subject=study_id,
                kind="study",
                status=status,
                severity=severity,
                explanation=explanation,
                claims=tuple(c["claim_id"] for c, _ in items),
                conventions=tuple(ordered),
            )
        )
    return findings


def _half_unit(printed: str) -> Decimal:
    """Half a unit of a printed number's last digit: how far rounding may have moved it."""
    return Decimal("0.5").scaleb(-decimals_of(printed))


def parts_tolerance(parts: list[str], whole: str | None) -> Decimal:
    """How far printed percentages may fall from their whole by rounding alone: half a unit of the
    last printed digit of each part, and of the whole when it is a printed percentage too."""
    return sum((_half_unit(p) for p in parts), Decimal(0)) + (_half_unit(whole) if whole is not None else Decimal(0))


def check_parts_vs_whole(dataset) -> list[Finding]:
    """Categories naming the same whole (part_of) add up to it, within each printed number's rounding.

    Parts and whole are percentages (or percentages of a group size, whose whole is 100%), or
    counts of one unit; validation refuses any other mix. A shortfall against a stated total
    marks the total (the number out of line with its parts); percentages that fall short of the
    100% of a group size mark the set, not its correct parts.
    """
    groups: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for claim in dataset.claims:
        if claim["part_of"]:
            groups[(claim["part_of"], claim["partition"] or "")].append(claim)
    findings = []
    for (whole_id, partition), parts in groups.items():
        whole = dataset.claims_by_id[whole_id]
        parts_are_percent = all(is_percentage(dataset, part) for part in parts)
        whole_is_percent = is_percentage(dataset, whole)
        against_group = parts_are_percent and not whole_is_percent
        expected, total_label = (
            (Decimal(100), f"100% of {_count(dataset, whole)}")
            if against_group
            else (whole["value"], _count(dataset, whole))
        )
        total = sum((part["value"] for part in parts), Decimal(0))
        tolerance = (
            parts_tolerance(
                [p["value_as_printed"] for p in parts], whole["value_as_printed"] if whole_is_percent else None
            )
            if parts_are_percent
            else Decimal(0)
        )
        names = " + ".join(_shown(dataset, part) for part in parts)
        label = f"{partition} categories" if partition else "categories"
        head = f"{label}: {names} = {total.normalize():f}{'%' if parts_are_percent else ''} against {total_label}"
        gap = expected - total
        members = tuple(part["claim_id"] for part in parts) + (whole_id,)
        if abs(gap) <= tolerance:
            status, severity, mark, marked = "consistent", PASS, HELD, members
            tail = f" (within {tolerance.normalize():f} points of rounding)." if tolerance else "."
        else:
            status, severity, mark = ("shortfall" if gap > 0 else "excess"), ERROR, FAILED
            marked = () if against_group else (whole_id,)
            tail = (
                "; "
                + _unaccounted(gap, parts_are_percent, whole, dataset)
                + f", beyond the {tolerance.normalize():f} points rounding allows."
                if parts_are_percent
                else "; " + _unaccounted(gap, parts_are_percent, whole, dataset) + "."
            )
        kind = "set" if against_group or status == "consistent" else "claim"
        findings.append(
            Finding(
                rule="parts-vs-whole",
                subject=f"{whole_id}/{partition}",
                kind=kind,
                status=status,
                severity=severity,
                explanation=head + tail,
                fragment=parts[0]["quote"],
                mark=mark,
                marks=marked,
                claims=members,
                gap=abs(gap) if parts_are_percent and not against_group else None,
            )
        )
    return findings


def _unaccounted(gap: Decimal, parts_are_percent: bool, whole: dict, dataset) -> str:
    if not parts_are_percent:
        word = "unaccounted for" if gap > 0 else "counted twice or too many"
        return f"{abs(gap)} {dataset.units[whole['unit']]['plural'].replace('{n}', '').strip()} {word}"
    if not is_percentage(dataset, whole):
        subjects = abs(gap) * whole["value"] / 100
        word = "unaccounted for" if gap > 0 else "too many"
        return f"{abs(gap)} percentage points, about {subjects:.1f} of {whole['value']} {word}"
    return f"{abs(gap)} percentage points {'missing' if gap > 0 else 'too many'}"


def check_contradictions(dataset) -> list[Finding]:
    """The same quantity for the same study and group is stated with one value only."""
    groups: dict[tuple, list[dict]] = defaultdict(list)
    for claim in dataset.claims:
        key = (claim["study_id"], claim["arm"], claim["quantity"], claim["unit"], claim["outcome"], claim["statistic"])
        groups[key].append(claim)
    findings = []
    for (study_id, arm, quantity, unit, *_), claims in groups.items():
        if len(claims) < 2:
            continue
        values = {claim["value"] for claim in claims}
        listed = ", ".join(f"“{claim['quote']}” ({_count(dataset, claim)})" for claim in claims)
        label = dataset.quantities[quantity]["label"]
        where = f"{label} ({unit}) of {dataset.studies_by_id[study_id]['label']}{', ' + arm if arm else ''}"
        ids = tuple(claim["claim_id"] for claim in claims)
        if len(values) == 1:
            status, severity, mark = "consistent", PASS, HELD
            explanation = f"The review states {where} {len(claims)} times, with one value: {listed}."
        else:
            status, severity, mark = "contradiction", ERROR, FAILED
            explanation = f"The review states {where} with different values: {listed}."
        findings.append(
            Finding(
                rule="contradiction",
                subject="+".join(ids),
                kind="set",
                status=status,
                severity=severity,
                explanation=explanation,
                fragment=claims[0]["quote"],
                mark=mark,
                marks=ids,
                claims=ids,
            )
        )
    return findings


# Response categories (outcomes.csv columns); complete plus partial responses are the objective ones.
CATEGORIES = ("complete", "partial", "minor", "stable", "progressive")
OBJECTIVE = frozenset({"complete", "partial"})


def categories(dataset, outcome: str | None) -> frozenset[str] | None:
    """The response categories an outcome counts; None for an outcome that names none."""
    row = dataset.outcomes.get(outcome) if outcome else None
    if row is None or all(row[c] is None for c in CATEGORIES):
        return None
    return frozenset(c for c in CATEGORIES if row[c])


def outcome_named(dataset, wanted: frozenset[str]) -> str | None:
    """The outcome (id) of outcomes.csv that counts exactly these categories."""
    return next(
        (row["outcome"] for row in dataset.rows("outcomes") if categories(dataset, row["outcome"]) == wanted), None
    )


def _outcome_label(dataset, wanted: frozenset[str]) -> str:
    outcome = outcome_named(dataset, wanted)
    return dataset.outcomes[outcome]["label"] if outcome else " + ".join(sorted(wanted))


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] + "."


def _count(dataset, claim: dict) -> str:
    return reads(dataset.units[claim["unit"]], claim["value_as_printed"], claim["value"])


def _primary_figure(dataset, primary: dict) -> str:
    if not primary["primary_value"] or not primary["primary_unit"]:
        return "its figure"
    return reads(
        dataset.units[primary["primary_unit"]], primary["primary_value"], parse_printed(primary["primary_value"])
    )


def measured_parts(dataset, claim: dict) -> list[dict]:
    """The claims a rate's numerator sums (count_sources.csv), when each names response categories."""
    sources = [s for s in dataset.count_sources.get((claim["claim_id"], "numerator"), []) if s != claim["claim_id"]]
    parts = [dataset.claims_by_id[s] for s in sources]
    return parts if parts and all(categories(dataset, p["outcome"]) for p in parts) else []


def check_outcome_definitions(dataset) -> list[Finding]:
    """The outcome a rate's words name is the outcome its counts add up to, and the one its source reports."""
    findings = []
    for claim in dataset.claims:
        if not claim["outcome"]:
            continue
        named = categories(dataset, claim["outcome"])
        parts = measured_parts(dataset, claim)
        measured = frozenset().union(*(categories(dataset, p["outcome"]) for p in parts)) if parts else None
        primary = dataset.primary_by_claim.get(claim["claim_id"])
        primary_categories = categories(dataset, primary["primary_outcome"]) if primary else None
        if measured is None and primary_categories is None:
            continue
        label = dataset.outcomes[claim["outcome"]]["label"]
        notes, problem = [], False
        if measured is not None:
            counted = " + ".join(f"{_count(dataset, p)} ({dataset.outcomes[p['outcome']]['label']})" for p in parts)
            if named != measured:
                problem = True
                notes.append(
                    f"the review's words name {label}, but its count is {counted}: {_outcome_label(dataset, measured)}"
                )
                objective = [p for p in parts if categories(dataset, p["outcome"]) <= OBJECTIVE]
                if objective and claim["denominator"]:
                    k = int(sum(p["value"] for p in objective))
                    share = numbers.rate_percent(k, claim["denominator"])
                    notes.append(f"{_outcome_label(dataset, OBJECTIVE)} is {k} of {claim['denominator']} ({share})")
            else:
                notes.append(f"the review's words name {label}, and its count is {counted}")
        if primary_categories is not None:
            primary_label = dataset.outcomes[primary["primary_outcome"]]["label"]
            figure = _primary_figure(dataset, primary)
            paper = dataset.primary_studies[primary["primary_id"]]["label"]
            if named != primary_categories:
                problem = True
                notes.append(f"in {paper}, {figure} is a figure of {primary_label}, where the review says {label}")
            else:
                notes.append(f"in {paper}, {figure} is a figure of {primary_label} too")
        status, severity = ("outcome-mismatch", WARNING) if problem else ("same-outcome", PASS)
        findings.append(
            Finding(
                rule="outcome-definition",
                subject=claim["claim_id"],
                kind="claim",
                status=status,
                severity=severity,
                explanation=_sentence("; ".join(notes)),
                fragment=claim["quote"],
                claims=(claim["claim_id"], *(p["claim_id"] for p in parts)),
            )
        )
    return findings


def check_statistic_types(dataset) -> list[Finding]:
    """A mean is called a mean and a median a median, as in the primary source."""
    findings = []
    for claim in dataset.claims:
        primary = dataset.primary_by_claim.get(claim["claim_id"])
        if not claim["statistic"] or not primary or not primary["primary_statistic"]:
            continue
        paper = dataset.primary_studies[primary["primary_id"]]["label"]
        if claim["statistic"] == primary["primary_statistic"]:
            status, severity = "same-statistic", PASS
            explanation = f"The review and {paper} both give a {claim['statistic']}."
        else:
            status, severity = "statistic-mismatch", WARNING
            explanation = f"The review calls it a {claim['statistic']}; {paper} gives a {primary['primary_statistic']}."
        findings.append(
            Finding(
                rule="statistic-type",
                subject=claim["claim_id"],
                kind="claim",
                status=status,
                severity=severity,
                explanation=explanation,
                fragment=claim["quote"],
                claims=(claim["claim_id"],),
            )
        )
    return findings


def _sentence_around(text: str, start: int, end: int) -> str:
    """The sentence holding text[start:end], verbatim (a substring of text)."""
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start))
    right_candidates = [i for i in (text.find(". ", end), text.find("\n", end)) if i != -1]
    right = min(right_candidates) + 1 if right_candidates else len(text)
    return text[left + 1 : right].strip()


def check_textual_errata(dataset) -> list[Finding]:
    """Every occurrence of a suspect term (suspect_terms.csv) in the body, with its sentence."""
    source = dataset.resource("source-text")
    text = dataset.source_text
    start = max(text.find(source.get("x-body-start") or "\0"), 0)
    end = text.find(source.get("x-body-end") or "\0", start)
    end = len(text) if end == -1 else end
    findings = []
    for term in dataset.rows("suspect-terms"):
        pattern = re.compile(rf"(?<![\w-]){re.escape(term['term'])}(?![\w])")
        for number, match in enumerate(pattern.finditer(text, start, end), start=1):
            findings.append(
                Finding(
                    rule="textual-erratum",
                    subject=f"{term['term']}#{number}",
                    kind="text",
                    status="suspect-term",
                    severity=WARNING,
                    explanation=f"“{term['term']}” where “{term['expected']}” is expected: {term['reason']}",
                    fragment=_sentence_around(text, match.start(), match.end()),
                    term=term["term"],
                )
            )
    return findings


RULES: dict[str, Callable] = {
    "percent-vs-counts": check_percent_vs_counts,
    "grim": check_grim,
    "group-sizes": check_group_sizes,
    "study-rounding": check_study_rounding,
    "parts-vs-whole": check_parts_vs_whole,
    "contradiction": check_contradictions,
    "outcome-definition": check_outcome_definitions,
    "statistic-type": check_statistic_types,
    "textual-erratum": check_textual_errata,
    "primary-percent-vs-counts": check_primary_percent_vs_counts,
}


# Verdicts (verdicts.csv) under which the source read prints the same value, named alike or not.
SAME_VALUE_VERDICTS = ("match", "differs-outcome", "differs-statistic", "differs-quantity")


def _same_as_source(dataset, claim_id: str) -> bool:
    """The claim's source was read and prints the same number (and counts) for it, whatever name it
    gives it: a source that names the same figure another outcome still prints the gap it leaves."""
    primary = dataset.primary_by_claim.get(claim_id)
    claim = dataset.claims_by_id[claim_id]
    return (
        primary is not None
        and primary["verdict"] in SAME_VALUE_VERDICTS
        and primary["primary_value"] == claim["value_as_printed"]
        # counts the review states must be the source's; counts only the source gives do not matter
        and all(claim[c] is None or primary[f"primary_{c}"] in (None, claim[c]) for c in ("numerator", "denominator"))
    )


def copied_from_source(dataset, finding: Finding, failed_in_sources: set[str]) -> bool:
    """A failure the review shares with its source: the source prints the same inconsistent figure
    (its own arithmetic fails too), or every number of an inconsistent set is the source's own."""
    if finding.mark != FAILED:
        return False
    if finding.rule == "percent-vs-counts":
        return finding.subject in failed_in_sources and _same_as_source(dataset, finding.subject)
    if finding.rule == "parts-vs-whole":
        whole_id = finding.subject.partition("/")[0]
        parts = [c for c in finding.claims if c != whole_id]
        whole_is_group = not is_percentage(dataset, dataset.claims_by_id[whole_id])
        return all(_same_as_source(dataset, c) for c in parts) and (
            whole_is_group or _same_as_source(dataset, whole_id)
        )
    return False


def run_rules(dataset) -> list[Finding]:
    """Every check of every rule, in rule order then data order; failures the source shares are 'copied'."""
    findings = [finding for rule in RULES.values() for finding in rule(dataset)]
    failed_in_sources = {f.subject for f in findings if f.rule == "primary-percent-vs-counts" and f.mark == FAILED}
    copied = [copied_from_source(dataset, f, failed_in_sources) for f in findings]
    # a set out of line only because its total is a copied figure shares that figure's cause
    totals = {f.subject for f, c in zip(findings, copied, strict=True) if c and f.rule == "percent-vs-counts"}
    for index, finding in enumerate(findings):
        whole = finding.subject.partition("/")[0]
        if finding.rule == "parts-vs-whole" and finding.mark == FAILED and finding.kind == "claim" and whole in totals:
            copied[index] = True
    return [
        replace(f, mark=COPIED, status=f"{f.status}-as-in-source") if c else f
        for f, c in zip(findings, copied, strict=True)
    ]


_AUDITS: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


class Audit:
    """The rules' findings for one dataset, computed once and indexed."""

    def __init__(self, dataset):
        self.dataset = dataset
        self.findings = run_rules(dataset)

    @classmethod
    def of(cls, dataset) -> "Audit":
        """The dataset's audit, computed once per dataset (it is a plain container: no rules run inside it)."""
        audit = _AUDITS.get(dataset)
        if audit is None:
            audit = _AUDITS[dataset] = cls(dataset)
        return audit

    @cached_property
    def problems(self) -> list[Finding]:
        return [f for f in self.findings if f.is_problem]

    @cached_property
    def by_key(self) -> dict[tuple[str, str], Finding]:
        return {f.key: f for f in self.findings}

    @cached_property
    def about_claim(self) -> dict[str, list[Finding]]:
        """claim_id → every finding that concerns it (marks it or names it)."""
        about: dict[str, list[Finding]] = defaultdict(list)
        for finding in self.findings:
            for claim_id in dict.fromkeys((*finding.marks, *finding.claims)):
                about[claim_id].append(finding)
        return about

    @cached_property
    def assigned(self) -> dict[tuple[str, str], str]:
        """(rule, subject) → the problem of review_problems.csv that findings.csv assigns it to."""
        return {(row["rule"], row["subject"]): row["problem_id"] for row in self.dataset.findings}

    def problem_of(self, finding: Finding) -> dict | None:
        """The reader's problem (review_problems.csv row) a finding belongs to, if it is one."""
        problem_id = self.assigned.get(finding.key)
        return self.dataset.review_problems.get(problem_id) if problem_id else None

    @cached_property
    def by_problem(self) -> dict[str, list[Finding]]:
        """problem_id → its findings, in rule order (every problem of the review counted once)."""
        grouped: dict[str, list[Finding]] = {row["problem_id"]: [] for row in self.dataset.rows("review-problems")}
        for finding in self.problems:
            problem_id = self.assigned.get(finding.key)
            if problem_id in grouped:
                grouped[problem_id].append(finding)
        return grouped

    def reconcile(self) -> list[Problem]:
        """Every problem the rules find is assigned to a reader's problem, and every assignment is still needed."""
        dataset = self.dataset
        produced = {f.key: f for f in self.problems}
        findings_file = display_path(dataset.path("findings"))
        problems = []
        for row in dataset.findings:
            if (row["rule"], row["subject"]) not in produced:
                problems.append(
                    Problem(
                        findings_file,
                        row["__row__"],
                        "subject",
                        f"assigns a finding the rules no longer produce: {row['rule']} for {row['subject']!r}",
                    )
                )
        claims_file = display_path(dataset.path("claims"))
        for key, finding in produced.items():
            if key in self.assigned:
                continue
            claim = dataset.claims_by_id.get(finding.subject)
            where = (claims_file, claim["__row__"], "value_as_printed") if claim else (findings_file, 0, "-")
            message = (
                f"unexplained {finding.rule} finding for {finding.subject!r} ({finding.status}): {finding.explanation} "
                "— assign it to a problem in findings.csv"
            )
            problems.append(Problem(*where, message))
        used = {row["problem_id"] for row in dataset.findings}
        problems_file = display_path(dataset.path("review-problems")) if "review-problems" in dataset.tables else None
        for row in dataset.rows("review-problems"):
            if row["problem_id"] not in used:
                problems.append(
                    Problem(
                        problems_file, row["__row__"], "problem_id", f"problem {row['problem_id']!r} has no finding"
                    )
                )
        return problems
