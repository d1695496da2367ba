"""Figures: one house style, deterministic SVG, real alt text, and the data each figure draws.

Every figure is drawn twice — wide for desktops, narrow for phones — so that its text is never
smaller than MIN_TEXT_PX CSS pixels where it is shown (the site picks one with <picture>). The
rows a figure draws travel with it as CSV ("data behind this figure"), so a test can recompute
them from data/ and a reader can check them.
"""

import io
import re
from collections.abc import Callable, Sequence
from contextlib import contextmanager
from pathlib import Path

import matplotlib

matplotlib.use("svg")
import matplotlib.pyplot as plt  # noqa: E402

from .export import csv_lines  # noqa: E402
from .render import Safe, escape  # noqa: E402

STYLE = Path(__file__).with_name("evidence.mplstyle")
# Okabe–Ito colours: distinguishable with colour-vision deficiency.
COLOURS = {"blue": "#0072B2", "vermillion": "#D55E00", "green": "#009E73", "grey": "#666666", "orange": "#E69F00"}
WIDE, NARROW = 7.0, 3.9  # inches; narrow fits a 390 px screen at ≥ 11 px text (9 pt × 358 px / 281 pt)
MIN_FONT_PT = 9


@contextmanager
def figure(width: float, height: float, *, columns: int = 1, width_ratios: Sequence[float] | None = None):
    """A figure in the house style; closed on exit so notebooks never print a Figure repr."""
    with plt.style.context(STYLE):
        fig, axes = plt.subplots(
            1,
            columns,
            figsize=(width, height),
            layout="constrained",
            gridspec_kw={"width_ratios": width_ratios} if width_ratios else None,
        )
        try:
            yield fig, axes
        finally:
            plt.close(fig)


def svg_markup(fig) -> str:
    """The figure as SVG text with no date, no random ids and no XML prologue."""
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg") :]
    return re.sub(r'(<svg[^>]*?) width="[^"]+" height="[^"]+"', r"\1", svg, count=1)  # scale with the page


def csv_text(rows: Sequence[dict]) -> str:
    return csv_lines([list(rows[0]), *([row[key] for key in rows[0]] for row in rows)])


def figure_html(
    draw: Callable[[float], object],
    *,
    name: str,
    alt: str,
    caption: str,
    source: str,
    data: Sequence[dict],
) -> Safe:
    """The figure (wide and narrow renderings of `draw(width)`), its caption and the CSV of its data.

    `draw(width)` returns a closed-over matplotlib figure; the MkDocs hook turns the two SVGs
    into files behind one <picture> and the CSV into a download link.
    """
    svgs = []
    for width, kind in ((WIDE, "wide"), (NARROW, "narrow")):
        svg = draw(width)
        svgs.append(
            re.sub(r"<svg ", f'<svg role="img" aria-label="{escape(alt)}" data-variant="{kind}" ', svg, count=1)
        )
    # where it is computed, for a maintainer (an attribute, not page text: readers get the CSV link)
    provenance = (
        f'<span class="figure-provenance" data-source="{escape(source)}">Computed from the data.</span>'
        if source
        else ""
    )
    return Safe(
        f'<figure class="evidence-figure" data-figure="{escape(name)}">{"".join(svgs)}'
        f"<figcaption>{escape(caption)} {provenance}</figcaption>"
        f'<pre class="figure-data" hidden>{escape(csv_text(data))}</pre></figure>'
    )


def svg_of(fig) -> str:
    """The figure as SVG text (the house's one way of rendering a figure)."""
    return svg_markup(fig)
