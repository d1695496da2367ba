"""Audit rules. Each rule is a pure function of the dataset returning one Finding per check.

A finding whose severity is "warning" or "error" is a problem: it must be explained in
findings.csv, and an explanation whose finding no longer appears is a problem too.
"""

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from . import stats
from .problems import Problem, display_path
from .values import decimals_of

PASS, INFO, WARNING, ERROR = "pass", "info", "warning", "error"
PROBLEM_SEVERITIES = (WARNING, ERROR)


@dataclass(frozen=True)
class Finding:
    claim_id: str
    rule: str
    status: str
    severity: str
    explanation: str
    fragment: str
    conventions: str = ""  # rounding conventions that reproduce the value; for a textual erratum, the term

    @property
    def is_problem(self) -> bool:
        return self.severity in PROBLEM_SEVERITIES


def _is_percentage(claim: dict) -> bool:
    return claim["unit"] == "%"


def _fmt(value: Decimal, places: int = 2) -> str:
    return f"{value:.{places}f}"


def _nearby_explanations(successes: int, trials: int, printed: str) -> str:
    """Which neighbouring count or group size would give the printed percentage."""
    alternatives = []
    for other in range(max(trials - 3, 1), trials + 4):
        if (
            other != trials
            and successes <= other
            and "half-up" in stats.matching_conventions(successes, other, printed)
        ):
            alternatives.append(f"{successes} of {other} would ({_fmt(stats.percent(successes, other))}%)")
    for other in range(max(successes - 3, 0), min(successes + 3, trials) + 1):
        if other != successes and "half-up" in stats.matching_conventions(other, trials, printed):
            alternatives.append(f"{other} of {trials} would ({_fmt(stats.percent(other, trials))}%)")
    return "; ".join(alternatives)


def _percent_findings(rows: list[dict], rule: str) -> list[Finding]:
    """Percent-vs-counts on rows shaped like claims (claim_id, unit, value_as_printed, counts, quote)."""
    findings = []
    for claim in rows:
        successes, trials = claim["numerator"], claim["denominator"]
        if not _is_percentage(claim) or successes is None or trials is None:
            continue
        printed = claim["value_as_printed"]
        conventions = stats.matching_conventions(successes, trials, printed)
        exact = _fmt(stats.percent(successes, trials))
        head = f"{successes} of {trials} is {exact}%"
        if "half-up" in conventions or "half-even" in conventions:
            status, severity = "consistent", PASS
            explanation = f"{head}, which prints as {printed}%."
        elif conventions:
            status, severity = "consistent-if-truncated", WARNING
            half_up = stats.round_percent(successes, trials, decimals_of(printed), "half-up")
            explanation = f"{head}; rounded it is {half_up}%, so {printed}% is reached only by truncating."
        else:
            status, severity = "inconsistent", ERROR
            nearby = _nearby_explanations(successes, trials, printed)
            explanation = f"{head}; no rounding convention gives {printed}%." + (f" {nearby}." if nearby else "")
        findings.append(
            Finding(claim["claim_id"], rule, status, severity, explanation, claim["quote"], ", ".join(conventions))
        )
    return findings


def check_percent_vs_counts(dataset) -> list[Finding]:
    """A stated percentage agrees with its stated counts under some rounding convention."""
    return _percent_findings(dataset.claims, "percent-vs-counts")


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
        for row in dataset.tables.get("primary-sources", [])
        if row["primary_value"]
    ]
    return _percent_findings(rows, "primary-percent-vs-counts")


def check_grim(dataset) -> list[Finding]:
    """GRIM: can any whole count give a percentage whose count is not stated?"""
    findings = []
    for claim in dataset.claims:
        if not _is_percentage(claim) or claim["numerator"] is not None:
            continue
        printed, trials = claim["value_as_printed"], claim["denominator"]
        if trials is None:
            sizes = stats.smallest_group_sizes(printed)
            listed = ", ".join(f"{k} of {n}" for k, n in sizes)
            findings.append(
                Finding(
                    claim["claim_id"],
                    "grim",
                    "group-size-unknown",
                    INFO,
                    f"No group size is stated; the smallest groups that give {printed}% are {listed}.",
                    claim["quote"],
                )
            )
            continue
        counts = stats.grim_counts(printed, trials)
        if counts:
            listed = ", ".join(f"{k} of {trials} ({_fmt(stats.percent(k, trials))}%)" for k in counts)
            conventions = sorted(
                {name for names in counts.values() for name in names}, key=list(stats.ROUNDING_CONVENTIONS).index
            )
            findings.append(
                Finding(
                    claim["claim_id"],
                    "grim",
                    "consistent",
                    PASS,
                    f"{printed}% of {trials} is reachable: {listed}.",
                    claim["quote"],
                    ", ".join(conventions),
                )
            )
        else:
            findings.append(
                Finding(
                    claim["claim_id"],
                    "grim",
                    "inconsistent",
                    ERROR,
                    f"No whole number of {trials} gives {printed}% under any rounding convention.",
                    claim["quote"],
                )
            )
    return findings


