"""Malformed input gets the clean treatment, whatever is wrong with it.

Each case breaks a copy of data/ in one way and runs the command line on it. The treatment is
always the same: exit code 1; stdout holds only `FILE:ROW:COLUMN: message` lines, one of them
naming the problem at its place; no traceback; `audit` prints exactly what `validate` prints
(no findings from invalid data); the broken files are byte-identical afterwards; and each case
takes less than TIME_LIMIT seconds. Cases whose failure mode is a hang or a crash of the
process itself (a FIFO, a device, binary content, a descriptor nested deeper than the stack)
run in a subprocess with a timeout.

A case names its row by the key the row has in the unbroken file (its first cells), so the
expectations survive edits elsewhere in the data.
"""

import csv
import hashlib
import io
import json
import os
import re
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from il12_evidence import data as data_module
from il12_evidence.__main__ import main
from il12_evidence.data import MAX_FIELD_CHARS, MAX_FILE_BYTES
from il12_evidence.paths import ROOT

PROBLEM_LINE = re.compile(r"^(?P<file>[^:\s]+):(?P<row>\d+):(?P<column>[^:\s]+): (?P<message>\S.*)$")
TIME_LIMIT = 10  # seconds per case; most take a tenth of that
ENV = {**os.environ, "PYTHONPATH": str(ROOT / "src")}


# --- ways to break a copy of the data -------------------------------------------------------
def _records(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))


def _write_records(path: Path, records: list[list[str]]) -> None:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(records)
    path.write_text(out.getvalue(), encoding="utf-8")


def _row_index(records: list[list[str]], key: str) -> int:
    """Index of the first record whose leading cells are `key` (cells joined by commas)."""
    for index, record in enumerate(records):
        if (",".join(record) + ",").startswith(key + ","):
            return index
    raise AssertionError(f"test setup: no row {key!r}")


def set_cell(name: str, key: str, column: str, value: str):
    def edit(data: Path) -> None:
        records = _records(data / name)
        records[_row_index(records, key)][records[0].index(column)] = value
        _write_records(data / name, records)

    return edit


def columns(name: str, order: Callable[[list[str]], list[str]]):
    """Rewrite every row with its columns in a new order (dropping or repeating some)."""

    def edit(data: Path) -> None:
        records = _records(data / name)
        positions = [records[0].index(column) for column in order(records[0])]
        _write_records(data / name, [[record[i] for i in positions] for record in records])

    return edit


def rename_column(name: str, old: str, new: str):
    def edit(data: Path) -> None:
        records = _records(data / name)
        _write_records(data / name, [[new if column == old else column for column in records[0]], *records[1:]])

    return edit


def add_column(name: str, column: str, value: str):
    def edit(data: Path) -> None:
        records = _records(data / name)
        _write_records(data / name, [[*records[0], column]] + [[*record, value] for record in records[1:]])

    return edit


def replace(name: str, old: str | bytes, new: str | bytes):
    """Replace the first occurrence, byte for byte (for what a CSV writer would quote, or bytes that are not UTF-8)."""
    old, new = (text.encode() if isinstance(text, str) else text for text in (old, new))

    def edit(data: Path) -> None:
        content = (data / name).read_bytes()
        assert old in content, f"test setup: {old!r} not in {name}"
        (data / name).write_bytes(content.replace(old, new, 1))

    return edit


def append(name: str, line: str):
    def edit(data: Path) -> None:
        with open(data / name, "a", encoding="utf-8", newline="") as handle:
            handle.write(line + "\n")

    return edit


def delete_row(name: str, key: str):
    def edit(data: Path) -> None:
        records = _records(data / name)
        del records[_row_index(records, key)]
        _write_records(data / name, records)

    return edit


def delete_rows_where(name: str, column: str, value: str):
    def edit(data: Path) -> None:
        records = _records(data / name)
        index = records[0].index(column)
        _write_records(data / name, [records[0]] + [r for r in records[1:] if r[index] != value])

    return edit


def write(name: str, content: bytes):
    return lambda data: (data / name).write_bytes(content)


def header_only(name: str):
    return lambda data: _write_records(data / name, _records(data / name)[:1])


def remove(name: str):
    return lambda data: (data / name).unlink()


