"""The annual report as tagged PDF (from HTML) and editable DOCX, both drawn only from a frozen snapshot."""

from __future__ import annotations

import base64
import datetime as dt
import io
from decimal import Decimal
from typing import Any

from django.template.loader import render_to_string
from django.utils import translation

from zit.association.selectors import letterhead_lines
from zit.core.charts import bar_chart
from zit.core.documents import pdf_from_html
from zit.core.docx_house import docx_language_tag, docx_run_language, house_bytes, house_document
from zit.core.formatting import document_date, document_datetime, format_amount, format_number
from zit.core.maps import svg_map
from zit.monitoring.raster import bar_chart_png, map_png
from zit.territory.models import AdministrativeUnit

NUMERIC = (
    "_pln",
    "_eur",
    "absorption",
    "value",
    "target",
    "baseline",
    "population",
    "per_inhabitant",
    "rate",
)
STATUS = {"running": "w realizacji", "settled": "rozliczony", "terminated": "umowa rozwiązana"}


def _numbers(value: Any, key: str = "") -> Any:
    """Amounts are stored as text (exact); documents format them as numbers again."""
    if isinstance(value, dict):
        return {k: _numbers(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_numbers(v, key) for v in value]
    if isinstance(value, str) and key.endswith(NUMERIC) and not key.endswith("_year"):
        return Decimal(value)
    return value


def context(snapshot: dict[str, Any]) -> dict[str, Any]:
    data = _numbers(snapshot)
    data["absorption"] = [
        (year, Decimal(amount), Decimal(share) if share is not None else None)
        for year, amount, share in snapshot["absorption"]
    ]
    for project in data["projects"]:
        project["status_label"] = STATUS[project["status"]]
    data["rate_note"] = _rate_note(snapshot.get("rate"))
    # the snapshot keeps machine dates (it is hashed); people read them in words
    data["as_of_text"] = document_date(dt.date.fromisoformat(snapshot["as_of"]))
    generated = dt.datetime.fromisoformat(snapshot["generated_at"])
    data["generated_text"] = document_datetime(generated)
    return data


def _rate_note(rate: dict[str, Any] | None) -> str:
    """The rate's series, table, date and staleness as the snapshot recorded them (older snapshots: rate and day)."""
    if not rate:
        return ""
    if rate.get("note"):
        return rate["note"]
    return f"Kwoty w euro przeliczono po kursie 1 EUR = {format_number(Decimal(rate['rate']), 4)} zł z dnia {rate['date']}."


def _amount(value: Decimal | None) -> str:
    return format_amount(value) if value is not None else "brak danych"


def _map_fills(data: dict[str, Any]):
    """The same classes and colours as the page, from the frozen figures."""
    from types import SimpleNamespace

    from zit.monitoring.geography import fills as gmina_fills

    rows = [
        SimpleNamespace(unit=SimpleNamespace(terc=g["terc"]), per_inhabitant=g["per_inhabitant"])
        for g in data["gminas"]
    ]
    return gmina_fills(rows)


def _picture(doc: Any, png: bytes, description: str, *, width_mm: int = 160) -> None:
    from docx.shared import Mm

    shape = doc.add_picture(io.BytesIO(png), width=Mm(width_mm))
    shape._inline.docPr.set("descr", description)  # the alternative text Word reads out


def _charts(data: dict[str, Any]) -> dict[str, str]:
    chart = bar_chart(
        [(str(year), amount) for year, amount, _share in data["absorption"]],
        title="Dofinansowanie UE wydane narastająco, według lat",
        description="Wykres słupkowy; kwoty są też w tabeli.",
        value_label=format_amount,
        chart_id="absorption",
    )

    fills, classes = _map_fills(data)
    data["map_classes"] = classes
    units = list(
        AdministrativeUnit.objects.filter(terc__in=fills)
    )  # shapes only; every figure is the snapshot's
    svg = svg_map(
        units,
        title="Dofinansowanie UE w umowach na mieszkańca, według gmin",
        description="Im ciemniejszy kolor, tym więcej złotych na mieszkańca; białe gminy nie mają danych o ludności.",
        fills=fills,
        svg_id="gminas-map",
    )
    return {
        "chart_b64": base64.b64encode(str(chart).encode()).decode() if chart else "",
        "map_b64": base64.b64encode(svg.encode()).decode() if svg else "",
    }


def annual_report_pdf(snapshot: dict[str, Any]) -> bytes:
    with translation.override("pl"):
        data = context(snapshot)
        html = render_to_string("documents/annual_report.html", {"s": data} | _charts(data))
    return pdf_from_html(html)


def annual_report_docx(snapshot: dict[str, Any]) -> bytes:

    data = context(snapshot)
    title = f"Sprawozdanie z realizacji Strategii ZIT za {data['year']} r."
    doc = house_document(title, letterhead=letterhead_lines(), font="Liberation Serif", margin_cm=2.0)
    doc.add_heading(title, level=0)
    doc.add_paragraph(f"Stowarzyszenie Aglomeracji Konińskiej. Stan danych na {data['as_of_text']}")
    if data["is_demo"]:
        doc.add_paragraph("Dane demonstracyjne: sprawozdanie obejmuje projekty i wskaźniki przykładowe.")
    if data["rate_note"]:
        doc.add_paragraph(data["rate_note"])

    def table(header: list[str], rows: list[list[str]]) -> None:
        grid = doc.add_table(rows=1, cols=len(header))
        grid.style = "Table Grid"
        for cell, text in zip(grid.rows[0].cells, header, strict=True):
            cell.text = text
        for row in rows:
            for cell, text in zip(grid.add_row().cells, row, strict=True):
                if isinstance(text, tuple):  # (text, language) for text in another language than Polish
                    text, lang = text
                    run = cell.paragraphs[0].add_run(text)
                    if lang != "pl":
                        docx_run_language(run, docx_language_tag(lang))
                else:
                    cell.text = text

    t = data["totals"]
    doc.add_heading("1. Postęp finansowy", level=1)
    table(
        ["Pozycja", "PLN"],
        [
            ["Koperta ZIT", _amount(t["allocation_pln"])],
            ["Na liście projektów strategicznych", _amount(t["listed_pln"])],
            ["W umowach (po aneksach i korektach)", _amount(t["contracted_pln"])],
            ["Wydane (część UE)", _amount(t["spent_pln"])],
            ["Korekty finansowe", _amount(t["corrected_pln"])],
        ],
    )
    if data["absorption"]:
        _picture(
            doc,
            bar_chart_png([(str(y), a) for y, a, _s in data["absorption"]]),
            "Wykres: dofinansowanie UE wydane narastająco, według lat; dane w tabeli poniżej.",
        )
    table(
        ["Do końca roku", "Wydane narastająco", "Część koperty"],
        [
            [str(y), format_amount(a), f"{format_number(s * 100, 2)}%" if s is not None else "brak danych"]
            for y, a, s in data["absorption"]
        ],
    )
    doc.add_heading("Według kopert", level=2)
    table(
        ["Koperta", "Alokacja (EUR)", "Na liście", "W umowach", "Wydane", "Korekty"],
        [
            [
                e["label"],
                format_amount(e["allocation_eur"], "EUR") if e["allocation_eur"] else "—",
                format_amount(e["listed_pln"]),
                format_amount(e["contracted_pln"]),
                format_amount(e["spent_pln"]),
                format_amount(e["corrected_pln"]),
            ]
            for e in data["envelopes"]
        ],
    )
    doc.add_heading("2. Wskaźniki", level=1)
    for heading, items in (
        ("Zobowiązania z porozumienia ZIT", data["agreement_indicators"]),
        ("Wskaźniki strategii", data["strategy_indicators"]),
    ):
        doc.add_heading(heading, level=2)
        table(
            ["Wskaźnik", "Dotyczy", "Cel", "Z projektów", "Status"],
            [
                [
                    (f"{i['label']} [{i['unit']}]" if i["unit"] else i["label"], i.get("label_lang", "pl")),
                    i["owner"],
                    f"{format_number(i['target'])} ({i['target_year']})" if i["target"] is not None else "—",
                    format_number(i["value"]) if i["value"] is not None else "nie sumujemy / brak",
                    i["status_label"] or "bez statusu",
                ]
                for i in items
            ]
            or [["—", "—", "—", "—", "—"]],
        )
    doc.add_heading("3. Gminy", level=1)
    fills, classes = _map_fills(data)
    legend = [
        (colour, format_amount(low) if low == high else f"{format_amount(low)} – {format_amount(high)}")
        for colour, low, high in classes
    ] + [("#ffffff", "brak danych")]
    units = list(AdministrativeUnit.objects.filter(terc__in=fills))  # shapes only
    png = map_png(units, fills, legend)
    if png:
        _picture(
            doc,
            png,
            "Mapa: dofinansowanie UE w umowach na mieszkańca według gmin; dane w tabeli poniżej.",
            width_mm=150,
        )
    table(
        ["Gmina", "W umowach", "Ludność", "Na mieszkańca"],
        [
            [
                g["name"],
                format_amount(g["contracted_pln"]),
                f"{format_number(g['population'], 0)} ({g['population_year']})"
                if g["population"]
                else "brak danych",
                _amount(g["per_inhabitant"]),
            ]
            for g in data["gminas"]
        ],
    )
    doc.add_heading("4. Projekty", level=1)
    table(
        ["Umowa", "Projekt", "Beneficjent", "W umowie", "Wydane", "Stan"],
        [
            [
                p["number"],
                p["title"],
                p["beneficiary"],
                format_amount(p["contracted_pln"]),
                format_amount(p["spent_pln"]),
                p["status_label"],
            ]
            for p in data["projects"]
        ]
        or [["—", "—", "—", "—", "—", "—"]],
    )
    doc.add_heading("5. Ryzyka i ostrzeżenia", level=1)
    for w in data["warnings"]:
        doc.add_paragraph(f"{w['statement']} Liczba: {w['count']}.", style="List Bullet")
    if not data["warnings"]:
        doc.add_paragraph("Na dzień sprawozdania nie było ostrzeżeń.")
    return house_bytes(doc)
