"""The site's figures. Each takes rows from views (numbers, never strings to parse back), draws
them wide and narrow, describes them in its alt text and ships them as CSV.
"""

import textwrap
from collections.abc import Sequence

from matplotlib.lines import Line2D
from matplotlib.ticker import FuncFormatter, LogLocator, NullFormatter

from . import numbers, plotting, views
from .plotting import COLOURS, figure, figure_html, svg_of
from .render import Safe
from .views import Evidence, ProportionRow

LINE = 0.2  # inches per text line
WORDS_ONLY = "results in words only"


def _title(ax, title: str, narrow: bool) -> None:
    """A title that fits the drawing's width: wrapped on the narrow one."""
    ax.set_title(textwrap.fill(title, 45) if narrow else title, fontsize=plotting.MIN_FONT_PT + 1, loc="left")


def _pct(row: ProportionRow, which: str) -> str:
    """A row's recomputed rate or interval bound, printed by the one convention (numbers)."""
    if which == "rate":
        return "" if row.rate is None else numbers.bare(numbers.rate_percent(row.successes, row.trials))
    value = row.ci_low if which == "low" else row.ci_high
    return "" if value is None else numbers.bare(numbers.share_percent(value))


def forest_data(evidence: Evidence, rows: Sequence[ProportionRow]) -> list[dict]:
    return [
        {
            "claim_id": row.number.claim_id,
            "study": row.study,
            "group": row.group,
            "outcome_measured": row.outcome_label,
            "outcome_named_by_review": row.named_label,
            "stated_by_review": "no (computed from its counts)" if row.derived else "yes",
            "events": "" if row.successes is None else row.successes,
            "total": row.trials,
            "counts": row.counts,
            "stated_percent": "" if row.derived else row.number.printed,
            "recomputed_percent": _pct(row, "rate"),
            "ci_low_percent": _pct(row, "low"),
            "ci_high_percent": _pct(row, "high"),
            "mark": row.number.mark.mark,
            "source": row.number.mark.source or "",
        }
        for row in rows
    ]