def directory_instead(name: str):
    def edit(data: Path) -> None:
        (data / name).unlink()
        (data / name).mkdir()

    return edit


def fifo_instead(name: str):
    def edit(data: Path) -> None:
        (data / name).unlink()
        os.mkfifo(data / name)

    return edit


def link_instead(name: str, target: Callable[[Path], Path]):
    """Replace the file by a symbolic link to target(data directory)."""

    def edit(data: Path) -> None:
        (data / name).unlink()
        (data / name).symlink_to(target(data))

    return edit


def link_outside(name: str):
    """Move the file out of the data directory, leaving a symbolic link to it."""

    def edit(data: Path) -> None:
        outside = data.parent / f"outside-{Path(name).name}"
        (data / name).rename(outside)
        (data / name).symlink_to(outside)

    return edit


def package(change: Callable[[dict], None]):
    """Change the parsed datapackage.json and write it back."""

    def edit(data: Path) -> None:
        descriptor = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
        change(descriptor)
        (data / "datapackage.json").write_text(json.dumps(descriptor, indent=2), encoding="utf-8")

    return edit


def resource(descriptor: dict, name: str) -> dict:
    return next(r for r in descriptor["resources"] if r["name"] == name)


def field(descriptor: dict, table: str, name: str) -> dict:
    return next(f for f in resource(descriptor, table)["schema"]["fields"] if f["name"] == name)


def both(*edits):
    def edit(data: Path) -> None:
        for one in edits:
            one(data)

    return edit


def _source_bytes_plus_one(descriptor: dict) -> None:
    resource(descriptor, "source-text")["bytes"] += 1


# --- the corpus -----------------------------------------------------------------------------
@dataclass(frozen=True)
class Bad:
    """One way to break the data, and where the problem must be reported.

    `where` reads like the output: FILE:ROW:COLUMN, FILE relative to the data directory (or
    --data for the directory argument itself), ROW a record number (1 = header, 0 = the whole
    file), [key] for the row that has that key in the unbroken file, or END for the row after
    its last one.
    """

    edit: Callable[[Path], None]
    where: str
    message: str  # a fragment of the message
    data: Callable[[Path], Path] = lambda data: data  # what --data names
    process: bool = False  # run in a subprocess: for hangs and crashes of the process itself


DIGITS = "a percentage is printed in digits with at most 6 decimals"
PR_RATE_HEADLINE = "(43%)"  # in the primary statement of ctcl-pr-rate
NOT_A_RELATIVE_PATH = "must be a relative path inside the data directory"


def _resource_path(path: str):
    return package(lambda d: resource(d, "claims").update(path=path))


