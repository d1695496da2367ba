"""Load the data package and validate it: files, schema, provenance and cross-row references.

Every problem becomes a `Problem` located as FILE:ROW:COLUMN; input files are only read.
"""

import csv
import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from . import schema
from .coverage import uncovered_numbers
from .paths import DATA_DIR, PACKAGE_FILE
from .problems import DataError, Problem, display_path
from .values import occurs_as_token, parse_printed

MAX_FIELD_CHARS = 100_000  # a quote or note longer than this is a pasting accident
MAX_FILE_BYTES = 5_000_000


@dataclass(frozen=True)
class Dataset:
    data_dir: Path
    package: dict
    tables: dict[str, list[dict]]  # resource name → typed rows (None for empty cells)
    source_text: str

    @property
    def claims(self) -> list[dict]:
        return self.tables["claims"]

    @property
    def references(self) -> list[dict]:
        return self.tables["references"]

    @property
    def findings(self) -> list[dict]:
        return self.tables["findings"]

    def claim(self, claim_id: str) -> dict:
        return self.claims_by_id[claim_id]

    @property
    def claims_by_id(self) -> dict[str, dict]:
        return {row["claim_id"]: row for row in self.claims}

    def path(self, resource: str) -> Path:
        return self.data_dir / _resource(self.package, resource)["path"]


def load(data_dir: Path = DATA_DIR) -> Dataset:
    """The validated dataset; raises DataError listing every problem (audit findings included)."""
    from .checks import reconcile_findings  # checks builds on Dataset

    dataset, problems = read(data_dir)
    if dataset is not None and not problems:
        problems = reconcile_findings(dataset)
    if problems:
        raise DataError(problems)
    return dataset


def read(data_dir: Path = DATA_DIR) -> tuple[Dataset | None, list[Problem]]:
    """Read and check every resource; the dataset is None when a file could not be read."""
    data_dir = Path(data_dir)
    package_path = data_dir / PACKAGE_FILE
    problems: list[Problem] = []
    try:
        package = json.loads(package_path.read_text(encoding="utf-8"))
        resources = {resource["name"]: resource for resource in package["resources"]}
    except FileNotFoundError:
        return None, [Problem(display_path(package_path), 0, "-", "file not found")]
    except (ValueError, KeyError, TypeError) as error:
        return None, [Problem(display_path(package_path), 0, "-", f"not a valid data package: {error}")]

    raw_tables: dict[str, list[dict]] = {}
    for name, resource in resources.items():
        if "schema" in resource:
            rows = _read_csv(data_dir / resource["path"], resource["schema"], problems)
            if rows is not None:
                raw_tables[name] = rows
    source_text = _read_text(data_dir / _resource(package, "source-text")["path"], problems)
    if problems:  # a file that cannot be parsed makes every later check noise
        return None, problems

    tables: dict[str, list[dict]] = {}
    for name, rows in raw_tables.items():
        table_schema = resources[name]["schema"]
        tables[name] = schema.check_fields(rows, table_schema, _reporter(data_dir / resources[name]["path"], problems))
    for name, rows in tables.items():
        table_schema = resources[name]["schema"]
        report = _reporter(data_dir / resources[name]["path"], problems)
        schema.check_primary_key(rows, table_schema, report)
        schema.check_foreign_keys(rows, table_schema, {**tables, "": rows}, report)

    dataset = Dataset(data_dir, package, tables, source_text)
    _check_provenance(dataset, problems)
    _check_completeness(dataset, problems)
    _check_primary_sources(dataset, problems)
    return dataset, sorted(problems)


def _resource(package: dict, name: str) -> dict:
    return next(resource for resource in package["resources"] if resource["name"] == name)


def _reporter(path: Path, problems: list[Problem]):
    shown = display_path(path)
    return lambda row, column, message: problems.append(Problem(shown, row, column, message))


