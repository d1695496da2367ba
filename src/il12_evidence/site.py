"""Markdown blocks generated from the data for the site's plain pages (Data, Methods, ...).

Pages write `{{ evidence.NAME }}`; the MkDocs hook replaces it with `BLOCKS[NAME](dataset)`,
so no number on those pages is typed by hand.
"""

from collections import Counter
from collections.abc import Callable

from . import checks, stats
from .data import Dataset


def _cell(value) -> str:
    text = "" if value is None else str(value)
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ").replace("<", "&lt;").replace(">", "&gt;")


def markdown_table(rows: list[dict], columns: list[tuple[str, str]]) -> str:
    head = "| " + " | ".join(title for _, title in columns) + " |"
    rule = "| " + " | ".join("---" for _ in columns) + " |"
    body = ["| " + " | ".join(_cell(row.get(key)) for key, _ in columns) + " |" for row in rows]
    return "\n".join([head, rule, *body])


def schema_tables(dataset: Dataset) -> str:
    parts = []
    for resource in dataset.package["resources"]:
        if "schema" not in resource:
            continue
        rows = []
        for field in resource["schema"]["fields"]:
            constraints = field.get("constraints", {})
            rules = []
            if constraints.get("required"):
                rules.append("required")
            if constraints.get("unique"):
                rules.append("unique")
            if "enum" in constraints:
                rules.append("one of: " + ", ".join(map(str, constraints["enum"])))
            for key in ("minimum", "maximum", "minLength", "pattern"):
                if key in constraints:
                    rules.append(f"{key} {constraints[key]}")
            rows.append(
                {
                    "name": f"`{field['name']}`",
                    "type": field["type"],
                    "unit": field.get("unit", ""),
                    "rules": "; ".join(rules),
                    "description": field["description"],
                }
            )
        keys = []
        if resource["schema"].get("primaryKey"):
            keys.append("Primary key: " + ", ".join(f"`{name}`" for name in resource["schema"]["primaryKey"]) + ".")
        for foreign in resource["schema"].get("foreignKeys", []):
            target = foreign["reference"]["resource"] or resource["name"]
            keys.append(f"`{foreign['fields'][0]}` refers to `{target}.{foreign['reference']['fields'][0]}`.")
        parts.append(
            f"### `{resource['path']}` — {resource['title']}\n\n{resource['description']}\n\n"
            + markdown_table(
                rows,
                [
                    ("name", "Column"),
                    ("type", "Type"),
                    ("unit", "Unit"),
                    ("rules", "Constraints"),
                    ("description", "Meaning"),
                ],
            )
            + ("\n\n" + " ".join(keys) if keys else "")
        )
    return "\n\n".join(parts)


def downloads(dataset: Dataset) -> str:
    rows = [
        {
            "file": f"[{r['path']}](data/{r['path']})",
            "title": r["title"],
            "rows": len(dataset.tables[r["name"]]) if r["name"] in dataset.tables else "—",
        }
        for r in dataset.package["resources"]
    ]
    rows.append(
        {
            "file": "[datapackage.json](data/datapackage.json)",
            "title": "Frictionless Data Package describing every file",
            "rows": "—",
        }
    )
    return markdown_table(rows, [("file", "File"), ("title", "Contents"), ("rows", "Rows")])


def references_table(dataset: Dataset) -> str:
    cited = Counter(claim["ref"] for claim in dataset.claims if claim["ref"] is not None)
    rows = [
        {"ref": row["ref"], "entry": row["entry"], "doi": row["doi"] or "", "numbers": cited.get(row["ref"], 0)}
        for row in dataset.references
    ]
    return markdown_table(
        rows,
        [
            ("ref", "No."),
            ("entry", "Reference as printed in the review"),
            ("doi", "DOI"),
            ("numbers", "Numbers the review reports from it"),
        ],
    )


def quantities_table(dataset: Dataset) -> str:
    counts = Counter((claim["quantity"], claim["unit"]) for claim in dataset.claims)
    rows = [
        {"quantity": f"`{quantity}`", "unit": unit, "claims": count}
        for (quantity, unit), count in sorted(counts.items())
    ]
    return markdown_table(rows, [("quantity", "Quantity"), ("unit", "Unit"), ("claims", "Claims")])


def summary(dataset: Dataset) -> str:
    findings = checks.run_rules(dataset)
    problems = sum(finding.is_problem for finding in findings)
    studies = len({claim["study"] for claim in dataset.claims if claim["ref"] is not None})
    rows = [
        {"what": "Numbers stated in the review, each a row with its quote", "count": len(dataset.claims)},
        {"what": "Studies the review reports numbers for", "count": studies},
        {"what": "References in the review", "count": len(dataset.references)},
        {"what": "Automated checks run on the numbers", "count": len(findings)},
        {"what": "Problems the checks found (each explained on the audit page)", "count": problems},
    ]
    return markdown_table(rows, [("what", "What"), ("count", "Count")])


def citation(dataset: Dataset) -> str:
    return "\n".join(
        f"> <cite>{source['title']}.</cite> <{source['path']}>" for source in dataset.package.get("sources", [])
    )


def confidence(_: Dataset) -> str:
    return f'<span class="computed">{stats.CONFIDENCE:.0%}</span>'


def claims_explorer(dataset: Dataset) -> str:
    """The explorer's shell: the site script fills it from claims.json; without script, downloads remain."""
    return (
        '<div class="claims-explorer" data-source="../claims.json">'
        '<label for="claims-filter">Filter claims</label> '
        '<input id="claims-filter" type="search" placeholder="study, quantity, quote…" autocomplete="off">'
        '<p class="claims-count" aria-live="polite"></p>'
        '<div class="evidence-table"><table id="claims-table"><caption>All claims (select a column header to sort)</caption>'
        "<thead><tr></tr></thead><tbody></tbody></table></div>"
        "<noscript><p>The explorer needs JavaScript; every claim is in "
        '<a href="../data/claims.csv">claims.csv</a>.</p></noscript></div>'
    )


def cite(dataset: Dataset) -> str:
    review = dataset.package.get("sources", [{}])[0]
    return (
        "Cite the data and site as: <cite>IL-12 Evidence: every number of Li et al. (2020) as checked data, "
        f"version {dataset.package.get('version', '')}</cite> (see `CITATION.cff` in the repository). "
        f"Always cite the review itself: <cite>{review.get('title', '')}.</cite> <{review.get('path', '')}>"
    )


def rules_table(_: Dataset) -> str:
    rows = [
        {"rule": f"`{name}`", "what": (rule.__doc__ or "").strip().splitlines()[0]}
        for name, rule in checks.RULES.items()
    ]
    return markdown_table(rows, [("rule", "Rule"), ("what", "What it checks")])


BLOCKS: dict[str, Callable[[Dataset], str]] = {
    "schema_tables": schema_tables,
    "downloads": downloads,
    "references_table": references_table,
    "quantities_table": quantities_table,
    "summary": summary,
    "citation": citation,
    "confidence": confidence,
    "rules_table": rules_table,
    "claims_explorer": claims_explorer,
    "cite": cite,
}