def check_parts_vs_whole(dataset) -> list[Finding]:
    """Categories naming the same whole (part_of) add up to it, within rounding."""
    groups: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for claim in dataset.claims:
        if claim["part_of"]:
            groups[(claim["part_of"], claim["partition"] or "")].append(claim)
    findings = []
    by_id = dataset.claims_by_id
    for (whole_id, partition), parts in groups.items():
        whole = by_id[whole_id]
        parts_are_percent = all(_is_percentage(part) for part in parts)
        if parts_are_percent and not _is_percentage(whole):
            expected, total_label = Decimal(100), "100%"
        else:
            expected, total_label = whole["value"], _shown(whole)
        total = sum((part["value"] for part in parts), Decimal(0))
        # each rounded percentage may be off by half its last printed digit
        places = max(decimals_of(part["value_as_printed"]) for part in parts)
        rounded_terms = len(parts) + (1 if _is_percentage(whole) else 0)
        tolerance = Decimal("0.5") * Decimal(1).scaleb(-places) * rounded_terms if parts_are_percent else Decimal(0)
        names = " + ".join(_shown(part) for part in parts)
        label = f"{partition} categories" if partition else "categories"
        head = f"{label}: {names} = {total.normalize():f}{'%' if parts_are_percent else ''} against {total_label} ({whole_id})"
        gap = expected - total
        if abs(gap) <= tolerance:
            status, severity, tail = "consistent", PASS, "."
        else:
            status, severity = ("shortfall" if gap > 0 else "excess"), ERROR
            tail = "; " + _unaccounted(gap, parts_are_percent, whole) + "."
        for part in parts:
            findings.append(Finding(part["claim_id"], "parts-vs-whole", status, severity, head + tail, part["quote"]))
    return findings


def _shown(claim: dict) -> str:
    """A claim's number for an explanation: digits as printed, words as their value."""
    printed = claim["value_as_printed"]
    text = printed if printed[:1].isdigit() else f"{claim['value'].normalize():f}"
    return text + ("%" if _is_percentage(claim) else "")


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
    """The same quantity for the same study and arm is stated with one value only."""
    groups: dict[tuple, list[dict]] = defaultdict(list)
    for claim in dataset.claims:
        groups[(claim["study"], claim["arm"], claim["quantity"], claim["unit"])].append(claim)
    findings = []
    for (study, arm, quantity, unit), claims in groups.items():
        if len(claims) < 2:
            continue
        values = sorted({claim["value"] for claim in claims})
        listed = ", ".join(f"{claim['claim_id']} = {claim['value_as_printed']}" for claim in claims)
        where = f"{quantity} ({unit}) of {study}{', ' + arm if arm else ''}"
        if len(values) == 1:
            status, severity, explanation = (
                "consistent",
                PASS,
                f"{where} is stated {len(claims)} times with one value: {listed}.",
            )
        else:
            status, severity, explanation = (
                "contradiction",
                ERROR,
                f"{where} is stated with different values: {listed}.",
            )
        for claim in claims:
            findings.append(Finding(claim["claim_id"], "contradiction", status, severity, explanation, claim["quote"]))
    return findings


def _sentence_around(text: str, start: int, end: int) -> str:
    """The sentence holding text[start:end], verbatim (a substring of text)."""
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start))
    right_candidates = [i for i in (text.find(". ", end), text.find("\n", end)) if i != -1]
    right = min(right_candidates) + 1 if right_candidates else len(text)
    return text[left + 1 : right].strip()


