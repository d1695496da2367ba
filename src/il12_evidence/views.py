"""Views: rows of plain, typed values computed from the data, for rendering and figures.

Nothing here formats HTML or parses strings back: a view hands the next layer numbers
(Decimal, int, float) and the vocabulary rows they need. Selections are explicit lists of
claim ids; a selection that matches nothing raises SelectionError, never an empty table.
"""

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

from . import numbers, stats
from .data import Dataset
from .marks import ClaimMark, claim_marks
from .numbers import parse_printed
from .paths import DATA_DIR
from .rules import OBJECTIVE, Audit, Finding, categories, measured_parts, outcome_named
from .units import number_text, reads
from .validation import load


class SelectionError(ValueError):
    """A selection of claims (or studies) matched nothing, or named an unknown id."""


@dataclass(frozen=True)
class Number:
    """One stated number with what the site shows beside it."""

    claim_id: str
    printed: str
    value: Decimal
    unit: dict
    mark: ClaimMark
    quote: str
    study: str
    topic: str
    group: str
    quantity: str

    def reads(self, *, sentence_start: bool = False) -> str:
        return reads(self.unit, self.printed, self.value, sentence_start=sentence_start)

    def bare(self, *, sentence_start: bool = False) -> str:
        return number_text(self.printed, sentence_start=sentence_start)


@dataclass(frozen=True, kw_only=True)
class ProportionRow:
    number: Number  # the claim the row states (or, for a derived row, the claim it is derived from)
    study: str
    group: str
    successes: int | None
    trials: int
    counts: str  # "stated" (the review gives the count), "implied" (the only count GRIM allows), "unknown"
    rate: float | None
    ci_low: float | None
    ci_high: float | None
    is_rate: bool  # the number itself is a percentage (not a count shown as a share)
    outcome: str  # the outcome measured (outcomes.csv id), "" when none is named
    outcome_label: str  # the outcome measured, as it reads
    named_label: str  # the outcome the review's words name, where it differs from the one measured ("" otherwise)
    derived: bool = False  # a rate the audit computes from the review's counts; the review does not state it
    no_interval: str = ""  # why no interval is drawn although the counts are known
    group_is_arm: bool = True  # the group is an arm of the study (not words for the outcome counted)

    @property
    def stated(self) -> bool:
        return not self.derived

    @property
    def successes_text(self) -> str:
        return "?" if self.successes is None else str(self.successes)


@dataclass(frozen=True)
class ConcordanceRow:
    number: Number
    primary_id: str
    compared_with: str  # "cited" or "other-report"
    document: str  # what was read: abstract, full text, a table, …; "" when nothing could be read
    primary_label: str
    primary_url: str
    primary_figure: str  # the primary's figure with its unit, or ""
    statement: str
    verdict: str
    verdict_label: str
    disagrees: bool
    note: str
    review_outcome: str  # labels, "" where not applicable
    primary_outcome: str
    review_statistic: str
    primary_statistic: str
    primary_orr: str  # the primary's own rate of complete + partial responses with its label, or ""
    definition: Finding | None  # the outcome-definition or statistic-type finding, if a problem
    definition_problem: dict | None = None  # the problem (review_problems.csv) that explains it


@dataclass(frozen=True)
class FindingRow:
    finding: Finding
    rule_label: str
    explanation: str  # for readers: the explanation of the problem it belongs to ("" for passing checks)
    numbers: tuple[Number, ...]
    study: str
    problem_id: str = ""


@dataclass(frozen=True, kw_only=True)
class ProblemNote:
    """One problem of the review, as a paragraph's note and the audit's entry show it."""

    problem_id: str
    title: str
    explanation: str
    kind: str  # its kind's label
    consequence: str  # its consequence's label
    consequence_rank: int
    consequence_reason: str
    copied: bool  # the review copied it from its source (every failure of it is as in the source)
    source_unread: bool  # its numbers were compared only with another report: the cited source was not read
    mark: str  # the sign beside it: the worst mark of its findings, or "label" for a difference of name
    findings: tuple[Finding, ...]
    numbers: tuple[Number, ...]
    study: str

    @property
    def whose(self) -> str:
        """Whose error it is, as far as what was read can tell."""
        if self.copied:
            return "copied from its source"
        if self.source_unread:
            return "the review's, or its cited source's, which could not be read"
        return "the review's"

    @property
    def sign(self) -> tuple[str, str]:
        """(symbol, accessible name) of the sign beside the problem."""
        from .marks import LABELS, SOURCE_MEANINGS, SOURCE_SYMBOLS, SYMBOLS

        if self.mark == "label":
            return SOURCE_SYMBOLS["label"], SOURCE_MEANINGS["label"]
        return SYMBOLS[self.mark], LABELS[self.mark]