# fmt: off
CASES = {
    # files
    "file-missing-claims": Bad(remove("claims.csv"), "claims.csv:0:-", "file not found"),
    "file-missing-source-text": Bad(remove("source/review.txt"), "source/review.txt:0:-", "file not found"),
    "file-missing-datapackage": Bad(remove("datapackage.json"), "datapackage.json:0:-", "file not found"),
    "column-missing": Bad(columns("claims.csv", lambda h: [c for c in h if c != "note"]), "claims.csv:1:note",
                          "column is missing from the header"),
    "column-renamed": Bad(rename_column("claims.csv", "quote", "quotation"), "claims.csv:1:quote",
                          "column is missing from the header"),
    "column-extra": Bad(add_column("references.csv", "extra", "x"), "references.csv:1:extra",
                        "column is not in the schema"),
    "column-twice": Bad(columns("references.csv", lambda h: [*h, "entry"]), "references.csv:1:entry",
                        "column appears more than once"),
    "columns-reordered": Bad(columns("units.csv", lambda h: [*h[:5], h[6], h[5], *h[7:]]), "units.csv:1:-",
                             "columns are out of order"),
    "file-empty": Bad(write("claims.csv", b""), "claims.csv:0:-", "file is empty"),
    "file-blank-lines-only": Bad(write("units.csv", b"\n\n\n"), "units.csv:0:-", "file is empty"),
    "header-only-claims": Bad(header_only("claims.csv"), "claims.csv:2:-", "the table has a header but no rows"),
    "header-only-units": Bad(header_only("units.csv"), "units.csv:2:-", "the table has a header but no rows"),
    "binary-nul-bytes": Bad(write("claims.csv", bytes(range(256)) * 4), "claims.csv:1:-",
                            "binary content (NUL byte)", process=True),
    "invalid-utf8": Bad(replace("references.csv", b"Lasek W", b"Las\xffek W"), "references.csv:[1]:-",
                        "not valid UTF-8 (byte 0xFF"),
    "directory-instead-of-csv": Bad(directory_instead("claims.csv"), "claims.csv:0:-", "is a directory"),
    "directory-instead-of-datapackage": Bad(directory_instead("datapackage.json"), "datapackage.json:0:-",
                                            "is a directory"),
    "fifo-instead-of-csv": Bad(fifo_instead("claims.csv"), "claims.csv:0:-", "is not a regular file", process=True),
    "link-to-dev-zero": Bad(link_instead("claims.csv", lambda data: Path("/dev/zero")), "claims.csv:0:-",
                            "is a link to a file outside the data directory", process=True),
    "link-outside-data": Bad(link_outside("claims.csv"), "claims.csv:0:-",
                             "is a link to a file outside the data directory"),
    "link-loop": Bad(link_instead("claims.csv", lambda data: data / "claims.csv"), "claims.csv:0:-",
                     "cannot be read"),
    "file-over-byte-cap": Bad(append("claims.csv", "x" * MAX_FILE_BYTES), "claims.csv:0:-",
                              f"file is larger than the limit of {MAX_FILE_BYTES:,} bytes"),
    "data-names-a-file": Bad(lambda data: None, "--data:0:-", "not a directory",
                             data=lambda data: data / "claims.csv"),
    "data-does-not-exist": Bad(lambda data: None, "--data:0:-", "no such directory",
                               data=lambda data: data / "nowhere"),
    # CSV syntax
    "csv-unterminated-quote": Bad(append("claims.csv", 'broken,li-2020,"never closed'), "claims.csv:END:-",
                                  "unterminated quoted field"),
    "csv-stray-quote-in-unquoted-cell": Bad(
        replace("claims.csv", "review-word-count,li-2020,,", 'review-word-count,li-2020,a"b,'),
        "claims.csv:[review-word-count]:arm", 'a " inside a cell that is not quoted'),
    "csv-text-after-closing-quote": Bad(
        replace("claims.csv", "review-word-count,li-2020,,", 'review-word-count,li-2020,"a"b,'),
        "claims.csv:[review-word-count]:-", "malformed CSV"),
    "csv-too-many-cells": Bad(append("claims.csv", "extra-cell" + ",x" * 15), "claims.csv:END:-",
                              "row has 16 cells; the header has 15"),
    "csv-too-few-cells": Bad(append("claims.csv", "short,li-2020"), "claims.csv:END:-",
                             "row has 2 cells; the header has 15"),
    "csv-field-over-limit": Bad(append("claims.csv", "huge," + "x" * (MAX_FIELD_CHARS + 1)), "claims.csv:END:-",
                                f"a field is longer than {MAX_FIELD_CHARS:,} characters"),
    # datapackage.json
    "descriptor-not-json": Bad(write("datapackage.json", b"{not json"), "datapackage.json:1:-", "not valid JSON"),
    "descriptor-nested-too-deep": Bad(write("datapackage.json", b"[" * 100_000 + b"]" * 100_000),
                                      "datapackage.json:0:-", "nested too deeply", process=True),
    "descriptor-not-an-object": Bad(write("datapackage.json", b"[]"), "datapackage.json:0:-",
                                    "must be a JSON object"),
    "descriptor-invalid-utf8": Bad(write("datapackage.json", b'{"name": "\xff"}'), "datapackage.json:0:-",
                                   "not valid UTF-8"),
    "descriptor-no-resources": Bad(package(lambda d: d.pop("resources")), "datapackage.json:0:resources",
                                   "must be a non-empty list of resources"),
    "resource-without-path": Bad(package(lambda d: resource(d, "claims").pop("path")),
                                 "datapackage.json:0:resources.claims.path", "a resource needs a path"),
    "resource-without-type": Bad(package(lambda d: resource(d, "claims").pop("type")),
                                 "datapackage.json:0:resources.claims.type", "must be 'table' or 'file'"),
    "resource-path-with-dotdot": Bad(_resource_path("../data/claims.csv"),
                                     "datapackage.json:0:resources.claims.path", NOT_A_RELATIVE_PATH),
    "resource-path-absolute": Bad(_resource_path("/etc/passwd"), "datapackage.json:0:resources.claims.path",
                                  NOT_A_RELATIVE_PATH),
    "resource-path-with-nul": Bad(_resource_path("claims\0.csv"), "datapackage.json:0:resources.claims.path",
                                  NOT_A_RELATIVE_PATH),
    "field-pattern-invalid-regex": Bad(
        package(lambda d: field(d, "claims", "claim_id")["constraints"].update(pattern="^[a-z")),
        "datapackage.json:0:resources.claims.schema.fields.claim_id", "is not a valid regular expression"),
    "field-type-unknown": Bad(package(lambda d: field(d, "claims", "value").update(type="decimal")),
                              "datapackage.json:0:resources.claims.schema.fields.value",
                              "type 'decimal' is not one of"),
    "field-minimum-on-text": Bad(package(lambda d: field(d, "claims", "note").update(constraints={"minimum": 0})),
                                 "datapackage.json:0:resources.claims.schema.fields.note",
                                 "minimum applies to integer and number fields only"),
    "foreign-keys-not-a-list": Bad(package(lambda d: resource(d, "claims")["schema"].update(foreignKeys=5)),
                                   "datapackage.json:0:resources.claims.schema.foreignKeys", "must be a list"),
    "required-resource-missing": Bad(package(lambda d: d["resources"].remove(resource(d, "topics"))),
                                     "datapackage.json:0:resources", "the package has no resource named 'topics'"),
    "required-table-declared-a-file": Bad(package(lambda d: resource(d, "findings").update(type="file")),
                                          "datapackage.json:0:resources.findings.type", "must be 'table'"),
    "schema-v2-missing": Bad(package(lambda d: d.pop("$schema")), "datapackage.json:0:$schema",
                             "(Data Package v2)"),
    "source-text-one-character-edited": Bad(
        replace("source/review.txt", "23 patients were enrolled", "24 patients were enrolled"),
        "source/review.txt:0:-", "its sha256 hash differs from datapackage.json"),
    "source-text-bytes-wrong": Bad(package(_source_bytes_plus_one), "source/review.txt:0:-",
                                   "bytes; datapackage.json records"),
    "source-text-hash-wrong": Bad(package(lambda d: resource(d, "source-text").update(hash="sha256:" + "0" * 64)),
                                  "source/review.txt:0:-", "its sha256 hash differs from datapackage.json"),
    # values
    "number-not-numeric": Bad(set_cell("claims.csv", "ctcl-pr-rate", "value", "forty-three"),
                              "claims.csv:[ctcl-pr-rate]:value", "'forty-three' is not a number"),
    "integer-not-numeric": Bad(set_cell("claims.csv", "ctcl-completed", "numerator", "ten"),
                               "claims.csv:[ctcl-completed]:numerator", "'ten' is not a whole number"),
    "integer-arabic-indic-digits": Bad(set_cell("claims.csv", "nhl-responders", "denominator", "٢٩"),
                                       "claims.csv:[nhl-responders]:denominator", "use ASCII digits 0-9"),
    "number-arabic-indic-digits": Bad(set_cell("claims.csv", "nhl-evaluable", "value", "٢٩"),
                                      "claims.csv:[nhl-evaluable]:value", "use ASCII digits 0-9"),
    "integer-fullwidth-digits": Bad(set_cell("claims.csv", "rituximab-responders", "denominator", "４３"),
                                    "claims.csv:[rituximab-responders]:denominator", "use ASCII digits 0-9"),
    "number-fullwidth-digits": Bad(set_cell("claims.csv", "rituximab-treated", "value", "４３"),
                                   "claims.csv:[rituximab-treated]:value", "use ASCII digits 0-9"),
    "percentage-above-100": Bad(set_cell("claims.csv", "ctcl-pr-rate", "value", "143"),
                                "claims.csv:[ctcl-pr-rate]:value", "143 is above 100, the most a value in % can be"),
    "percentage-below-0": Bad(set_cell("claims.csv", "ctcl-pr-rate", "value", "-43"),
                              "claims.csv:[ctcl-pr-rate]:value", "-43 is below 0, the least a value in % can be"),
    "number-with-30-decimals": Bad(set_cell("claims.csv", "ctcl-pr-rate", "value", "43." + "0" * 30),
                                   "claims.csv:[ctcl-pr-rate]:value", "has more than 6 decimals"),
    "percentage-printed-with-30-decimals": Bad(
        both(set_cell("primary_sources.csv", "ctcl-pr-rate", "primary_value", "43." + "0" * 30),
             replace("primary_sources.csv", PR_RATE_HEADLINE, f"(43.{'0' * 30}%)")),
        "primary_sources.csv:[ctcl-pr-rate]:primary_value", DIGITS),
    "percentage-with-denominator-1e17": Bad(set_cell("claims.csv", "ctcl-pr-rate", "denominator", str(10**17)),
                                            "claims.csv:[ctcl-pr-rate]:denominator",
                                            f"denominator {10**17} differs from 23 stated by ctcl-enrolled"),
    "percentage-printed-as-word": Bad(set_cell("claims.csv", "tsebt-stage-ib-count", "unit", "%"),
                                      "claims.csv:[tsebt-stage-ib-count]:value_as_printed", DIGITS),
    "primary-percentage-printed-as-numeral": Bad(
        both(set_cell("primary_sources.csv", "ctcl-pr-rate", "primary_value", "XLIII"),
             replace("primary_sources.csv", PR_RATE_HEADLINE, "(XLIII%)")),
        "primary_sources.csv:[ctcl-pr-rate]:primary_value", DIGITS),
    "enum-violation": Bad(set_cell("studies.csv", "duvic-2006", "theme", "treatment"),
                          "studies.csv:[duvic-2006]:theme", "'treatment' is not one of"),
    "enum-violation-in-count-sources": Bad(
        set_cell("count_sources.csv", "ctcl-pr-rate,numerator", "count", "numerators"),
        "count_sources.csv:[ctcl-pr-rate,numerator]:count", "'numerators' is not one of"),
    "boolean-not-true-or-false": Bad(set_cell("subgroups.csv", "duvic-2006", "selected_on_outcome", "no"),
                                     "subgroups.csv:[duvic-2006]:selected_on_outcome", "'no' is not true or false"),
    "required-value-missing": Bad(set_cell("claims.csv", "ctcl-pr-rate", "quote", ""),
                                  "claims.csv:[ctcl-pr-rate]:quote", "required value is missing"),
    "primary-key-duplicate": Bad(set_cell("claims.csv", "ctcl-mr-rate", "claim_id", "ctcl-pr-rate"),
                                 "claims.csv:[ctcl-mr-rate]:claim_id", "duplicate value 'ctcl-pr-rate'"),
    "composite-key-duplicate": Bad(append("count_sources.csv", "ctcl-pr-rate,numerator,ctcl-pr-count"),
                                   "count_sources.csv:END:claim_id",
                                   "duplicate key 'ctcl-pr-rate+numerator+ctcl-pr-count'"),
    "foreign-key-unknown-study": Bad(set_cell("claims.csv", "ctcl-pr-rate", "study_id", "nobody-1999"),
                                     "claims.csv:[ctcl-pr-rate]:study_id",
                                     "'nobody-1999' is not a study_id in studies"),
    "foreign-key-unknown-unit": Bad(set_cell("claims.csv", "ctcl-pr-rate", "unit", "percent"),
                                    "claims.csv:[ctcl-pr-rate]:unit", "'percent' is not a unit in units"),
    "foreign-key-unknown-count-source": Bad(
        set_cell("count_sources.csv", "ctcl-pr-rate,numerator", "source_claim_id", "no-such-claim"),
        "count_sources.csv:[ctcl-pr-rate,numerator]:source_claim_id", "'no-such-claim' is not a claim_id in claims"),
    "numerator-above-denominator": Bad(set_cell("claims.csv", "ctcl-completed", "denominator", "9"),
                                       "claims.csv:[ctcl-completed]:numerator", "numerator 10 exceeds denominator 9"),
    "value-differs-from-printed": Bad(set_cell("claims.csv", "ctcl-pr-rate", "value", "44"),
                                      "claims.csv:[ctcl-pr-rate]:value", "value 44 differs from '43' as printed"),
    "quote-not-in-source": Bad(replace("claims.csv", "23 patients were enrolled", "23 patients were enroled"),
                               "claims.csv:[ctcl-enrolled]:quote", "quote not found verbatim in the source text"),
    "printed-value-not-in-quote": Bad(
        both(set_cell("claims.csv", "ctcl-phase", "value_as_printed", "III"),
             set_cell("claims.csv", "ctcl-phase", "value", "3")),
        "claims.csv:[ctcl-phase]:value_as_printed", "'III' does not occur in its quote"),
    "formula-equals": Bad(set_cell("claims.csv", "ctcl-pr-rate", "note", '=HYPERLINK("http://example.org")'),
                          "claims.csv:[ctcl-pr-rate]:note", "starts with '=': a spreadsheet would run it as a formula"),
    "formula-plus": Bad(set_cell("studies.csv", "duvic-2006", "label", "+Duvic 2006"),
                        "studies.csv:[duvic-2006]:label", "starts with '+'"),
    "formula-minus": Bad(set_cell("claims.csv", "ctcl-pr-rate", "arm", "-2+3"), "claims.csv:[ctcl-pr-rate]:arm",
                         "starts with '-'"),
    "formula-at": Bad(
        set_cell("review_problems.csv", "ansell-rounding", "explanation", "@SUM(A1:A9) is what it adds"),
        "review_problems.csv:[ansell-rounding]:explanation", "starts with '@'"),
    "count-sources-do-not-sum": Bad(append("count_sources.csv", "ctcl-completed,denominator,ctcl-continuous-count"),
                                    "claims.csv:[ctcl-completed]:denominator",
                                    "differs from 28 stated by ctcl-enrolled + ctcl-continuous-count"),
    "parameter-that-would-hang-the-audit": Bad(
        set_cell("parameters.csv", "nearby_counts", "value", "100000000000"), "parameters.csv:[nearby_counts]:value",
        "must be a whole number up to 1,000"),
    "parameter-out-of-range": Bad(set_cell("parameters.csv", "confidence_level", "value", "95"),
                                  "parameters.csv:[confidence_level]:value", "strictly between 0 and 1"),
    "finding-unexplained": Bad(delete_row("findings.csv", "percent-vs-counts,rituximab-cr-rate"),
                               "claims.csv:[rituximab-cr-rate]:value_as_printed",
                               "unexplained percent-vs-counts finding"),
    "finding-explains-nothing": Bad(
        append("findings.csv", "grim,ctcl-enrolled,ansell-rounding"),
        "findings.csv:END:subject", "assigns a finding the rules no longer produce"),
    "unresolved-comparison-without-searches": Bad(
        both(delete_rows_where("searches.csv", "target", "duvic-2006"), delete_rows_where("searches.csv", "target", "ref-14")),
        "primary_sources.csv:[ctcl-earliest-response]:verdict", "needs the searches made for duvic-2006"),
    "belongs-elsewhere-without-reading-the-cited-source": Bad(
        set_cell("primary_sources.csv", "pd1-cycle", "verdict", "belongs-elsewhere"),
        "primary_sources.csv:[pd1-cycle]:verdict", "only when the cited source was read"),
    "other-report-that-is-not-the-same-study": Bad(
        set_cell("primary_sources.csv", "ctcl-phase", "compared_with", "other-report"),
        "primary_sources.csv:[ctcl-phase]:compared_with", "must be another report of duvic-2006"),
    "cosmetic-problem-that-moves-a-figure": Bad(
        both(set_cell("review_problems.csv", "ansell-overall-response", "consequence", "changes-figure")),
        "review_problems.csv:[ansell-overall-response]:consequence", "under figure_change_points"),
    "parts-in-patients-of-a-whole-in-percent": Bad(
        set_cell("claims.csv", "rituximab-cr-rate", "unit", "patients"),
        "claims.csv:[rituximab-cr-rate]:unit", "the parts of rituximab-response-rate mix percentages and counts"),
    "interval-schedule-without-doses-per-interval": Bad(
        set_cell("regimens.csv", "tsebt-maintenance", "doses_per_interval_claim", ""),
        "regimens.csv:[tsebt-maintenance]:doses_per_interval_claim", "needs the number of doses per interval"),
    "identifier-without-its-record": Bad(set_cell("references.csv", "33", "identifiers_seen_at", ""),
                                         "references.csv:[33]:identifiers_seen_at",
                                         "an identifier needs the record it was seen in"),
    "identifier-not-a-pmcid": Bad(set_cell("references.csv", "33", "pmcid", "11029752"),
                                  "references.csv:[33]:pmcid", "PMC"),
    "primary-study-identifier-disagrees": Bad(set_cell("primary_studies.csv", "bekaii-saab-2009", "pmcid", "PMC1"),
                                              "primary_studies.csv:[bekaii-saab-2009]:pmcid",
                                              "differs from reference 17's PMC2996611"),
}
# fmt: on


