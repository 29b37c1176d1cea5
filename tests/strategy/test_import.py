import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from zit.core.importing import ImportRejected
from zit.core.tables import read_workbook
from zit.strategy.importers import SHEETS, template_xlsx
from zit.strategy.items import version_import
from zit.strategy.models import Goal, TargetIndicator, Undertaking
from zit.strategy.services import strategy_create, version_create


@pytest.fixture
def staff(user_for_role):
    return user_for_role("office_staff")


@pytest.fixture
def version(funding_data, staff):
    strategy = strategy_create(actor=staff, title="Strategia testowa")
    return version_create(actor=staff, strategy=strategy, label="projekt")


def _book(sheets):
    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        ws = book.create_sheet(name)
        ws.append(SHEETS[name])
        for row in rows:
            ws.append(row)
    out = io.BytesIO()
    book.save(out)
    return read_workbook("strategia.xlsx", out.getvalue())


GOOD = {
    "cele": [["C1", "Gospodarka", "gospodarczy", ""], ["C2", "Mobilność", "przestrzenny", "opis"]],
    "cele_operacyjne": [["C1.1", "C1", "Miejsca pracy", ""]],
    "kierunki": [["K1", "C1.1", "Tereny inwestycyjne", ""]],
    "przedsiewziecia": [
        ["P1", "Uzbrojenie terenów", "inwestycyjne", "tak", "K1", "", "3062011; 3010123", "12 000 000,00", ""]
    ],
    "wskazniki": [["RCO 01", "C1", 0, 2021, 40, 2029, "SL2021"], ["RCO58", "P1", None, None, 12.5, 2029, ""]],
}


def test_template_has_a_sheet_per_kind_with_headers():
    book = load_workbook(io.BytesIO(template_xlsx()))
    assert book.sheetnames == ["instrukcja", *SHEETS]
    assert [c.value for c in book["przedsiewziecia"][1]] == SHEETS["przedsiewziecia"]


def test_good_workbook_imports_and_reimport_updates(version, staff):
    counts = version_import(actor=staff, version=version, tables=_book(GOOD), file="strategia.xlsx")
    assert counts == {"created": 7, "updated": 0}
    p1 = Undertaking.objects.get(version=version, code="P1")
    assert p1.is_key and p1.estimated_cost_pln == Decimal("12000000.00")
    assert sorted(g.terc for g in p1.gminas.all()) == ["3010123", "3062011"]
    assert p1.directions.get().operational_goal.goal.code == "C1"
    assert TargetIndicator.objects.get(version=version, undertaking=p1).target_value == Decimal("12.5")
    again = GOOD | {"cele": [["C1", "Gospodarka po węglu", "gospodarczy", ""]]}
    counts = version_import(actor=staff, version=version, tables=_book(again), file="strategia.xlsx")
    assert (
        counts["created"] == 0 and Goal.objects.get(version=version, code="C1").title == "Gospodarka po węglu"
    )
    assert Goal.objects.filter(version=version).count() == 2


def test_bad_workbook_reports_sheet_row_column_and_writes_nothing(version, staff):
    bad = {
        "cele": [
            ["C1", "Gospodarka", "ekonomiczny", ""],
            ["C1", "Duplikat", "gospodarczy", ""],
            ["C3", "", "społeczny", ""],
        ],
        "cele_operacyjne": [["C1.1", "C9", "Bez celu", ""], ["C1.2", "C1", "Pod odrzuconym celem", ""]],
        "przedsiewziecia": [["P1", "X", "betonowe", "może", "", "", "9999999", "dużo", ""]],
        "wskazniki": [["XYZ99", "C1", "", "", "", "", ""], ["RCO01", "C1", "abc", 1800, "", "", ""]],
    }
    with pytest.raises(ImportRejected) as exc:
        version_import(actor=staff, version=version, tables=_book(bad), file="strategia.xlsx")
    found = {(p.file.split(" / ")[1], p.row, p.field) for p in exc.value.report.problems}
    assert {
        ("cele", 2, "dimension"),
        ("cele", 3, "code"),
        ("cele", 4, "title"),
        ("przedsiewziecia", 2, "kind"),
        ("przedsiewziecia", 2, "key"),
        ("przedsiewziecia", 2, "estimated_cost_pln"),
        ("wskazniki", 3, "baseline_value"),
        ("wskazniki", 3, "baseline_year"),
        # references are checked in the same round, not after the shape errors are fixed
        ("cele_operacyjne", 2, "goal"),
        ("wskazniki", 2, "indicator"),
    } <= found
    # C1's own row is reported; rows that point at it are not blamed a second time
    assert not any(p.row == 3 for p in exc.value.report.problems if p.file.endswith("cele_operacyjne"))
    assert not Goal.objects.filter(version=version).exists()


def test_references_are_checked_before_anything_is_written(version, staff):
    bad = {
        "cele": [["C1", "Gospodarka", "gospodarczy", ""]],
        "cele_operacyjne": [["C1.1", "C9", "Zły cel", ""]],
        "przedsiewziecia": [["P1", "X", "mieszane", "nie", "K9", "", "9999999", "", ""]],
        "wskazniki": [["XYZ99", "C1", "", "", "", "", ""]],
    }
    with pytest.raises(ImportRejected) as exc:
        version_import(actor=staff, version=version, tables=_book(bad), file="strategia.xlsx")
    found = {(p.file.split(" / ")[1], p.row, p.field) for p in exc.value.report.problems}
    assert {
        ("cele_operacyjne", 2, "goal"),
        ("przedsiewziecia", 2, "directions"),
        ("przedsiewziecia", 2, "gminas_terc"),
        ("wskazniki", 2, "indicator"),
    } <= found
    assert not Goal.objects.filter(version=version).exists()


def test_import_page_for_staff_only(version, staff, client, user_for_role, settings):
    settings.AXES_ENABLED = False
    board = user_for_role("board_member")
    client.force_login(board)
    assert client.get(reverse("strategy:version_import", args=[version.pk])).status_code == 403
    assert client.get(reverse("strategy:import_template")).status_code == 200
    client.force_login(staff)
    empty = io.BytesIO(template_xlsx())
    empty.name = "strategia.xlsx"
    response = client.post(reverse("strategy:version_import", args=[version.pk]), {"file": empty})
    assert "Nic nie zapisano" in response.content.decode() and "wypełnij arkusze" in response.content.decode()
    book = Workbook()
    ws = book.active
    ws.title = "cele"
    ws.append(SHEETS["cele"])
    ws.append(["C1", "Gospodarka", "gospodarczy", ""])
    upload = io.BytesIO()
    book.save(upload)
    upload.seek(0)
    upload.name = "strategia.xlsx"
    response = client.post(reverse("strategy:version_import", args=[version.pk]), {"file": upload})
    assert "Nowe pozycje: 1" in response.content.decode()


def test_a_hundred_megabyte_cell_is_refused_through_the_page_and_nothing_is_written(version, staff, client):
    from core.hostile import one_long_cell

    client.force_login(staff)
    upload = io.BytesIO(one_long_cell(megabytes=100))
    upload.name = "strategia.xlsx"
    response = client.post(reverse("strategy:version_import", args=[version.pk]), {"file": upload})
    html = response.content.decode()
    assert response.status_code == 200 and "Nic nie zapisano" in html and "worksheets/sheet1.xml" in html
    assert not Goal.objects.filter(version=version).exists()
