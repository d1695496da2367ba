"""Command line: `python -m il12_evidence validate|audit`.

Exit codes: 0 valid, 1 the data has problems (one FILE:ROW:COLUMN line each), 2 usage error.
"""

import argparse
import io
import os
import sys
from pathlib import Path

from .export import csv_lines
from .paths import DATA_DIR
from .rules import Audit
from .validation import validate

AUDIT_COLUMNS = ["rule", "subject", "status", "severity", "mark", "conventions", "explanation", "fragment"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m il12_evidence", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("validate", help="check the data package; exit 1 listing every problem")
    check.add_argument("--data", type=Path, default=DATA_DIR, help="data directory (default: the project's data/)")
    audit = commands.add_parser("audit", help="print the audit rules' findings")
    audit.add_argument("--data", type=Path, default=DATA_DIR, help="data directory (default: the project's data/)")
    audit.add_argument("--format", choices=["text", "csv"], default="text")
    audit.add_argument("--all", action="store_true", help="print every check with its status, not only problems")
    arguments = parser.parse_args(argv)
    if arguments.command == "validate":
        return run_validate(arguments.data)
    return run_audit(arguments.data, arguments.format, arguments.all)


def _emit(text: str) -> None:
    """Write to stdout; a reader that stops early (`audit | head -1`) ends the output quietly.

    The exit code still gives the verdict: invalid data piped into `head` must not exit 0.
    """
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def run_validate(data_dir: Path) -> int:
    dataset, problems = validate(data_dir)
    if problems:
        _emit("".join(f"{problem}\n" for problem in problems))
        print(f"{len(problems)} problem(s) in {data_dir}", file=sys.stderr)
        return 1
    _emit(
        f"{data_dir}: valid ({len(dataset.claims)} claims, {len(dataset.studies)} studies, {len(dataset.references)} references)\n"
    )
    return 0


def run_audit(data_dir: Path, output_format: str, show_all: bool) -> int:
    dataset, problems = validate(data_dir)
    if problems:  # findings on invalid data would mislead
        _emit("".join(f"{problem}\n" for problem in problems))
        return 1
    findings = [f for f in Audit.of(dataset).findings if show_all or f.is_problem]
    output = io.StringIO()  # composed first, so that nothing is printed if composing fails
    if output_format == "csv":
        rows = [AUDIT_COLUMNS]
        for finding in findings:
            cells = {**vars(finding), "mark": finding.mark or "", "conventions": " ".join(finding.conventions)}
            rows.append([cells[column] for column in AUDIT_COLUMNS])
        output.write(csv_lines(rows))
    else:
        for finding in findings:
            output.write(f"{finding.rule}\t{finding.subject}\t{finding.status}\t{finding.explanation}\n")
    _emit(output.getvalue())
    return 0


if __name__ == "__main__":
    sys.exit(main())