# --- running a case -------------------------------------------------------------------------
def _snapshot(folder: Path) -> dict[str, tuple]:
    """Every entry below folder, hashed; links and FIFOs are recorded, never followed or opened."""
    entries = {}
    for directory, subdirectories, files in os.walk(folder):
        for name in subdirectories + files:
            path = Path(directory) / name
            info = path.lstat()
            key = str(path.relative_to(folder))
            if stat.S_ISLNK(info.st_mode):
                entries[key] = ("link", os.readlink(path))
            elif stat.S_ISREG(info.st_mode) and os.access(path, os.R_OK):
                entries[key] = ("file", hashlib.sha256(path.read_bytes()).hexdigest())
            else:  # a directory, a FIFO, or a file this user may not read
                entries[key] = (stat.filemode(info.st_mode), info.st_size, info.st_mtime_ns)
    return entries


def _expected(case: Bad, data: Path, data_arg: Path) -> tuple[str, int, str]:
    """(absolute file, row, column) of `case.where`; rows named by key are looked up in `data` as it is."""
    file, row, column = case.where.split(":")
    path = data_arg if file == "--data" else data / file
    if row == "END":
        number = len(_records(path)) + 1
    elif row.startswith("["):
        number = _row_index(_records(path), row.strip("[]")) + 1
    else:
        number = int(row)
    return os.path.abspath(path), number, column


