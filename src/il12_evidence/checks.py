"""Audit rules. Each rule is a pure function of the dataset returning one Finding per check.

A finding says what it is about (`subject`: a claim, a set of claims, a study, or an
occurrence in the text), what the rule computed (`explanation`), and what it means for the
marks of the numbers (`mark` on the claims listed in `marks`):

- "held": a recomputation or cross-check held (✓);
- "truncated": it holds only if the decimals were cut off (≈);
- "failed": the number is out of line (✗);
- None: the finding informs but checks no number (a set, a study, the wording).

A finding whose severity is "warning" or "error" is a problem: findings.csv must explain it,
and an explanation whose finding no longer appears is a problem too. Rule parameters are
data (parameters.csv); nothing here knows one review from another.
"""

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

from . import stats
from .problems import Problem, display_path
from .units import reads
from .values import decimals_of, parse_printed

PASS, INFO, WARNING, ERROR = "pass", "info", "warning", "error"
PROBLEM_SEVERITIES = (WARNING, ERROR)
HELD, TRUNCATED, FAILED = "held", "truncated", "failed"


@dataclass(frozen=True)
class Finding:
    rule: str
    subject: str
    kind: str  # claim | set | study | text | primary
    status: str
    severity: str
    explanation: str
    fragment: str = ""
    mark: str | None = None
    marks: tuple[str, ...] = ()
    claims: tuple[str, ...] = ()
    conventions: tuple[str, ...] = ()

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


def _shown(dataset, claim: dict) -> str:
    """A claim's number for an explanation: digits as printed, words as their value."""
    printed = claim["value_as_printed"]
    text = printed if printed[:1].isdigit() else f"{claim['value'].normalize():f}"
    return text + ("%" if dataset.is_percentage(claim) else "")


def _conventions_text(fits: dict[str, Decimal], printed: str) -> str:
    """'half-up rounding gives 67%, half-even rounding 67%, truncating 67%'."""
    parts = [
        f"{stats.CONVENTION_WORDS[name]} {'gives ' if i == 0 else ''}{value:f}%"
        for i, (name, value) in enumerate(fits.items())
    ]
    return ", ".join(parts)


def _rounded(successes: int, trials: int, printed: str) -> dict[str, Decimal]:
    exact = stats.percent(successes, trials)
    return {name: stats.round_to(exact, decimals_of(printed), name) for name in stats.ROUNDING_CONVENTIONS}


def percent_findings(rows: list[dict], dataset, *, rule: str, kind: str, marks_claim: bool) -> list[Finding]:
    """Percent-vs-counts on rows shaped like claims (claim_id, unit, value_as_printed, counts, quote)."""
    findings = []
    nearby = _param(dataset, "nearby_counts")
    for row in rows:
        successes, trials = row["numerator"], row["denominator"]
        if successes is None or trials is None or dataset.units[row["unit"]]["dimension"] != "percentage":
            continue
        printed = row["value_as_printed"]
        rounded = _rounded(successes, trials, printed)
        fits = [name for name, value in rounded.items() if value == Decimal(printed)]
        head = f"{successes} of {trials} is {stats.format_percent(stats.percent(successes, trials), 3)}: {_conventions_text(rounded, printed)}"
        if "half-up" in fits or "half-even" in fits:
            status, severity, mark = "consistent", PASS, HELD
            tail = f"; {printed}% fits {', '.join(stats.CONVENTION_WORDS[n] for n in fits)}"
            missing = [n for n in stats.ROUNDING_CONVENTIONS if n not in fits]
            if missing:
                tail += f", not {', '.join(stats.CONVENTION_WORDS[n] for n in missing)}"
        elif fits:
            status, severity, mark = "consistent-if-truncated", WARNING, TRUNCATED
            tail = f"; {printed}% is reached only by truncating"
        else:
            status, severity, mark = "inconsistent", ERROR, FAILED
            tail = f"; no convention gives {printed}%"
            alternatives = _nearby(successes, trials, printed, nearby)
            if alternatives:
                tail += f" ({alternatives})"
        findings.append(
            Finding(
                rule, row["claim_id"], kind, status, severity, head + tail + ".", row["quote"], mark,
                (row["claim_id"],) if marks_claim else (), (row["claim_id"],), tuple(fits),
            )
        )  # fmt: skip
    return findings