def _read_bytes(path: Path, problems: list[Problem]) -> bytes | None:
    shown = display_path(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            problems.append(Problem(shown, 0, "-", f"file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,}"))
            return None
        raw = path.read_bytes()
    except FileNotFoundError:
        problems.append(Problem(shown, 0, "-", "file not found"))
        return None
    except OSError as error:
        problems.append(Problem(shown, 0, "-", f"cannot be read: {error.strerror}"))
        return None
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        problems.append(Problem(shown, line, "-", "binary content (NUL byte): not a UTF-8 text file"))
        return None
    return raw


def _decode(path: Path, raw: bytes, problems: list[Problem]) -> str | None:
    try:
        return raw.decode("utf-8-sig")  # a byte-order mark is accepted and dropped
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        byte = raw[error.start : error.start + 1].hex().upper()
        problems.append(
            Problem(
                display_path(path),
                line,
                "-",
                f"not valid UTF-8 (byte 0x{byte} at offset {error.start}); save the file as UTF-8",
            )
        )
        return None


def _read_text(path: Path, problems: list[Problem]) -> str:
    raw = _read_bytes(path, problems)
    text = _decode(path, raw, problems) if raw is not None else None
    return text or ""


def _read_csv(path: Path, table_schema: dict, problems: list[Problem]) -> list[dict] | None:
    shown = display_path(path)
    raw = _read_bytes(path, problems)
    if raw is None:
        return None
    text = _decode(path, raw, problems)
    if text is None:
        return None
    if not text.strip():
        problems.append(Problem(shown, 0, "-", "file is empty; expected a header row"))
        return None
    csv.field_size_limit(MAX_FIELD_CHARS)
    reader = csv.reader(text.splitlines(keepends=True), strict=True)
    try:
        records = list(reader)
    except csv.Error as error:
        message = str(error)
        if "field larger than field limit" in message:
            message = f"a field is longer than {MAX_FIELD_CHARS:,} characters"
        elif "unexpected end of data" in message:
            message = 'unterminated quoted field (a " is opened and never closed)'
        problems.append(Problem(shown, reader.line_num, "-", f"malformed CSV: {message}"))
        return None
    header, body = records[0], records[1:]
    expected = [field["name"] for field in table_schema["fields"]]
    if header != expected:
        missing = [name for name in expected if name not in header]
        extra = [name for name in header if name not in expected]
        for name in missing:
            problems.append(Problem(shown, 1, name, "column is missing from the header"))
        for name in extra:
            problems.append(Problem(shown, 1, name or "-", "column is not in the schema (datapackage.json)"))
        if not missing and not extra:
            problems.append(Problem(shown, 1, "-", f"columns are out of order; expected: {','.join(expected)}"))
        return None
    rows = []
    for number, record in enumerate(body, start=2):
        if record == []:
            continue  # a trailing blank line
        if len(record) != len(header):
            problems.append(Problem(shown, number, "-", f"row has {len(record)} cells; the header has {len(header)}"))
            continue
        rows.append({"__row__": number, **dict(zip(header, record, strict=True))})
    return rows


def _check_provenance(dataset: Dataset, problems: list[Problem]) -> None:
    """Quotes are verbatim, values are the ones quoted, and counts are backed by claims."""
    claims_file = display_path(dataset.path("claims"))
    by_id = dataset.claims_by_id

    def report(row: dict, column: str, message: str) -> None:
        problems.append(Problem(claims_file, row["__row__"], column, message))

    for row in dataset.claims:
        quote, printed = row["quote"], row["value_as_printed"]
        if quote and quote not in dataset.source_text:
            report(
                row, "quote", f"claim {row['claim_id']}: quote not found verbatim in the source text: {quote[:80]!r}"
            )
        elif quote and printed and not occurs_as_token(printed, quote):
            report(
                row,
                "value_as_printed",
                f"claim {row['claim_id']}: {printed!r} does not occur in its quote {quote[:80]!r}",
            )
        if printed:
            parsed = parse_printed(printed)
            if parsed is None:
                report(
                    row,
                    "value_as_printed",
                    f"claim {row['claim_id']}: {printed!r} is not a number, number word or numeral",
                )
            elif row["value"] is not None and parsed != row["value"]:
                report(
                    row,
                    "value",
                    f"claim {row['claim_id']}: value {row['value']} differs from {printed!r} as printed ({parsed})",
                )
        numerator, denominator = row["numerator"], row["denominator"]
        if numerator is not None and denominator is not None and numerator > denominator:
            report(
                row, "numerator", f"claim {row['claim_id']}: numerator {numerator} exceeds denominator {denominator}"
            )
        for count, source in (("numerator", "numerator_source"), ("denominator", "denominator_source")):
            _check_count_source(row, count, source, by_id, report)

    references_file = display_path(dataset.path("references"))
    for row in dataset.references:
        if row["entry"] and row["entry"] not in dataset.source_text:
            problems.append(
                Problem(
                    references_file,
                    row["__row__"],
                    "entry",
                    f"reference {row['ref']}: entry not found verbatim in the source text",
                )
            )


def _check_primary_sources(dataset: Dataset, problems: list[Problem]) -> None:
    """Each concordance row states its figure, checks the claim of its reference, and counts that fit."""
    rows = dataset.tables.get("primary-sources")
    if rows is None:
        return
    shown = display_path(dataset.path("primary-sources"))
    by_id = dataset.claims_by_id
    checked = {row["claim_id"] for row in rows}
    for claim in dataset.claims:  # every number attributed to a study is compared with that study
        if claim["ref"] is not None and claim["claim_id"] not in checked:
            problems.append(
                Problem(
                    display_path(dataset.path("claims")),
                    claim["__row__"],
                    "ref",
                    f"claim {claim['claim_id']} cites reference {claim['ref']} but has no row in primary_sources.csv",
                )
            )
    for row in rows:
        claim = by_id.get(row["claim_id"])
        if claim is not None and claim["ref"] != row["ref"]:
            problems.append(
                Problem(
                    shown,
                    row["__row__"],
                    "ref",
                    f"claim {row['claim_id']} cites reference {claim['ref']}, not {row['ref']}",
                )
            )
        value, statement = row["primary_value"], row["primary_statement"] or ""
        if value and not occurs_as_token(value, statement):
            problems.append(
                Problem(
                    shown,
                    row["__row__"],
                    "primary_value",
                    f"claim {row['claim_id']}: {value!r} does not occur in primary_statement",
                )
            )
        numerator, denominator = row["primary_numerator"], row["primary_denominator"]
        if numerator is not None and denominator is not None and numerator > denominator:
            problems.append(
                Problem(
                    shown,
                    row["__row__"],
                    "primary_numerator",
                    f"claim {row['claim_id']}: {numerator} exceeds {denominator}",
                )
            )
        if row["verdict"] != "unverified" and not row["source"]:
            problems.append(
                Problem(
                    shown,
                    row["__row__"],
                    "source",
                    f"claim {row['claim_id']}: verdict {row['verdict']} needs the address that was read",
                )
            )


def _check_completeness(dataset: Dataset, problems: list[Problem]) -> None:
    """Every number printed in the source's body is stated by a claim (see coverage)."""
    source = _resource(dataset.package, "source-text")
    if "x-body-start" not in source:
        return
    path = display_path(dataset.path("source-text"))
    try:
        missing = uncovered_numbers(
            dataset.source_text,
            dataset.claims,
            source["x-body-start"],
            source.get("x-body-end", ""),
            [item["fragment"] for item in source.get("x-not-numbers", [])],
        )
    except ValueError:
        problems.append(Problem(path, 0, "-", "x-body-start or x-body-end of datapackage.json is not in the text"))
        return
    for number in missing:
        problems.append(
            Problem(path, number.line, "-", f"number {number.token!r} is stated by no claim: …{number.context}…")
        )


def _check_count_source(row: dict, count: str, source: str, by_id: dict, report) -> None:
    """A count must name the claim(s) that state it, and equal their (summed) values."""
    value, names = row[count], row[source]
    if value is None and names is None:
        return
    if names is None:
        report(row, source, f"claim {row['claim_id']}: {count} {value} names no claim that states it")
        return
    ids = names.split("+")
    unknown = [name for name in ids if name not in by_id]
    if unknown:
        report(row, source, f"claim {row['claim_id']}: unknown claim_id {', '.join(unknown)}")
        return
    stated = sum((by_id[name]["value"] or Decimal(0) for name in ids), Decimal(0))
    if value is None:
        report(row, count, f"claim {row['claim_id']}: {count} is empty but {source} gives {stated}")
    elif stated != value:
        report(row, count, f"claim {row['claim_id']}: {count} {value} differs from {stated} stated by {names}")
