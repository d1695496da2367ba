"""Synthetic data sets N times the size of the real one, for measuring how validation scales.

Every study and its claims, count sources, concordance rows, regimens, subgroups, reports, their
facts and explanations are copied N - 1 times under new ids, and so is the source text: copy k of the
text follows the original, its spaces each followed by a private-use character of its own, and
copy k's quotes are changed the same way, so that each copy quotes only its own copy of the text
(a hundred reviews' worth of data, each quoting its own review). The result validates — with N
times the claims, N times the findings, N times the cross-references and N times the text.
"""

import csv
import hashlib
import io
import json
import re
import shutil
from pathlib import Path

FIRST_PRIVATE_USE = 0xE000  # copy k's spaces are followed by chr(FIRST_PRIVATE_USE + k)


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


def marked(text: str, copy: int) -> str:
    """Copy k of a text (or of a quote of it): every space followed by copy k's own character."""
    return text.replace(" ", " " + chr(FIRST_PRIVATE_USE + copy)) if copy else text


def scale(data_dir: Path, factor: int, target: Path) -> Path:
    """A copy of data_dir with `factor` times its studies, everything that hangs from them, and its text."""
    shutil.copytree(data_dir, target)
    claim_ids = {row["claim_id"] for row in _read(data_dir / "claims.csv")[1]}
    study_ids = {row["study_id"] for row in _read(data_dir / "studies.csv")[1]}
    # another report of a study belongs to that study: each copy of the study gets its own copy of it
    papers = _read(data_dir / "primary_studies.csv")[1]
    other_reports = {row["primary_id"] for row in papers if row["relation"] == "same-study"}

    def renamer(copy: int):
        suffix = f"-x{copy}"

        def rename(value: str) -> str:
            if value in claim_ids or value in study_ids or value in other_reports:
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
        "primary_sources.csv": ("claim_id", "primary_id"),
        "regimens.csv": (
            "regimen",
            "dose_claim",
            "doses_per_week_claim",
            "doses_per_interval_claim",
            "interval_weeks_claim",
        ),
        "findings.csv": ("subject",),
        "subgroups.csv": ("study_id",),
    }
    quoted = {"claims.csv": ("quote",), "studies.csv": ("quote", "phase_quote")}
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
                for key in quoted.get(name, ()):
                    new[key] = marked(new[key], copy)
                grown.append(new)
        _write(target / name, fields, grown)
    fields, rows = _read(data_dir / "primary_studies.csv")
    grown = list(rows)
    for copy in range(1, factor):
        rename = renamer(copy)
        # a paper named after a study (the cited report) or another report of it is copied with it
        grown += [{**row, "primary_id": rename(row["primary_id"]), "study_id": rename(row["study_id"])}
                  for row in rows if rename(row["primary_id"]) != row["primary_id"]]  # fmt: skip
    _write(target / "primary_studies.csv", fields, grown)
    fields, rows = _read(data_dir / "facts.csv")  # what a copied paper states is copied with it
    grown = list(rows)
    for copy in range(1, factor):
        rename = renamer(copy)
        grown += [{**row, "fact_id": f"{row['fact_id']}-x{copy}", "primary_id": rename(row["primary_id"])}
                  for row in rows if rename(row["primary_id"]) != row["primary_id"]]  # fmt: skip
    _write(target / "facts.csv", fields, grown)

    package = json.loads((data_dir / "datapackage.json").read_text(encoding="utf-8"))
    source = next(r for r in package["resources"] if r["name"] == "source-text")
    original = (data_dir / source["path"]).read_text(encoding="utf-8")
    text = "\n".join(marked(original, copy) for copy in range(factor))
    raw = text.encode("utf-8")
    (target / source["path"]).write_bytes(raw)
    source["bytes"], source["hash"] = len(raw), "sha256:" + hashlib.sha256(raw).hexdigest()
    (target / "datapackage.json").write_text(json.dumps(package, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return target
