"""Bad input gets a clear FILE:ROW:COLUMN error, exit code 1, no traceback, and untouched files."""

import hashlib
import re
import subprocess
import sys

import pytest

from il12_evidence.__main__ import main
from il12_evidence.paths import ROOT

PROBLEM_LINE = re.compile(r"^\S+:\d+:[\w-]+: .+$")


def _replace_in(name, old, new, count=1):
    def edit(data):
        path = data / name
        text = path.read_text(encoding="utf-8")
        assert old in text, f"test setup: {old!r} not in {name}"
        path.write_text(text.replace(old, new, count), encoding="utf-8")

    return edit


def _write(name, content: bytes):
    def edit(data):
        (data / name).write_bytes(content)

    return edit


def _header_edit(name, transform):
    def edit(data):
        path = data / name
        header, _, body = path.read_text(encoding="utf-8").partition("\n")
        path.write_text(transform(header) + "\n" + body, encoding="utf-8")

    return edit


def _delete_row(name, prefix):
    def edit(data):
        path = data / name
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        path.write_text("".join(line for line in lines if not line.startswith(prefix)), encoding="utf-8")

    return edit


def _remove(name):
    return lambda data: (data / name).unlink()


def _append_row(name, row):
    def edit(data):
        with open(data / name, "a", encoding="utf-8") as handle:
            handle.write(row + "\n")

    return edit


BAD_INPUTS = {
    "missing-claims-file": (_remove("claims.csv"), "claims.csv:0:-: file not found"),
    "missing-references-file": (_remove("references.csv"), "references.csv:0:-: file not found"),
    "missing-source-text": (_remove("source/review.txt"), "review.txt:0:-: file not found"),
    "missing-datapackage": (_remove("datapackage.json"), "datapackage.json:0:-: file not found"),
    "datapackage-not-json": (_write("datapackage.json", b"{not json"), "not a valid data package"),
    "empty-file": (_write("claims.csv", b""), "claims.csv:0:-: file is empty"),
    "header-only": (_header_edit("findings.csv", lambda h: h), None),  # valid shape, checked below differently
    "missing-column": (
        _header_edit("claims.csv", lambda h: h.replace(",note", "")),
        "claims.csv:1:note: column is missing",
    ),
    "renamed-column": (
        _header_edit("claims.csv", lambda h: h.replace("quote", "quotation")),
        "claims.csv:1:quote: column is missing",
    ),
    "extra-column": (
        _header_edit("references.csv", lambda h: h + ",extra"),
        "references.csv:1:extra: column is not in the schema",
    ),
    "non-numeric-count": (
        _replace_in("claims.csv", ",10,23,ctcl-completed", ",ten,23,ctcl-completed"),
        "claims.csv:9:numerator: 'ten' is not a whole number",
    ),
    "negative-count": (
        _replace_in("claims.csv", ",10,23,ctcl-completed", ",-10,23,ctcl-completed"),
        "claims.csv:9:numerator: -10 is below the minimum 0",
    ),
    "numerator-above-denominator": (
        _replace_in("claims.csv", ",10,23,ctcl-completed,ctcl-enrolled", ",10,9,ctcl-completed,ctcl-enrolled"),
        "claims.csv:9:numerator: claim ctcl-completed: numerator 10 exceeds denominator 9",
    ),
    "duplicate-claim-id": (
        _replace_in("claims.csv", "ctcl-study-duration,", "ctcl-completed,"),
        "claims.csv:10:claim_id: duplicate value 'ctcl-completed' (first at row 9)",
    ),
    "unknown-reference": (
        _replace_in("claims.csv", "ctcl-phase,14,", "ctcl-phase,99,"),
        "claims.csv:7:ref: 99 is not a ref in references",
    ),
    "quote-not-in-source": (
        _replace_in(
            "claims.csv",
            "23 patients were enrolled and received rhIL-12",
            "23 patients were enroled and received rhIL-12",
        ),
        None,
    ),
    "value-not-in-quote": (
        _replace_in(
            "claims.csv",
            "trial_phase,II,2,phase,,,,,,,In a phase II study",
            "trial_phase,III,3,phase,,,,,,,In a phase II study",
        ),
        "claims.csv:7:value_as_printed: claim ctcl-phase: 'III' does not occur in its quote",
    ),
    "value-not-parsed-value": (
        _replace_in("claims.csv", ",43,43,%", ",43,44,%"),
        "claims.csv:12:value: claim ctcl-pr-rate: value 44 differs",
    ),
    "unknown-enum": (
        _replace_in("claims.csv", ",single-agent,clinical,", ",single agent,clinical,"),
        "claims.csv:7:topic: 'single agent' is not one of",
    ),
    "latin-1-bytes": (
        lambda d: (d / "claims.csv").write_bytes((d / "claims.csv").read_bytes().replace("×".encode(), b"\xd7", 1)),
        "not valid UTF-8 (byte 0xD7",
    ),
    "unterminated-quote": (
        _append_row("claims.csv", 'broken,14,"[14],Duvic 2006'),
        "malformed CSV: unterminated quoted field",
    ),
    "ten-megabyte-field": (_append_row("claims.csv", "huge," + "x" * 10_000_000), "claims.csv:0:-: file is"),
    "large-field-under-file-limit": (
        _append_row("claims.csv", "huge," + "x" * 200_000),
        "a field is longer than 100,000 characters",
    ),
    "binary-garbage": (_write("claims.csv", bytes(range(256)) * 4), "binary content (NUL byte)"),
    "short-row": (_append_row("claims.csv", "short-row,14"), "row has 2 cells; the header has"),
    "missing-required": (
        _replace_in("claims.csv", ",Duvic 2006,single-agent", ",,single-agent"),
        "claims.csv:7:study: required value is missing",
    ),
    "unexplained-finding": (
        _replace_in("findings.csv", "rituximab-response-rate,percent-vs-counts", "rituximab-pr-rate,percent-vs-counts"),
        "claim rituximab-response-rate: unexplained percent-vs-counts",
    ),
    "stale-explanation": (
        _append_row("findings.csv", 'ctcl-enrolled,grim,,"An explanation of something that no rule finds any more."'),
        "explains a finding the rules no longer produce",
    ),
    "count-source-unknown": (
        _replace_in("claims.csv", ",ctcl-completed,ctcl-enrolled", ",ctcl-completed,nowhere"),
        "unknown claim_id nowhere",
    ),
    "claim-row-deleted": (
        _delete_row("claims.csv", "ctcl-latest-response,"),
        "review.txt:58:-: number '19' is stated by no claim",
    ),
    "primary-value-not-in-statement": (
        _replace_in("primary_sources.csv", "It enrolled 23 patients", "It enrolled twenty-three patients"),
        "primary_sources.csv:3:primary_value: claim ctcl-enrolled: '23' does not occur",
    ),
    "primary-unknown-claim": (
        _replace_in("primary_sources.csv", "14,ctcl-enrolled,", "14,ctcl-enroled,"),
        "primary_sources.csv:3:claim_id: 'ctcl-enroled' is not a claim_id in claims",
    ),
    "primary-wrong-reference": (
        _replace_in("primary_sources.csv", "14,ctcl-enrolled,", "15,ctcl-enrolled,"),
        "primary_sources.csv:3:ref: claim ctcl-enrolled cites reference 14, not 15",
    ),
    "primary-unknown-verdict": (
        _replace_in("primary_sources.csv", ",match,", ",agrees,"),
        "primary_sources.csv:2:verdict: 'agrees' is not one of",
    ),
    "primary-verdict-without-source": (
        _replace_in("primary_sources.csv", "http://togows.dbcls.jp/entry/ncbi-pubmed/17052486,match", ",match"),
        "primary_sources.csv:2:source: claim ctcl-phase: verdict match needs the address",
    ),
    "primary-row-deleted": (
        _delete_row("primary_sources.csv", "14,ctcl-enrolled,"),
        "claims.csv:8:ref: claim ctcl-enrolled cites reference 14 but has no row in primary_sources.csv",
    ),
    "count-without-source": (
        _replace_in("claims.csv", ",10,23,ctcl-completed,ctcl-enrolled", ",10,23,,ctcl-enrolled"),
        "numerator 10 names no claim that states it",
    ),
}
EXPECTED = {name: message for name, (_, message) in BAD_INPUTS.items() if message}