def check_textual_errata(dataset) -> list[Finding]:
    """Every occurrence of a suspect term (suspect_terms.csv) in the body, with its sentence."""
    source = next((r for r in dataset.package["resources"] if r["name"] == "source-text"), {})
    text = dataset.source_text
    start = text.index(source["x-body-start"]) if source.get("x-body-start") else 0
    end = text.index(source["x-body-end"], start) if source.get("x-body-end") else len(text)
    findings = []
    for term in dataset.tables.get("suspect-terms", []):
        pattern = re.compile(rf"(?<![\w-]){re.escape(term['term'])}(?![\w])")
        for match in pattern.finditer(text, start, end):
            sentence = _sentence_around(text, match.start(), match.end())
            explanation = f"“{term['term']}” where “{term['expected']}” is expected: {term['reason']}"
            findings.append(
                Finding("", "textual-erratum", "suspect-term", WARNING, explanation, sentence, term["term"])
            )
    return findings


RULES: dict[str, Callable] = {
    "percent-vs-counts": check_percent_vs_counts,
    "grim": check_grim,
    "parts-vs-whole": check_parts_vs_whole,
    "contradiction": check_contradictions,
    "textual-erratum": check_textual_errata,
    "primary-percent-vs-counts": check_primary_percent_vs_counts,
}


def run_rules(dataset) -> list[Finding]:
    """Every check of every rule, in rule order then data order."""
    return [finding for rule in RULES.values() for finding in rule(dataset)]


def finding_key(claim_id: str | None, rule: str, fragment: str | None) -> tuple[str, str, str]:
    return (rule, claim_id or "", "" if claim_id else (fragment or ""))


def reconcile_findings(dataset, findings: list[Finding] | None = None) -> list[Problem]:
    """Every problem the rules find is explained, and every explanation is still needed."""
    findings = run_rules(dataset) if findings is None else findings
    produced = {finding_key(f.claim_id, f.rule, f.fragment): f for f in findings if f.is_problem}
    explained: dict[tuple, dict] = {}
    problems = []
    findings_file = display_path(dataset.path("findings"))
    for row in dataset.findings:
        key = finding_key(row["claim_id"], row["rule"], row["fragment"])
        if key in explained:
            problems.append(
                Problem(
                    findings_file, row["__row__"], "rule", f"explains {key[0]} for {key[1] or key[2]!r} a second time"
                )
            )
        explained[key] = row
        if key not in produced:
            problems.append(
                Problem(
                    findings_file,
                    row["__row__"],
                    "rule",
                    f"explains a finding the rules no longer produce: {row['rule']} for {row['claim_id'] or row['fragment']!r}",
                )
            )
    claims_file = display_path(dataset.path("claims"))
    rows = {claim["claim_id"]: claim["__row__"] for claim in dataset.claims}
    for key, finding in produced.items():
        if key not in explained:
            subject = finding.claim_id or finding.fragment
            problems.append(
                Problem(
                    claims_file if finding.claim_id else findings_file,
                    rows.get(finding.claim_id, 0),
                    "value_as_printed" if finding.claim_id else "-",
                    f"claim {subject}: unexplained {finding.rule} finding ({finding.status}): {finding.explanation}",
                )
            )
    return problems


# Reader-facing status of each claim, worst first; rules that only inform do not count.
STATUS_INCONSISTENT = "inconsistent"
STATUS_TRUNCATED = "consistent only if truncated"
STATUS_REPRODUCED = "reproduced"
STATUS_NOT_CHECKABLE = "not checkable"
STATUS_ORDER = [STATUS_INCONSISTENT, STATUS_TRUNCATED, STATUS_REPRODUCED, STATUS_NOT_CHECKABLE]


def claim_statuses(findings: list[Finding]) -> dict[str, str]:
    """Worst status per claim over every rule; claims no rule could check are absent."""
    statuses: dict[str, str] = {}
    for finding in findings:
        if not finding.claim_id or finding.severity == INFO:
            continue
        if finding.severity == ERROR:
            status = STATUS_INCONSISTENT
        elif finding.severity == WARNING:
            status = STATUS_TRUNCATED
        else:
            status = STATUS_REPRODUCED
        current = statuses.get(finding.claim_id, STATUS_NOT_CHECKABLE)
        statuses[finding.claim_id] = min(current, status, key=STATUS_ORDER.index)
    return statuses
