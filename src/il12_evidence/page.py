"""What a notebook needs: the canonical tables as pandas DataFrames, and a page to show them on.

    page = Page.load()                                    # validated data, audit and marks, once
    claims = page.claims                                  # claims.csv joined with studies.csv
    trial = claims[claims.study_id == "doe-2000"]         # a selection, computed with pandas
    page.say("{trial-enrolled} were enrolled ...")         # prose with traced numbers
    page.proportions(trial, caption="...")                # a table of rows computed by views

Selections are DataFrames (or lists) of claims; a selection that matches nothing raises.
"""

from collections.abc import Iterable
from functools import cached_property
from pathlib import Path

import pandas as pd
from IPython.display import HTML, Markdown

from . import numbers, render, render_appraisal, views
from .paths import DATA_DIR, notebook_pages, page_url
from .prose import Slot, TemplateError, parse
from .views import Evidence, SelectionError

_DTYPES = {"string": "string", "integer": "Int64", "number": "Float64", "boolean": "boolean"}


def read_table(dataset, name: str) -> pd.DataFrame:
    """A canonical CSV read with pandas, with the types its schema declares (values as printed stay text)."""
    if name not in dataset.tables:
        raise SelectionError(f"the data package has no table {name!r}; it has {', '.join(sorted(dataset.tables))}")
    resource = dataset.resource(name)
    dtypes = {f["name"]: _DTYPES[f.get("type", "string")] for f in resource["schema"]["fields"]}
    return pd.read_csv(dataset.path(name), dtype=dtypes, keep_default_na=False, na_values={k: [""] for k in dtypes})


def _figures():
    """Imported when a page draws a figure: matplotlib is the slowest import of a notebook."""
    from . import figures

    return figures


def _text(value) -> str:
    if isinstance(value, pd.Series | list | tuple):
        items = [str(item) for item in value]
        return ", ".join(items[:-1]) + (" and " if len(items) > 1 else "") + items[-1] if items else ""
    return str(value)


def root_of(source: str) -> str:
    """The way back to the site's root from a notebook's page ("../../" from therapy/combination/)."""
    stem = Path(source).stem
    path = notebook_pages().get(stem)
    if path is None:
        raise SelectionError(f"{source}: mkdocs.yml (extra.pages) gives no address for notebook {stem!r}")
    return "../" * page_url(path).count("/")