class _TooSlow(Exception):
    pass


def _raise_too_slow(signum, frame):
    raise _TooSlow(f"more than {TIME_LIMIT} s")


def _run(argv: list[str], *, process: bool, capsys) -> tuple[int, str, str, float]:
    start = time.perf_counter()
    if process:
        result = subprocess.run(
            [sys.executable, "-m", "il12_evidence", *argv],
            capture_output=True,
            text=True,
            cwd=ROOT,
            env=ENV,
            timeout=TIME_LIMIT,
        )
        return result.returncode, result.stdout, result.stderr, time.perf_counter() - start
    previous = signal.signal(signal.SIGALRM, _raise_too_slow)  # a hang fails the case instead of the run
    signal.alarm(TIME_LIMIT)
    try:
        code = main(argv)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    captured = capsys.readouterr()
    return code, captured.out, captured.err, time.perf_counter() - start


def _problems(out: str, cwd: Path) -> list[tuple[str, int, str, str]]:
    lines = out.splitlines()
    matches = [PROBLEM_LINE.match(line) for line in lines]
    assert lines and all(matches), f"every line of stdout must be FILE:ROW:COLUMN: message, got:\n{out}"
    return [(os.path.abspath(cwd / m["file"]), int(m["row"]), m["column"], m["message"]) for m in matches]


