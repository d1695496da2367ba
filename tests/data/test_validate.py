"""The real data validates, and every number in it is pinned to the sentence that states it."""

import csv
import subprocess
import sys

import pytest

from il12_evidence.__main__ import main
from il12_evidence.data import load
from il12_evidence.paths import DATA_DIR, ROOT
from il12_evidence.values import occurs_as_token


@pytest.fixture(scope="module")
def dataset():
    return load()


def test_validate_cli_accepts_the_real_data(capsys):
    assert main(["validate"]) == 0
    assert "valid (" in capsys.readouterr().out


def test_every_quote_is_verbatim_in_the_shipped_source(dataset):
    missing = [c["claim_id"] for c in dataset.claims if c["quote"] not in dataset.source_text]
    assert missing == []


def test_every_printed_value_stands_in_its_quote(dataset):
    absent = [c["claim_id"] for c in dataset.claims if not occurs_as_token(c["value_as_printed"], c["quote"])]
    assert absent == []


def test_every_reference_entry_is_verbatim_and_all_are_present(dataset):
    assert [r["ref"] for r in dataset.references] == list(range(1, len(dataset.references) + 1))
    assert all(r["entry"] in dataset.source_text for r in dataset.references)


def test_shipped_source_text_is_the_review(dataset):
    """The copy under data/source/ must stay verbatim; compare with the shared original when present."""
    shared = ROOT.parent / "shared" / "source" / "review.txt"
    if not shared.exists():
        pytest.skip("no ../shared/source/review.txt beside this checkout to compare with")
    assert (DATA_DIR / "source" / "review.txt").read_bytes() == shared.read_bytes()


def test_frictionless_validates_the_data_package():
    result = subprocess.run(
        [sys.executable, "-m", "frictionless", "validate", "--json", str(DATA_DIR / "datapackage.json")],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout[-2000:]


def test_audit_csv_lists_problems_with_required_columns(capsys):
    assert main(["audit", "--format", "csv"]) == 0
    rows = list(csv.DictReader(capsys.readouterr().out.splitlines()))
    assert rows, "the review has known problems; an empty audit means the rules stopped running"
    assert {"claim_id", "rule", "status", "explanation", "fragment"} <= set(rows[0])
    assert all(row["severity"] in ("warning", "error") for row in rows)


def test_audit_all_prints_passing_checks_too(capsys):
    main(["audit", "--format", "csv", "--all"])
    statuses = {row["status"] for row in csv.DictReader(capsys.readouterr().out.splitlines())}
    assert "consistent" in statuses and "inconsistent" in statuses