class Page:
    def __init__(self, evidence: Evidence, *, root: str = "", source: str = ""):
        self.evidence = evidence
        self.root = root
        self.source = source

    @classmethod
    def load(cls, *, source: str = "", data_dir=DATA_DIR) -> "Page":
        return cls(Evidence.load(data_dir), root=root_of(source), source=source)

    @property
    def dataset(self):
        return self.evidence.dataset

    def table(self, name: str) -> pd.DataFrame:
        return read_table(self.dataset, name)

    @cached_property
    def studies(self) -> pd.DataFrame:
        return self.table("studies")

    @cached_property
    def claims(self) -> pd.DataFrame:
        """Every claim with its study's label, topic, setting and species, and its quantity's role."""
        studies = self.studies[["study_id", "label", "ref", "topic", "setting", "species", "design"]]
        quantities = self.table("quantities")[["quantity", "family", "role"]]
        return (
            self.table("claims").merge(studies, on="study_id", how="left").merge(quantities, on="quantity", how="left")
        )

    @cached_property
    def marks(self) -> pd.DataFrame:
        """Every claim's mark, with the symbol and the words the legend gives it."""
        rows = [
            {"claim_id": claim_id, "mark": m.mark, "symbol": m.symbol, "label": m.label, "disagrees": m.disagrees}
            for claim_id, m in self.evidence.marks.items()
        ]
        return pd.DataFrame(rows)

    @cached_property
    def findings(self) -> pd.DataFrame:
        """The audit's findings as a table (one row per check)."""
        rows = [
            {
                "rule": f.rule,
                "subject": f.subject,
                "kind": f.kind,
                "status": f.status,
                "severity": f.severity,
                "mark": f.mark or "",
                "problem": f.is_problem,
            }
            for f in self.evidence.audit.findings
        ]
        return pd.DataFrame(rows)

    # --- prose ----------------------------------------------------------------------------
    def say(self, template: str, **values) -> HTML:
        """A paragraph whose placeholders become the claims' numbers (see prose), followed by a note
        for each problem the audit finds in them and each number its cited study disagrees with.
        {=name} placeholders show values the notebook computed, passed by keyword."""
        pieces, shown = [], []
        for piece in parse(template):
            if isinstance(piece, str):
                pieces.append(render.escape(piece))
            elif piece.form == "computed":
                if piece.claim_id not in values:
                    raise TemplateError(f"{{={piece.claim_id}}} is passed no value")
                pieces.append(render.computed(_text(values[piece.claim_id])))
            else:
                pieces.append(self._slot(piece))
                shown.append(piece.claim_id)
        paragraph = f'<p class="narrative">{"".join(pieces)}</p>'
        return HTML(paragraph + self._notes(shown))

    def _slot(self, slot: Slot) -> render.Safe:
        number = self.evidence.number(slot.claim_id)
        if slot.form != "rate":
            return render.claim(number, root=self.root, form=slot.form, sentence_start=slot.sentence_start)
        rows = [r for r in views.proportion_rows(self.evidence, [slot.claim_id]) if r.counts == "stated"]
        if not rows:
            raise TemplateError(f"{{{slot.claim_id}:rate}}: the claim states no counts to recompute a rate from")
        return render.computed(render.rate_text(rows[0], confidence=self.evidence.confidence))

    def _notes(self, claim_ids: list[str]) -> str:
        """A line for each problem of the paragraph's numbers, and one for each number whose source states
        or names it differently (unless a problem already says so), linked to where it is explained."""
        problems = views.problem_notes(self.evidence, views.problems_about(self.evidence, claim_ids))
        in_problems = {n.claim_id for note in problems for n in note.numbers}
        differing = [
            c
            for c in dict.fromkeys(claim_ids)
            if (verdict := self.evidence.number(c).mark.verdict)
            and self.dataset.verdicts[verdict]["result"] in ("differs", "elsewhere")
            and c not in in_problems
        ]
        if not problems and not differing:
            return ""
        rows = views.concordance_rows(self.evidence, differing) if differing else []
        return render.claim_notes(problems, rows, root=self.root)

    # --- tables ---------------------------------------------------------------------------
    def _ids(self, selection) -> list[str]:
        if isinstance(selection, pd.DataFrame):
            selection = selection["claim_id"]
        ids = [str(i) for i in selection]
        if not ids:
            raise SelectionError("the selection matches no claim")
        return ids

    def proportions(self, selection, *, caption: str, collapsed: bool = False) -> HTML:
        rows = views.proportion_rows(self.evidence, self._ids(selection))
        if not rows:
            raise SelectionError(f"{caption}: no claim of the selection has a group size")
        html = render.proportions_table(rows, caption=caption, root=self.root, confidence=self.evidence.confidence)
        return HTML(render.collapsed(html, summary=caption) if collapsed else html)

    def numbers(self, selection, *, caption: str, collapsed: bool = True) -> HTML:
        """Every number of the selection with its source sentence (collapsed: the prose shows them)."""
        numbers = [self.evidence.number(c["claim_id"]) for c in self.evidence.claims(self._ids(selection))]
        html = render.claims_table(numbers, caption=caption, root=self.root)
        return HTML(render.collapsed(html, summary=caption) if collapsed else html)

    def indirectness(self, question_id: str) -> HTML:
        """Why a question's evidence is indirect for patients under chemoradiotherapy, as the data says."""
        question = self.dataset.rows_by("questions", "question_id").get(question_id)
        if question is None or not question["population_indirect"]:
            raise SelectionError(f"question {question_id!r} records no indirectness")
        return HTML(render.callout(question["population_indirect"], title="Not the patients the review is about"))

    def concordance(
        self, selection, *, caption: str, anchors: bool = False, verdicts: Iterable[str] = (), collapsed: bool = False
    ) -> HTML:
        rows = views.concordance_rows(self.evidence, self._ids(selection))
        wanted = set(verdicts)
        rows = [r for r in rows if not wanted or r.verdict in wanted]
        if not rows:
            raise SelectionError(f"{caption}: no claim of the selection has a primary-source row")
        html = render.concordance_table(rows, caption=caption, root=self.root, anchors=anchors)
        return HTML(render.collapsed(html, summary=caption) if collapsed else html)

    def audit_findings(self, findings: pd.DataFrame, *, caption: str) -> HTML:
        """The findings of a DataFrame selection of `self.findings`, with their explanations."""
        chosen = [self.evidence.audit.by_key[(r.rule, r.subject)] for r in findings.itertuples()]
        if not chosen:
            raise SelectionError(f"{caption}: the selection matches no finding")
        rows = views.finding_rows(self.evidence, chosen)
        if all(f.kind == "text" for f in chosen):
            return HTML(render.errata_table(rows, caption=caption))
        return HTML(render.findings_table(rows, caption=caption, root=self.root))

    def show(self, frame: pd.DataFrame, *, caption: str, numeric: Iterable[str] = (), collapsed: bool = False) -> HTML:
        """A table computed with pandas (a tally, a pivot), rendered accessibly."""
        if frame.empty:
            raise SelectionError(f"{caption}: the table is empty")
        html = render.frame_table(frame, caption=caption, numeric=tuple(numeric))
        return HTML(render.collapsed(html, summary=caption) if collapsed else html)

    def studies_table(self, selection: pd.DataFrame, *, caption: str, collapsed: bool = False) -> HTML:
        rows = views.study_rows(self.evidence, list(selection["study_id"]))
        html = render.studies_table(rows, caption=caption)
        return HTML(render.collapsed(html, summary=caption) if collapsed else html)

    def legend(self) -> HTML:
        """Where the page's legend goes: the site fills it with the signs the page shows."""
        return HTML(render.LEGEND_SLOT)

    def rates_list(self, selection, *, family: str) -> HTML:
        """Each rate of a quantity family among the selection: stated, recomputed, interval."""
        rows = views.rate_rows(self.evidence, self._ids(selection), family=family)
        return HTML(render.rates_list(rows, root=self.root, confidence=self.evidence.confidence))

    def study_links(self, selection: pd.DataFrame) -> HTML:
        rows = views.study_rows(self.evidence, list(selection["study_id"]))
        return HTML(render.study_links(rows))

    @cached_property
    def problems(self) -> pd.DataFrame:
        """The review's problems, each once, most consequential first, with what they are and change."""
        rows = [
            {
                "problem_id": n.problem_id,
                "title": n.title,
                "kind": n.kind,
                "consequence": n.consequence,
                "rank": n.consequence_rank,
                "copied": n.copied,
                "study": n.study,
            }
            for n in views.problem_notes(self.evidence)
        ]
        return pd.DataFrame(rows)

    def problems_list(self, problems: pd.DataFrame) -> HTML:
        """A selection of `self.problems`, each linked to where it is explained."""
        if problems.empty:
            raise SelectionError("the selection matches no problem")
        return HTML(render.problems_list(views.problem_notes(self.evidence, problems.problem_id), root=self.root))

    def problems_table(self, problems: pd.DataFrame, *, caption: str) -> HTML:
        """A selection of `self.problems`, each explained once, with the checks that found it."""
        if problems.empty:
            raise SelectionError(f"{caption}: the selection matches no problem")
        return HTML(
            render.problems_table(
                views.problem_notes(self.evidence, problems.problem_id), caption=caption, root=self.root
            )
        )

    def comparisons_list(self, selection) -> HTML:
        """Numbers of the selection whose source states or names them differently, linked to the comparison."""
        rows = views.concordance_rows(self.evidence, self._ids(selection))
        if not rows:
            raise SelectionError("no claim of the selection has a source comparison")
        return HTML(render.comparisons_list(rows, root=self.root))

    def summary(self) -> HTML:
        from .site import summary

        return HTML(summary(self.evidence, self.root))

    def cite(self) -> HTML:
        from .site import cite

        return HTML(cite(self.evidence, self.root))

    def cited_references(self, section_start: str, section_end: str, *, caption: str) -> HTML:
        """The references the source text cites between two headings, read from the text itself."""
        rows = views.cited_references(self.evidence, section_start, section_end)
        return HTML(render.reference_links(rows, caption=caption, root=self.root))

    def study_label(self, study_id: str) -> str:
        """A study's name as the data gives it (author and year), for titles built in a notebook."""
        return self.dataset.studies_by_id[study_id]["label"]

    def study_heading(self, study_id: str) -> Markdown:
        """A heading naming a study (a Markdown output, so that it enters the page's table of contents)."""
        dataset = self.dataset
        label = dataset.studies_by_id[study_id]["label"]
        others = {  # a primary study the review's figures really come from is named too
            dataset.primary_studies[row["primary_id"]]["label"]
            for claim in dataset.claims_by_study.get(study_id, [])
            if (row := dataset.primary_by_claim.get(claim["claim_id"])) is not None
        } - {label}
        if others:
            label += f" (figures from {', '.join(sorted(others))})"
        # nbconvert renders this with mistune: HTML escaping alone leaves [a](javascript:…) a link.
        return Markdown(f'## <span class="data-text">{render.markdown_text(label)}</span>')

    def figure_note(self, *, tested, reported, what: str) -> HTML:
        """Says which groups a figure leaves out because the review reports nothing for them."""
        tested, reported = list(dict.fromkeys(tested)), list(dict.fromkeys(reported))
        if not tested or not reported:
            raise SelectionError("figure_note needs the groups tested and the groups reported")
        left_out = [group for group in tested if group not in reported]
        text = (
            f"The review reports {render.escape(what)} for {render.computed(str(len(reported)))} of the "
            f"{render.computed(str(len(tested)))} groups tested ({render.computed(', '.join(reported))})"
            + (f"; it gives none for {render.computed(', '.join(left_out))}." if left_out else ".")
        )
        return HTML(f'<p class="narrative figure-note">{text}</p>')

    # --- the reader's question -------------------------------------------------------------
    @cached_property
    def appraisal(self):
        from .appraisal import Appraisal

        return Appraisal(self.evidence)

    def _level(self) -> str:
        return numbers.share_percent(self.evidence.confidence, 0)

    def study_pages(self) -> dict[str, str]:
        """Paper (or review study) → the page its card is on, relative to the site root."""
        dataset = self.dataset
        topics = dataset.topics
        pages = {}
        for paper in dataset.rows("primary-studies"):
            study = dataset.studies_by_id.get(paper["study_id"] or paper["follows"] or "")
            if study is not None:
                pages[paper["primary_id"]] = topics[study["topic"]]["page"]
        return pages  # a study whose report was not read has no card to link to

    def summary_of_findings(self, *, caption: str, topic: str | None = None, theme: str | None = None) -> HTML:
        """The questions (of a topic or theme, or all) with their effects and certainty."""
        rows = self.appraisal.rows_for(topic=topic, theme=theme)
        return HTML(
            render_appraisal.sof_table(
                rows, caption=caption, root=self.root, pages=self.study_pages(), confidence_level=self._level()
            )
        )

    def findings_chart(self, *, title: str, caption: str, topic: str | None = None, theme: str | None = None) -> HTML:
        """The questions' groups as rates with intervals: the review's studies and the later ones, told apart."""
        rows = self.appraisal.rows_for(topic=topic, theme=theme)
        return HTML(_figures().findings_chart(self.evidence, rows, title=title, caption=caption, source=self.source))

    def bottom_line(self) -> HTML:
        from .appraisal import bottom_line

        line = bottom_line(self.appraisal)
        return HTML(
            render_appraisal.bottom_line(
                render_appraisal.bottom_line_sentences(line, root=self.root, sof_anchor="#summary-of-findings")
            )
        )

    def study_cards(self, study_ids, *, relations=("cited", "same-study")) -> HTML:
        """A card per paper read that reports these studies (or follows them, for other relations)."""
        from .appraisal import papers_for, study_card

        ids = papers_for(self.evidence, list(study_ids), relations=relations)
        if not ids:
            raise SelectionError(f"no paper of {list(study_ids)} with relation {relations}")
        cards = "".join(
            render_appraisal.study_card(study_card(self.evidence, i), confidence_level=self._level()) for i in ids
        )
        return HTML(f'<div class="study-cards">{cards}</div>')

    def later_studies(self, study_ids) -> HTML:
        """For each study: the later, larger or related studies found, or what was searched when none was."""
        from .appraisal import papers_for, study_card

        later = ("later-trial", "randomised-comparison", "next-stage", "earlier-stage", "related", "benchmark")
        parts = []
        for study_id in study_ids:
            label = self.dataset.studies_by_id[study_id]["label"]
            ids = papers_for(self.evidence, [study_id], relations=later)
            searches = self.dataset.searches_for.get(study_id, [])
            if ids:
                cards = "".join(
                    render_appraisal.study_card(study_card(self.evidence, i), confidence_level=self._level())
                    for i in ids
                )
                parts.append(render_appraisal.later_block(label, cards, searches))
            else:
                parts.append(render_appraisal.later_block(label, "", searches))
        return HTML("".join(parts))

    def assertions(self, *, caption: str, topics=None) -> HTML:
        """The review's claims without numbers (of these topics), each with its verdict and reason."""
        from .appraisal import assertion_rows

        return HTML(render_appraisal.assertions_table(assertion_rows(self.evidence, topics=topics), caption=caption))

    def assertions_by_topic(self) -> HTML:
        """Where each topic's claims without numbers are listed, with their verdicts counted."""
        from .appraisal import assertion_rows

        rows = assertion_rows(self.evidence)
        topics = self.dataset.topics
        items = []
        for topic in dict.fromkeys(r.topic for r in sorted(rows, key=lambda r: list(topics).index(r.topic))):
            mine = [r for r in rows if r.topic == topic]
            counts = ", ".join(
                f"{render.computed(str(sum(r.verdict == v for r in mine)))} {render.escape(label)}"
                for v, label in dict.fromkeys((r.verdict, r.verdict_label) for r in mine)
            )
            target = f"{self.root}{topics[topic]['page']}#the-reviews-claims-without-numbers"
            items.append(f'<li><a href="{target}">{render.escape(topics[topic]["label"])}</a>: {counts}</li>')
        return HTML(f'<ul class="answers">{"".join(items)}</ul>')

    # --- figures --------------------------------------------------------------------------
    def forest(self, selection, *, family: str, title: str, caption: str) -> HTML:
        """Rates with their intervals, grouped by the outcome each measures."""
        return HTML(
            _figures().forest_plot(
                self.evidence, self._ids(selection), family=family, title=title, caption=caption, source=self.source
            )
        )

    def stated_rates(self, selection, *, title: str, caption: str, xlabel: str) -> HTML:
        return HTML(
            _figures().stated_rates(
                self.evidence, self._ids(selection), title=title, caption=caption, source=self.source, xlabel=xlabel
            )
        )

    def grouped_rates(self, selection, *, title: str, caption: str, ylabel: str) -> HTML:
        return HTML(
            _figures().grouped_rates(
                self.evidence, self._ids(selection), title=title, caption=caption, source=self.source, ylabel=ylabel
            )
        )

    def evidence_matrix(self, *, caption: str) -> HTML:
        return HTML(_figures().evidence_matrix(self.evidence, caption=caption, source=self.source))

    def dosing(self, *, caption: str) -> HTML:
        return HTML(_figures().dosing(self.evidence, caption=caption, source=self.source))