@pytest.mark.parametrize("name", list(CASES))
def test_bad_input_is_reported_cleanly(name, data_copy, capsys):
    case = CASES[name]
    data_arg = case.data(data_copy)
    expected = _expected(case, data_copy, data_arg)  # before the edit moves any row
    case.edit(data_copy)
    before = _snapshot(data_copy.parent)
    cwd = ROOT if case.process else Path.cwd()
    outputs = []
    for command in (["validate"], ["audit", "--format", "csv"]):
        code, out, err, elapsed = _run([*command, "--data", str(data_arg)], process=case.process, capsys=capsys)
        assert "Traceback" not in out + err
        assert code == 1, out + err
        assert elapsed < TIME_LIMIT
        problems = _problems(out, cwd)
        assert any(
            (file, row, column) == expected and case.message in message for file, row, column, message in problems
        ), f"expected {':'.join(map(str, expected))}: …{case.message}… in:\n{out}"
        outputs.append(out)
    assert outputs[1] == outputs[0], "audit on invalid data must print the problems and nothing else"
    assert _snapshot(data_copy.parent) == before, "the input files changed"


# --- what must be accepted, and what needs more than an edit --------------------------------
def test_the_editing_helpers_alone_keep_the_data_valid(data_copy, capsys):
    """The cases break the data only by their change: rewriting every file as they do is valid."""
    for path in data_copy.glob("*.csv"):
        _write_records(path, _records(path))
    package(lambda descriptor: None)(data_copy)
    assert main(["validate", "--data", str(data_copy)]) == 0, capsys.readouterr().out