def forest_plot(
    evidence: Evidence, claim_ids: Sequence[str], *, family: str, title: str, caption: str, source: str
) -> Safe:
    """Rates with their intervals, one panel per outcome measured (complete plus partial responses first): per row
    the study and group, events/total, the stated and the recomputed percentage with its interval, and
    its signs. A rate the audit computes from the review's counts is drawn without a stated value."""
    rows = views.rate_rows(evidence, claim_ids, family=family)
    data = forest_data(evidence, rows)
    confidence = evidence.confidence
    level = numbers.share_percent(confidence, 0)

    def lines_for(row: ProportionRow, narrow: bool) -> tuple[str, ...]:
        flags = (row.number.mark.symbol + " " + row.number.mark.source_symbol).strip()
        counts = f"{row.successes_text}/{row.trials}" + (" implied" if row.counts == "implied" else "")
        stated = "not stated, from its counts" if row.derived else f"stated {row.number.printed}% {flags}".strip()
        recomputed = (
            f"recomputed {_pct(row, 'rate')}% ({_pct(row, 'low')}–{_pct(row, 'high')})"
            if row.rate is not None
            else "no count"
        )
        # a group named by the review's words for an outcome reads as the outcome measured
        group = row.group if row.group_is_arm or not row.outcome_label else row.outcome_label
        label = f"{row.study} · {group}" + (f" (the review: {row.named_label})" if row.named_label else "")
        if narrow:  # a phone's width holds one short line each
            return textwrap.fill(label, 44), f"{counts} · {stated}", recomputed
        # the label on its own line, the numbers on the next: a long label never runs into them
        return label, f"{counts} · {stated} · {recomputed}"

    def draw(width: float) -> str:
        narrow = width < plotting.WIDE
        layout = []  # (kind, text or row)
        for outcome in dict.fromkeys(r.outcome_label for r in rows):
            layout.append(("header", outcome[:1].upper() + outcome[1:]))
            layout.extend(("row", row) for row in rows if row.outcome_label == outcome)
        per_row = 4 if narrow else 3
        # a label wrapped on a phone takes a line more for each break
        extra = sum(lines_for(item, narrow)[0].count("\n") for kind, item in layout if kind == "row")
        height = LINE * (sum(per_row if kind == "row" else 1 for kind, _ in layout) + extra + 3) + 0.5
        with figure(width, height) as (fig, ax):
            y = 0.0
            for kind, item in layout:
                if kind == "header":
                    ax.text(0, y, item, fontsize=plotting.MIN_FONT_PT + 1, fontweight="bold", va="center", ha="left",
                            transform=ax.get_yaxis_transform())  # fmt: skip
                    y += 1
                    continue
                label, *lines = lines_for(item, narrow)
                breaks = label.count("\n")  # a wrapped label is centred on its own lines
                ax.text(
                    0,
                    y + breaks / 2,
                    label,
                    fontsize=plotting.MIN_FONT_PT,
                    va="center",
                    ha="left",
                    transform=ax.get_yaxis_transform(),
                )
                y += breaks
                for line in lines:
                    y += 1
                    ax.text(0, y, line, fontsize=plotting.MIN_FONT_PT, va="center", ha="left", color="#333333",
                            transform=ax.get_yaxis_transform())  # fmt: skip
                y += 1
                implied = item.counts == "implied"
                if item.rate is not None:
                    ax.plot([item.ci_low * 100, item.ci_high * 100], [y, y], color=COLOURS["grey"], linewidth=1.4,
                            linestyle="--" if implied else "-")  # fmt: skip
                    ax.plot(item.rate * 100, y, marker="s", markersize=6, color=COLOURS["blue"],
                            markerfacecolor="white" if implied else COLOURS["blue"], linestyle="none")  # fmt: skip
                if not item.derived:
                    ax.plot(
                        float(item.number.value),
                        y,
                        marker="D",
                        markersize=5,
                        color=COLOURS["vermillion"],
                        linestyle="none",
                    )
                y += 1
            ax.set_ylim(y, -1)
            ax.set_xlim(0, 100)
            ax.set_yticks([])
            ax.spines["left"].set_visible(False)
            ax.set_xlabel("Patients with the outcome (%)", fontsize=plotting.MIN_FONT_PT)
            ax.tick_params(axis="x", labelsize=plotting.MIN_FONT_PT)
            key = [  # the legend draws the markers themselves, in their colours
                Line2D([], [], marker="s", color=COLOURS["grey"], markerfacecolor=COLOURS["blue"], markeredgecolor=COLOURS["blue"],
                       label=f"recomputed, {level} CI"),
                Line2D([], [], marker="s", linestyle="--", color=COLOURS["grey"], markerfacecolor="white",
                       markeredgecolor=COLOURS["blue"], label="count implied"),
                Line2D([], [], marker="D", linestyle="none", color=COLOURS["vermillion"], label="stated by the review"),
            ]  # fmt: skip
            fig.legend(handles=key, loc="outside lower left", ncol=1 if narrow else 3, frameon=False)
            _title(ax, title, narrow)
            return svg_of(fig)

    def described(row: ProportionRow) -> str:
        stated = (
            "not stated by the review, computed from its counts" if row.derived else f"stated {row.number.printed}%"
        )
        text = f"{row.study}, {row.group}, {row.outcome_label}"
        if row.named_label:
            text += f" (the review calls it {row.named_label})"
        text += f": {stated}"
        if row.rate is not None:
            text += (
                f", recomputed {_pct(row, 'rate')}% ({level} CI {_pct(row, 'low')}% to {_pct(row, 'high')}%) from "
                f"{row.successes} of {row.trials}{' (count implied)' if row.counts == 'implied' else ''}"
            )
        else:
            text += f", count not stated, group of {row.trials}"
        if not row.derived:
            text += f", {row.number.mark.label}"
            if row.number.mark.source:
                text += f", {row.number.mark.source_label}"
        return text

    alt = f"{title}. " + "; ".join(described(row) for row in rows)
    return figure_html(draw, name="response-rates", alt=alt, caption=caption, source=source, data=data)