@dataclass(frozen=True)
class StudyRow:
    study_id: str
    label: str
    ref: int | None
    url: str
    topic: str
    design: str
    phase: str
    phase_source: str
    setting: str
    species: str
    condition: str
    intervention: str
    numbers: int


class Evidence:
    """The validated data with its audit and marks, computed once: what views read."""

    def __init__(self, dataset: Dataset):
        self.dataset = dataset

    @classmethod
    def load(cls, data_dir=DATA_DIR) -> "Evidence":
        return cls(load(data_dir))

    @cached_property
    def audit(self) -> Audit:
        return Audit.of(self.dataset)

    @cached_property
    def marks(self) -> dict[str, ClaimMark]:
        return claim_marks(self.dataset)

    @cached_property
    def confidence(self) -> float:
        return float(self.dataset.parameters["confidence_level"])

    @cached_property
    def _numbers(self) -> dict[str, Number]:
        numbers = {}
        for claim in self.dataset.claims:
            study = self.dataset.study_of(claim)
            numbers[claim["claim_id"]] = Number(
                claim["claim_id"],
                claim["value_as_printed"],
                claim["value"],
                self.dataset.units[claim["unit"]],
                self.marks[claim["claim_id"]],
                claim["quote"],
                study["label"],
                study["topic"],
                claim["arm"] or "",
                self.dataset.quantities[claim["quantity"]]["label"],
            )
        return numbers

    def number(self, claim_id: str) -> Number:
        try:
            return self._numbers[claim_id]
        except KeyError:
            raise SelectionError(f"no claim {claim_id!r} in claims.csv") from None

    def claims(self, claim_ids: Iterable[str], *, keep_order: bool = False) -> list[dict]:
        """The claims named, in data order (or as given); unknown ids and empty selections raise."""
        ids = list(dict.fromkeys(claim_ids))
        if not ids:
            raise SelectionError("the selection matches no claim")
        unknown = [i for i in ids if i not in self.dataset.claims_by_id]
        if unknown:
            raise SelectionError(f"no claim {', '.join(map(repr, unknown))} in claims.csv")
        if not keep_order:
            ids.sort(key=self.dataset.claim_order.__getitem__)
        return [self.dataset.claims_by_id[i] for i in ids]

    def reference_url(self, ref: int | None) -> str:
        reference = self.dataset.references_by_ref.get(ref) if ref is not None else None
        return record_url(reference) if reference else ""


def objective_label(dataset) -> str:
    """The label outcomes.csv gives to complete plus partial responses."""
    outcome = outcome_named(dataset, OBJECTIVE)
    return dataset.outcomes[outcome]["label"] if outcome else ""


def record_url(row: dict) -> str:
    """The paper's own record: its DOI, else its PubMed entry, else its PubMed Central article; never a
    mirror or a search page."""
    if row.get("doi"):
        return f"https://doi.org/{row['doi']}"
    if row.get("pmid"):
        return f"https://pubmed.ncbi.nlm.nih.gov/{row['pmid']}/"
    if row.get("pmcid"):
        return f"https://pmc.ncbi.nlm.nih.gov/articles/{row['pmcid']}/"
    return ""


def record_label(row: dict) -> str:
    """The identifier record_url links, as a reader names it."""
    if row.get("doi"):
        return f"doi:{row['doi']}"
    if row.get("pmid"):
        return f"PMID {row['pmid']}"
    return f"PubMed Central {row['pmcid']}" if row.get("pmcid") else ""


# What a reference without any identifier on record shows: none was seen, which is not to say
# the paper has none (see the References page).
NO_RECORD = "none seen"


def measured_outcome(evidence: "Evidence", claim: dict) -> str | None:
    """The outcome a rate measures: the review's own, unless the audit shows it measures another
    (its counts add up to another, or its source reports it as another)."""
    dataset = evidence.dataset
    named = claim["outcome"]
    if not named:
        return None
    problem = any(
        f.rule == "outcome-definition" and f.is_problem and f.subject == claim["claim_id"]
        for f in evidence.audit.about_claim.get(claim["claim_id"], [])
    )
    if not problem:
        return named
    parts = measured_parts(dataset, claim)
    if parts:
        counted = frozenset().union(*(categories(dataset, p["outcome"]) for p in parts))
        if counted != categories(dataset, named):
            return outcome_named(dataset, counted) or named
    primary = dataset.primary_by_claim.get(claim["claim_id"])
    return primary["primary_outcome"] if primary and primary["primary_outcome"] else named


