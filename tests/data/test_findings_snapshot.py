"""The audit, reviewed: one line per finding (rule | subject | status | mark | the claims it marks),
committed in tests/snapshots/findings.txt. A change to a rule or to the data that changes what the
audit finds fails here until the snapshot is updated on purpose — the diff is the review:

    python tests/data/test_findings_snapshot.py --update
"""

import difflib
import sys
from pathlib import Path

from il12_evidence.rules import Audit
from il12_evidence.validation import load

SNAPSHOT = Path(__file__).parents[1] / "snapshots" / "findings.txt"
HEADER = "# rule | subject | status | mark | claims it marks — reviewed; update with: python tests/data/test_findings_snapshot.py --update\n"


def current() -> str:
    findings = Audit.of(load()).findings
    lines = sorted(
        f"{f.rule} | {f.subject} | {f.status} | {f.mark or '-'} | {' '.join(f.marks) or '-'}" for f in findings
    )
    return HEADER + "".join(line + "\n" for line in lines)


def test_the_audit_finds_what_was_reviewed():
    expected, found = SNAPSHOT.read_text(encoding="utf-8"), current()
    diff = "".join(difflib.unified_diff(expected.splitlines(True), found.splitlines(True), "reviewed", "now"))
    assert found == expected, f"the audit's findings changed; review the diff, then update the snapshot:\n{diff}"


if __name__ == "__main__":
    if sys.argv[1:] != ["--update"]:
        sys.exit(__doc__)
    SNAPSHOT.write_text(current(), encoding="utf-8")
    print(f"wrote {SNAPSHOT}")
