"""Hostile text in every free-text field of a copy of data/, such that the copy still validates.

Every string the schema lets a contributor write freely gets, appended, a marker naming its
field and payload (⟦resource.field#variant⟧) and the payload: the first distinct value of a
field gets all six payloads in one string ("#all"), the next ones one payload each in turn
("#0" … "#5"), so that every field carries every payload both alone and combined while
labels stay short enough to draw. Equal values stay equal (arms, partitions group claims).
Keys, enums and patterned fields are left alone automatically; a free-text field that still
cannot take payloads (a verbatim quote, a vocabulary word the engine compares) is listed in
NOT_POISONED with the reason. A new string column is poisoned by default: if the copy then
no longer validates, the test fails until someone decides which kind of field it is.
"""

import csv
import io
import json
from pathlib import Path

XSS = "window.__xss=1"
PAYLOADS = (
    f"<script>{XSS}</script>",
    f'<img src=x onerror="{XSS}">',
    f'![u](x){{: onerror="{XSS}" }}',  # Markdown image + attr_list
    f"[a](javascript:{XSS})",  # Markdown link to a script URL
    f'" onmouseover="{XSS}',  # breaks out of a double-quoted attribute
    "{{ evidence.home }}",  # the site's own template syntax
)
PAYLOAD = " ".join(PAYLOADS)
# For patterns that admit no whitespace (DOIs, addresses): the same attacks without spaces.
SPACELESS = (f"<script>{XSS}</script>", f"<img/src=x/onerror={XSS}>", f'"onmouseover="{XSS}', f"[a](javascript:{XSS})")

# resource → field → why it keeps its canonical value.
NOT_POISONED = {
    "claims": {
        "value_as_printed": "parsed as a number and found in its verbatim quote",
        "quote": "verbatim fragment of the source text",
    },
    "studies": {
        "phase": "must occur in its verbatim phase_quote and equal the trial_phase claims",
        "phase_quote": "verbatim fragment of the source text",
        "quote": "verbatim fragment of the source text",
    },
    "references": {"entry": "verbatim fragment of the source text"},
    "primary-sources": {
        "primary_value": "parsed as a number and found in primary_statement",
        "primary_orr": "printed as a percentage (maxLength 40)",
    },
    "quantities": {"family": "vocabulary the engine compares (response, survival, prediction, ...)"},
    "units": {"dimension": "vocabulary the engine compares ('percentage')"},
    "suspect-terms": {"term": "searched for in the source text; a finding's subject"},
    "parameters": {},
    "facts": {"value_as_printed": "parsed as a number and found in its quote"},
    "assertions": {"quote": "verbatim fragment of the source text"},
    "question-evidence": {
        "from": "the id of a claim or fact",
        "numerator_from": "ids of claims or facts",
        "denominator_from": "ids of claims or facts",
    },
    "searches": {"target": "names the paper, reference or study searched for"},
    "topics": {"page": "a site address the build resolves"},
}
# Fields whose pattern admits a payload only without spaces: value → hostile value.
SPACELESS_FIELDS = {
    ("references", "doi"): lambda label: f"10.1000/{label}" + "".join(SPACELESS),
    # validate requires a primary study's DOI to equal its reference's: the same hostile DOI for both.
    ("primary-studies", "doi"): lambda label: (
        f"10.1000/{marker('references', 'doi', SPACELESS_VARIANT)}" + "".join(SPACELESS)
    ),
    ("primary-studies", "read_at"): lambda label: f"https://example.org/{label}" + "".join(SPACELESS),
    ("primary-sources", "read_at"): lambda label: f"https://example.org/{label}" + "".join(SPACELESS),
    ("facts", "read_at"): lambda label: f"https://example.org/{label}" + "".join(SPACELESS),
    ("assertions", "read_at"): lambda label: f"https://example.org/{label}" + "".join(SPACELESS),
}

# Fields whose emptiness means something (no multiplicative form): only filled ones get payloads.
KEEP_EMPTY = {
    ("units", "multiplicative"),
    ("facts", "arm"),  # empty: the whole study (its enrolled and evaluable totals)
    ("questions", "partner"),  # empty: the treatment alone
    ("questions", "population_indirect"),  # empty: the population is the review's
    ("primary-studies", "same_study"),  # filled only for another report of a cited study
    ("primary-studies", "trial"),  # filled only where reports share a trial
}


ALL = "all"
SPACELESS_VARIANT = "spaceless"


def marker(resource: str, field: str, variant: str) -> str:
    return f"⟦{resource}.{field}#{variant}⟧"


def expected_after(marker_text: str) -> str:
    """What must follow a marker wherever it is shown: its payload, whole, as text."""
    variant = marker_text.strip("⟦⟧").rpartition("#")[2]
    if variant == SPACELESS_VARIANT:
        return "".join(SPACELESS)
    return " " + (PAYLOAD if variant == ALL else PAYLOADS[int(variant)])


