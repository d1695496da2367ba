"""Read the data package: descriptor, CSV tables and source text, typed and indexed.

Every problem becomes a `Problem` located as FILE:ROW:COLUMN; nothing here raises on bad
input, and input files are only read: regular files inside the data directory, at most
MAX_FILE_BYTES each, counted while reading (a FIFO, a device or a link out of the directory
is refused before it is opened).
"""

import csv
import hashlib
import json
import os
import stat
from collections import OrderedDict
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from pathlib import Path, PurePosixPath

from . import schema
from .paths import DATA_DIR, PACKAGE_FILE
from .problems import Problem, display_path
from .sourcetext import SourceText

MAX_FIELD_CHARS = 100_000  # a quote or note longer than this is a pasting accident
MAX_FILE_BYTES = 5_000_000
PACKAGE_SCHEMA = "https://datapackage.org/profiles/2.0/datapackage.json"
# The resources the engine reads; a package without one of them is not a review package.
REQUIRED_TABLES = (
    "claims",
    "count-sources",
    "studies",
    "references",
    "units",
    "quantities",
    "outcomes",
    "topics",
    "verdicts",
    "rules",
    "findings",
    "review-problems",
    "problem-kinds",
    "consequences",
    "parameters",
)
OPTIONAL_TABLES = (
    "primary-studies",
    "primary-sources",
    "publication-types",
    "regimens",
    "suspect-terms",
    "subgroups",
    "searches",
)
# Tables a review cannot do without rows in (findings and count sources may rightly be empty):
# a header-only file is reported once, instead of as every row elsewhere that refers to it.
NON_EMPTY_TABLES = tuple(
    name for name in REQUIRED_TABLES if name not in ("findings", "count-sources", "review-problems")
)
SOURCE_TEXT = "source-text"


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: the audit is cached per dataset
class Dataset:
    """The package as read: descriptor, typed rows and source text, with indices. No rules run here."""

    data_dir: Path
    package: dict
    tables: dict[str, list[dict]]  # resource name → typed rows (None for empty cells)
    source: SourceText

    @property
    def source_text(self) -> str:
        return self.source.text

    def rows(self, name: str) -> list[dict]:
        return self.tables.get(name, [])

    @property
    def claims(self) -> list[dict]:
        return self.tables["claims"]

    @property
    def references(self) -> list[dict]:
        return self.tables["references"]

    @property
    def findings(self) -> list[dict]:
        return self.tables["findings"]

    @property
    def studies(self) -> list[dict]:
        return self.tables["studies"]

    def resource(self, name: str) -> dict:
        return next(r for r in self.package["resources"] if r.get("name") == name)

    def path(self, name: str) -> Path:
        return self.data_dir / self.resource(name)["path"]

    # --- indices, built once ----------------------------------------------------------------
    def _by(self, table: str, key: str) -> dict:
        return {row[key]: row for row in self.rows(table)}

    def rows_by(self, table: str, key: str) -> dict:
        """A table's rows by a key column (built once per table and key)."""
        cache = self.__dict__.setdefault("_rows_by", {})
        if (table, key) not in cache:
            cache[(table, key)] = self._by(table, key)
        return cache[(table, key)]

    def grouped_by(self, table: str, key: str) -> dict[str, list[dict]]:
        """A table's rows grouped by a column that repeats (built once per table and key)."""
        cache = self.__dict__.setdefault("_grouped_by", {})
        if (table, key) not in cache:
            groups: dict[str, list[dict]] = {}
            for row in self.rows(table):
                groups.setdefault(row.get(key), []).append(row)
            cache[(table, key)] = groups
        return cache[(table, key)]

    @cached_property
    def claims_by_id(self) -> dict[str, dict]:
        return self._by("claims", "claim_id")

    @cached_property
    def claim_order(self) -> dict[str, int]:
        return {row["claim_id"]: index for index, row in enumerate(self.claims)}

    @cached_property
    def studies_by_id(self) -> dict[str, dict]:
        return self._by("studies", "study_id")

    @cached_property
    def references_by_ref(self) -> dict[int, dict]:
        return self._by("references", "ref")

    @cached_property
    def units(self) -> dict[str, dict]:
        return self._by("units", "unit")

    @cached_property
    def quantities(self) -> dict[str, dict]:
        return self._by("quantities", "quantity")

    @cached_property
    def outcomes(self) -> dict[str, dict]:
        return self._by("outcomes", "outcome")

    @cached_property
    def topics(self) -> dict[str, dict]:
        return self._by("topics", "topic")

    @cached_property
    def verdicts(self) -> dict[str, dict]:
        return self._by("verdicts", "verdict")

    @cached_property
    def rules(self) -> dict[str, dict]:
        return self._by("rules", "rule")

    @cached_property
    def primary_by_claim(self) -> dict[str, dict]:
        return self._by("primary-sources", "claim_id")

    @cached_property
    def primary_studies(self) -> dict[str, dict]:
        return self._by("primary-studies", "primary_id")

    @cached_property
    def review_problems(self) -> dict[str, dict]:
        return self._by("review-problems", "problem_id")

    @cached_property
    def searches_for(self) -> dict[str, list[dict]]:
        """target (a paper's primary_id, or ref-N) → the searches made for it."""
        found: dict[str, list[dict]] = {}
        for row in self.rows("searches"):
            found.setdefault(row["target"], []).append(row)
        return found

    @cached_property
    def parameters(self) -> dict[str, Decimal]:
        return {row["parameter"]: row["value"] for row in self.rows("parameters")}

    @cached_property
    def count_sources(self) -> dict[tuple[str, str], list[str]]:
        """(claim_id, "numerator"|"denominator") → the claims whose values the count equals (their sum)."""
        sources: dict[tuple[str, str], list[str]] = {}
        for row in self.rows("count-sources"):
            sources.setdefault((row["claim_id"], row["count"]), []).append(row["source_claim_id"])
        return sources

    @cached_property
    def claims_by_study(self) -> dict[str, list[dict]]:
        grouped: dict[str, list[dict]] = {}
        for claim in self.claims:
            grouped.setdefault(claim["study_id"], []).append(claim)
        return grouped

    def claim(self, claim_id: str) -> dict:
        return self.claims_by_id[claim_id]

    def study_of(self, claim: dict) -> dict:
        return self.studies_by_id[claim["study_id"]]

    def is_percentage(self, claim: dict) -> bool:
        return self.units[claim["unit"]]["dimension"] == "percentage"

    def read_at(self, primary: dict) -> str:
        """Where a comparison's source was read: the row's own page, else its paper's."""
        return primary.get("read_at") or self.primary_studies[primary["primary_id"]]["read_at"] or ""


