"""HTML blocks generated from the data for the site's plain pages (Home, Data, Methods, ...).

Pages write `{{ evidence.NAME }}` on a line of its own; the MkDocs hook replaces it, after the
Markdown is converted, with `BLOCKS[NAME](evidence, root)`. The blocks are escaped HTML, never
Markdown, so no data text can become a link, an image or an attribute.
"""

from collections import Counter
from collections.abc import Callable

from . import render, views
from .marks import MEANINGS, OTHER_REPORT, SOURCE_MEANINGS, SOURCE_SYMBOLS, SOURCE_WORDS, SYMBOLS, WORDS
from .render import Safe, escape
from .render_appraisal import searches_made
from .views import Evidence


def _p(html: str) -> str:
    return f"<p>{html}</p>"


def _count(value: int) -> Safe:
    return render.computed(str(value))


def summary(evidence: Evidence, root: str) -> str:
    dataset = evidence.dataset
    audit = evidence.audit
    signs = Counter(m.source for m in evidence.marks.values() if m.source)
    compared = [row for row in dataset.rows("primary-sources")]
    rows = (
        [
            {"what": "Numbers stated in the review, each a row with its quote", "count": len(dataset.claims)},
            {
                "what": "Studies whose results the review reports (the review itself not counted)",
                "count": sum(s["setting"] != "review" for s in dataset.studies),
            },
            {"what": "References in the review", "count": len(dataset.references)},
            {"what": "Checks run on the numbers", "count": len(audit.findings)},
            {"what": "Problems in the review, each counted once (see the audit)", "count": len(audit.by_problem)},
            {"what": "Numbers with a source comparison", "count": len(compared)},
        ]
        + [
            {"what": f"… {SOURCE_WORDS[kind]} ({SOURCE_SYMBOLS[kind]})", "count": signs.get(kind, 0)}
            for kind in SOURCE_SYMBOLS
            if signs.get(kind)
        ]
        + [
            {
                "what": "… compared with another report of the same study (the cited source not read)",
                "count": sum(row["compared_with"] == "other-report" for row in compared),
            }
        ]
    )
    return render.table(
        rows,
        columns=[("what", "What"), ("count", "Count")],
        caption="The data in numbers",
        numeric=("count",),
        download=False,
    )


def legend(evidence: Evidence, root: str) -> str:
    """Where a Markdown page's legend goes: the hook fills it with the signs the page shows."""
    return render.LEGEND_SLOT


def schema_tables(evidence: Evidence, root: str) -> str:
    parts = []
    dataset = evidence.dataset
    for resource in dataset.package["resources"]:
        if resource.get("type") != "table":
            continue
        rows = []
        for field in resource["schema"]["fields"]:
            constraints = field.get("constraints", {})
            rules = [name for name in ("required", "unique") if constraints.get(name)]
            if "enum" in constraints:
                rules.append("one of: " + ", ".join(map(str, constraints["enum"])))
            rules += [
                f"{key} {constraints[key]}"
                for key in ("minimum", "maximum", "minLength", "maxLength", "pattern")
                if key in constraints
            ]
            rows.append(
                {
                    "name": field["name"],
                    "type": field.get("type", "string"),
                    "rules": "; ".join(rules),
                    "description": field.get("description", ""),
                }
            )
        keys = []
        if resource["schema"].get("primaryKey"):
            keys.append("Primary key: " + ", ".join(resource["schema"]["primaryKey"]) + ".")
        for foreign in resource["schema"].get("foreignKeys", []):
            target = foreign["reference"].get("resource") or resource["name"]
            keys.append(
                f"{', '.join(foreign['fields'])} refers to {target}.{', '.join(foreign['reference']['fields'])}."
            )
        anchor = "schema-" + resource["name"]
        parts.append(
            f'<h3 id="{escape(anchor)}"><code>{escape(resource["path"])}</code> — {escape(resource.get("title", ""))}</h3>'
            + _p(escape(resource.get("description", "")))
            + '<details class="schema-group"><summary>Its columns</summary>'
            + render.table(
                rows,
                columns=[("name", "Column"), ("type", "Type"), ("rules", "Constraints"), ("description", "Meaning")],
                caption=f"Columns of {resource['path']}",
                key_columns=("name", "description"),
                download=False,
                searchable=False,
            )
            + (_p(escape(" ".join(keys))) if keys else "")
            + "</details>"
        )
    return "".join(parts)


def downloads(evidence: Evidence, root: str) -> str:
    dataset = evidence.dataset
    rows = [
        {
            "file": Safe(f'<a href="{root}data/{escape(r["path"])}">{escape(r["path"])}</a>'),
            "title": r.get("title", ""),
            "rows": len(dataset.tables[r["name"]]) if r["name"] in dataset.tables else "—",
        }
        for r in dataset.package["resources"]
    ]
    rows.append(
        {
            "file": Safe(f'<a href="{root}data/datapackage.json">datapackage.json</a>'),
            "title": "Frictionless Data Package (v2) describing every file",
            "rows": "—",
        }
    )
    return render.collapsed(
        render.table(
            rows,
            columns=[("file", "File"), ("title", "Contents"), ("rows", "Rows")],
            caption="The data files",
            numeric=("rows",),
            download=False,
        ),
        summary="The data files, with their number of rows",
    )