def stated_rates(
    evidence: Evidence, claim_ids: Sequence[str], *, title: str, caption: str, source: str, xlabel: str
) -> Safe:
    """Stated percentages without a group size (nothing to recompute), one bar per group."""
    claims = evidence.claims(claim_ids)
    numbers = [evidence.number(c["claim_id"]) for c in claims]
    data = [
        {"claim_id": n.claim_id, "study": n.study, "group": n.group, "stated_percent": n.printed, "mark": n.mark.mark}
        for n in numbers
    ]

    def draw(width: float) -> str:
        with figure(width, LINE * 2.2 * len(numbers) + 1.2) as (fig, ax):
            positions = list(range(len(numbers)))[::-1]
            bars = ax.barh(positions, [float(n.value) for n in numbers], color=COLOURS["blue"], height=0.55)
            ax.bar_label(bars, labels=[f"{n.printed}%" for n in numbers], padding=3, fontsize=plotting.MIN_FONT_PT)
            ax.set_yticks(positions, [n.group for n in numbers], fontsize=plotting.MIN_FONT_PT)
            ax.set_xlim(0, 110)
            ax.set_xlabel(xlabel, fontsize=plotting.MIN_FONT_PT)
            ax.tick_params(axis="x", labelsize=plotting.MIN_FONT_PT)
            _title(ax, title, width < plotting.WIDE)
            return svg_of(fig)

    alt = f"{title}. Bar chart: " + "; ".join(f"{n.group} {n.printed}%" for n in numbers)
    return figure_html(draw, name="stated-rates", alt=alt, caption=caption, source=source, data=data)


def grouped_rates(
    evidence: Evidence, claim_ids: Sequence[str], *, title: str, caption: str, source: str, ylabel: str
) -> Safe:
    """Stated percentages of claims whose group reads 'SERIES, GROUP', as grouped bars."""
    numbers = [evidence.number(c["claim_id"]) for c in evidence.claims(claim_ids)]
    groups, series = [], {}
    for number in numbers:
        name, _, group = number.group.partition(", ")
        if group not in groups:
            groups.append(group)
        series.setdefault(name, {})[group] = number
    data = [
        {"claim_id": n.claim_id, "series": name, "group": group, "stated_percent": n.printed, "mark": n.mark.mark}
        for name, by_group in series.items()
        for group, n in by_group.items()
    ]

    def draw(width: float) -> str:
        with figure(width, 3.2) as (fig, ax):
            step = 0.8 / len(series)
            colours = [COLOURS["grey"], COLOURS["blue"], COLOURS["vermillion"], COLOURS["green"]]
            for index, (name, by_group) in enumerate(series.items()):
                xs = [g + (index - (len(series) - 1) / 2) * step for g in range(len(groups))]
                values = [float(by_group[g].value) if g in by_group else 0.0 for g in groups]
                bars = ax.bar(xs, values, step * 0.95, label=name, color=colours[index % len(colours)])
                ax.bar_label(bars, labels=[f"{by_group[g].printed}%" if g in by_group else "" for g in groups], padding=2,
                             fontsize=plotting.MIN_FONT_PT)  # fmt: skip
            ax.set_xticks(range(len(groups)), groups, fontsize=plotting.MIN_FONT_PT)
            ax.set_ylabel(ylabel, fontsize=plotting.MIN_FONT_PT)
            ax.tick_params(axis="y", labelsize=plotting.MIN_FONT_PT)
            ax.set_ylim(0, 115)
            ax.grid(axis="x", visible=False)
            ax.grid(axis="y", visible=True)
            ax.legend(frameon=False, loc="upper right", fontsize=plotting.MIN_FONT_PT)
            _title(ax, title, width < plotting.WIDE)
            return svg_of(fig)

    alt = f"{title}. Grouped bar chart: " + "; ".join(
        f"{group}: "
        + ", ".join(f"{name} {by_group[group].printed}%" for name, by_group in series.items() if group in by_group)
        for group in groups
    )
    return figure_html(draw, name="grouped-rates", alt=alt, caption=caption, source=source, data=data)


