"""The gmina labels on the SVG maps meet WCAG 1.4.3 (4.5:1) over every fill the maps use: the text against the
halo drawn under each letter, and (for renderers that ignore the page's stylesheet) the text is the better of
ink and white against the fill itself. The colours are read from the maps' code and from site.css, so a new
palette colour or a stylesheet rule that repaints the labels is checked too."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from zit.core.maps import INK, PAPER, contrast, label_colours, svg_map
from zit.territory.diagnosis import CLASS_COLOURS, NO_DATA_COLOUR

SITE_CSS = (Path(__file__).resolve().parents[2] / "src/zit/static/zit/site.css").read_text()
CARD_FILL = re.search(
    r'"(#[0-9a-f]{6})", _\("w projekcie"\)',
    (Path(__file__).resolve().parents[2] / "src/zit/projects/selectors.py").read_text(),
).group(1)


class Unit:
    def __init__(self, terc: str, name: str, lon: float):
        ring = [[lon, 52], [lon + 0.1, 52], [lon + 0.1, 52.1], [lon, 52.1], [lon, 52]]
        self.terc, self.name = terc, name
        self.geometry = {"type": "Polygon", "coordinates": [ring]}
        self.min_lon, self.max_lon, self.min_lat, self.max_lat = lon, lon + 0.1, 52, 52.1


def _css_fills(selector_part: str) -> list[str]:
    """The fill colours site.css gives to the map's plain units (their look on the pages)."""
    found = []
    for selectors, body in re.findall(r"([^{}]+)\{([^}]*)\}", SITE_CSS):
        if selector_part in selectors:
            found += re.findall(r"(?<![-\w])fill:\s*(#[0-9a-fA-F]{6})", body)
    return found


def _labels(svg: str) -> list[tuple[str, str, str]]:
    """(halo colour, text colour, name) of each label, in the order they are drawn."""
    halos = re.findall(
        r'<text [^>]*class="unit-label-halo" fill="(#\w{6})" stroke="(#\w{6})"[^>]*>([^<]*)<', svg
    )
    texts = re.findall(r'<text [^>]*class="unit-label" fill="(#\w{6})"[^>]*>([^<]*)<', svg)
    assert [h[2] for h in halos] == [t[1] for t in texts]
    assert all(fill == stroke for fill, stroke, _name in halos)
    return [(h[0], t[0], t[1]) for h, t in zip(halos, texts, strict=True)]


@pytest.mark.parametrize("fill", [*CLASS_COLOURS, NO_DATA_COLOUR, CARD_FILL])
def test_a_label_over_each_choropleth_colour_reads_at_4_5_to_1(fill):
    svg = svg_map([Unit("3010011", "Kazimierz Biskupi", 18.0)], fills={"3010011": (fill, "x")}, title="Mapa")
    [(halo, text, name)] = _labels(svg)
    assert name == "Kazimierz Biskupi"
    assert contrast(text, halo) >= 4.5
    # without the halo (a document's renderer): the better of the two, never the worse
    assert contrast(text, fill) == max(contrast(INK, fill), contrast(PAPER, fill))


def test_the_darkest_strategy_class_gets_white_text_the_lightest_dark():
    # the strategy map's most reached gmina was dark text on dark blue (about 2.2:1) before
    assert label_colours(CLASS_COLOURS[-1]) == (PAPER, INK)
    assert contrast(PAPER, CLASS_COLOURS[-1]) >= 4.5
    assert label_colours(CLASS_COLOURS[0]) == (INK, PAPER)


def test_plain_units_as_the_pages_paint_them_keep_dark_labels_readable():
    svg = svg_map([Unit("3010011", "Golina", 18.0), Unit("3010022", "Rzgów", 18.2)], title="Mapa")
    labels = _labels(svg)
    assert {text for _halo, text, _name in labels} == {INK}
    page_fills = _css_fills(".unit")
    assert len(page_fills) >= 3  # the unit, the highlighted or hovered unit, the card map's unit
    for fill in page_fills:
        assert contrast(INK, fill) >= 4.5, fill


def test_the_stylesheet_does_not_repaint_the_labels():
    # the contrast above is computed from the SVG's own colours: a page rule painting them would bypass it
    for selectors, body in re.findall(r"([^{}]+)\{([^}]*)\}", SITE_CSS):
        if "unit-label" in selectors:
            assert not re.search(r"(?<![-\w])(fill|stroke|color|opacity):", body), selectors
