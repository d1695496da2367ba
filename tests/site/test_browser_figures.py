"""Figure text is at least 11 CSS px where a reader sees it: on a 390 px phone and on a desktop."""

import re
from urllib.parse import urlparse

import pytest

MIN_TEXT_PX = 11


def _figure_pages(site) -> list[str]:
    """Every built page that shows a figure."""
    pages = [p for p in sorted(site.rglob("index.html")) if 'class="evidence-figure"' in p.read_text(encoding="utf-8")]
    return ["" if p.parent == site else p.parent.relative_to(site).as_posix() + "/" for p in pages]


def _smallest_text(svg: str) -> tuple[float, float]:
    """(viewBox width, smallest font size) of an SVG, both in its user units."""
    width = float(re.search(r'viewBox="0 0 ([\d.]+) [\d.]+"', svg).group(1))
    sizes = [float(size) for size in re.findall(r"font-size:\s*([\d.]+)px", svg)]
    return width, min(sizes)


@pytest.mark.parametrize("width", [390, 1280])
def test_figure_text_is_at_least_11_css_px(browser, server, site, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    small = []
    try:
        pages = _figure_pages(site)
        assert len(pages) >= 4, pages
        for path in pages:
            page = context.new_page()
            page.goto(f"{server}/{path}", wait_until="load")
            images = page.locator("figure.evidence-figure img")
            assert images.count() > 0, path
            for index in range(images.count()):
                image = images.nth(index)
                image.scroll_into_view_if_needed()
                page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=image.element_handle())
                source = urlparse(image.evaluate("img => img.currentSrc")).path.lstrip("/")
                viewbox, font = _smallest_text((site / source).read_text(encoding="utf-8"))
                shown = image.evaluate("img => img.getBoundingClientRect().width")
                if font * shown / viewbox < MIN_TEXT_PX:
                    small.append((path, source, round(font * shown / viewbox, 1)))
            page.close()
    finally:
        context.close()
    assert small == []