def dosing(evidence: Evidence, *, caption: str, source: str) -> Safe:
    """Doses per administration and per week, in two panels; converted animal doses marked as such."""
    from .dosing import regimens

    rows = regimens(evidence.dataset)
    data = [
        {
            "regimen": r.regimen,
            "label": r.label,
            "species": r.species,
            "ng_per_kg_per_dose": f"{r.per_dose:.1f}",
            "ng_per_kg_per_week": "" if r.per_week is None else f"{r.per_week:.1f}",
            "human_equivalent": "yes" if r.converted else "no",
        }
        for r in rows
    ]
    labels = [r.label + (" (human-equivalent)" if r.converted else "") for r in rows]

    def draw(width: float) -> str:
        narrow = width < plotting.WIDE
        with figure(width, LINE * 2.4 * len(rows) * (2 if narrow else 1) + 1.6, columns=1 if narrow else 2) as (
            fig,
            axes,
        ):
            panels = [("per administration", [r.per_dose for r in rows])]
            panels.append(("per week", [r.per_week for r in rows]))
            axes = [axes] if narrow else list(axes)
            if narrow:  # one panel: both series, labelled
                panels = [("per administration and per week", None)]
            positions = list(range(len(rows)))[::-1]
            for ax, (name, values) in zip(axes, panels, strict=True):
                series = [("per administration", [r.per_dose for r in rows]), ("per week", [r.per_week for r in rows])]
                chosen = series if values is None else [(name, values)]
                height = 0.8 / len(chosen)
                for index, (series_name, series_values) in enumerate(chosen):
                    offset = (index - (len(chosen) - 1) / 2) * height
                    shown = [(p - offset, v) for p, v in zip(positions, series_values, strict=True) if v is not None]
                    colour = COLOURS["blue"] if series_name == "per administration" else COLOURS["vermillion"]
                    # dots, not bars: a bar's length means nothing on a log axis that does not start at zero
                    ax.plot([v for _, v in shown], [p for p, _ in shown], "o", color=colour, label=series_name)
                    for position, value in shown:
                        ax.annotate(f"{value:,.0f}", (value, position), xytext=(5, 0), textcoords="offset points",
                                    va="center", fontsize=plotting.MIN_FONT_PT)  # fmt: skip
                ax.set_title(name[0].upper() + name[1:], loc="left", fontsize=plotting.MIN_FONT_PT + 1)
                ax.set_xscale("log")
                ax.margins(x=0.25)
                # the same rows in both panels, a dose missing from one included
                ax.set_ylim(-0.6, len(rows) - 0.4)
                # a panel spanning about a decade gets ticks at 1, 2 and 5 of it, or it would show one
                drawn = [v for _, values_ in chosen for v in values_ if v]
                narrow_span = max(drawn) / min(drawn) < 20
                ax.xaxis.set_major_locator(LogLocator(base=10, subs=(1.0, 2.0, 5.0) if narrow_span else (1.0,)))
                ax.set_xlabel(f"ng/kg {name.replace('per administration and per week', 'per dose and per week')}, log",
                              fontsize=plotting.MIN_FONT_PT)  # fmt: skip
                # plain numbers, not 10² (its exponent would be drawn below the minimum text size)
                ax.xaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:,.0f}"))
                ax.xaxis.set_minor_formatter(NullFormatter())
                ax.tick_params(which="both", labelsize=plotting.MIN_FONT_PT)
                shown_labels = [textwrap.fill(label, 22) for label in labels] if narrow else labels  # room for the bars
                ax.set_yticks(
                    positions, shown_labels if ax is axes[0] else [""] * len(rows), fontsize=plotting.MIN_FONT_PT
                )
                if values is None:
                    fig.legend(frameon=False, loc="outside lower left", ncol=2, fontsize=plotting.MIN_FONT_PT)
            return svg_of(fig)

    alt = "Dot chart of doses in ng/kg on a log scale: " + "; ".join(
        f"{label}: {r.per_dose:,.0f} per administration"
        + (f", {r.per_week:,.0f} per week" if r.per_week is not None else ", no weekly schedule")
        for label, r in zip(labels, rows, strict=True)
    )
    return figure_html(draw, name="dosing", alt=alt, caption=caption, source=source, data=data)


