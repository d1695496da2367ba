"""The signs each number carries: what the review's own numbers say of it, then what its source says.

A number's first sign is the worst `mark` of the findings that mark it (rules.Finding.marks):

    ✗ failed     a rule found it out of line with the review's own numbers
    ↺ copied     out of line in the same way in its source: the review copied it
    ≈ truncated  it holds only if its decimals were cut off rather than rounded
    ✓ held       a rule recomputed or cross-checked it, and it held
      unchecked  no rule could check it: no sign (its link and tooltip stay)

Its second sign says what comparing it with a source found (verdicts.csv), one of:

    =  matches its source        ≠  differs in value from it
    !  named differently (another outcome, statistic or quantity, by its source or its own counts)
    ∅  not in what was read      ?  source not read         ⇄  belongs to another study

A sign drawn in a dashed box compares the number with another report of the same study, the
cited source not having been read. ≠ means a different value and nothing else.
"""

from dataclasses import dataclass

from .rules import COPIED, FAILED, HELD, TRUNCATED, Audit, Finding

UNCHECKED = "unchecked"
ORDER = (FAILED, COPIED, TRUNCATED, HELD, UNCHECKED)
SYMBOLS = {FAILED: "✗", COPIED: "↺", TRUNCATED: "≈", HELD: "✓", UNCHECKED: ""}
WORDS = {
    FAILED: "inconsistent",
    COPIED: "copied",
    TRUNCATED: "holds under an assumption",
    HELD: "checked",
    UNCHECKED: "not checked",
}
LABELS = {
    FAILED: "inconsistent with the review's own numbers",
    COPIED: "copied: inconsistent, as its source prints it",
    TRUNCATED: "holds only under an assumption (decimals cut off, or patients not assessed)",
    HELD: "checked against the review's own numbers",
    UNCHECKED: "not checkable against the review's own numbers",
}
MEANINGS = {
    HELD: "recomputed from, or cross-checked with, the review's own numbers (and its sources' group sizes), and it held",
    TRUNCATED: "holds only under an assumption the review does not state: that decimals were cut off rather than rounded, or that some patients of its group were not assessed",
    FAILED: "out of line with the review's own numbers",
    COPIED: "out of line, and its source prints the same thing: the review copied it",
}

# The second sign: what comparing the number with a source found.
MATCH, VALUE, LABEL, ABSENT, NOT_READ, ELSEWHERE = "match", "value", "label", "absent", "not-read", "elsewhere"
SOURCE_SYMBOLS = {MATCH: "=", VALUE: "≠", LABEL: "!", ABSENT: "∅", NOT_READ: "?", ELSEWHERE: "⇄"}
SOURCE_WORDS = {
    MATCH: "matches source",
    VALUE: "differs from source",
    LABEL: "named differently",
    ABSENT: "not in what was read",
    NOT_READ: "source not read",
    ELSEWHERE: "another study's",
}
SOURCE_MEANINGS = {
    MATCH: "its source states the same figure for the same thing",
    VALUE: "its source states a different figure",
    LABEL: "its source, or its own counts, show another outcome, statistic or quantity than the review names",
    ABSENT: "the document of the source that was read does not state it",
    NOT_READ: "no copy of its source, or of the part of it that would state the figure, could be read",
    ELSEWHERE: "the cited source was read and the figure comes from another study",
}
OTHER_REPORT = "in a dashed box: compared with another report of the same study, the cited source not read"
PAIR = "A number may carry two signs: first what the review's own numbers say of it, then what its source says."
# Findings that say a number is named differently from what it measures.
LABEL_RULES = ("outcome-definition", "statistic-type")


@dataclass(frozen=True, kw_only=True)
class ClaimMark:
    claim_id: str
    mark: str  # failed | copied | truncated | held | unchecked
    reasons: tuple[Finding, ...]  # the findings that decided the mark (none for unchecked)
    notes: tuple[Finding, ...]  # findings that inform without checking (e.g. possible group sizes)
    verdict: str | None  # the source comparison's verdict, if any
    source: str | None  # the second sign: match | value | label | absent | not-read | elsewhere
    other_report: bool  # compared with another report of the same study, not the cited paper
    source_label: str  # how the source sign reads for this number ("matches its source (the paper, abstract)")

    @property
    def symbol(self) -> str:
        return SYMBOLS[self.mark]

    @property
    def label(self) -> str:
        return LABELS[self.mark]

    @property
    def disagrees(self) -> bool:
        """Its source states a different value (the only meaning of ≠)."""
        return self.source == VALUE

    @property
    def source_symbol(self) -> str:
        return SOURCE_SYMBOLS[self.source] if self.source else ""


def source_sign(dataset, claim_id: str, label_problem: bool) -> tuple[str | None, bool]:
    """(the second sign, whether it compares another report) for a claim."""
    row = dataset.primary_by_claim.get(claim_id)
    verdict = dataset.verdicts[row["verdict"]] if row else None
    other = bool(row and row["compared_with"] == "other-report")
    if label_problem or (verdict and verdict["result"] == "differs" and verdict["differs_in"] != "value"):
        return LABEL, other
    if verdict is None:
        return None, False
    sign = {"match": MATCH, "absent": ABSENT, "not-read": NOT_READ, "elsewhere": ELSEWHERE}.get(
        verdict["result"], VALUE
    )
    return sign, other


def _source_label(dataset, claim_id: str, sign: str | None, other: bool) -> str:
    if sign is None:
        return ""
    row = dataset.primary_by_claim.get(claim_id)
    words = SOURCE_MEANINGS[sign]
    if row is None:  # named differently by its own counts only
        return words
    paper = dataset.primary_studies[row["primary_id"]]
    read = f"{paper['label']}, {row['document']}" if row["document"] else paper["label"]
    if other:  # one sentence: which report was read instead of the cited one, then what it showed
        return f"Compared with {read}, another report of the same study (the cited source could not be read): {words}"
    return f"{words} ({read})"


def claim_marks(dataset) -> dict[str, ClaimMark]:
    """Every claim's signs, from the audit computed once for the dataset."""
    audit = Audit.of(dataset)
    decisive: dict[str, dict[str, list[Finding]]] = {}
    for finding in audit.findings:
        if finding.mark is None:
            continue
        for claim_id in finding.marks:
            decisive.setdefault(claim_id, {}).setdefault(finding.mark, []).append(finding)
    marks = {}
    for claim in dataset.claims:
        claim_id = claim["claim_id"]
        found = decisive.get(claim_id, {})
        mark = next((m for m in ORDER if m in found), UNCHECKED)
        about = audit.about_claim.get(claim_id, [])
        notes = tuple(f for f in about if f.mark is None and f.claims[:1] == (claim_id,))
        label_problem = any(f.rule in LABEL_RULES and f.is_problem and f.subject == claim_id for f in about)
        sign, other = source_sign(dataset, claim_id, label_problem)
        primary = dataset.primary_by_claim.get(claim_id)
        marks[claim_id] = ClaimMark(
            claim_id=claim_id,
            mark=mark,
            reasons=tuple(found.get(mark, ())),
            notes=notes,
            verdict=primary["verdict"] if primary else None,
            source=sign,
            other_report=other,
            source_label=_source_label(dataset, claim_id, sign, other),
        )
    return marks
