"""What the site script shows beside each number: its sentence, study, mark and why, in words.

The tooltip reads `claims.json`; every fact in it comes from the same views as the pages.
"""

from .render import CLAIMS_PAGE, PRIMARY_PAGE, finding_page, math_as_text
from .views import Evidence


def claims_index(evidence: Evidence) -> dict[str, dict]:
    dataset = evidence.dataset
    audit = dataset.audit
    index = {}
    for claim in dataset.claims:
        claim_id = claim["claim_id"]
        number = evidence.number(claim_id)
        mark = number.mark
        reasons = []
        for finding in mark.reasons or mark.notes:
            target = (
                f"{finding_page(finding)}#{finding.anchor}" if finding.is_problem else f"{CLAIMS_PAGE}#c-{claim_id}"
            )
            reasons.append(
                {
                    "rule": dataset.rules[finding.rule]["label"],
                    "text": math_as_text(audit.explanation(finding) or finding.explanation),
                    "href": target,
                }
            )
        primary = dataset.primary_by_claim.get(claim_id)
        entry = {
            "value": math_as_text(number.reads()),
            "quote": math_as_text(claim["quote"]),
            "study": number.study,
            "mark": mark.mark,
            "label": mark.label,
            "reasons": reasons,
        }
        if primary:
            entry["verdict"] = dataset.verdicts[primary["verdict"]]["label"]
            entry["disagrees"] = mark.disagrees
            entry["primary"] = primary["primary_statement"]
            entry["primary_study"] = dataset.primary_studies[primary["primary_id"]]["label"]
            entry["primary_href"] = f"{PRIMARY_PAGE}#p-{claim_id}" if mark.disagrees else ""
        index[claim_id] = entry
    return index