def _selected_on_outcome(dataset, claim: dict) -> str:
    """Why a subgroup gets no interval: it was formed by the outcome it measures ("" otherwise)."""
    for row in dataset.rows("subgroups"):
        same_study = row["study_id"] == claim["study_id"] and row["selected_on_outcome"] and claim["arm"]
        if same_study and (claim["arm"] == row["arm"] or claim["arm"].startswith(row["arm"] + ", ")):
            return row["reason"]
    return ""


def _row(
    evidence: "Evidence", claim: dict, *, successes, trials, counts, is_rate, derived=False, outcome=None
) -> ProportionRow:
    dataset = evidence.dataset
    outcome = outcome if outcome is not None else (measured_outcome(evidence, claim) or "")
    named = claim["outcome"] or ""
    withheld = _selected_on_outcome(dataset, claim)
    rate = low = high = None
    if successes is not None and not withheld:
        result = stats.proportion(successes, trials, confidence=evidence.confidence)
        rate, low, high = result.rate, result.ci_low, result.ci_high
    label = dataset.outcomes[outcome]["label"] if outcome else ""
    return ProportionRow(
        number=evidence.number(claim["claim_id"]),
        study=dataset.study_of(claim)["label"],
        group=claim["arm"] or dataset.quantities[claim["quantity"]]["label"],
        successes=successes,
        trials=trials,
        counts=counts,
        rate=rate,
        ci_low=low,
        ci_high=high,
        is_rate=is_rate,
        outcome=outcome,
        outcome_label=label,
        named_label=dataset.outcomes[named]["label"] if named and named != outcome and not derived else "",
        derived=derived,
        no_interval=withheld,
        group_is_arm=bool(claim["arm"]) and _is_arm(dataset, claim),
    )


def _is_arm(dataset, claim: dict) -> bool:
    """An arm of the study is a group the study states a size for (not the review's words for an outcome)."""
    return any(
        other["arm"] and (claim["arm"] == other["arm"] or claim["arm"].startswith(other["arm"] + ", "))
        for other in dataset.claims_by_study.get(claim["study_id"], [])
        if dataset.quantities[other["quantity"]]["role"] == "group-size"
    )


def proportion_rows(evidence: Evidence, claim_ids: Sequence[str]) -> list[ProportionRow]:
    """Every proportion among the claims: stated percentages and counts of a known group, with the
    rate recomputed from the counts (stated, or the only one GRIM allows) and its interval; and,
    beside a rate the audit shows to measure a broader outcome, the complete plus partial responses its own
    counts give (a derived row)."""
    dataset, rows, seen = evidence.dataset, [], set()
    claims = evidence.claims(claim_ids)
    for claim in sorted(claims, key=lambda c: not dataset.is_percentage(c)):  # a rate before the count it rests on
        trials, successes = claim["denominator"], claim["numerator"]
        is_rate = dataset.is_percentage(claim)
        # a count is a proportion worth an interval only when it counts an outcome (not arm sizes or sexes)
        if trials is None or (not is_rate and (successes is None or not claim["outcome"])):
            continue
        counts = "stated"
        if successes is None:
            found = set(numbers.grim_counts(claim["value_as_printed"], trials).values())
            if len(found) == 1 and (only := found.pop())[0] == only[1]:
                successes, counts = only[0], "implied"
            else:
                counts = "unknown"
        # a count already shown beside its percentage is not shown twice; the outcome and quantity are
        # part of the key, so two rates with the same counts but different meanings both stay
        key = (claim["study_id"], claim["arm"], successes, trials, claim["outcome"], claim["quantity"])
        if successes is not None and key in seen:
            continue
        seen.add(key)
        rows.append(_row(evidence, claim, successes=successes, trials=trials, counts=counts, is_rate=is_rate))
        rows.extend(_derived_rows(evidence, claim, trials))
    order = dataset.claim_order
    return sorted(rows, key=lambda row: (order[row.number.claim_id], row.derived))


def _derived_rows(evidence: Evidence, claim: dict, trials: int) -> list[ProportionRow]:
    """The complete plus partial responses a broader rate's own counts give, where the audit shows the rate is not one."""
    dataset = evidence.dataset
    measured = measured_outcome(evidence, claim)
    parts = measured_parts(dataset, claim)
    objective = outcome_named(dataset, OBJECTIVE)
    if not parts or measured in (None, claim["outcome"], objective) or objective is None:
        return []
    within = [p for p in parts if categories(dataset, p["outcome"]) <= OBJECTIVE]
    if not within:
        return []
    successes = int(sum(p["value"] for p in within))
    return [
        _row(
            evidence,
            claim,
            successes=successes,
            trials=trials,
            counts="stated",
            is_rate=True,
            derived=True,
            outcome=objective,
        )
    ]