def evidence_matrix(evidence: Evidence, *, caption: str, source: str) -> Safe:
    """Which outcomes rest on which kind of evidence: studies per outcome family and setting·species."""
    dataset = evidence.dataset
    # families of results: those with a rate among their quantities (quantities.csv)
    result_families = list(dict.fromkeys(q["family"] for q in dataset.rows("quantities") if q["role"] == "rate"))
    columns: list[str] = []
    cells: dict[tuple[str, str], list[str]] = {}
    for study in dataset.studies:
        if study["setting"] == "review":
            continue
        column = f"{study['setting']} · {study['species']}" if study["species"] else study["setting"]
        if column not in columns:
            columns.append(column)
        families = {  # the families of the results (rates) the study reports
            dataset.quantities[c["quantity"]]["family"]
            for c in dataset.claims_by_study.get(study["study_id"], [])
            if dataset.quantities[c["quantity"]]["role"] == "rate"
        }
        families &= set(result_families)
        for family in sorted(families) or [WORDS_ONLY]:
            cells.setdefault((family, column), []).append(study["label"])
    families = [f for f in (*result_families, WORDS_ONLY) if any(k[0] == f for k in cells)]
    data = [
        {
            "outcome": family,
            "evidence": column,
            "studies": len(cells.get((family, column), [])),
            "names": "; ".join(cells.get((family, column), [])),
        }
        for family in families
        for column in columns
    ]

    def draw(width: float) -> str:
        narrow = width < plotting.WIDE
        with figure(width, LINE * (3 if narrow else 2) * len(families) + 1.8) as (fig, ax):
            for x, column in enumerate(columns):
                for y, family in enumerate(families):
                    names = cells.get((family, column), [])
                    if names:
                        ax.scatter(x, y, s=120 * len(names), color=COLOURS["blue"], alpha=0.85, zorder=3)
                        ax.annotate(
                            str(len(names)),
                            (x, y),
                            ha="center",
                            va="center",
                            color="white",
                            fontsize=plotting.MIN_FONT_PT,
                            zorder=4,
                        )
            ax.set_xticks(range(len(columns)), [c.replace(" · ", "\n") for c in columns], fontsize=plotting.MIN_FONT_PT,
                          rotation=45 if narrow else 0, ha="right" if narrow else "center")  # fmt: skip
            ax.set_yticks(range(len(families)), families, fontsize=plotting.MIN_FONT_PT)
            ax.set_xlim(-0.6, len(columns) - 0.4)
            ax.set_ylim(len(families) - 0.5, -0.5)
            ax.grid(axis="both", visible=True)
            return svg_of(fig)

    alt = "Matrix of studies by outcome and kind of evidence: " + "; ".join(
        f"{row['outcome']}, {row['evidence']}: {row['studies']} ({row['names']})" for row in data if row["studies"]
    )
    return figure_html(draw, name="evidence-matrix", alt=alt, caption=caption, source=source, data=data)


