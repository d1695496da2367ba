"""The real data validates, and every number in it is pinned to the sentence that states it."""

import csv
import hashlib
import json
import subprocess
import sys

import pytest

from il12_evidence.__main__ import main
from il12_evidence.numbers import occurs_as_token
from il12_evidence.paths import DATA_DIR, NOTEBOOKS_DIR, ROOT
from il12_evidence.prose import check_sources
from il12_evidence.validation import load


@pytest.fixture(scope="module")
def dataset():
    return load()


def test_validate_cli_accepts_the_real_data(capsys):
    assert main(["validate"]) == 0
    assert "valid (" in capsys.readouterr().out


def test_every_quote_is_verbatim_in_the_shipped_source(dataset):
    missing = [c["claim_id"] for c in dataset.claims if c["quote"] not in dataset.source_text]
    missing += [s["study_id"] for s in dataset.studies if s["quote"] not in dataset.source_text]
    missing += [
        s["study_id"] for s in dataset.studies if s["phase_quote"] and s["phase_quote"] not in dataset.source_text
    ]
    assert missing == []


def test_every_printed_value_stands_in_its_quote(dataset):
    absent = [c["claim_id"] for c in dataset.claims if not occurs_as_token(c["value_as_printed"], c["quote"])]
    assert absent == []


def test_every_reference_entry_is_verbatim_and_all_are_present(dataset):
    assert [r["ref"] for r in dataset.references] == list(range(1, len(dataset.references) + 1))
    assert all(r["entry"] in dataset.source_text for r in dataset.references)


def test_shipped_source_text_matches_the_hash_the_package_records():
    """The text is the review's: its bytes and sha256 are recorded in datapackage.json (validate checks them too)."""
    package = json.loads((DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))
    text = next(r for r in package["resources"] if r["name"] == "source-text")
    raw = (DATA_DIR / text["path"]).read_bytes()
    assert (len(raw), "sha256:" + hashlib.sha256(raw).hexdigest()) == (text["bytes"], text["hash"])


def test_frictionless_validates_the_data_package():
    result = subprocess.run(
        [sys.executable, "-m", "frictionless", "validate", "--json", str(DATA_DIR / "datapackage.json")],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout[-2000:]
    assert json.loads(result.stdout)["valid"] is True


def test_the_package_is_data_package_v2_with_keys_everywhere():
    package = json.loads((DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))
    assert package["$schema"] == "https://datapackage.org/profiles/2.0/datapackage.json"
    assert {"contributors", "created", "keywords"} <= set(package)
    tables = [r for r in package["resources"] if r.get("type") == "table"]
    assert tables and all(r["schema"].get("primaryKey") for r in tables)
    assert all("unit" not in field for r in tables for field in r["schema"]["fields"])
    assert not [r for r in package["resources"] if "profile" in r]


def test_no_claim_column_repeats_a_study_level_value():
    with open(DATA_DIR / "claims.csv", encoding="utf-8") as handle:
        claim_columns = set(next(csv.reader(handle)))
    with open(DATA_DIR / "studies.csv", encoding="utf-8") as handle:
        study_columns = set(next(csv.reader(handle)))
    # only the foreign key and each row's own provenance share a name
    assert claim_columns & study_columns == {"study_id", "quote", "note"}


def test_no_list_valued_reference_is_left():
    for name in ("claims.csv", "primary_sources.csv", "count_sources.csv", "regimens.csv"):
        with open(DATA_DIR / name, encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        joined = [
            (name, k, v)
            for row in rows
            for k, v in row.items()
            if k.endswith(("_source", "claim_id", "_claim")) and "+" in v
        ]
        assert joined == []


def test_the_notebooks_name_only_claims_that_exist(dataset):
    assert check_sources(sorted(NOTEBOOKS_DIR.glob("[0-9][0-9]_*.py")), set(dataset.claims_by_id)) == []


def test_audit_csv_lists_problems_with_their_subject(capsys):
    assert main(["audit", "--format", "csv"]) == 0
    rows = list(csv.DictReader(capsys.readouterr().out.splitlines()))
    assert rows, "the review has known problems; an empty audit means the rules stopped running"
    assert {"rule", "subject", "status", "explanation", "fragment"} <= set(rows[0])
    assert all(row["severity"] in ("warning", "error") for row in rows)


def test_audit_all_prints_passing_checks_too(capsys):
    assert main(["audit", "--format", "csv", "--all"]) == 0
    statuses = {row["status"] for row in csv.DictReader(capsys.readouterr().out.splitlines())}
    assert "consistent" in statuses and "inconsistent" in statuses