def read(data_dir: Path = DATA_DIR) -> tuple[Dataset | None, list[Problem]]:
    """Read and type every resource; the dataset is None when the package cannot be read as a whole."""
    data_dir = Path(data_dir)
    problems: list[Problem] = []
    package = _read_package(data_dir, problems)
    if package is None:
        return None, problems
    resources = {resource["name"]: resource for resource in package["resources"]}

    raw_tables: dict[str, tuple] = {}
    for name, resource in resources.items():
        if resource["type"] == "table":
            path = data_dir / resource["path"]
            raw = _read_bytes(data_dir, path, problems)
            if raw is None:
                continue
            key = (display_path(path), raw, json.dumps(resource["schema"], sort_keys=True))
            rows, found = _cached(("parsed", *key), _parsed_csv, path, raw, resource["schema"])
            problems.extend(found)
            if rows is not None:
                raw_tables[name] = (key, rows)
                if not rows and name in NON_EMPTY_TABLES:
                    problems.append(Problem(key[0], 2, "-", "the table has a header but no rows"))
    text = _read_text(data_dir, resources[SOURCE_TEXT], problems)
    if problems:  # a file that cannot be parsed makes every later check noise
        return None, sorted(problems)

    tables: dict[str, list[dict]] = {}
    for name, (key, rows) in raw_tables.items():
        tables[name], found = _cached(("typed", *key), _typed, rows, resources[name]["schema"], key[0])
        problems.extend(found)
    for name, rows in tables.items():
        table_schema = resources[name]["schema"]
        report = _reporter(data_dir, resources[name], problems)
        schema.check_foreign_keys(rows, table_schema, name, tables, report)
    return Dataset(data_dir, package, tables, SourceText(text)), sorted(problems)


def _reporter(data_dir: Path, resource: dict, problems: list[Problem]):
    shown = display_path(data_dir / resource["path"])
    return lambda row, column, message: problems.append(Problem(shown, row, column, message))


# --- the descriptor ----------------------------------------------------------------------------
def _read_package(data_dir: Path, problems: list[Problem]) -> dict | None:
    path = data_dir / PACKAGE_FILE
    shown = display_path(path)
    if not data_dir.is_dir():
        reason = "not a directory" if data_dir.exists() else "no such directory"
        problems.append(Problem(display_path(data_dir), 0, "-", f"{reason}: --data names the data directory"))
        return None
    raw = _read_bytes(data_dir, path, problems)
    if raw is None:
        return None
    try:
        package = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        problems.append(Problem(shown, 0, "-", "not valid UTF-8"))
        return None
    except RecursionError:  # json.loads recurses once per nesting level: [[[[…]]]] exhausts the stack
        problems.append(Problem(shown, 0, "-", "not valid JSON: nested too deeply"))
        return None
    except ValueError as error:
        problems.append(Problem(shown, getattr(error, "lineno", 0), "-", f"not valid JSON: {error.args[0][:200]}"))
        return None
    before = len(problems)
    for where, message in _package_problems(package):
        problems.append(Problem(shown, 0, where, message))
    return package if len(problems) == before else None


