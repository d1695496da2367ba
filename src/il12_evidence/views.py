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

from . import stats
from .checks import Finding
from .data import Dataset, load
from .marks import ClaimMark, claim_marks
from .paths import DATA_DIR
from .units import number_text, reads
from .values import parse_printed


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


@dataclass(frozen=True)
class ProportionRow:
    number: Number
    study: str
    group: str
    successes: int | None
    trials: int
    counts: str  # "stated" (the review gives the count), "implied" (the only count GRIM allows), "unknown"
    rate: float | None
    ci_low: float | None
    ci_high: float | None
    is_rate: bool  # the number itself is a percentage (not a count shown as a share)


@dataclass(frozen=True)
class ConcordanceRow:
    number: Number
    primary_id: str
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


@dataclass(frozen=True)
class FindingRow:
    finding: Finding
    rule_label: str
    explanation: str  # for readers, from findings.csv ("" for passing checks)
    numbers: tuple[Number, ...]
    study: str


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
    from .checks import OBJECTIVE, categories

    return next((o["label"] for o in dataset.rows("outcomes") if categories(dataset, o["outcome"]) == OBJECTIVE), "")


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


def proportion_rows(evidence: Evidence, claim_ids: Sequence[str]) -> list[ProportionRow]:
    """Every proportion among the claims: stated percentages and counts of a known group, with the
    rate recomputed from the counts (stated, or the only one GRIM allows) and its interval."""
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
            found = set(stats.grim_counts(claim["value_as_printed"], trials).values())
            if len(found) == 1 and (only := found.pop())[0] == only[1]:
                successes, counts = only[0], "implied"
            else:
                counts = "unknown"
        pair = (claim["study_id"], claim["arm"], successes, trials)
        if successes is not None and pair in seen:  # a count already shown beside its percentage
            continue
        seen.add(pair)
        rate = low = high = None
        if successes is not None:
            result = stats.proportion(successes, trials, confidence=evidence.confidence)
            rate, low, high = result.rate, result.ci_low, result.ci_high
        rows.append(
            ProportionRow(
                evidence.number(claim["claim_id"]),
                dataset.study_of(claim)["label"],
                claim["arm"] or dataset.quantities[claim["quantity"]]["label"],
                successes,
                trials,
                counts,
                rate,
                low,
                high,
                is_rate,
            )
        )
    order = dataset.claim_order
    return sorted(rows, key=lambda row: order[row.number.claim_id])


def rate_rows(evidence: Evidence, claim_ids: Sequence[str], *, family: str) -> list[ProportionRow]:
    """The rates of one quantity family among the claims (for a forest plot, a list): percentages of a known
    group (an outcome that counts progression is not on the same axis as responses)."""
    dataset = evidence.dataset
    rows = []
    for row in proportion_rows(evidence, claim_ids):
        claim = dataset.claims_by_id[row.number.claim_id]
        outcome = dataset.outcomes.get(claim["outcome"]) if claim["outcome"] else None
        if (
            row.is_rate
            and dataset.quantities[claim["quantity"]]["family"] == family
            and not (outcome and outcome["progressive"])
        ):
            rows.append(row)
    if not rows:
        raise SelectionError(f"no rate of the family {family!r} with a group size among the selection")
    return rows


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
            (f for f in dataset.audit.about_claim.get(claim["claim_id"], [])
             if f.rule in ("outcome-definition", "statistic-type") and f.subject == claim["claim_id"] and f.is_problem),
            None,
        )  # fmt: skip
        rows.append(
            ConcordanceRow(
                evidence.number(claim["claim_id"]),
                row["primary_id"],
                primary["label"],
                record_url(primary),
                figure,
                row["primary_statement"],
                row["verdict"],
                dataset.verdicts[row["verdict"]]["label"],
                bool(dataset.verdicts[row["verdict"]]["disagrees"]),
                row["note"] or "",
                dataset.outcomes[claim["outcome"]]["label"] if claim["outcome"] else "",
                dataset.outcomes[row["primary_outcome"]]["label"] if row["primary_outcome"] else "",
                claim["statistic"] or "",
                row["primary_statistic"] or "",
                orr,
                definition,
            )
        )
    return rows


def finding_rows(evidence: Evidence, findings: Iterable[Finding]) -> list[FindingRow]:
    dataset, audit = evidence.dataset, evidence.dataset.audit
    rows = []
    for finding in findings:
        numbers = tuple(evidence.number(c) for c in finding.claims if c in dataset.claims_by_id)
        if finding.kind == "study":
            study = dataset.studies_by_id[finding.subject]["label"]
        else:
            study = numbers[0].study if numbers else ""
        rows.append(
            FindingRow(finding, dataset.rules[finding.rule]["label"], audit.explanation(finding), numbers, study)
        )
    return rows


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
