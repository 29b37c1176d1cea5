"""Polish names of the indicators: imported from a `code;name_pl` file the office downloads as a template, and
shown wherever an indicator is named, with the English name marked lang="en" while no Polish one is known."""

import csv
import io

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook, load_workbook

from zit.core.importing import ImportRejected
from zit.core.models import AuditEvent
from zit.core.tables import read_table
from zit.funding.indicator_names import indicator_names_import, names_table, template_csv, template_xlsx
from zit.funding.models import Indicator
from zit.funding.templatetags.indicators import indicator_label, indicator_unit

pytestmark = pytest.mark.django_db

CYCLING = "Dedicated cycling infrastructure supported"


@pytest.fixture
def staff(user_for_role):
    return user_for_role("office_staff")


def _csv(text, name="nazwy.csv"):
    return names_table(name, text.encode("utf-8"))


def _xlsx(rows, name="nazwy.xlsx"):
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return names_table(name, out.getvalue())


def test_the_bundled_eu_indicators_have_no_polish_names_and_show_the_english_one_marked(funding_data):
    """No official Polish text was found (SOURCE.md), so no Polish name is bundled: the English name is shown,
    marked as English, on a Polish page."""
    assert not Indicator.objects.filter(origin=Indicator.Origin.EU_COMMON).exclude(name_pl="").exists()
    rco58 = Indicator.objects.get(code="RCO58")
    with translation.override("pl"):
        assert rco58.display_name == CYCLING and rco58.display_name_lang == "en"
        assert indicator_label(rco58) == f'RCO58 <span lang="en">{CYCLING}</span>'
        assert indicator_unit(rco58) == '<span lang="en">km</span>'


def test_a_polish_name_from_a_csv_is_shown_in_polish_and_the_english_on_english_pages(funding_data, staff):
    done = indicator_names_import(actor=staff, table=_csv("code;name_pl\nRCO 58;Infrastruktura rowerowa X\n"))
    assert done == {"updated": 1, "unchanged": 0}
    rco58 = Indicator.objects.get(code="RCO58")
    with translation.override("pl"):
        assert indicator_label(rco58) == "RCO58 Infrastruktura rowerowa X"
    with translation.override("en"):
        assert indicator_label(rco58) == f"RCO58 {CYCLING}"
    event = AuditEvent.objects.get(action="funding.indicator_names_import")
    assert event.actor_id == staff.pk
    assert event.before["name_pl"] == {"RCO58": ""}
    assert event.after["name_pl"] == {"RCO58": "Infrastruktura rowerowa X"}


def test_a_polish_only_name_is_marked_polish_on_an_english_page(funding_data, staff):
    own = Indicator.objects.create(code="ZIT05", origin="strategy", kind="output", name_pl="Długość tras")
    with translation.override("en"):
        assert indicator_label(own) == 'ZIT05 <span lang="pl">Długość tras</span>'


def test_the_whole_file_is_checked_and_nothing_is_saved_on_an_error(funding_data, staff):
    table = _xlsx(
        [
            ["code", "name_pl"],
            ["RCO01", "Nazwa pierwsza"],
            ["RCO999", "Nazwa nieznanego"],
            ["RCO02", ""],
            ["RCO01", "Znowu pierwszy"],
            ["", "Bez kodu"],
        ]
    )
    with pytest.raises(ImportRejected) as exc:
        indicator_names_import(actor=staff, table=table)
    messages = [(p.row, p.field, p.message) for p in exc.value.report.problems]
    assert messages == [
        (3, "code", "W katalogu nie ma wskaźnika o kodzie „RCO999”."),
        (4, "name_pl", "Polska nazwa jest pusta."),
        (5, "code", "Kod RCO01 już był w wierszu 2."),
        (6, "code", "Brak kodu wskaźnika."),
    ]
    assert Indicator.objects.get(code="RCO01").name_pl == ""
    assert not AuditEvent.objects.filter(action="funding.indicator_names_import").exists()


def test_a_file_without_the_columns_is_refused():
    with pytest.raises(ImportRejected) as exc:
        read_table("nazwy.csv", b"kod;nazwa\nRCO01;x\n", required=("code", "name_pl"))
    assert [p.message for p in exc.value.report.problems] == [
        "Brak kolumny „code” w nagłówku.",
        "Brak kolumny „name_pl” w nagłówku.",
    ]


def test_only_the_office_may_import_names(funding_data, user_for_role):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        indicator_names_import(actor=user_for_role("board_member"), table=_csv("code;name_pl\nRCO01;x\n"))
    assert Indicator.objects.get(code="RCO01").name_pl == ""


def test_the_templates_list_every_code_and_come_back_as_an_import(funding_data, staff):
    text = template_csv().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0] == ["code", "name_pl", "name_en"]
    assert len(rows) - 1 == Indicator.objects.exclude(code=None).count()
    assert ["RCO58", "", CYCLING] in rows
    book = load_workbook(io.BytesIO(template_xlsx()))
    assert book.sheetnames == ["Polskie nazwy wskaźników"]
    sheet = book.active
    sheet["B2"] = "Nazwa z pliku"
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(ImportRejected) as exc:  # rows left empty are errors: an empty cell deletes nothing
        indicator_names_import(actor=staff, table=names_table("szablon.xlsx", out.getvalue()))
    assert len(exc.value.report.problems) == Indicator.objects.exclude(code=None).count() - 1
    sheet.delete_rows(3, sheet.max_row)  # the office keeps only the rows it filled in
    out = io.BytesIO()
    book.save(out)
    done = indicator_names_import(actor=staff, table=names_table("szablon.xlsx", out.getvalue()))
    assert done == {"updated": 1, "unchanged": 0}
    assert Indicator.objects.get(code=sheet["A2"].value).name_pl == "Nazwa z pliku"


def test_the_import_page_takes_the_names_and_reports_problems_in_polish(funding_data, staff, settings):
    client = Client()
    client.force_login(staff)
    url = reverse("funding:import")
    upload = io.BytesIO("code;name_pl\nRCO999;Coś\n".encode())
    upload.name = "nazwy.csv"
    html = client.post(url, {"kind": "indicator_names", "file": upload}).content.decode()
    assert "W katalogu nie ma wskaźnika o kodzie „RCO999”." in html and "Nic nie zapisano" in html
    upload = io.BytesIO(b"code;name_pl\nRCO58;Wspierana infrastruktura rowerowa X\n")
    upload.name = "nazwy.csv"
    html = client.post(url, {"kind": "indicator_names", "file": upload}).content.decode()
    assert "Zmienione polskie nazwy: 1, bez zmian: 0." in html
    template = client.get(reverse("funding:indicator_names_template", args=["xlsx"]))
    assert template.status_code == 200 and template["Content-Type"].startswith("application/vnd.openxml")
    assert client.get(reverse("funding:indicator_names_template", args=["pdf"])).status_code == 404


def test_the_strategy_docx_marks_an_english_name_as_en_gb(funding_data):
    from docx import Document

    from zit.strategy.documents import _indicator_cell

    rco58 = Indicator.objects.get(code="RCO58")
    document = Document()
    cell = document.add_table(rows=1, cols=1).rows[0].cells[0]
    with translation.override("pl"):
        _indicator_cell(cell, rco58)
    runs = cell.paragraphs[0].runs
    assert [r.text for r in runs] == ["RCO58 ", CYCLING]
    assert 'w:val="en-GB"' in runs[1]._r.xml and "w:lang" not in runs[0]._r.xml