def rate_rows(evidence: Evidence, claim_ids: Sequence[str], *, family: str) -> list[ProportionRow]:
    """The rates of one quantity family among the claims (for a figure, a list): percentages of a known
    group and the rates derived beside them, complete plus partial responses first, then by outcome measured (an
    outcome that counts progression is not on the same axis as responses)."""
    dataset = evidence.dataset
    rows = []
    for row in proportion_rows(evidence, claim_ids):
        claim = dataset.claims_by_id[row.number.claim_id]
        outcome = dataset.outcomes.get(row.outcome) if row.outcome else None
        if (
            row.is_rate
            and dataset.quantities[claim["quantity"]]["family"] == family
            and not (outcome and outcome["progressive"])
        ):
            rows.append(row)
    if not rows:
        raise SelectionError(f"no rate of the family {family!r} with a group size among the selection")
    return sorted(rows, key=lambda row: outcome_order(dataset).get(row.outcome, len(dataset.rows("outcomes"))))


def outcome_order(dataset) -> dict[str, int]:
    """Outcomes in the order figures group them: complete plus partial responses first, then outcomes.csv's order."""
    objective = outcome_named(dataset, OBJECTIVE)
    ordered = [objective] + [o["outcome"] for o in dataset.rows("outcomes") if o["outcome"] != objective]
    return {outcome: index for index, outcome in enumerate(ordered)}


def concordance_rows(evidence: Evidence, claim_ids: Sequence[str]) -> list[ConcordanceRow]:
    """The review's numbers against the primary abstracts, for the claims that have a concordance row."""
    dataset, rows = evidence.dataset, []
    for claim in evidence.claims(claim_ids, keep_order=True):
        row = dataset.primary_by_claim.get(claim["claim_id"])
        if row is None:
            continue
        primary = dataset.primary_studies[row["primary_id"]]
        figure = ""
        if row["primary_value"] and row["primary_unit"]:
            figure = reads(
                dataset.units[row["primary_unit"]], row["primary_value"], parse_printed(row["primary_value"])
            )
        orr = ""
        if row["primary_orr"]:
            orr = f"{row['primary_orr']}%" + (
                f" of {row['primary_orr_denominator']}" if row["primary_orr_denominator"] else ""
            )
        elif row["primary_orr_numerator"] is not None and row["primary_orr_denominator"]:
            orr = f"{row['primary_orr_numerator']} of {row['primary_orr_denominator']}"
        if orr:
            orr = f"{objective_label(dataset)}: {orr}"
        definition = next(
            (f for f in evidence.audit.about_claim.get(claim["claim_id"], [])
             if f.rule in ("outcome-definition", "statistic-type") and f.subject == claim["claim_id"] and f.is_problem),
            None,
        )  # fmt: skip
        rows.append(
            ConcordanceRow(
                evidence.number(claim["claim_id"]),
                row["primary_id"],
                row["compared_with"],
                row["document"] or "",
                primary["label"],
                record_url(primary),
                figure,
                row["primary_statement"],
                row["verdict"],
                dataset.verdicts[row["verdict"]]["label"],
                evidence.marks[claim["claim_id"]].disagrees,
                row["note"] or "",
                dataset.outcomes[claim["outcome"]]["label"] if claim["outcome"] else "",
                dataset.outcomes[row["primary_outcome"]]["label"] if row["primary_outcome"] else "",
                claim["statistic"] or "",
                row["primary_statistic"] or "",
                orr,
                definition,
                evidence.audit.problem_of(definition) if definition is not None else None,
            )
        )
    return rows


def finding_rows(evidence: Evidence, findings: Iterable[Finding]) -> list[FindingRow]:
    dataset, audit = evidence.dataset, evidence.audit
    rows = []
    for finding in findings:
        numbers = tuple(evidence.number(c) for c in finding.claims if c in dataset.claims_by_id)
        if finding.kind == "study":
            study = dataset.studies_by_id[finding.subject]["label"]
        else:
            study = numbers[0].study if numbers else ""
        problem = audit.problem_of(finding) if finding.is_problem else None
        rows.append(
            FindingRow(
                finding,
                dataset.rules[finding.rule]["label"],
                problem["explanation"] if problem else "",
                numbers,
                study,
                problem["problem_id"] if problem else "",
            )
        )
    return rows