def _nearby(successes: int, trials: int, printed: str, reach: int) -> str:
    """Which neighbouring count or group size would give the printed percentage (any convention)."""
    alternatives = []
    for other in range(max(trials - reach, 1), trials + reach + 1):
        if other != trials and successes <= other and stats.matching_conventions(successes, other, printed):
            alternatives.append(
                f"{successes} of {other} would give {stats.format_percent(stats.percent(successes, other))}"
            )
    for other in range(max(successes - reach, 0), min(successes + reach, trials) + 1):
        if other != successes and stats.matching_conventions(other, trials, printed):
            alternatives.append(f"{other} of {trials} would give {stats.format_percent(stats.percent(other, trials))}")
    return "; ".join(alternatives)


def check_percent_vs_counts(dataset) -> list[Finding]:
    """A stated percentage agrees with its stated counts under some rounding convention."""
    return percent_findings(dataset.claims, dataset, rule="percent-vs-counts", kind="claim", marks_claim=True)


def check_primary_percent_vs_counts(dataset) -> list[Finding]:
    """The same arithmetic on the primary abstracts' own percentages and counts."""
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


def _reach_text(printed: str, trials: int, found: dict[str, tuple[int, int]]) -> str:
    """'13 of 22 (59.09%) by half-up rounding, half-even rounding and truncating'."""
    by_range: dict[tuple[int, int], list[str]] = {}
    for name, counts in found.items():
        by_range.setdefault(counts, []).append(stats.CONVENTION_WORDS[name])
    return "; ".join(
        f"{stats.describe_counts(counts, trials)} by {', '.join(names)}" for counts, names in by_range.items()
    )


def _unreached_text(printed: str, trials: int) -> str:
    """The two counts either side of the printed percentage: '4 of 11 is 36.36%, 5 of 11 is 45.45%'."""
    k = int(Decimal(printed) * trials / 100)
    return ", ".join(
        f"{c} of {trials} is {stats.format_percent(stats.percent(c, trials))}" for c in (k, k + 1) if 0 <= c <= trials
    )


def check_grim(dataset) -> list[Finding]:
    """GRIM: can any whole count of the stated group size give a percentage whose count is not stated?"""
    findings = []
    for claim in dataset.claims:
        trials = claim["denominator"]
        if not dataset.is_percentage(claim) or claim["numerator"] is not None or trials is None:
            continue
        printed = claim["value_as_printed"]
        found = stats.grim_counts(printed, trials)
        if found:
            status, severity, mark = "consistent", PASS, HELD
            explanation = f"{printed}% of {trials} is reachable: {_reach_text(printed, trials, found)}."
        else:
            status, severity, mark = "inconsistent", ERROR, FAILED
            explanation = f"No whole number of {trials} gives {printed}% under any rounding convention ({_unreached_text(printed, trials)})."
        findings.append(
            Finding("grim", claim["claim_id"], "claim", status, severity, explanation, claim["quote"], mark,
                    (claim["claim_id"],), (claim["claim_id"],), tuple(found))
        )  # fmt: skip
    return findings


def group_sizes(dataset, study_id: str) -> list[tuple[int, str, tuple[str, ...]]]:
    """(size, label, claim ids) of every group size the review states for a study, and of the sums
    of the groups that partition a whole; equal sizes are listed once with all their labels."""
    sizes: dict[int, tuple[list[str], list[str]]] = {}
    partitions: dict[tuple, list[dict]] = defaultdict(list)
    for claim in dataset.claims_by_study.get(study_id, []):
        if dataset.quantities[claim["quantity"]]["role"] != "group-size":
            continue
        labels, ids = sizes.setdefault(int(claim["value"]), ([], []))
        labels.append(claim["arm"] or dataset.quantities[claim["quantity"]]["label"])
        ids.append(claim["claim_id"])
        if claim["part_of"]:
            partitions[(claim["part_of"], claim["partition"])].append(claim)
    for parts in partitions.values():
        if len(parts) > 1:
            labels, ids = sizes.setdefault(int(sum(p["value"] for p in parts)), ([], []))
            labels.append(" + ".join(p["arm"] or p["claim_id"] for p in parts))
            ids.extend(p["claim_id"] for p in parts)
    return [
        (size, " / ".join(dict.fromkeys(labels)), tuple(dict.fromkeys(ids))) for size, (labels, ids) in sizes.items()
    ]