def _digests(folder):
    return {path: hashlib.sha256(path.read_bytes()).hexdigest() for path in sorted(folder.rglob("*")) if path.is_file()}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_input_gives_one_clear_error_and_leaves_files_untouched(name, data_copy, capsys):
    BAD_INPUTS[name][0](data_copy)
    before = _digests(data_copy)
    assert main(["validate", "--data", str(data_copy)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out, "no problem printed"
    assert all(PROBLEM_LINE.match(line) for line in out), out
    assert any(EXPECTED[name] in line for line in out), out
    assert _digests(data_copy) == before


def test_quote_not_in_source_names_claim_and_column(data_copy, capsys):
    BAD_INPUTS["quote-not-in-source"][0](data_copy)
    assert main(["validate", "--data", str(data_copy)]) == 1
    out = capsys.readouterr().out
    assert "claims.csv:8:quote: claim ctcl-enrolled: quote not found verbatim" in out


def test_header_only_findings_reports_every_unexplained_finding(data_copy, capsys):
    (data_copy / "findings.csv").write_text("claim_id,rule,fragment,explanation\n", encoding="utf-8")
    assert main(["validate", "--data", str(data_copy)]) == 1
    assert "unexplained percent-vs-counts finding" in capsys.readouterr().out


def test_bad_input_from_the_command_line_has_no_traceback(data_copy):
    BAD_INPUTS["binary-garbage"][0](data_copy)
    result = subprocess.run(
        [sys.executable, "-m", "il12_evidence", "validate", "--data", str(data_copy)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert PROBLEM_LINE.match(result.stdout.splitlines()[0])


def test_utf8_bom_and_crlf_are_accepted(data_copy, capsys):
    path = data_copy / "claims.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    assert main(["validate", "--data", str(data_copy)]) == 0, capsys.readouterr().out


def test_html_in_a_text_field_is_accepted_as_data(data_copy, capsys):
    _replace_in("claims.csv", "Median time to the start of response.", "<script>alert(1)</script> & <b>bold</b>")(
        data_copy
    )
    assert main(["validate", "--data", str(data_copy)]) == 0, capsys.readouterr().out


def test_html_in_a_text_field_is_rendered_inert_on_the_page(data_copy):
    from il12_evidence.evidence import Evidence

    _replace_in("claims.csv", "partial response,response_rate", "<script>alert(1)</script>,response_rate")(data_copy)
    evidence = Evidence.load(data_copy)
    html = (
        evidence.claims_table("c", topic="single-agent").data
        + evidence.proportions_table("p", topic="single-agent").data
    )
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_verdict_counts_on_the_page_follow_the_csv(data_copy):
    from il12_evidence.evidence import Evidence

    before = Evidence.load(data_copy).verdict_counts_table("v").data
    assert ">match<" in before
    path = data_copy / "primary_sources.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("17052486,match,", "17052486,not-in-abstract,", 1), encoding="utf-8")
    after = Evidence.load(data_copy).verdict_counts_table("v").data
    assert after != before
