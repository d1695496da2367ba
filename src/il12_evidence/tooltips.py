"""What the site script shows beside each number: its sentence, study, mark and why, in words.

The tooltip reads `claims.json`; every fact in it comes from the same views as the pages.
"""

from .render import AUDIT_PAGE, CLAIMS_PAGE, PRIMARY_PAGE, finding_page, math_as_text, problem_anchor
from .views import Evidence


def claims_index(evidence: Evidence) -> dict[str, dict]:
    dataset = evidence.dataset
    audit = evidence.audit
    index = {}
    for claim in dataset.claims:
        claim_id = claim["claim_id"]
        number = evidence.number(claim_id)
        mark = number.mark
        reasons = []
        for finding in mark.reasons or mark.notes:
            problem = audit.problem_of(finding) if finding.is_problem else None
            if problem:
                target = f"{AUDIT_PAGE}#{problem_anchor(problem['problem_id'])}"
            elif finding.kind == "primary":
                target = f"{finding_page(finding)}#{finding.anchor}"
            else:
                target = f"{CLAIMS_PAGE}#c-{claim_id}"
            reasons.append(
                {
                    "rule": dataset.rules[finding.rule]["label"],
                    "text": math_as_text(problem["title"] if problem else finding.explanation),
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
            "sign": mark.symbol,
            "source_sign": mark.source_symbol,
            "source": mark.source_label,
            "reasons": reasons,
        }
        if primary:
            entry["verdict"] = dataset.verdicts[primary["verdict"]]["label"]
            entry["disagrees"] = mark.disagrees
            entry["primary"] = primary["primary_statement"]
            entry["primary_study"] = dataset.primary_studies[primary["primary_id"]]["label"]
            entry["primary_href"] = f"{PRIMARY_PAGE}#p-{claim_id}"
        index[claim_id] = entry
    return index
