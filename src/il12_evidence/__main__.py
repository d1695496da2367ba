"""Command line: `python -m il12_evidence validate|audit`.

Exit codes: 0 valid, 1 the data has problems (one FILE:ROW:COLUMN line each), 2 usage error.
"""

import argparse
import csv
import sys
from pathlib import Path

from .checks import run_rules
from .data import read
from .paths import DATA_DIR

AUDIT_COLUMNS = ["claim_id", "rule", "status", "severity", "conventions", "explanation", "fragment"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m il12_evidence", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    validate = commands.add_parser("validate", help="check the data package; exit 1 listing every problem")
    validate.add_argument("--data", type=Path, default=DATA_DIR, help="data directory (default: the project's data/)")
    audit = commands.add_parser("audit", help="print the audit rules' findings")
    audit.add_argument("--data", type=Path, default=DATA_DIR, help="data directory (default: the project's data/)")
    audit.add_argument("--format", choices=["text", "csv"], default="text")
    audit.add_argument("--all", action="store_true", help="print every check with its status, not only problems")
    arguments = parser.parse_args(argv)
    if arguments.command == "validate":
        return run_validate(arguments.data)
    return run_audit(arguments.data, arguments.format, arguments.all)


def run_validate(data_dir: Path) -> int:
    from .checks import reconcile_findings

    dataset, problems = read(data_dir)
    if dataset is not None and not problems:
        problems = reconcile_findings(dataset)
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s) in {data_dir}", file=sys.stderr)
        return 1
    print(f"{data_dir}: valid ({len(dataset.claims)} claims, {len(dataset.references)} references)")
    return 0


def run_audit(data_dir: Path, output_format: str, show_all: bool) -> int:
    dataset, problems = read(data_dir)
    if dataset is None or problems:  # findings on unreadable data would mislead
        for problem in problems:
            print(problem)
        return 1
    findings = [f for f in run_rules(dataset) if show_all or f.is_problem]
    if output_format == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(AUDIT_COLUMNS)
        for finding in findings:
            writer.writerow([getattr(finding, column) for column in AUDIT_COLUMNS])
    else:
        for finding in findings:
            print(f"{finding.claim_id or '-'}\t{finding.rule}\t{finding.status}\t{finding.explanation}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
