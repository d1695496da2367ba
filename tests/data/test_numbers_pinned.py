"""Every number is pinned to its quote and counts: changing any single number of claims.csv by one
unit of its last digit makes validation fail, naming the claim. (This perturbs data, not code;
mutation testing of the code is `make mutation`.)"""

import csv
import io
import shutil
from decimal import Decimal

import pytest

from il12_evidence.paths import DATA_DIR
from il12_evidence.validation import validate

NUMERIC_COLUMNS = ("value_as_printed", "value", "numerator", "denominator")
WORD_SWAPS = {
    "Six": "Seven",
    "Five": "Four",
    "Three": "Two",
    "twice": "once",
    "once": "twice",
    "single": "double",
    "I": "III",
    "II": "III",
    "IB": "IA",
    "IIB": "IIA",
    "IIIB": "IIIA",
}


def _perturb(text: str) -> str:
    if text in WORD_SWAPS:
        return WORD_SWAPS[text]
    if text.endswith(("st", "nd", "rd", "th")):  # an ordinal: 14th → 15th
        return _perturb(text[:-2]) + "th"
    number = Decimal(text)
    step = Decimal(1).scaleb(number.as_tuple().exponent)  # one unit in the last printed digit: 9.0 → 9.1
    return str(number + step)


def _mutations():
    with open(DATA_DIR / "claims.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for index, row in enumerate(rows):
        for column in NUMERIC_COLUMNS:
            if row[column]:
                yield index, row["claim_id"], column


MUTATIONS = list(_mutations())


@pytest.fixture(scope="module")
def mutable_data(tmp_path_factory):
    """One copy of data/ for the whole module; each test restores claims.csv afterwards."""
    target = tmp_path_factory.mktemp("mutations") / "data"
    shutil.copytree(DATA_DIR, target)
    original = (target / "claims.csv").read_bytes()
    yield target
    (target / "claims.csv").write_bytes(original)


@pytest.fixture
def data_copy(mutable_data):
    original = (mutable_data / "claims.csv").read_bytes()
    yield mutable_data
    (mutable_data / "claims.csv").write_bytes(original)


def _validate_with(data_copy, index: int, column: str) -> list[str]:
    path = data_copy / "claims.csv"
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        rows, fields = list(reader), reader.fieldnames
    rows[index][column] = _perturb(rows[index][column])
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    _, problems = validate(data_copy)
    return [str(problem) for problem in problems]


def test_every_filled_numeric_cell_is_perturbed():
    """Each claim's printed value and value, and every count that is filled, once each."""
    with open(DATA_DIR / "claims.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    filled = sum(1 for row in rows for column in NUMERIC_COLUMNS if row[column].strip())
    assert len(MUTATIONS) == filled
    assert {claim_id for _, claim_id, column in MUTATIONS if column == "value_as_printed"} == {
        row["claim_id"] for row in rows
    }


@pytest.mark.parametrize(("index", "claim_id", "column"), MUTATIONS, ids=[f"{c}-{col}" for _, c, col in MUTATIONS])
def test_every_number_is_pinned_to_its_quote_and_counts(data_copy, index, claim_id, column):
    problems = _validate_with(data_copy, index, column)
    assert problems, f"changing {column} of {claim_id} went unnoticed"
    assert any(claim_id in problem for problem in problems), problems
