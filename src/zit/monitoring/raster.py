"""The annual report's chart and map as PNG for the DOCX (a Word document does not take the SVG the pages and
the PDF use): drawn with Pillow from the same frozen figures, with the values written next to the bars and a
legend under the map."""

from __future__ import annotations

import io
import math
from decimal import Decimal
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from zit.core.charts import PALETTE
from zit.core.formatting import format_amount

FONT_FILES = ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",)


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for path in FONT_FILES:
        if Path(path).exists():
            return ImageFont.truetype(path, size)
    return ImageFont.load_default(size=size)


def bar_chart_png(items: list[tuple[str, Decimal]], *, width: int = 1200) -> bytes:
    font = _font(26)
    bar, gap, label_w, value_w, top = 44, 18, 200, 330, 10
    height = top + len(items) * (bar + gap) + 10
    image = Image.new("RGB", (width, max(height, 60)), "white")
    draw = ImageDraw.Draw(image)
    largest = max((v for _l, v in items), default=Decimal(1)) or Decimal(1)
    plot = width - label_w - value_w
    for i, (label, value) in enumerate(items):
        y = top + i * (bar + gap)
        length = max(2, int(float(value / largest) * plot)) if value > 0 else 0
        draw.text((label_w - 12, y + bar / 2), label, fill="#1a1a1a", font=font, anchor="rm")
        draw.rectangle((label_w, y, label_w + length, y + bar), fill=PALETTE[0])
        draw.text(
            (label_w + length + 10, y + bar / 2), format_amount(value), fill="#1a1a1a", font=font, anchor="lm"
        )
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def _rings(geometry: dict) -> list[list[list[float]]]:
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"][0]]
    if geometry["type"] == "MultiPolygon":
        return [polygon[0] for polygon in geometry["coordinates"]]
    return []


def map_png(
    units: list, fills: dict[str, tuple[str, str]], legend: list[tuple[str, str]], *, width: int = 1200
) -> bytes:
    """Units (with .geometry, .terc, .name) filled by TERC, names on them, and the legend below."""
    units = [u for u in units if u.geometry]
    if not units:
        return b""
    lons = [p[0] for u in units for ring in _rings(u.geometry) for p in ring]
    lats = [p[1] for u in units for ring in _rings(u.geometry) for p in ring]
    kx = math.cos(math.radians((min(lats) + max(lats)) / 2))
    scale = (width - 40) / ((max(lons) - min(lons)) * kx)
    map_h = int((max(lats) - min(lats)) * scale) + 40
    legend_h = 50 * len(legend) + 20
    image = Image.new("RGB", (width, map_h + legend_h), "white")
    draw = ImageDraw.Draw(image)

    def xy(lon: float, lat: float) -> tuple[float, float]:
        return 20 + (lon - min(lons)) * kx * scale, 20 + (max(lats) - lat) * scale

    small = _font(20)
    for unit in units:
        colour = fills.get(unit.terc, ("#ffffff", ""))[0]
        for ring in _rings(unit.geometry):
            draw.polygon([xy(lon, lat) for lon, lat in ring], fill=colour, outline="#0b3c66")
    for unit in units:
        from shapely.geometry import shape

        point = shape(unit.geometry).representative_point()
        draw.text(
            xy(point.x, point.y),
            unit.name,
            fill="#1a1a1a",
            font=small,
            anchor="mm",
            stroke_width=2,
            stroke_fill="white",
        )
    font = _font(24)
    for i, (colour, text) in enumerate(legend):
        y = map_h + 10 + i * 50
        draw.rectangle((20, y, 60, y + 36), fill=colour, outline="#666666")
        draw.text((75, y + 18), text, fill="#1a1a1a", font=font, anchor="lm")
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()