def references_table(evidence: Evidence, root: str) -> str:
    dataset = evidence.dataset
    cited = Counter(
        s["ref"]
        for s in dataset.studies
        for _ in dataset.claims_by_study.get(s["study_id"], [])
        if s["ref"] is not None
    )
    rows, ids = [], []
    for row in dataset.references:
        url = views.record_url(row)
        # none seen: the searches made for the reference's identifier (those for its paper's
        # the studies it does not cite are on the study's page)
        searched = [] if url else dataset.searches_for.get(f"ref-{row['ref']}", [])
        rows.append(
            {
                "ref": row["ref"],
                "entry": row["entry"].replace("*", ""),
                "record": render.Safe(f"{render.record(url, views.record_label(row))}{searches_made(searched)}"),
                "note": row["note"] or "",
                "numbers": cited.get(row["ref"], 0),
            }
        )
        ids.append(f"ref-{row['ref']}")
    columns = [
        ("ref", "No."),
        ("entry", "Reference as printed in the review"),
        ("record", render.RECORD_COLUMN),
        ("numbers", "Numbers the review states"),
        ("note", "Where the record differs from the reference as printed"),
    ]
    return render.table(
        rows,
        columns=columns,
        caption="The review's references",
        numeric=("ref", "numbers"),
        key_columns=("ref", "entry"),
        row_ids=ids,
    )


def vocabulary_tables(evidence: Evidence, root: str) -> str:
    dataset = evidence.dataset
    counts = Counter(c["quantity"] for c in dataset.claims)
    quantities = [
        {
            "quantity": q["quantity"],
            "label": q["label"],
            "family": q["family"],
            "role": q["role"],
            "claims": counts.get(q["quantity"], 0),
        }
        for q in dataset.rows("quantities")
    ]
    unit_counts = Counter(c["unit"] for c in dataset.claims)
    units = [
        {
            "unit": u["unit"],
            "one": u["singular"].replace("{n}", "1"),
            "more": u["plural"].replace("{n}", "N"),
            "dimension": u["dimension"],
            "claims": unit_counts.get(u["unit"], 0),
        }
        for u in dataset.rows("units")
    ]
    return render.collapsed(
        render.table(
            quantities,
            columns=[
                ("quantity", "Quantity"),
                ("label", "Reads as"),
                ("family", "Family"),
                ("role", "Role in the audit"),
                ("claims", "Claims"),
            ],
            caption="Quantities: what the numbers measure",
            numeric=("claims",),
            download=False,
        )
        + render.table(
            units,
            columns=[
                ("unit", "Unit"),
                ("one", "How one reads"),
                ("more", "How N reads"),
                ("dimension", "Dimension"),
                ("claims", "Claims"),
            ],
            caption="Units: how a number reads with its unit",
            numeric=("claims",),
            download=False,
        ),
        summary="Quantities and units",
    )


def citation(evidence: Evidence, root: str) -> str:
    sources = evidence.dataset.package.get("sources", [])
    return "".join(
        f"<blockquote><cite>{escape(s.get('title', ''))}.</cite> {render.link(s.get('path', ''), s.get('path', ''))}</blockquote>"
        for s in sources
    )


def confidence(evidence: Evidence, root: str) -> str:
    return render.computed(f"{evidence.confidence:.0%}")


def cite(evidence: Evidence, root: str) -> str:
    package = evidence.dataset.package
    review = package.get("sources", [{}])[0]
    return _p(
        f"Cite the data and site as: <cite>{escape(package.get('title', ''))}, version {escape(package.get('version', ''))}</cite>. "
        "Always cite the review itself: "
        f"<cite>{escape(review.get('title', ''))}.</cite> {render.link(review.get('path', ''), review.get('path', ''))}"
    )


def rules_table(evidence: Evidence, root: str) -> str:
    rows = [{"rule": r["rule"], "label": r["label"], "what": r["description"]} for r in evidence.dataset.rows("rules")]
    return render.table(
        rows,
        columns=[("label", "Rule"), ("what", "What it checks"), ("rule", "Identifier")],
        caption="The audit's rules",
        download=False,
    )


def marks_table(evidence: Evidence, root: str) -> str:
    rows = [{"sign": SYMBOLS[name], "word": WORDS[name], "meaning": text} for name, text in MEANINGS.items()]
    rows += [
        {"sign": SOURCE_SYMBOLS[kind], "word": SOURCE_WORDS[kind], "meaning": SOURCE_MEANINGS[kind]}
        for kind in SOURCE_SYMBOLS
    ]
    rows.append({"sign": "dashed box", "word": "another report", "meaning": OTHER_REPORT})
    return render.table(
        rows,
        columns=[("sign", "Sign"), ("word", "In a word"), ("meaning", "Meaning")],
        caption="The signs after each number",
        download=False,
    )


def claims_explorer(evidence: Evidence, root: str) -> str:
    from .explorer import explorer

    return explorer(evidence, root=root)


def certainty_parameters(evidence: Evidence, root: str) -> str:
    """The numbers of the certainty rules, as parameters.csv holds them."""
    rows = [
        {"parameter": row["description"], "value": f"{row['value'].normalize():f}", "unit": row["unit"] or ""}
        for row in evidence.dataset.rows("parameters")
        if row["parameter"].startswith(("certainty_", "imprecision_"))
    ]
    return render.table(
        rows,
        columns=[("parameter", "Rule"), ("value", "Value"), ("unit", "Unit")],
        caption="The certainty rules' parameters",
        download=False,
    )


BLOCKS: dict[str, Callable[[Evidence, str], str]] = {
    "certainty_parameters": certainty_parameters,
    "summary": summary,
    "legend": legend,
    "schema_tables": schema_tables,
    "downloads": downloads,
    "references_table": references_table,
    "vocabulary_tables": vocabulary_tables,
    "citation": citation,
    "confidence": confidence,
    "rules_table": rules_table,
    "marks_table": marks_table,
    "claims_explorer": claims_explorer,
    "cite": cite,
}
