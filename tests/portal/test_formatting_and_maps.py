import datetime as dt
from decimal import Decimal

from django.urls import reverse
from django.utils import translation

from zit.core.formatting import format_amount, format_date, format_number
from zit.core.maps import svg_map


def test_polish_number_amount_and_date_formats():
    with translation.override("pl"):
        assert format_amount(Decimal("1234567.89")) == "1\u00a0234\u00a0567,89\u00a0zł"
        assert format_number(Decimal("12079")) == "12\u00a0079"
        assert format_date(dt.date(2026, 11, 25)) == "25 listopada 2026"
        assert format_date(dt.date(2023, 12, 31), "year") == "2023"
    with translation.override("en"):
        assert format_number(Decimal("1234.5"), 2) == "1,234.50"


class Unit:
    def __init__(self, terc, name, ring):
        self.terc, self.name = terc, name
        self.geometry = {"type": "Polygon", "coordinates": [ring]}
        xs, ys = [p[0] for p in ring], [p[1] for p in ring]
        self.min_lon, self.max_lon, self.min_lat, self.max_lat = min(xs), max(xs), min(ys), max(ys)


def test_svg_map_is_accessible_and_escapes_names():
    units = [Unit("3010011", "A & <B>", [[18, 52], [18.1, 52], [18.1, 52.1], [18, 52]])]
    svg = svg_map(
        units, url_for=lambda u: reverse("portal:gmina", args=[u.terc]), title="Mapa", description="Opis"
    )
    assert 'role="img"' in svg and '<title id="svg-map-title">Mapa</title>' in svg
    assert "A &amp; &lt;B&gt;" in svg and "<B>" not in svg
    assert 'href="/gminy/3010011/"' in svg
    assert svg_map([], title="x") == ""


def test_polish_alphabetical_order():
    from zit.core.formatting import polish_sort_key

    names = ["Wilczyn", "Ślesin", "Skulsk", "Sompolno", "Łódź", "Lubin", "Żnin", "Zagórów"]
    assert sorted(names, key=polish_sort_key) == [
        "Lubin",
        "Łódź",
        "Skulsk",
        "Sompolno",
        "Ślesin",
        "Wilczyn",
        "Zagórów",
        "Żnin",
    ]
