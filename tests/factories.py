"""Small in-memory datasets for unit tests of the rules, views and renderers.

The vocabularies (units, quantities, outcomes, verdicts, rules, topics, parameters) are the real
ones, so a test writes only the claims and studies it is about.
"""

from decimal import Decimal
from functools import cache
from pathlib import Path

from il12_evidence.data import Dataset, read
from il12_evidence.sourcetext import SourceText

VOCABULARIES = (
    "units",
    "quantities",
    "outcomes",
    "verdicts",
    "rules",
    "topics",
    "parameters",
    "problem-kinds",
    "consequences",
)

CLAIM_DEFAULTS = {
    "study_id": "doe-2000",
    "arm": None,
    "quantity": "response_rate",
    "outcome": None,
    "statistic": None,
    "value_as_printed": "50",
    "value": Decimal(50),
    "unit": "%",
    "numerator": None,
    "denominator": None,
    "part_of": None,
    "partition": None,
    "quote": "50%",
    "note": None,
}
STUDY = {
    "study_id": "doe-2000",
    "label": "Doe 2000",
    "ref": 1,
    "topic": "single-agent",
    "theme": "therapy",
    "design": "clinical trial",
    "phase": None,
    "phase_source": None,
    "phase_quote": None,
    "setting": "clinical",
    "species": "human",
    "condition": "c",
    "intervention": "i",
    "quote": "q",
    "note": None,
}


@cache
def real():
    dataset, problems = read()
    assert not problems, problems
    return dataset


def claim(claim_id: str, **columns) -> dict:
    """A typed claim row as `data.read` produces it; `value` follows `value_as_printed`."""
    row = {"__row__": 2, "claim_id": claim_id, **CLAIM_DEFAULTS, **columns}
    if "value" not in columns and row["value_as_printed"][:1].isdigit():
        row["value"] = Decimal(row["value_as_printed"])
    return row


def study(study_id: str = "doe-2000", **columns) -> dict:
    return {"__row__": 2, **STUDY, "study_id": study_id, "label": columns.pop("label", study_id), **columns}


def primary_row(claim_id: str, **columns) -> dict:
    """A concordance row (primary_sources.csv) with every column, the verdict "match" by default."""
    fields = [f["name"] for f in real().resource("primary-sources")["schema"]["fields"]]
    return {
        "__row__": 2,
        **dict.fromkeys(fields),
        "claim_id": claim_id,
        "primary_id": "p",
        "compared_with": "cited",
        "document": "abstract",
        "verdict": "match",
        **columns,
    }


def primary_study(primary_id: str = "p", **columns) -> dict:
    """A paper read (primary_studies.csv): the cited paper of doe-2000 by default."""
    fields = [f["name"] for f in real().resource("primary-studies")["schema"]["fields"]]
    return {
        "__row__": 2,
        **dict.fromkeys(fields),
        "primary_id": primary_id,
        "label": columns.pop("label", primary_id),
        "study_id": "doe-2000",
        "relation": "cited",
        "ref": 1,
        "read_at": "https://example.org/abstract",
        "document": "abstract",
        **columns,
    }


def dataset(
    *claims: dict,
    studies=(),
    count_sources=(),
    primary=(),
    primary_studies=(),
    findings=(),
    problems=(),
    suspect_terms=(),
    source_text: str = "",
) -> Dataset:
    tables = {name: real().tables[name] for name in VOCABULARIES}
    tables.update(
        {
            "claims": list(claims),
            "studies": list(studies) or [study()],
            "references": [],
            "count-sources": [
                {"__row__": 2, "claim_id": c, "count": count, "source_claim_id": s} for c, count, s in count_sources
            ],
            "primary-sources": list(primary),
            "primary-studies": list(primary_studies) or ([primary_study()] if primary else []),
            "findings": [{"__row__": 2 + i, **row} for i, row in enumerate(findings)],
            "review-problems": [{"__row__": 2 + i, **row} for i, row in enumerate(problems)],
            "suspect-terms": list(suspect_terms),
        }
    )
    return Dataset(Path("memory"), real().package, tables, SourceText(source_text))
