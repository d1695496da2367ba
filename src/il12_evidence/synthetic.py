"""Synthetic data sets N times the size of the real one, for measuring how validation scales.

Every study and its claims, count sources, concordance rows, regimens and explanations are
copied N - 1 times under new ids; the source text, references and vocabularies stay as they
are, so the copies quote the same sentences and the result still validates — with N times the
claims, N times the findings and N times the cross-references.
"""

import csv
import io
import re
import shutil
from pathlib import Path


def _read(path: Path) -> tuple[list[str], list[dict]]:
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames), list(reader)


def _write(path: Path, fields: list[str], rows: list[dict]) -> None:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def scale(data_dir: Path, factor: int, target: Path) -> Path:
    """A copy of data_dir with `factor` times its studies and everything that hangs from them."""
    shutil.copytree(data_dir, target)
    claim_ids = {row["claim_id"] for row in _read(data_dir / "claims.csv")[1]}
    study_ids = {row["study_id"] for row in _read(data_dir / "studies.csv")[1]}

    def renamer(copy: int):
        suffix = f"-x{copy}"

        def rename(value: str) -> str:
            if value in claim_ids or value in study_ids:
                return value + suffix
            if "/" in value:  # a set: whole/partition
                whole, _, partition = value.partition("/")
                return f"{rename(whole)}/{partition}"
            if "+" in value:  # a set: claims joined by +
                return "+".join(rename(part) for part in value.split("+"))
            return value

        return rename

    columns = {
        "claims.csv": ("claim_id", "study_id", "part_of"),
        "studies.csv": ("study_id",),
        "count_sources.csv": ("claim_id", "source_claim_id"),
        "primary_sources.csv": ("claim_id",),
        "regimens.csv": ("regimen", "dose_claim", "doses_per_week_claim", "interval_weeks_claim"),
        "findings.csv": ("subject",),
    }
    for name, keys in columns.items():
        fields, rows = _read(data_dir / name)
        grown = list(rows)
        for copy in range(1, factor):
            rename = renamer(copy)
            for row in rows:
                if name == "findings.csv" and re.search(r"#\d+$", row["subject"]):
                    continue  # a finding about the text itself exists once
                new = dict(row)
                for key in keys:
                    if new[key]:
                        new[key] = new[key] + f"-x{copy}" if key == "regimen" else rename(new[key])
                grown.append(new)
        _write(target / name, fields, grown)
    return target