def problem_notes(evidence: Evidence, problem_ids: Iterable[str] | None = None) -> list[ProblemNote]:
    """The review's problems (all, or those named), most consequential first, each once."""
    from .marks import ORDER

    dataset, audit = evidence.dataset, evidence.audit
    wanted = list(problem_ids) if problem_ids is not None else list(audit.by_problem)
    notes = []
    for problem_id in wanted:
        row = dataset.review_problems[problem_id]
        findings = tuple(audit.by_problem.get(problem_id, ()))
        marks = [f.mark for f in findings if f.mark and f.kind != "primary"]
        mark = next((m for m in ORDER if m in marks), "label")
        claims = dict.fromkeys(c for f in findings for c in (f.marks or f.claims) if c in dataset.claims_by_id)
        consequence = dataset.rows_by("consequences", "consequence")[row["consequence"]]
        study = dataset.studies_by_id[row["study_id"]]["label"] if row["study_id"] else ""
        compared = [p["compared_with"] for c in claims if (p := dataset.primary_by_claim.get(c))]
        notes.append(
            ProblemNote(
                problem_id=problem_id,
                title=row["title"],
                explanation=row["explanation"],
                kind=dataset.rows_by("problem-kinds", "kind")[row["kind"]]["label"],
                consequence=consequence["label"],
                consequence_rank=consequence["rank"],
                consequence_reason=row["consequence_reason"],
                copied=bool(marks) and all(m == "copied" for m in marks),
                source_unread=bool(compared) and all(c == "other-report" for c in compared),
                mark=mark,
                findings=findings,
                numbers=tuple(evidence.number(c) for c in claims),
                study=study,
            )
        )
    return sorted(notes, key=lambda note: note.consequence_rank) if problem_ids is None else notes


def problems_about(evidence: Evidence, claim_ids: list[str]) -> list[str]:
    """The problems a paragraph showing these claims must mention: those about one of its numbers,
    and those about a set or a study of which it shows at least two numbers (each once)."""
    shown = set(claim_ids)
    chosen: dict[str, None] = {}
    for claim_id in claim_ids:
        for finding in evidence.audit.about_claim.get(claim_id, []):
            if not finding.is_problem:
                continue
            if finding.kind in ("claim", "primary"):
                relevant = finding.subject in shown or bool(set(finding.marks) & shown)
            else:
                relevant = len(set(finding.claims) & shown) >= min(2, len(finding.claims))
            problem_id = evidence.audit.assigned.get(finding.key)
            if relevant and problem_id:
                chosen.setdefault(problem_id)
    return list(chosen)


def study_rows(evidence: Evidence, study_ids: Sequence[str] | None = None) -> list[StudyRow]:
    dataset = evidence.dataset
    ids = list(study_ids) if study_ids is not None else [s["study_id"] for s in dataset.studies]
    if not ids:
        raise SelectionError("the selection matches no study")
    rows = []
    for study_id in ids:
        study = dataset.studies_by_id.get(study_id)
        if study is None:
            raise SelectionError(f"no study {study_id!r} in studies.csv")
        rows.append(
            StudyRow(
                study_id,
                study["label"],
                study["ref"],
                evidence.reference_url(study["ref"]),
                dataset.topics[study["topic"]]["label"],
                study["design"],
                study["phase"] or "",
                study["phase_source"] or "",
                study["setting"],
                study["species"] or "",
                study["condition"],
                study["intervention"],
                len(dataset.claims_by_study.get(study_id, [])),
            )
        )
    return rows


@dataclass(frozen=True)
class ReferenceRow:
    ref: int
    entry: str
    url: str
    label: str  # how the link reads: "doi:…", "PMID …" or "PMC…"


_CITATION = re.compile(r"\[(\d+(?:\s*[–,-]\s*\d+)*)\]")


def cited_references(evidence: Evidence, section_start: str, section_end: str) -> list[ReferenceRow]:
    """The references the source text cites between two headings, ranges expanded, in order."""
    text = evidence.dataset.source_text
    start = text.find(section_start)
    end = text.find(section_end, start + 1) if start != -1 else -1
    if start == -1 or end == -1:
        raise SelectionError(f"the source text has no section from {section_start!r} to {section_end!r}")
    cited: set[int] = set()
    for match in _CITATION.finditer(text, start, end):
        for part in match.group(1).split(","):
            bounds = [int(number) for number in re.split(r"[–-]", part)]
            cited.update(range(bounds[0], bounds[-1] + 1))
    references = evidence.dataset.references_by_ref
    if not cited:
        raise SelectionError(f"the section from {section_start!r} cites no reference")
    return [
        ReferenceRow(ref, references[ref]["entry"], record_url(references[ref]), record_label(references[ref]))
        for ref in sorted(cited)
    ]
