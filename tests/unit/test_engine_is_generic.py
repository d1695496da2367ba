"""Nothing about this review lives in src/: study names, outcomes, conditions and treatments are data.

The engine could serve another review by changing data/ and the notebooks' narrative only.
"""

import csv
import re

from il12_evidence.paths import DATA_DIR, ROOT


def _rows(name):
    with open(DATA_DIR / name, encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _authors() -> set[str]:
    return {re.sub(r"\s*\d{4}$", "", row["label"]) for row in _rows("studies.csv") + _rows("primary_studies.csv")}


def _review_words() -> set[str]:
    words = set()
    for row in _rows("studies.csv"):
        words |= {row["condition"], *row["intervention"].replace(" vs ", " + ").split(" + ")}
    words |= {row["label"] for row in _rows("outcomes.csv")}
    words |= {row["label"] for row in _rows("topics.csv")}
    return {word for word in words if len(word) > 1}


def test_src_names_no_study_outcome_condition_or_treatment_of_the_review():
    words, authors = _review_words(), _authors()
    assert {"objective response", "melanoma", "rituximab"} <= words and "Duvic" in authors, "read from the data"

    def pattern(terms, flags):
        alternatives = "|".join(sorted(map(re.escape, terms), key=len, reverse=True))
        return re.compile(r"(?<![\w-])(" + alternatives + r")(?![\w-])", flags)

    patterns = (pattern(words, re.IGNORECASE), pattern(authors, 0))  # names by case: "Li", not "<li>"
    found = []
    for path in sorted((ROOT / "src").rglob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            for compiled in patterns:
                if match := compiled.search(line):
                    found.append(f"{path.relative_to(ROOT)}:{number}: {match.group()!r}")
    assert found == []
