"""The mark each number carries, decided by the audit's findings; and whether its source disagrees.

A number's mark is the worst `mark` of the findings that mark it (checks.Finding.marks):

    ✗ failed    a rule found it out of line with the review's own numbers
    ≈ truncated it holds only if its decimals were cut off rather than rounded
    ✓ held      a rule recomputed or cross-checked it, and it held
    · unchecked no rule could check it: nothing to recompute it from or compare it with

≠ is drawn beside the mark where the cited study's abstract disagrees (a verdict whose
`disagrees` is true in verdicts.csv). The reasons are the findings that decided the mark,
so a tooltip can say why in words and link to each.
"""

from dataclasses import dataclass

from .checks import FAILED, HELD, TRUNCATED, Finding

UNCHECKED = "unchecked"
ORDER = (FAILED, TRUNCATED, HELD, UNCHECKED)
SYMBOLS = {FAILED: "✗", TRUNCATED: "≈", HELD: "✓", UNCHECKED: "·"}
LABELS = {
    FAILED: "inconsistent",
    TRUNCATED: "holds only if truncated",
    HELD: "checked",
    UNCHECKED: "not checkable",
}
LEGEND = {
    HELD: "checked: recomputed from, or cross-checked with, the review's own numbers, and it held",
    TRUNCATED: "holds only if the decimals were cut off, not rounded",
    FAILED: "inconsistent with the review's own numbers",
    UNCHECKED: "not checkable against the review's own numbers (its cited abstract may still be compared: see ≠)",
}
NOTE, NOTE_LABEL = "!", "note: a difference of meaning, not of arithmetic"
DISAGREES = "≠"
DISAGREES_LABEL = "the cited study disagrees"


@dataclass(frozen=True)
class ClaimMark:
    claim_id: str
    mark: str  # failed | truncated | held | unchecked
    reasons: tuple[Finding, ...]  # the findings that decided the mark (none for unchecked)
    notes: tuple[Finding, ...]  # findings that inform without checking (e.g. possible group sizes)
    verdict: str | None  # the primary-source verdict, if any
    disagrees: bool

    @property
    def symbol(self) -> str:
        return SYMBOLS[self.mark]

    @property
    def label(self) -> str:
        return LABELS[self.mark]


def claim_marks(dataset) -> dict[str, ClaimMark]:
    """Every claim's mark, from the audit computed once for the dataset."""
    decisive: dict[str, dict[str, list[Finding]]] = {}
    for finding in dataset.audit.findings:
        if finding.mark is None:
            continue
        for claim_id in finding.marks:
            decisive.setdefault(claim_id, {}).setdefault(finding.mark, []).append(finding)
    marks = {}
    for claim in dataset.claims:
        claim_id = claim["claim_id"]
        found = decisive.get(claim_id, {})
        mark = next((m for m in ORDER if m in found), UNCHECKED)
        notes = tuple(
            f for f in dataset.audit.about_claim.get(claim_id, []) if f.mark is None and f.claims[:1] == (claim_id,)
        )
        primary = dataset.primary_by_claim.get(claim_id)
        marks[claim_id] = ClaimMark(
            claim_id,
            mark,
            tuple(found.get(mark, ())),
            notes,
            primary["verdict"] if primary else None,
            dataset.disagrees(claim_id),
        )
    return marks
