"""Hostile text in every free-text field of a copy of data/, such that the copy still validates.

Every string the schema lets a contributor write freely gets, appended, a marker naming its
field (⟦resource.field⟧) and the payloads below; a field that cannot take them (a key, a
verbatim quote, a vocabulary word the engine compares) is listed in NOT_POISONED with the
reason, so that a new column fails the test until someone decides which it is.
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
}
# Fields whose pattern admits a payload only without spaces: value → hostile value.
SPACELESS_FIELDS = {
    ("references", "doi"): lambda marker: f"10.1000/{marker}" + "".join(SPACELESS),
    ("primary-studies", "doi"): lambda marker: f"10.1000/{marker}" + "".join(SPACELESS),
    ("primary-studies", "read_at"): lambda marker: f"https://example.org/{marker}" + "".join(SPACELESS),
}

# Fields whose emptiness means something (no multiplicative form): only filled ones get payloads.
KEEP_EMPTY = {("units", "multiplicative")}


def marker(resource: str, field: str) -> str:
    return f"⟦{resource}.{field}⟧"


def expected_after(marker_text: str) -> str:
    """What must follow a marker wherever it is shown: the whole payload, as text."""
    inner = marker_text.strip("⟦⟧")
    if tuple(inner.split(".", 1)) in SPACELESS_FIELDS:
        return "".join(SPACELESS)
    return " " + PAYLOAD


def hostile(value: str, resource: str, field: str) -> str:
    text = marker(resource, field) + " " + PAYLOAD
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


def poison(data_dir: Path) -> dict:
    """Rewrite the copy in place; returns {"fields": [...], "left": [...], "package": [...]}."""
    package_path = data_dir / "datapackage.json"
    package = json.loads(package_path.read_text(encoding="utf-8"))
    chosen, left = poisoned_fields(package)
    by_resource: dict[str, list[str]] = {}
    for name, field in chosen:
        by_resource.setdefault(name, []).append(field)
    for resource in package["resources"]:
        fields = by_resource.get(resource["name"])
        if not fields:
            continue
        path = data_dir / resource["path"]
        with open(path, encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        header = [f["name"] for f in resource["schema"]["fields"]]
        for row in rows:
            for field in fields:
                spaceless = SPACELESS_FIELDS.get((resource["name"], field))
                if spaceless:
                    if row[field]:  # keep empties empty: a DOI or address is a fact, not free text
                        row[field] = spaceless(marker(resource["name"], field))
                elif row[field] or (resource["name"], field) not in KEEP_EMPTY:
                    row[field] = hostile(row[field], resource["name"], field)
        if resource["name"] == "findings" and "partition" in by_resource.get("claims", []):
            # A parts-vs-whole finding's subject is "<whole claim>/<partition>": it follows the partition.
            for row in rows:
                if row["rule"] == "parts-vs-whole":
                    whole, _, partition = row["subject"].partition("/")
                    row["subject"] = f"{whole}/{hostile(partition, 'claims', 'partition')}"
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        path.write_text(buffer.getvalue(), encoding="utf-8")

    # The descriptor's own prose: the package, each resource and each field.
    touched = []
    package["title"] = hostile(package["title"], "package", "title")
    package["description"] = hostile(package["description"], "package", "description")
    package["version"] = hostile(package["version"], "package", "version")
    touched += ["package.title", "package.description", "package.version"]
    for source in package.get("sources", []):
        source["title"] = hostile(source["title"], "package", "sources.title")
    package.setdefault("sources", []).append(
        {"title": hostile("", "package", "sources.title"), "path": f"javascript:{XSS}"}
    )
    touched += ["package.sources.title", "package.sources.path (javascript:)"]
    for resource in package["resources"]:
        name = resource["name"]
        resource["title"] = hostile(resource.get("title", ""), name, "(title)")
        resource["description"] = hostile(resource.get("description", ""), name, "(description)")
        for field in resource.get("schema", {}).get("fields", []):
            field["description"] = hostile(field.get("description", ""), name, f"{field['name']}(description)")
    touched += ["every resource's title and description", "every field's description"]
    package_path.write_text(json.dumps(package, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return {"fields": chosen, "left": left, "package": touched}
