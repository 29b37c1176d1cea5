"""The documents that convert (the annual report's DOCX and PDF, the dashboard's XLSX) name the rate's series,
table and date, and warn when it is out of date, in the same words as the pages."""

import datetime as dt
import io

import pytest
from django.test import Client
from django.urls import reverse

NOTE = "Kurs 1 EUR = 4,1839 zł: kurs średni NBP, tabela A, 31 marca 2025 r. (tabela 062/A/NBP/2025)."
STALE = "Kurs NBP jest nieaktualny: tabela z 31 marca 2025"

pytestmark = pytest.mark.django_db


def test_the_annual_report_docx_names_the_rate_and_warns(funding_data):
    from docx import Document

    from zit.monitoring.documents import annual_report_docx
    from zit.monitoring.snapshot import snapshot_build

    snapshot = snapshot_build(year=2026, today=dt.date(2026, 12, 7))
    assert snapshot["rate"]["table"] == "062/A/NBP/2025"
    text = "\n".join(p.text for p in Document(io.BytesIO(annual_report_docx(snapshot))).paragraphs)
    text = text.replace("\xa0", " ")
    assert NOTE in text and STALE in text


def test_an_older_snapshot_still_gives_its_rate_and_day():
    from zit.monitoring.documents import _rate_note

    old = {"rate": "4.1839", "date": "2025-03-31", "series": "nbp_a"}
    assert (
        _rate_note(old).replace("\xa0", " ")
        == "Kwoty w euro przeliczono po kursie 1 EUR = 4,1839 zł z dnia 2025-03-31."
    )


def test_the_dashboard_workbook_names_the_rate_and_warns(funding_data, user_for_role):
    from openpyxl import load_workbook

    client = Client()
    client.force_login(user_for_role("office_staff"))
    response = client.get(reverse("monitoring:download", args=["koperty", "xlsx"]))
    book = load_workbook(io.BytesIO(response.content))
    cells = " ".join(str(c.value) for ws in book for row in ws.iter_rows() for c in row if c.value)
    cells = cells.replace("\xa0", " ")
    # the bundled NBP rates end on 31 March 2025: today they are out of date
    assert NOTE in cells and STALE in cells