def _package_problems(package) -> list[tuple[str, str]]:
    """(where, message) for every structural problem of the descriptor; empty when usable."""
    if not isinstance(package, dict):
        return [("-", "the descriptor must be a JSON object")]
    found = []
    if package.get("$schema") != PACKAGE_SCHEMA:
        found.append(("$schema", f"must be {PACKAGE_SCHEMA} (Data Package v2)"))
    resources = package.get("resources")
    if not isinstance(resources, list) or not resources:
        return [*found, ("resources", "must be a non-empty list of resources")]
    names = set()
    for index, resource in enumerate(resources):
        where = f"resources[{index}]"
        if not isinstance(resource, dict) or not isinstance(resource.get("name"), str) or not resource["name"]:
            found.append((where, "a resource needs a name"))
            continue
        name = resource["name"]
        where = f"resources.{name}"
        if name in names:
            found.append((where, "resource names must be unique"))
        names.add(name)
        path = resource.get("path")
        if not isinstance(path, str) or not path:
            found.append((f"{where}.path", "a resource needs a path"))
        # a NUL makes every file-system call raise ValueError; refuse it here with the other bad paths
        elif PurePosixPath(path).is_absolute() or ".." in PurePosixPath(path).parts or "\\" in path or "\0" in path:
            found.append((f"{where}.path", f"{path!r} must be a relative path inside the data directory"))
        if resource.get("type") not in ("table", "file"):
            found.append((f"{where}.type", "must be 'table' or 'file' (Data Package v2)"))
        elif resource["type"] == "table":
            found.extend((f"{where}.{inner}", message) for inner, message in schema.descriptor_problems(resource))
        elif name in (*REQUIRED_TABLES, *OPTIONAL_TABLES):  # as a 'file' it would not be read, and the engine fail
            found.append((f"{where}.type", "must be 'table': the engine reads this resource as a table"))
    for name in (*REQUIRED_TABLES, SOURCE_TEXT):
        if name not in names:
            found.append(("resources", f"the package has no resource named {name!r}"))
    text = next((r for r in resources if isinstance(r, dict) and r.get("name") == SOURCE_TEXT), None)
    if text is not None:
        if text.get("type") != "file":
            found.append((f"resources.{SOURCE_TEXT}.type", "must be 'file'"))
        # type(), not isinstance(): `"bytes": true` would pass as the int 1
        if type(text.get("bytes")) is not int or not str(text.get("hash", "")).startswith("sha256:"):
            found.append(
                (
                    f"resources.{SOURCE_TEXT}",
                    "needs bytes and a sha256: hash, so that the text is provably the review's",
                )
            )
        for key in ("x-body-start", "x-body-end"):
            if not isinstance(text.get(key, ""), str):
                found.append((f"resources.{SOURCE_TEXT}.{key}", "must be a string"))
        excluded = text.get("x-not-numbers", [])
        if not isinstance(excluded, list) or not all(
            isinstance(i, dict) and isinstance(i.get("fragment"), str) for i in excluded
        ):
            found.append((f"resources.{SOURCE_TEXT}.x-not-numbers", "must be a list of {fragment, reason}"))
    return found


