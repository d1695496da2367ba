"""Small in-memory claims and datasets for unit tests of the rules and renderers."""

from decimal import Decimal
from pathlib import Path

from il12_evidence.data import Dataset

CLAIM_DEFAULTS = {
    "ref": 1,
    "cited_as": "[1]",
    "study": "Doe 2000",
    "topic": "overview",
    "setting": "clinical",
    "species": "human",
    "condition": "c",
    "intervention": "i",
    "arm": "",
    "quantity": "response_rate",
    "value_as_printed": "50",
    "value": Decimal(50),
    "unit": "%",
    "numerator": None,
    "denominator": None,
    "numerator_source": None,
    "denominator_source": None,
    "part_of": None,
    "partition": None,
    "quote": "50%",
    "note": None,
}


def claim(claim_id: str, **columns) -> dict:
    """A typed claim row as `data.read` produces it; `value` follows `value_as_printed`."""
    row = {"__row__": 2, "claim_id": claim_id, **CLAIM_DEFAULTS, **columns}
    if "value" not in columns and row["value_as_printed"][:1].isdigit():
        row["value"] = Decimal(row["value_as_printed"])
    return row


def dataset(*claims: dict, source_text: str = "") -> Dataset:
    package = {
        "resources": [
            {"name": "claims", "path": "claims.csv"},
            {"name": "references", "path": "references.csv"},
            {"name": "findings", "path": "findings.csv"},
        ]
    }
    tables = {"claims": list(claims), "references": [], "findings": []}
    return Dataset(Path("memory"), package, tables, source_text)