def check_group_sizes(dataset) -> list[Finding]:
    """A percentage without a group size, tried against every group size the review states for its study."""
    findings = []
    listed, largest = _param(dataset, "smallest_groups_listed"), _param(dataset, "largest_group_searched")
    sizes_of: dict[str, list] = {}  # each study's group sizes, gathered once
    for claim in dataset.claims:
        if not dataset.is_percentage(claim) or claim["numerator"] is not None or claim["denominator"] is not None:
            continue
        printed, study = claim["value_as_printed"], dataset.study_of(claim)
        if claim["study_id"] not in sizes_of:
            sizes_of[claim["study_id"]] = group_sizes(dataset, claim["study_id"])
        candidates = sizes_of[claim["study_id"]]
        own = [c for c in candidates if claim["arm"] and claim["arm"] in c[1].split(" / ")]
        results = [(size, label, ids, stats.grim_counts(printed, size)) for size, label, ids in candidates]
        fits = [r for r in results if r[3]]
        described = "; ".join(
            f"{label} ({size}): " + (_reach_text(printed, size, found) if found else "no count fits")
            for size, label, _, found in results
        )
        related = (claim["claim_id"], *(i for _, _, ids, _ in results for i in ids))
        if not candidates:
            smallest = stats.smallest_group_sizes(printed, how_many=listed, largest=largest)
            options = ", ".join(f"{k} of {n}" for k, n in smallest) or f"none up to {largest}"
            status, severity, mark = "no-group-size-stated", INFO, None
            explanation = f"The review states no group size for {study['label']}; the smallest groups that give {printed}% are {options}."
        elif own and not any(r[3] for r in results if r[0] in {c[0] for c in own}):
            status, severity, mark = "own-group-does-not-fit", ERROR, FAILED
            size, label = own[0][0], own[0][1]
            explanation = (
                f"{printed}% is no whole number of the {size} patients of its own group ({label}) under any rounding "
                f"convention ({_unreached_text(printed, size)}). Every group size the review states for {study['label']}: {described}."
            )
        elif own:
            status, severity, mark = "fits-own-group", PASS, HELD
            explanation = (
                f"{printed}% fits its own group. Every group size the review states for {study['label']}: {described}."
            )
        elif fits:
            status, severity, mark = "fits-a-stated-group", INFO, None
            explanation = f"The review does not say which group {printed}% is of; of the group sizes it states for {study['label']}, {len(fits)} fit: {described}."
        else:
            status, severity, mark = "no-stated-group-fits", ERROR, FAILED
            explanation = f"No group size the review states for {study['label']} gives {printed}%: {described}."
        conventions = tuple(dict.fromkeys(name for r in fits for name in r[3]))
        findings.append(
            Finding("group-sizes", claim["claim_id"], "claim", status, severity, explanation, claim["quote"], mark,
                    (claim["claim_id"],) if mark else (), tuple(dict.fromkeys(related)), conventions)
        )  # fmt: skip
    return findings


def check_study_rounding(dataset) -> list[Finding]:
    """Some single rounding convention reproduces every recomputable percentage of a study."""
    reproducible: dict[str, list[tuple[dict, set[str]]]] = defaultdict(list)
    for claim in dataset.claims:
        if not dataset.is_percentage(claim) or claim["denominator"] is None:
            continue
        if claim["numerator"] is not None:
            fits = set(stats.matching_conventions(claim["numerator"], claim["denominator"], claim["value_as_printed"]))
        else:
            fits = set(stats.grim_counts(claim["value_as_printed"], claim["denominator"]))
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
            + " or ".join(stats.CONVENTION_WORDS[n] for n in stats.ROUNDING_CONVENTIONS if n in fits)
            for c, fits in items
        )
        label = dataset.studies_by_id[study_id]["label"]
        if common:
            ordered = [n for n in stats.ROUNDING_CONVENTIONS if n in common]
            status, severity = "one-convention", PASS
            explanation = _sentence(
                f"{' and '.join(stats.CONVENTION_WORDS[n] for n in ordered)} reproduce every recomputable percentage of {label}: {listed}"
            )
        else:
            status, severity, ordered = "mixed-conventions", WARNING, []
            explanation = _sentence(
                f"no single rounding convention reproduces every recomputable percentage of {label}: {listed}"
            )
        ids = tuple(c["claim_id"] for c, _ in items)
        findings.append(
            Finding(
                "study-rounding", study_id, "study", status, severity, explanation, "", None, (), ids, tuple(ordered)
            )
        )
    return findings