def test_byte_order_mark_and_crlf_are_accepted(data_copy, capsys):
    for path in [*data_copy.glob("*.csv"), data_copy / "datapackage.json"]:
        content = path.read_bytes()
        if path.suffix == ".csv":
            content = content.replace(b"\n", b"\r\n")
        path.write_bytes(b"\xef\xbb\xbf" + content)
    assert main(["validate", "--data", str(data_copy)]) == 0, capsys.readouterr().out


def test_unreadable_file_is_reported(data_copy, capsys, monkeypatch):
    target = data_copy / "claims.csv"
    if os.geteuid() == 0:  # root reads a mode-000 file: make opening it fail as it would for anyone else
        real_open = open

        def refusing_open(file, *args, **kwargs):
            if Path(file) == target.resolve():
                raise PermissionError(13, "Permission denied", str(file))
            return real_open(file, *args, **kwargs)

        monkeypatch.setattr(data_module, "open", refusing_open, raising=False)
    else:
        target.chmod(0)
    try:
        before = _snapshot(data_copy)
        assert main(["validate", "--data", str(data_copy)]) == 1
        out = capsys.readouterr().out
        assert f"{target}:0:-: cannot be read: Permission denied" in out
        assert _snapshot(data_copy) == before
    finally:
        target.chmod(0o644)


