"""Figures: one house style, deterministic inline SVG, real alt text and a provenance caption."""

import io
import re
from contextlib import contextmanager
from pathlib import Path

import matplotlib

matplotlib.use("svg")
import matplotlib.pyplot as plt  # noqa: E402

from .render import Safe, escape  # noqa: E402

STYLE = Path(__file__).with_name("evidence.mplstyle")
# Okabe–Ito colours: distinguishable with colour-vision deficiency.
COLOURS = {"blue": "#0072B2", "vermillion": "#D55E00", "green": "#009E73", "grey": "#666666"}


@contextmanager
def figure(width: float = 7.0, height: float = 3.0):
    """A figure in the house style; closed on exit so notebooks never print a Figure repr."""
    with plt.style.context(STYLE):
        fig, ax = plt.subplots(figsize=(width, height), layout="constrained")
        try:
            yield fig, ax
        finally:
            plt.close(fig)


def svg_markup(fig) -> str:
    """The figure as SVG text with no date, no random ids and no XML prologue."""
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    svg = buffer.getvalue()
    return svg[svg.index("<svg") :]


def figure_html(fig, alt: str, caption: str, claim_ids: list[str], source: str) -> Safe:
    """Inline SVG named by its alt text, with a caption naming the claims it draws."""
    svg = svg_markup(fig)
    svg = re.sub(r"<svg ", f'<svg role="img" aria-label="{escape(alt)}" ', svg, count=1)
    svg = re.sub(r'(<svg[^>]*?) width="[^"]+" height="[^"]+"', r"\1", svg, count=1)  # scale with the page
    drawn = ", ".join(f"<code>{escape(claim_id)}</code>" for claim_id in claim_ids)
    provenance = (
        f"Drawn from claims {drawn}; computed in {escape(source)}." if claim_ids else f"Computed in {escape(source)}."
    )
    return Safe(
        f'<figure class="evidence-figure">{svg}<figcaption>{escape(caption)} '
        f'<span class="figure-provenance">{provenance}</span></figcaption></figure>'
    )


def forest(ax, labels: list[str], rates: list[float], lows: list[float], highs: list[float], counts: list[str]) -> None:
    """Horizontal point-and-interval plot of proportions (top row first), with n at the right."""
    positions = list(range(len(labels)))[::-1]
    errors = [
        [rate - low for rate, low in zip(rates, lows, strict=True)],
        [high - rate for rate, high in zip(rates, highs, strict=True)],
    ]
    ax.errorbar(
        [r * 100 for r in rates],
        positions,
        xerr=[[e * 100 for e in errors[0]], [e * 100 for e in errors[1]]],
        fmt="o",
        color=COLOURS["blue"],
        ecolor=COLOURS["grey"],
        capsize=3,
        markersize=5,
    )
    ax.set_yticks(positions, labels)
    ax.set_xlim(0, 100)
    ax.set_xlabel("Percentage of patients (95% CI, Wilson)")
    for position, count in zip(positions, counts, strict=True):
        ax.annotate(count, xy=(1.01, position), xycoords=("axes fraction", "data"), va="center", fontsize=9)


def grouped_bars(ax, groups: list[str], series: dict[str, list[float]], ylabel: str) -> None:
    """Bars of several series side by side for each group, each bar labelled with its value."""
    width = 0.8 / len(series)
    colours = [COLOURS["grey"], COLOURS["blue"], COLOURS["vermillion"], COLOURS["green"]]
    for index, (name, values) in enumerate(series.items()):
        xs = [g + (index - (len(series) - 1) / 2) * width for g in range(len(groups))]
        bars = ax.bar(xs, values, width * 0.95, label=name, color=colours[index % len(colours)])
        ax.bar_label(bars, labels=[f"{v:g}%" for v in values], padding=2, fontsize=9)
    ax.set_xticks(range(len(groups)), groups)
    ax.set_ylabel(ylabel)
    ax.set_ylim(0, 110)
    ax.grid(axis="x", visible=False)
    ax.grid(axis="y", visible=True)
    ax.legend(frameon=False, loc="upper right")