def check_parts_vs_whole(dataset) -> list[Finding]:
    """Categories naming the same whole (part_of) add up to it, within rounding.

    A shortfall against a stated total marks the total (the number out of line with its parts);
    percentages that fall short of the 100% of a group size mark the set, not its correct parts.
    """
    groups: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for claim in dataset.claims:
        if claim["part_of"]:
            groups[(claim["part_of"], claim["partition"] or "")].append(claim)
    findings = []
    for (whole_id, partition), parts in groups.items():
        whole = dataset.claims_by_id[whole_id]
        parts_are_percent = all(dataset.is_percentage(part) for part in parts)
        whole_is_percent = dataset.is_percentage(whole)
        against_group = parts_are_percent and not whole_is_percent
        # the whole as it reads ("100% of 23 patients", "69%"), not its claim id
        expected, total_label = (
            (Decimal(100), f"100% of {_count(dataset, whole)}")
            if against_group
            else (whole["value"], _count(dataset, whole))
        )
        total = sum((part["value"] for part in parts), Decimal(0))
        # each rounded percentage may be off by half its last printed digit
        places = max(decimals_of(part["value_as_printed"]) for part in parts)
        rounded_terms = len(parts) + (1 if whole_is_percent else 0)
        tolerance = Decimal("0.5") * Decimal(1).scaleb(-places) * rounded_terms if parts_are_percent else Decimal(0)
        names = " + ".join(_shown(dataset, part) for part in parts)
        label = f"{partition} categories" if partition else "categories"
        head = f"{label}: {names} = {total.normalize():f}{'%' if parts_are_percent else ''} against {total_label}"
        gap = expected - total
        members = tuple(part["claim_id"] for part in parts) + (whole_id,)
        if abs(gap) <= tolerance:
            status, severity, mark, marked, tail = "consistent", PASS, HELD, members, "."
        else:
            status, severity, mark = ("shortfall" if gap > 0 else "excess"), ERROR, FAILED
            marked = () if against_group else (whole_id,)
            tail = "; " + _unaccounted(gap, parts_are_percent, whole) + "."
        kind = "set" if against_group or status == "consistent" else "claim"
        findings.append(
            Finding("parts-vs-whole", f"{whole_id}/{partition}", kind, status, severity, head + tail,
                    parts[0]["quote"], mark, marked, members)
        )  # fmt: skip
    return findings


def _unaccounted(gap: Decimal, parts_are_percent: bool, whole: dict) -> str:
    if not parts_are_percent:
        word = "unaccounted for" if gap > 0 else "counted twice or too many"
        return f"{abs(gap)} subject(s) {word}"
    if whole["unit"] != "%":
        subjects = abs(gap) * whole["value"] / 100
        word = "unaccounted for" if gap > 0 else "too many"
        return f"{abs(gap)} percentage points, about {subjects:.1f} of {whole['value']} subjects {word}"
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
        listed = ", ".join(f"{claim['claim_id']} = {claim['value_as_printed']}" for claim in claims)
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
                "contradiction", "+".join(ids), "set", status, severity, explanation, claims[0]["quote"], mark, ids, ids
            )
        )
    return findings


def categories(dataset, outcome: str | None) -> frozenset[str] | None:
    """The response categories an outcome counts; None for an outcome that names none."""
    row = dataset.outcomes.get(outcome) if outcome else None
    if row is None or all(row[c] is None for c in CATEGORIES):
        return None
    return frozenset(c for c in CATEGORIES if row[c])


# Response categories (outcomes.csv columns); complete plus partial responses are the objective ones.
CATEGORIES = ("complete", "partial", "minor", "stable", "progressive")
OBJECTIVE = frozenset({"complete", "partial"})


def _outcome_named(dataset, wanted: frozenset[str]) -> str:
    for row in dataset.rows("outcomes"):
        if categories(dataset, row["outcome"]) == wanted:
            return row["label"]
    return " + ".join(sorted(wanted))


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