def test_audit_of_a_1e17_denominator_is_arithmetic(data_copy):
    """GRIM and the counts rule answer by arithmetic: a denominator of 10**17 gets its answer."""
    from il12_evidence.data import read
    from il12_evidence.rules import Audit

    for claim_id in ("ctcl-pr-rate", "ctcl-mr-rate"):  # with counts, and a percentage of a group only
        set_cell("claims.csv", claim_id, "denominator", str(10**17))(data_copy)
    dataset, problems = read(data_copy)
    assert problems == []
    findings = Audit(dataset).findings  # a search over the counts would never end (timed by make bench)
    grim = next(f for f in findings if f.key == ("grim", "ctcl-mr-rate"))
    assert f"30% of {10**17}" in grim.explanation


@pytest.mark.parametrize("reads_first_line", [True, False], ids=["head-1", "reader-gone-at-once"])
def test_audit_piped_into_head_ends_quietly(reads_first_line):
    process = subprocess.Popen(
        [sys.executable, "-m", "il12_evidence", "audit", "--format", "csv", "--all"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
        env=ENV,
    )
    if reads_first_line:
        assert process.stdout.readline().startswith(b"rule,subject,")
    process.stdout.close()
    stderr = process.stderr.read().decode()
    assert process.wait(timeout=TIME_LIMIT) == 0, stderr
    assert stderr == ""


def test_invalid_data_piped_into_head_still_exits_1(data_copy):
    """A reader that stops early must not turn the verdict on invalid data into success."""
    write("claims.csv", b"")(data_copy)
    process = subprocess.Popen(
        [sys.executable, "-m", "il12_evidence", "validate", "--data", str(data_copy)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
        env=ENV,
    )
    process.stdout.close()
    stderr = process.stderr.read().decode()
    assert process.wait(timeout=TIME_LIMIT) == 1
    assert "Traceback" not in stderr
