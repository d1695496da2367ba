"""The claims explorer, rendered at build time: every claim a static row with its id.

Every `claims/#c-<claim_id>` link resolves without JavaScript; the site script only adds
filtering, facets, sorting and a CSV of the filtered rows. Each row expands to its note, its
counts, every finding about it with its explanation, and (filled in after the build, from the
built pages themselves) links back to every page that shows it.
"""

from .render import AUDIT_PAGE, PRIMARY_PAGE, Safe, card_layout, claim, escape, math_as_text, problem_anchor
from .views import Evidence

# The controls as the site script builds them, drawn disabled before it runs: the page has the
# same layout with and without the script, so nothing shifts when it starts (and without
# JavaScript the reader sees what the explorer offers, and why it is greyed).
_FACETS = (("topic", "Topic", "All topics"), ("study", "Study", "All studies"), ("mark", "Check", "Any check"),
           ("verdict", "Source comparison", "Any comparison"))  # fmt: skip
CONTROLS = (
    '<div class="explorer-controls"><div class="explorer-search"><label for="claims-filter">Filter by any word</label>'
    '<input type="search" id="claims-filter" disabled placeholder="needs JavaScript"></div>'
    + "".join(
        f'<div class="explorer-facet"><label for="claims-facet-{key}">{label}</label>'
        f'<select id="claims-facet-{key}" disabled><option value="">{everything}</option></select></div>'
        for key, label, everything in _FACETS
    )
    + '<div class="explorer-actions"><button type="button" class="explorer-reset" disabled>Show all claims</button>'
    '<button type="button" class="csv-download" disabled>Download CSV of the rows shown</button></div></div>'
)
SHOWN_ON = '<span class="shown-on" data-shown-on="{claim_id}"></span>'


def explorer(evidence: Evidence, *, root: str) -> str:
    dataset = evidence.dataset
    audit = evidence.audit
    rows: dict[str, list[str]] = {}  # topic → its rows: one closed group per topic keeps the page short
    for row in dataset.claims:
        claim_id = row["claim_id"]
        number = evidence.number(claim_id)
        study = dataset.study_of(row)
        primary = dataset.primary_by_claim.get(claim_id)
        # validate gives every number citing a reference a comparison: the rest are the review's own
        verdict = dataset.verdicts[primary["verdict"]]["label"] if primary else "the review's own number"
        details = []
        if row["note"]:
            details.append(f"<p><strong>Note.</strong> {escape(row['note'])}</p>")
        if row["numerator"] is not None or row["denominator"] is not None:
            counts = f"{row['numerator'] if row['numerator'] is not None else '?'} of {row['denominator'] if row['denominator'] is not None else '?'}"
            details.append(f"<p><strong>Counts.</strong> {escape(counts)}</p>")
        for finding in audit.about_claim.get(claim_id, []):
            problem = audit.problem_of(finding) if finding.is_problem else None
            explained = problem["title"] if problem else ""
            target = f"{root}{AUDIT_PAGE}#{problem_anchor(problem['problem_id'])}" if problem else ""
            label = escape(dataset.rules[finding.rule]["label"])
            heading = f'<a href="{target}">{label}</a>' if target else label
            details.append(
                f"<p><strong>{heading}</strong>. {escape(math_as_text(finding.explanation))}"
                + (f" {escape(explained)}" if explained else "")
                + "</p>"
            )
        if primary:
            details.append(
                f'<p><strong><a href="{root}{PRIMARY_PAGE}#p-{escape(claim_id)}">Source</a></strong> '
                f"({escape(number.mark.source_label)}): {escape(primary['primary_statement'])}</p>"
            )
        details.append(f"<p><strong>Shown on</strong> {SHOWN_ON.format(claim_id=escape(claim_id))}</p>")
        what = number.quantity + (f" — {number.group}" if number.group else "")
        # The study whose abstract was read, in view when it is not the study cited: a filter by
        # its first author then finds a visible word.
        primary_label = dataset.primary_studies[primary["primary_id"]]["label"] if primary else ""
        primary_study = (
            f'<span class="primary-study">source read: {escape(primary_label)}</span>'
            if primary_label and primary_label != study["label"]
            else ""
        )
        rows.setdefault(study["topic"], []).append(
            f'<tr id="c-{escape(claim_id)}" data-topic="{escape(dataset.topics[study["topic"]]["label"])}" '
            f'data-study="{escape(study["label"])}" data-mark="{number.mark.mark}" data-verdict="{escape(verdict)}">'
            f'<td data-label="Claim" class="key">{escape(what)}</td>'
            f'<td data-label="Stated" class="num key">{claim(number, root=root)}</td>'
            f'<td data-label="Source text">{escape(math_as_text(row["quote"]))}</td>'
            f'<td data-label="Study">{escape(study["label"])}</td>'
            f'<td data-label="Source comparison">{escape(verdict)}{primary_study}</td>'
            f'<td data-label="More"><details><summary>Why these signs</summary>{"".join(details)}</details></td></tr>'
        )
    key = ' class="key"'  # the columns a phone must keep in view
    titles = ("Claim", "Stated", "Source text", "Study", "Source comparison", "More")
    head = "".join(f'<th scope="col"{key if title in ("Claim", "Stated") else ""}>{title}</th>' for title in titles)
    layout = card_layout(len(titles))
    groups = []
    # the studies' findings first; the review's statements about itself (its word count, its
    # references) last, whatever the topics' order
    about_itself = {
        topic for topic in rows if all(s["setting"] == "review" for s in dataset.studies if s["topic"] == topic)
    }
    order = list(dataset.topics)
    for topic, topic_rows in sorted(rows.items(), key=lambda item: (item[0] in about_itself, order.index(item[0]))):
        label = escape(dataset.topics[topic]["label"])
        groups.append(
            f'<details class="claims-group" data-topic="{label}"><summary>{label} '
            f'<span class="group-count">({len(topic_rows)} {"number" if len(topic_rows) == 1 else "numbers"})</span></summary>'
            # data-search-exclude again on the figure: Material's search parser ends an exclusion at the
            # first closing tag of the same name, so the outer <div>'s ends at the controls' </div>.
            f'<figure class="evidence-table" data-search-exclude><figcaption>{label}: its claims</figcaption>'
            f'<div class="table-scroll{layout}" role="region" tabindex="0" aria-label="{label}: its claims">'
            f'<table class="evidence claims-table{layout}"><thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(topic_rows)}</tbody></table></div></figure></details>"
        )
    total = sum(len(r) for r in rows.values())
    return Safe(
        '<div class="claims-explorer" data-search-exclude>'
        f"{CONTROLS}"
        f'<p class="claims-count" aria-live="polite">{total} of {total} claims</p>'
        f"{''.join(groups)}</div>"
    )