# --- files -------------------------------------------------------------------------------------
def _read_bytes(data_dir: Path, path: Path, problems: list[Problem]) -> bytes | None:
    """A regular file inside data_dir, read up to the cap; None (with a problem) otherwise."""
    shown = display_path(path)
    try:
        resolved = path.resolve(strict=True)
        root = data_dir.resolve(strict=True)
    except FileNotFoundError:
        problems.append(Problem(shown, 0, "-", "file not found"))
        return None
    except (OSError, RuntimeError) as error:  # a link loop, a permission on a parent
        problems.append(Problem(shown, 0, "-", f"cannot be read: {getattr(error, 'strerror', None) or error}"))
        return None
    if not resolved.is_relative_to(root):
        problems.append(Problem(shown, 0, "-", "is a link to a file outside the data directory; copy the file in"))
        return None
    try:
        mode = os.stat(resolved).st_mode
        if stat.S_ISDIR(mode):
            problems.append(Problem(shown, 0, "-", "is a directory, not a file"))
            return None
        if not stat.S_ISREG(mode):
            problems.append(Problem(shown, 0, "-", "is not a regular file (a pipe, device or socket); not read"))
            return None
        with open(resolved, "rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        problems.append(Problem(shown, 0, "-", f"cannot be read: {error.strerror or error}"))
        return None
    if len(raw) > MAX_FILE_BYTES:
        problems.append(Problem(shown, 0, "-", f"file is larger than the limit of {MAX_FILE_BYTES:,} bytes"))
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
        message = f"not valid UTF-8 (byte 0x{byte} at offset {error.start}); save the file as UTF-8"
        problems.append(Problem(display_path(path), line, "-", message))
        return None


def _read_text(data_dir: Path, resource: dict, problems: list[Problem]) -> str:
    path = data_dir / resource["path"]
    raw = _read_bytes(data_dir, path, problems)
    if raw is None:
        return ""
    shown = display_path(path)
    if len(raw) != resource["bytes"]:
        problems.append(
            Problem(shown, 0, "-", f"is {len(raw):,} bytes; datapackage.json records {resource['bytes']:,}")
        )
    digest = "sha256:" + hashlib.sha256(raw).hexdigest()
    if digest != resource["hash"]:
        problems.append(
            Problem(shown, 0, "-", "its sha256 hash differs from datapackage.json: the text is not the review's")
        )
    return _decode(path, raw, problems) or ""


# A table's rows and problems are a function of its bytes and schema alone: the last few tables
# read are kept, so that validating a copy of the data with one file changed (the tests do so
# hundreds of times) parses only that file. Rows are never modified after reading.
_CACHE: "OrderedDict[tuple, tuple]" = OrderedDict()
_CACHE_SIZE = 128


def _cached(key: tuple, compute, *arguments):
    if key in _CACHE:
        _CACHE.move_to_end(key)
        return _CACHE[key]
    value = _CACHE[key] = compute(*arguments)
    if len(_CACHE) > _CACHE_SIZE:
        _CACHE.popitem(last=False)
    return value


def _parsed_csv(path: Path, raw: bytes, table_schema: dict) -> tuple[list[dict] | None, list[Problem]]:
    problems: list[Problem] = []
    return _read_csv(path, raw, table_schema, problems), problems


def _typed(rows: list[dict], table_schema: dict, shown: str) -> tuple[list[dict], list[Problem]]:
    """A table's typed rows and the problems of its own cells (its keys into other tables aside)."""
    problems: list[Problem] = []

    def report(row: int, column: str, message: str) -> None:
        problems.append(Problem(shown, row, column, message))

    typed = schema.check_fields(rows, table_schema, report)
    schema.check_primary_key(typed, table_schema, report)
    _check_formulas(typed, table_schema, report)
    return typed, problems


def _read_csv(path: Path, raw: bytes, table_schema: dict, problems: list[Problem]) -> list[dict] | None:
    shown = display_path(path)
    text = _decode(path, raw, problems)
    if text is None:
        return None
    text = text.replace("\r\n", "\n")  # a file saved with Windows line ends, inside quoted cells too
    if not text.strip():
        problems.append(Problem(shown, 0, "-", "file is empty; expected a header row"))
        return None
    csv.field_size_limit(MAX_FIELD_CHARS)
    lines = text.splitlines(keepends=True)
    reader = csv.reader(lines, strict=True)
    records, spans = [], []
    try:
        for record in reader:
            records.append(record)
            spans.append(reader.line_num)
    except csv.Error as error:
        message = str(error)
        if "field larger than field limit" in message:
            message = f"a field is longer than {MAX_FIELD_CHARS:,} characters"
        elif "unexpected end of data" in message:
            message = 'unterminated quoted field (a " is opened and never closed)'
        problems.append(Problem(shown, len(records) + 1, "-", f"malformed CSV: {message}"))
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
        duplicated = sorted({name for name in header if header.count(name) > 1})  # else "out of order", wrongly
        for name in duplicated:
            problems.append(Problem(shown, 1, name or "-", "column appears more than once in the header"))
        if not missing and not extra and not duplicated:
            problems.append(Problem(shown, 1, "-", f"columns are out of order; expected: {','.join(expected)}"))
        return None
    rows = []
    for number, (record, last_line) in enumerate(zip(body, spans[1:], strict=True), start=2):
        if record == []:
            continue  # a trailing blank line
        if len(record) != len(header):
            problems.append(Problem(shown, number, "-", f"row has {len(record)} cells; the header has {len(header)}"))
            continue
        raw_record = "".join(lines[spans[number - 2] : last_line])
        for name, cell in zip(header, record, strict=True):
            if '"' in cell and '"' + cell.replace('"', '""') + '"' not in raw_record:
                problems.append(Problem(shown, number, name, 'a " inside a cell that is not quoted: quote the cell'))
        rows.append({"__row__": number, **dict(zip(header, record, strict=True))})
    return rows


# Cells that a spreadsheet would run as a formula (OWASP CSV injection); no free text needs them.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _check_formulas(rows: list[dict], table_schema: dict, report) -> None:
    strings = [f["name"] for f in table_schema["fields"] if f.get("type", "string") == "string"]
    for row in rows:
        for name in strings:
            value = row.get(name)
            if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
                report(row["__row__"], name, f"starts with {value[0]!r}: a spreadsheet would run it as a formula")