def check_outcome_definitions(dataset) -> list[Finding]:
    """The outcome a rate's words name is the outcome its counts add up to, and the one the primary reports."""
    findings = []
    for claim in dataset.claims:
        if not claim["outcome"]:
            continue
        named = categories(dataset, claim["outcome"])
        sources = [s for s in dataset.count_sources.get((claim["claim_id"], "numerator"), []) if s != claim["claim_id"]]
        parts = [dataset.claims_by_id[s] for s in sources]
        measured = None
        if parts and all(categories(dataset, p["outcome"]) for p in parts):
            measured = frozenset().union(*(categories(dataset, p["outcome"]) for p in parts))
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
                    f"the review's words name {label}, but its count is {counted}: {_outcome_named(dataset, measured)}"
                )
                objective = [p for p in parts if categories(dataset, p["outcome"]) <= OBJECTIVE]
                if objective and claim["denominator"]:
                    k = int(sum(p["value"] for p in objective))
                    share = stats.format_percent(stats.percent(k, claim["denominator"]), 1)
                    notes.append(f"{_outcome_named(dataset, OBJECTIVE)} is {k} of {claim['denominator']} ({share})")
            else:
                notes.append(f"the review's words name {label}, and its count is {counted}")
        if primary_categories is not None:
            primary_label = dataset.outcomes[primary["primary_outcome"]]["label"]
            figure = _primary_figure(dataset, primary)
            if named != primary_categories:
                problem = True
                notes.append(f"the primary abstract reports {figure} as {primary_label}, where the review says {label}")
            else:
                notes.append(f"the primary abstract reports {figure} as {primary_label} too")
        status, severity = ("outcome-mismatch", WARNING) if problem else ("same-outcome", PASS)
        findings.append(
            Finding("outcome-definition", claim["claim_id"], "claim", status, severity, _sentence("; ".join(notes)),
                    claim["quote"], None, (), (claim["claim_id"], *sources))
        )  # fmt: skip
    return findings


def check_statistic_types(dataset) -> list[Finding]:
    """A mean is called a mean and a median a median, as in the primary abstract."""
    findings = []
    for claim in dataset.claims:
        primary = dataset.primary_by_claim.get(claim["claim_id"])
        if not claim["statistic"] or not primary or not primary["primary_statistic"]:
            continue
        if claim["statistic"] == primary["primary_statistic"]:
            status, severity = "same-statistic", PASS
            explanation = f"The review and the primary abstract both give a {claim['statistic']}."
        else:
            status, severity = "statistic-mismatch", WARNING
            explanation = f"The review calls it a {claim['statistic']}; the primary abstract gives a {primary['primary_statistic']}."
        findings.append(
            Finding(
                "statistic-type",
                claim["claim_id"],
                "claim",
                status,
                severity,
                explanation,
                claim["quote"],
                None,
                (),
                (claim["claim_id"],),
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
    start = text.find(source.get("x-body-start") or "\0")
    start = max(start, 0)
    end = text.find(source.get("x-body-end") or "\0", start)
    end = len(text) if end == -1 else end
    findings = []
    for term in dataset.rows("suspect-terms"):
        pattern = re.compile(rf"(?<![\w-]){re.escape(term['term'])}(?![\w])")
        for number, match in enumerate(pattern.finditer(text, start, end), start=1):
            sentence = _sentence_around(text, match.start(), match.end())
            explanation = f"“{term['term']}” where “{term['expected']}” is expected: {term['reason']}"
            findings.append(
                Finding("textual-erratum", f"{term['term']}#{number}", "text", "suspect-term", WARNING, explanation,
                        sentence, None, (), (), (term["term"],))
            )  # fmt: skip
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


def run_rules(dataset) -> list[Finding]:
    """Every check of every rule, in rule order then data order."""
    return [finding for rule in RULES.values() for finding in rule(dataset)]


class Audit:
    """The rules' findings for one dataset, computed once and indexed."""

    def __init__(self, dataset):
        self.dataset = dataset
        self.findings = run_rules(dataset)

    @classmethod
    def of(cls, dataset) -> "Audit":
        return dataset.audit

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
    def explanations(self) -> dict[tuple[str, str], str]:
        return {(row["rule"], row["subject"]): row["explanation"] for row in self.dataset.findings}

    def explanation(self, finding: Finding) -> str:
        return self.explanations.get(finding.key, "")

    def reconcile(self) -> list[Problem]:
        """Every problem the rules find is explained, and every explanation is still needed."""
        dataset = self.dataset
        produced = {f.key: f for f in self.problems}
        findings_file = display_path(dataset.path("findings"))
        problems = []
        for row in dataset.findings:
            if (row["rule"], row["subject"]) not in produced:
                problems.append(
                    Problem(findings_file, row["__row__"], "subject",
                            f"explains a finding the rules no longer produce: {row['rule']} for {row['subject']!r}")
                )  # fmt: skip
        claims_file = display_path(dataset.path("claims"))
        for key, finding in produced.items():
            if key in self.explanations:
                continue
            claim = dataset.claims_by_id.get(finding.subject)
            where = (claims_file, claim["__row__"], "value_as_printed") if claim else (findings_file, 0, "-")
            message = f"unexplained {finding.rule} finding for {finding.subject!r} ({finding.status}): {finding.explanation} — explain it in findings.csv"
            problems.append(Problem(*where, message))
        return problems