class Poisoner:
    """Chooses each value's payload: all six for a field's first distinct value, then one by one."""

    def __init__(self):
        self.variants: dict[tuple[str, str], dict[str, str]] = {}

    def variant(self, resource: str, field: str, value: str) -> str:
        seen = self.variants.setdefault((resource, field), {})
        if value not in seen:
            seen[value] = ALL if not seen else str((len(seen) - 1) % len(PAYLOADS))
        return seen[value]

    def hostile(self, value: str, resource: str, field: str) -> str:
        variant = self.variant(resource, field, value)
        text = marker(resource, field, variant) + expected_after(marker(resource, field, variant))
        return f"{value} {text}" if value else text


def poisoned_fields(package: dict) -> tuple[list[tuple[str, str]], list[tuple[str, str, str]]]:
    """(resource, field) pairs to poison, and (resource, field, reason) pairs left alone."""
    chosen, left = [], []
    for resource in package["resources"]:
        if resource.get("type") != "table":
            continue
        name, table_schema = resource["name"], resource["schema"]
        keys = {field for fk in table_schema.get("foreignKeys", []) for field in fk["fields"]}
        keys |= set(table_schema.get("primaryKey", []))
        for field in table_schema["fields"]:
            if field.get("type", "string") != "string":
                continue
            constraints = field.get("constraints", {})
            reason = NOT_POISONED.get(name, {}).get(field["name"])
            if reason is None and field["name"] in keys:
                reason = "a key"
            elif reason is None and "enum" in constraints:
                reason = "an enum"
            elif reason is None and constraints.get("unique"):
                reason = "unique identifier"
            elif (
                reason is None
                and "pattern" in constraints
                and (name, field["name"]) not in SPACELESS_FIELDS
                and "{n}" not in constraints["pattern"].replace("\\", "")
            ):
                reason = f"pattern {constraints['pattern']}"
            if reason:
                left.append((name, field["name"], reason))
            else:
                chosen.append((name, field["name"]))
    return chosen, left


def read_rows(path: Path) -> tuple[list[str], list[dict]]:
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def write_rows(path: Path, header: list[str], rows: list[dict]) -> None:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def poison(data_dir: Path) -> dict:
    """Rewrite the copy in place; returns {"fields": [...], "left": [...], "package": [...]}."""
    package_path = data_dir / "datapackage.json"
    package = json.loads(package_path.read_text(encoding="utf-8"))
    chosen, left = poisoned_fields(package)
    poisoner = Poisoner()
    by_resource: dict[str, list[str]] = {}
    for name, field in chosen:
        by_resource.setdefault(name, []).append(field)
    for resource in package["resources"]:
        fields = by_resource.get(resource["name"], [])
        if not fields and resource["name"] not in ("findings", "subgroups"):  # these two follow claims.csv
            continue
        path = data_dir / resource["path"]
        _, rows = read_rows(path)
        header = [f["name"] for f in resource["schema"]["fields"]]
        for row in rows:
            for field in fields:
                spaceless = SPACELESS_FIELDS.get((resource["name"], field))
                if spaceless:
                    if row[field]:  # keep empties empty: a DOI or address is a fact, not free text
                        row[field] = spaceless(marker(resource["name"], field, SPACELESS_VARIANT))
                elif row[field] or (resource["name"], field) not in KEEP_EMPTY:
                    row[field] = poisoner.hostile(row[field], resource["name"], field)
        if resource["name"] == "subgroups" and "arm" in by_resource.get("claims", []):
            # a subgroup names an arm of claims.csv (its key): it follows the arm's poisoning
            for row in rows:
                row["arm"] = poisoner.hostile(row["arm"], "claims", "arm")
        if resource["name"] == "findings" and "partition" in by_resource.get("claims", []):
            # A parts-vs-whole finding's subject is "<whole claim>/<partition>": it follows the partition.
            assert ("claims", "partition") in poisoner.variants, "claims.csv must be poisoned before findings.csv"
            for row in rows:
                if row["rule"] == "parts-vs-whole":
                    whole, _, partition = row["subject"].partition("/")
                    row["subject"] = f"{whole}/{poisoner.hostile(partition, 'claims', 'partition')}"
        write_rows(path, header, rows)

    # The descriptor's own prose: the package, its sources, each resource and each field.
    def prose(value, name, what):
        return poisoner.hostile(value or "", name, what)

    for key in ("title", "description", "version"):
        package[key] = prose(package.get(key), "package", key)
    for source in package.get("sources", []):
        source["title"] = prose(source.get("title"), "package", "sources.title")
    package.setdefault("sources", []).append(
        {"title": prose("", "package", "sources.title"), "path": f"javascript:{XSS}"}
    )
    for resource in package["resources"]:
        name = resource["name"]
        resource["title"] = prose(resource.get("title"), name, "(title)")
        resource["description"] = prose(resource.get("description"), name, "(description)")
        for field in resource.get("schema", {}).get("fields", []):
            field["description"] = prose(field.get("description"), name, f"{field['name']}(description)")
    package_path.write_text(json.dumps(package, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    touched = [
        "package title, description, version",
        "sources' titles, and a source at javascript:",
        "every resource's title and description",
        "every field's description",
    ]
    return {"fields": chosen, "left": left, "package": touched}
