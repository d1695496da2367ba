"""What the built pages must show, recomputed from data/ with the test's own code.

This is the oracle the site tests compare the built HTML with. It reads the canonical CSV
files with the csv module and re-derives marks, readings and figure data independently of
the package's rendering code (it uses the package only for the audit's findings, whose rules
have their own unit tests), so a rendering bug cannot hide behind committed outputs.
"""

import csv
from collections import defaultdict
from decimal import ROUND_DOWN, ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal
from functools import cache

from il12_evidence.paths import DATA_DIR
from il12_evidence.validation import validate

SYMBOL = {"failed": "✗", "truncated": "≈", "held": "✓", None: "·"}
WORST_FIRST = ("failed", "truncated", "held")
NUMBER_WORDS = {
    "zero",
    "one",
    "single",
    "once",
    "two",
    "twice",
    "three",
    "thrice",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
}


@cache
def table(name: str) -> list[dict]:
    with open(DATA_DIR / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@cache
def by(name: str, key: str) -> dict[str, dict]:
    return {row[key]: row for row in table(name)}


@cache
def audit():
    dataset, problems = validate(DATA_DIR)
    assert not problems, problems
    from il12_evidence.rules import Audit

    return Audit.of(dataset)


@cache
def expected_marks() -> dict[str, str]:
    """claim_id → the symbol the documented rule gives: the worst mark of the findings that mark it."""
    found = defaultdict(set)
    for finding in audit().findings:
        for claim_id in finding.marks:
            found[claim_id].add(finding.mark)
    marks = {}
    for claim in table("claims.csv"):
        present = found.get(claim["claim_id"], set())
        marks[claim["claim_id"]] = SYMBOL[next((m for m in WORST_FIRST if m in present), None)]
    return marks


@cache
def disagreeing() -> set[str]:
    verdicts = {row["verdict"] for row in table("verdicts.csv") if row["disagrees"] == "true"}
    return {row["claim_id"] for row in table("primary_sources.csv") if row["verdict"] in verdicts}


def readings(claim_id: str) -> set[str]:
    """Every form the number may take on a page: as printed (a number word in either case), or with
    its unit as units.csv spells it."""
    claim = by("claims.csv", "claim_id")[claim_id]
    unit = by("units.csv", "unit")[claim["unit"]]
    printed = claim["value_as_printed"]
    numbers = {printed}
    if printed.lower() in NUMBER_WORDS:
        numbers |= {printed.lower(), printed.capitalize()}
    forms = set(numbers)
    for template in (unit["singular"], unit["plural"], unit["multiplicative"]):
        for number in numbers:
            if template:
                text = template.replace("{n}", number)
                forms |= {text, text[:1].upper() + text[1:]}
    return forms


def plural_words() -> dict[str, str]:
    """Plural unit words and their singular ('patients' → 'patient'), from the units vocabulary."""
    words = {}
    for unit in table("units.csv"):
        singular = unit["singular"].replace("{n}", "").split()
        plural = unit["plural"].replace("{n}", "").split()
        if singular and plural and singular[0] != plural[0]:
            words[plural[0]] = singular[0]
    return words


# --- figures ----------------------------------------------------------------------------------
def _conventions(k: int, n: int, printed: str) -> list[str]:
    places = Decimal(1).scaleb(-len(printed.partition(".")[2]))
    exact = Decimal(100 * k) / Decimal(n)
    modes = {"half-up": ROUND_HALF_UP, "half-even": ROUND_HALF_EVEN, "truncated": ROUND_DOWN}
    return [name for name, mode in modes.items() if exact.quantize(places, rounding=mode) == Decimal(printed)]


def wilson(k: int, n: int) -> tuple[float, float]:
    from scipy.stats import binomtest

    interval = binomtest(k, n).proportion_ci(
        confidence_level=float(by("parameters.csv", "parameter")["confidence_level"]["value"]), method="wilson"
    )
    return interval.low, interval.high


def forest_row(claim_id: str) -> dict:
    """The CSV row a forest plot must ship for a claim, recomputed by brute force."""
    claim = by("claims.csv", "claim_id")[claim_id]
    n = int(claim["denominator"])
    if claim["numerator"]:
        k, counts = int(claim["numerator"]), "stated"
    else:
        reachable = {kk for kk in range(n + 1) if _conventions(kk, n, claim["value_as_printed"])}
        k, counts = (reachable.pop(), "implied") if len(reachable) == 1 else (None, "unknown")
    row = {
        "claim_id": claim_id,
        "events": "" if k is None else str(k),
        "total": str(n),
        "counts": counts,
        "stated_percent": claim["value_as_printed"],
    }
    if k is not None:
        low, high = wilson(k, n)
        row.update(
            recomputed_percent=f"{100 * k / n:.1f}",
            ci_low_percent=f"{100 * low:.1f}",
            ci_high_percent=f"{100 * high:.1f}",
        )
    row["mark"] = {v: m for m, v in SYMBOL.items()}[expected_marks()[claim_id]] or "unchecked"
    row["disagrees"] = "yes" if claim_id in disagreeing() else "no"
    return row
