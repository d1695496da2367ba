"""What a notebook needs, in a few calls: the validated data, the audit, and its renderings.

Notebooks stay thin: `ev = Evidence.load()`, then `ev.say(...)`, `ev.proportions_table(...)`,
`ev.claims_table(...)` and the figure helpers return HTML that the notebook displays.
"""

import re
from collections import Counter
from dataclasses import dataclass
from functools import cached_property

from IPython.display import HTML

from . import checks, render, stats
from .data import Dataset, load
from .paths import DATA_DIR

_PLACEHOLDER = re.compile(r"\{([a-z0-9-]+)(?::(value|bare|rate))?\}")


@dataclass
class Evidence:
    dataset: Dataset

    @classmethod
    def load(cls, data_dir=DATA_DIR) -> "Evidence":
        return cls(load(data_dir))

    @cached_property
    def findings(self) -> list[checks.Finding]:
        return checks.run_rules(self.dataset)

    @cached_property
    def statuses(self) -> dict[str, str]:
        return checks.claim_statuses(self.findings)

    @cached_property
    def references(self) -> dict[int, dict]:
        return {row["ref"]: row for row in self.dataset.references}

    @cached_property
    def primary(self) -> dict[str, dict]:
        """Concordance rows (review vs primary abstract) by claim_id."""
        return {row["claim_id"]: row for row in self.dataset.tables.get("primary-sources", [])}

    def claim(self, claim_id: str) -> dict:
        return self.dataset.claim(claim_id)

    def status(self, claim_id: str) -> str:
        return self.statuses.get(claim_id, checks.STATUS_NOT_CHECKABLE)

    def claims(self, **where) -> list[dict]:
        """Claims whose columns equal the given values, in data order."""
        return [row for row in self.dataset.claims if all(row[key] == value for key, value in where.items())]

    def reference_label(self, claim: dict) -> str:
        ref = claim["ref"]
        return f"{claim['study']} [{ref}]" if ref else f"{claim['study']} {claim['cited_as'] or ''}".strip()

    # --- narrative -------------------------------------------------------------------------
    def value(self, claim_id: str, with_unit: bool = True) -> render.Safe:
        claim = self.claim(claim_id)
        return render.claim_value(claim, self.status(claim_id), with_unit, self.primary.get(claim_id))

    def say(self, template: str) -> HTML:
        """A paragraph whose {claim-id} placeholders become the claims' numbers with provenance.

        {id} is the value as printed with its unit, {id:bare} without it, and {id:rate} the
        rate recomputed from the claim's counts with its 95% CI.
        """

        def fill(match: re.Match) -> str:
            claim_id, form = match.group(1), match.group(2) or "value"
            if form == "rate":  # computed here, not stated: marked so the prose scan knows its origin
                return render.Safe(
                    f'<span class="computed">{render.escape(self._rate_text(self.claim(claim_id)))}</span>'
                )
            return self.value(claim_id, with_unit=form == "value")

        pieces, last = [], 0
        for match in _PLACEHOLDER.finditer(template):
            pieces.append(render.escape(template[last : match.start()]))
            pieces.append(fill(match))
            last = match.end()
        pieces.append(render.escape(template[last:]))
        return HTML(f'<p class="narrative">{"".join(pieces)}</p>')

    def _rate_text(self, claim: dict) -> str:
        result = stats.proportion(claim["numerator"], claim["denominator"])
        return (
            f"{render.percent(result.rate)} (95% CI {render.percent(result.ci_low)}–{render.percent(result.ci_high)})"
        )

    # --- tables ----------------------------------------------------------------------------
    def claims_table(self, caption: str, **where) -> HTML:
        rows = [
            {
                "study": self.reference_label(claim),
                "arm": claim["arm"] or "",
                "quantity": claim["quantity"].replace("_", " "),
                "value": self.value(claim["claim_id"]),
                "quote": claim["quote"],
            }
            for claim in self.claims(**where)
        ]
        if not rows:
            return HTML(f'<p class="no-claims">{render.escape(caption)}: the review states none.</p>')
        columns = [
            ("study", "Study"),
            ("arm", "Group"),
            ("quantity", "Quantity"),
            ("value", "Stated"),
            ("quote", "Source text"),
        ]
        return HTML(render.table(rows, columns, caption, numeric=("value",)) + render.status_legend())

    def proportion_rows(self, **where) -> list[dict]:
        """Every proportion with a known denominator: stated value, recomputed rate and 95% CI."""
        rows, seen = [], set()
        candidates = sorted(self.claims(**where), key=lambda claim: claim["unit"] != "%")  # stated rates first
        for claim in candidates:
            successes, trials = claim["numerator"], claim["denominator"]
            if trials is None or (claim["unit"] != "%" and successes is None):
                continue
            pair = (claim["study"], claim["arm"], successes, trials)
            if pair in seen:  # a count already shown beside the percentage it supports
                continue
            seen.add(pair)
            row = {
                "claim_id": claim["claim_id"],
                "study": self.reference_label(claim),
                "arm": claim["arm"] or claim["quantity"].replace("_", " "),
                "stated": self.value(claim["claim_id"]),
                "counts": f"{successes} / {trials}" if successes is not None else f"? / {trials}",
                "rate": None,
                "ci_low": None,
                "ci_high": None,
                "recomputed": "not stated",
                "ci": "—",
            }
            if successes is not None:
                result = stats.proportion(successes, trials)
                row.update(
                    rate=result.rate,
                    ci_low=result.ci_low,
                    ci_high=result.ci_high,
                    recomputed=render.percent(result.rate),
                    ci=f"{render.percent(result.ci_low)}–{render.percent(result.ci_high)}",
                )
            rows.append(row)
        order = {claim["claim_id"]: index for index, claim in enumerate(self.dataset.claims)}
        return sorted(rows, key=lambda row: order[row["claim_id"]])

    def proportions_table(self, caption: str, **where) -> HTML:
        columns = [
            ("study", "Study"),
            ("arm", "Group"),
            ("stated", "Stated"),
            ("counts", "Count / n"),
            ("recomputed", "Recomputed"),
            ("ci", "95% CI (Wilson)"),
        ]
        rows = self.proportion_rows(**where)
        return HTML(
            render.table(rows, columns, caption, numeric=("stated", "counts", "recomputed", "ci"))
            + render.status_legend()
        )

    def finding_counts(self) -> list[dict]:
        counts = Counter((finding.rule, finding.status, finding.severity) for finding in self.findings)
        return [
            {"rule": rule, "status": status, "severity": severity, "checks": count}
            for (rule, status, severity), count in sorted(counts.items())
        ]

    def explanation(self, claim_id: str, rule: str, fragment: str = "") -> str:
        key = checks.finding_key(claim_id, rule, fragment)
        for row in self.dataset.findings:
            if checks.finding_key(row["claim_id"], row["rule"], row["fragment"]) == key:
                return row["explanation"]
        return ""

    def errata_table(self, caption: str) -> HTML:
        """Textual errata: each sentence with the suspect term highlighted, and its explanation."""
        rows = []
        for finding in self.findings:
            if finding.rule != "textual-erratum" or not finding.is_problem:
                continue
            term = finding.conventions
            before, _, after = finding.fragment.partition(term)
            sentence = render.Safe(f"{render.escape(before)}<mark>{render.escape(term)}</mark>{render.escape(after)}")
            rows.append(
                {
                    "sentence": sentence,
                    "finding": finding.explanation,
                    "explanation": self.explanation("", finding.rule, finding.fragment),
                }
            )
        columns = [
            ("sentence", "Sentence in the review"),
            ("finding", "What the rule flags"),
            ("explanation", "What it means"),
        ]
        return HTML(render.table(rows, columns, caption))

    def audit_table(self, caption: str) -> HTML:
        """Every problem the rules find, with the rule's calculation and the human explanation."""
        rows = []
        for finding in self.findings:
            if not finding.is_problem or not finding.claim_id:
                continue
            claim = self.claim(finding.claim_id)
            rows.append(
                {
                    "claim": self.value(finding.claim_id) if claim else "(source text)",
                    "study": self.reference_label(claim) if claim else "",
                    "rule": finding.rule,
                    "status": finding.status,
                    "calculation": finding.explanation,
                    "explanation": self.explanation(finding.claim_id, finding.rule),
                }
            )
        columns = [
            ("claim", "Stated"),
            ("study", "Study"),
            ("rule", "Rule"),
            ("status", "Status"),
            ("calculation", "What the rule computed"),
            ("explanation", "What it means"),
        ]
        return HTML(render.table(rows, columns, caption))

    def audit_counts_table(self, caption: str) -> HTML:
        columns = [("rule", "Rule"), ("status", "Status"), ("severity", "Severity"), ("checks", "Checks")]
        return HTML(render.table(self.finding_counts(), columns, caption, numeric=("checks",)))

    def informational_table(self, caption: str) -> HTML:
        rows = [
            {
                "claim": self.value(f.claim_id),
                "study": self.reference_label(self.claim(f.claim_id)),
                "note": f.explanation,
            }
            for f in self.findings
            if f.severity == checks.INFO
        ]
        return HTML(
            render.table(
                rows, [("claim", "Stated"), ("study", "Study"), ("note", "What group sizes could give it")], caption
            )
        )

    def studies_rows(self) -> list[dict]:
        """One row per study the review reports numbers for, in order of first mention."""
        studies: dict[str, dict] = {}
        for claim in self.dataset.claims:
            if claim["ref"] is None:
                continue
            row = studies.setdefault(
                claim["study"],
                {
                    "study": self.reference_label(claim),
                    "setting": claim["setting"],
                    "species": claim["species"] or "",
                    "condition": claim["condition"],
                    "intervention": claim["intervention"],
                    "phase": "",
                    "claims": 0,
                    "year": self.references[claim["ref"]]["year"],
                },
            )
            row["claims"] += 1
            if claim["quantity"] == "trial_phase":
                row["phase"] = claim["value_as_printed"]
        return list(studies.values())

    def studies_table(self, caption: str) -> HTML:
        columns = [
            ("study", "Study"),
            ("setting", "Setting"),
            ("species", "Species"),
            ("condition", "Condition"),
            ("intervention", "Intervention"),
            ("phase", "Phase"),
            ("claims", "Numbers stated"),
        ]
        return HTML(render.table(self.studies_rows(), columns, caption, numeric=("claims",)))

    def tally_table(self, column: str, caption: str) -> HTML:
        """How many studies share each value of a study-level column (setting, species, ...)."""
        counts = Counter(row[column] or "not stated" for row in self.studies_rows())
        rows = [{"value": value, "studies": count} for value, count in counts.most_common()]
        return HTML(
            render.table(rows, [("value", column.capitalize()), ("studies", "Studies")], caption, numeric=("studies",))
        )

    def cited_references_table(self, section_start: str, section_end: str, caption: str) -> HTML:
        """The references the source text cites between two headings, from the text itself."""
        refs = source_citations(self.dataset.source_text, section_start, section_end)
        rows = [{"ref": f"[{ref}]", "entry": self.references[ref]["entry"].replace("*", "")} for ref in refs]
        return HTML(render.table(rows, [("ref", "Ref."), ("entry", "Reference as printed")], caption))

    def claims_index(self) -> dict[str, dict]:
        """What the site script shows for each claim: value, quote, study, status and primary verdict."""
        index = {}
        for claim in self.dataset.claims:
            primary = self.primary.get(claim["claim_id"], {})
            index[claim["claim_id"]] = {
                "value": render.with_unit(claim["value_as_printed"], claim["unit"]),
                "quote": claim["quote"],
                "study": self.reference_label(claim),
                "topic": claim["topic"],
                "quantity": claim["quantity"].replace("_", " "),
                "arm": claim["arm"] or "",
                "status": self.status(claim["claim_id"]),
                "primary": primary.get("verdict", ""),
                "note": claim["note"] or "",
            }
        return index

    def dosing_table(self, caption: str) -> HTML:
        from .dosing import regimens

        rows = [
            {
                "regimen": r.label,
                "dose": f"{r.per_dose:,.1f}" if r.per_dose < 100 else f"{r.per_dose:,.0f}",
                "week": "—" if r.per_week is None else f"{r.per_week:,.0f}",
                "hed": "yes" if r.converted else "no",
                "from": ", ".join(r.claim_ids),
            }
            for r in regimens(self.dataset)
        ]
        columns = [
            ("regimen", "Regimen"),
            ("dose", "ng/kg per dose"),
            ("week", "ng/kg per week"),
            ("hed", "Human-equivalent"),
            ("from", "Computed from claims"),
        ]
        return HTML(render.table(rows, columns, caption, numeric=("dose", "week")))

    def parameters_table(self, caption: str) -> HTML:
        rows = [
            {
                "parameter": row["parameter"],
                "value": render.number(row["value"]),
                "unit": row["unit"] or "",
                "description": row["description"],
            }
            for row in self.dataset.tables.get("parameters", [])
        ]
        columns = [("parameter", "Parameter"), ("value", "Assumed value"), ("unit", "Unit"), ("description", "Source")]
        return HTML(render.table(rows, columns, caption, numeric=("value",)))

    # --- review against primary sources ---------------------------------------------------------
    def verdict_counts_table(self, caption: str) -> HTML:
        counts = Counter(row["verdict"] for row in self.primary.values())
        rows = [
            {"verdict": verdict, "claims": counts.get(verdict, 0)}
            for verdict in ("match", "mismatch", "misattributed", "not-in-abstract", "unverified")
        ]
        return HTML(render.table(rows, [("verdict", "Verdict"), ("claims", "Claims")], caption, numeric=("claims",)))

    def concordance_rows(self, verdicts: tuple[str, ...] = (), anchors: bool = False, **where) -> list[dict]:
        rows = []
        for claim in self.claims(**where):
            primary = self.primary.get(claim["claim_id"])
            if primary is None or (verdicts and primary["verdict"] not in verdicts):
                continue
            source = primary["source"] or ""
            rows.append(
                {
                    "__id__": f"p-{claim['claim_id']}" if anchors else "",
                    "review": self.value(claim["claim_id"]),
                    "quote": claim["quote"],
                    "primary_study": primary["primary_study"],
                    "primary": primary["primary_statement"],
                    "verdict": primary["verdict"],
                    "note": primary["note"] or "",
                    "source": render.link(source, source.split("/")[2]) if source else "none reachable",
                }
            )
        return rows

    def disagreements_table(self, caption: str) -> HTML:
        """Every mismatch and misattribution, with what differs and the address read."""
        columns = [
            ("review", "Review"),
            ("quote", "Review's words"),
            ("primary_study", "Primary study"),
            ("primary", "Primary abstract (our words)"),
            ("verdict", "Verdict"),
            ("note", "What differs"),
            ("source", "Read at"),
        ]
        rows = self.concordance_rows(("mismatch", "misattributed"), anchors=True)
        return HTML(render.table(rows, columns, caption))

    def concordance_table(self, caption: str, **where) -> HTML:
        """One study's numbers against its abstract; numbers the abstract is silent on
        (not-in-abstract, unverified) are listed in one line each."""
        compared = ("match", "mismatch", "misattributed")
        rows = self.concordance_rows(compared, **where)
        primaries = [self.primary[c["claim_id"]] for c in self.claims(**where) if c["claim_id"] in self.primary]
        sources = sorted({row["source"] for row in primaries if row["source"]})
        read = " ".join(render.link(url, url.split("/")[2]) for url in sources) or "no abstract reachable"
        parts = [f'<p class="read-at">Read at: {read}</p>']
        if rows:
            columns = [("review", "Review"), ("primary", "Primary abstract (our words)"), ("verdict", "Verdict")]
            parts.append(render.table(rows, columns, caption))
        for verdict, label in (
            ("not-in-abstract", "Not in the abstract"),
            ("unverified", "Not checked (abstract not reachable)"),
        ):
            silent = [row["claim_id"] for row in primaries if row["verdict"] == verdict]
            if silent:
                values = ", ".join(self.value(cid) for cid in silent)
                parts.append(f'<p class="silent">{label}: {values}.</p>')
        return HTML("".join(parts))

    def cited_studies(self) -> list[str]:
        """Studies with concordance rows, in order of first mention."""
        return list(dict.fromkeys(self.claim(claim_id)["study"] for claim_id in self.primary))

    def primary_findings_table(self, caption: str) -> HTML:
        rows = [
            {
                "claim": self.value(f.claim_id),
                "primary": f.fragment,
                "status": f.status,
                "calculation": f.explanation,
                "explanation": self.explanation(f.claim_id, f.rule),
            }
            for f in self.findings
            if f.rule == "primary-percent-vs-counts"
        ]
        columns = [
            ("claim", "Review"),
            ("primary", "Primary abstract"),
            ("status", "Status"),
            ("calculation", "What the rule computed"),
            ("explanation", "What it means"),
        ]
        return HTML(render.table(rows, columns, caption))


_CITATION = re.compile(r"\[(\d+(?:\s*[–,-]\s*\d+)*)\]")


def source_citations(text: str, section_start: str, section_end: str) -> list[int]:
    """Reference numbers cited in the text between two headings, ranges expanded, sorted."""
    start = text.index(section_start)
    section = text[start : text.index(section_end, start)]
    cited = set()
    for match in _CITATION.finditer(section):
        for part in match.group(1).split(","):
            bounds = [int(number) for number in re.split(r"[–-]", part)]
            cited.update(range(bounds[0], bounds[-1] + 1))
    return sorted(cited)
