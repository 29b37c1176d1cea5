import datetime as dt
import io
from decimal import Decimal

from contracts.test_contracts import _sign
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from zit.funding.models import Obligation
from zit.funding.selectors import agreement_current
from zit.monitoring import agreement_reports, midterm
from zit.projects.models import ListEntry


def _text(content: bytes) -> str:
    doc = Document(io.BytesIO(content))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells).replace("\xa0", " ")


def test_the_report_to_the_managing_authority_holds_the_figures(selected, office):
    _sign(office, selected)  # signed 2026-02-10, EU 560 000
    Obligation.objects.create(
        agreement=agreement_current(),
        kind="contracting",
        title="Zakontraktowanie 0,1% alokacji",
        clause="§ 7 ust. 1",
        due_on=dt.date(2026, 12, 31),
        responsible=office,
        target_share=Decimal("0.001"),
    )
    report = Obligation.objects.create(
        agreement=agreement_current(),
        kind="report",
        title="Sprawozdanie półroczne",
        clause="§ 9 ust. 2",
        due_on=dt.date(2026, 7, 31),
        responsible=office,
    )
    data = agreement_reports.report_data(
        start=dt.date(2026, 1, 1), end=dt.date(2026, 6, 30), obligation=report
    )
    text = _text(agreement_reports.report_docx(data))
    assert "Sprawozdanie z realizacji porozumienia ZIT" in text
    assert "Obowiązek: Sprawozdanie półroczne (§ 9 ust. 2 porozumienia)." in text
    assert "Umowy zawarte (liczba w okresie: 1)" in text and "560 000,00" in text
    assert "Zakontraktowanie 0,1% alokacji" in text and "§ 7 ust. 1" in text and "próg osiągnięty" in text
    assert "Projekty podstawowe z umową" in text
    book = load_workbook(io.BytesIO(agreement_reports.report_xlsx(data)))
    sheet = book.worksheets[0]
    assert book.sheetnames[0] == "1. Kontraktacja i wydatkowanie"  # 31 characters of the table's title
    assert sheet["A1"].value.startswith("1. Kontraktacja") and sheet["C3"].value == 560000
    assert sheet["C3"].number_format == "#,##0.00"
    before = agreement_reports.report_data(start=dt.date(2026, 1, 1), end=dt.date(2026, 2, 9))
    assert before["tables"][0].rows[0][2] == 0  # the contract was signed the day after


def test_midterm_evaluation_document(selected, office):
    _sign(office, selected)
    data = midterm.midterm_data(today=dt.date(2026, 3, 15))
    text = _text(midterm.midterm_docx(data))
    assert (
        "Ewaluacja śródokresowa Strategii ZIT" in text
        and "art. 10a ust. 2" in text
        and "do weryfikacji" in text
    )
    assert "2. Projekty według celów strategicznych" in text
    money = dict(data["tables"][4].rows)
    # the contract (own part 440 000) and the reserve project of the list in force (1 000 000 less its EU)
    reserve = ListEntry.objects.get(position="reserve")
    assert money["Wkład własny i pozostałe środki projektów"] == Decimal("440000") + (
        reserve.card.total_pln - reserve.eu_pln
    )
    assert money["Dofinansowanie UE – EFRR"] == Decimal("560000") + reserve.eu_pln
    assert data["projects"] == 2


def test_pages_and_downloads(selected, office, client):
    client.force_login(office)
    page = client.get(reverse("monitoring:milestones")).content.decode()
    assert "Kamienie milowe porozumienia ZIT" in page and "Zakontraktowanie 40% alokacji ZIT (demo)" in page
    bad = client.get(
        reverse("monitoring:agreement_report", args=["docx"]), {"od": "2026-13-01", "do": "2026-06-30"}
    )
    assert bad.status_code == 400 and "Podaj datę w postaci RRRR-MM-DD." in bad.content.decode()
    assert 'value="2026-06-30"' in bad.content.decode()  # what was typed stays
    good = client.get(
        reverse("monitoring:agreement_report", args=["xlsx"]), {"od": "2026-01-01", "do": "2026-06-30"}
    )
    assert good.status_code == 200 and good["Content-Disposition"].endswith('.xlsx"')
    page = client.get(reverse("monitoring:midterm")).content.decode()
    assert "Dane do ewaluacji śródokresowej strategii" in page
    assert client.get(reverse("monitoring:midterm_file")).status_code == 200
    warnings_page = client.get(reverse("monitoring:warnings")).content.decode()
    assert "Szacunek orientacyjny dla każdej umowy osobno" in warnings_page


def test_midterm_counts_other_programmes_apart_from_the_own_contribution(selected, office):
    from zit.projects.models import CardFundingSource

    _sign(office, selected)
    reserve = ListEntry.objects.get(position="reserve")
    CardFundingSource.objects.create(
        card=reserve.card, kind=CardFundingSource.Kind.KPO, grant_pln=Decimal("100000"), eligible_pln=0
    )
    CardFundingSource.objects.create(
        card=reserve.card, kind=CardFundingSource.Kind.OWN, grant_pln=Decimal("50000"), eligible_pln=0
    )
    money = dict(midterm.midterm_data(today=dt.date(2026, 3, 15))["tables"][4].rows)
    assert money["Inne źródła – KPO (Krajowy Plan Odbudowy)"] == Decimal("100000")
    assert not any("budżety własne" in label for label in money)  # own budgets are the own contribution
    assert money["Wkład własny i pozostałe środki projektów"] == Decimal("440000") + (
        reserve.card.total_pln - reserve.eu_pln - Decimal("100000")
    )