def findings_chart(evidence: Evidence, rows: Sequence, *, title: str, caption: str, source: str) -> Safe:
    """Each question of the summary of findings with the rate of every group that answers it and its
    interval: the studies the review cites filled circles, the studies it does not cite hollow
    triangles on dotted lines, benchmarks grey. Only groups with counts are drawn; the rest stay in the table."""
    dataset = evidence.dataset
    level = numbers.share_percent(evidence.confidence, 0)

    def relation(arm) -> str:
        paper = dataset.primary_studies.get(arm.study_key)
        return paper["relation"] if paper else "cited"  # a study of the review itself

    def kind(arm) -> str:
        if arm.role == "benchmark":
            return "benchmark"
        return "review" if arm.cited else "later"

    drawn = [(row, [arm for arm in row.arms if arm.rate is not None and arm.trials]) for row in rows]
    drawn = [(row, arms) for row, arms in drawn if arms]
    words = {
        "review": "cited by the review (or another report of a study it cites)",
        "later": "not cited by the review",
        "benchmark": "benchmark from another study",
    }
    colours = {"review": COLOURS["blue"], "later": COLOURS["vermillion"], "benchmark": COLOURS["grey"]}

    suffix = {"review": "", "later": " (not cited by the review)", "benchmark": " (benchmark)"}

    def label(arm) -> str:  # another report of a cited study is drawn as cited, and says what it is
        other = f" ({arm.another_report})" if arm.another_report else ""
        return f"{arm.study} · {arm.arm}{suffix[kind(arm)]}{other}"

    outcomes = {row.outcome_label for row, _ in drawn}  # the axis names the outcome where all rows share one
    only = next(iter(outcomes)) if len(outcomes) == 1 else "with the outcome"
    axis = only[:1].upper() + only[1:]

    def numbers_of(arm) -> str:
        return (
            f"{arm.successes}/{arm.trials} · {numbers.rate_percent(arm.successes, arm.trials)} "
            f"({numbers.interval_text(arm.ci_low, arm.ci_high)})"
        )

    def draw(width: float) -> str:
        narrow = width < plotting.WIDE
        wrap = 44 if narrow else 84

        def block(arm) -> str:  # the arm's words: its label, then its counts, rate and interval
            if narrow:
                return textwrap.fill(label(arm), wrap) + "\n" + numbers_of(arm)
            return textwrap.fill(f"{label(arm)} · {numbers_of(arm)}", wrap)

        headings = [textwrap.fill(row.question, wrap) for row, _ in drawn]
        blocks = [[block(arm) for arm in arms] for _, arms in drawn]
        lines = sum(
            h.count("\n") + 1 + sum(b.count("\n") + 2 for b in bs) for h, bs in zip(headings, blocks, strict=True)
        )
        with figure(width, LINE * (lines + 4) + 0.6) as (fig, ax):
            y = 0.0

            def write(text: str, **style) -> None:  # a block of lines, top line at y; y moves past it
                nonlocal y
                extra = text.count("\n")
                ax.text(0, y + extra / 2, text, va="center", ha="left", transform=ax.get_yaxis_transform(), **style)
                y += extra + 1

            for heading, arm_blocks, (_, arms) in zip(headings, blocks, drawn, strict=True):
                write(heading, fontsize=plotting.MIN_FONT_PT + 1, fontweight="bold")
                for text, arm in zip(arm_blocks, arms, strict=True):
                    which = kind(arm)
                    write(text, fontsize=plotting.MIN_FONT_PT)
                    ax.plot([arm.ci_low * 100, arm.ci_high * 100], [y, y], color=colours[which], linewidth=1.4,
                            linestyle=":" if which == "later" else "-")  # fmt: skip
                    ax.plot(arm.rate * 100, y, marker="^" if which == "later" else "o", markersize=7, linestyle="none",
                            color=colours[which], markerfacecolor="white" if which == "later" else colours[which])  # fmt: skip
                    y += 1
            ax.set_ylim(y, -1)
            ax.set_xlim(0, 100)
            ax.set_yticks([])
            ax.spines["left"].set_visible(False)
            ax.set_xlabel(f"{axis} (%), {level} CI", fontsize=plotting.MIN_FONT_PT)
            ax.tick_params(axis="x", labelsize=plotting.MIN_FONT_PT)
            shown = list(dict.fromkeys(kind(arm) for _, arms in drawn for arm in arms))
            key = [
                Line2D([], [], marker="^" if k == "later" else "o", color=colours[k], linestyle=":" if k == "later" else "-",
                       markerfacecolor="white" if k == "later" else colours[k], label=words[k])
                for k in ("review", "later", "benchmark") if k in shown
            ]  # fmt: skip
            fig.legend(handles=key, loc="outside lower left", ncol=1 if narrow else 3, frameon=False)
            _title(ax, title, narrow)
            return svg_of(fig)

    data = [
        {
            "question": row.question,
            "study": arm.study,
            "group": arm.arm,
            "role": arm.role,
            "in_the_review": "yes" if kind(arm) == "review" else "no",
            "relation": relation(arm),
            "events": arm.successes,
            "total": arm.trials,
            "percent": numbers.rate_percent(arm.successes, arm.trials).rstrip("%"),
            "ci_low_percent": numbers.share_percent(arm.ci_low).rstrip("%"),
            "ci_high_percent": numbers.share_percent(arm.ci_high).rstrip("%"),
        }
        for row, arms in drawn
        for arm in arms
    ]
    alt = f"{title}. " + "; ".join(
        f"{row.question} {arm.study}, {arm.arm} ({words[kind(arm)]}): {arm.successes} of {arm.trials}, "
        f"{numbers.rate_percent(arm.successes, arm.trials)} ({level} CI {numbers.interval_text(arm.ci_low, arm.ci_high)})"
        for row, arms in drawn
        for arm in arms
    )
    return figure_html(draw, name="findings", alt=alt, caption=caption, source=source, data=data)
