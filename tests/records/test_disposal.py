"""The yearly disposal list: its contents, lifecycle, permissions, and the DOCX and XLSX with the right rows."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile

from zit.records import documents
from zit.records.lifecycles import DISPOSAL
from zit.records.services import disposal_consent, disposal_destroy, disposal_fire, disposal_list_create

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 2, 1)


@pytest.fixture
def requests_():
    from factories.public_information import InformationRequestFactory

    return {
        "ended": InformationRequestFactory(closed_on=dt.date(2019, 6, 1), subject="Stary wniosek"),
        "running": InformationRequestFactory(closed_on=dt.date(2024, 6, 1), subject="Nowszy wniosek"),
        "open": InformationRequestFactory(closed_on=None, subject="Otwarty wniosek"),
    }


def test_the_list_takes_only_records_whose_retention_ended(office, requests_):
    disposal = disposal_list_create(actor=office, year=2026, today=TODAY)
    assert disposal.cutoff == dt.date(2025, 12, 31)
    titles = [i.title for i in disposal.items.all()]
    assert titles == [f"{requests_['ended'].number}: Stary wniosek"]
    # a second list of the same year does not take it again
    assert disposal_list_create(actor=office, year=2026, today=TODAY).items.count() == 0


def test_category_a_never_reaches_a_list(office, requests_):
    from zit.records.models import FilePlanEntry
    from zit.records.services import file_plan_entry_save

    file_plan_entry_save(
        actor=office, entry=FilePlanEntry.objects.get(symbol="0150"), category="A", retention_years=None
    )
    assert disposal_list_create(actor=office, year=2026, today=TODAY).items.count() == 0


def test_a_held_record_stays_off_the_list(office, requests_):
    from zit.records.services import hold_place

    hold_place(actor=office, obj=requests_["ended"], reason="Skarga do WSA")
    assert disposal_list_create(actor=office, year=2026, today=TODAY).items.count() == 0


def test_lifecycle_draft_sent_consent_destroyed(office, requests_):
    disposal = disposal_list_create(actor=office, year=2026, today=TODAY)
    assert [a.name for a in DISPOSAL.actions(office, disposal)] == ["send"]
    disposal = disposal_fire(actor=office, disposal=disposal, name="send", today=TODAY)
    with pytest.raises(ValidationError):  # no consent yet
        disposal_destroy(actor=office, disposal=disposal)
    disposal = disposal_consent(
        actor=office,
        disposal=disposal,
        consent_on=dt.date(2026, 3, 1),
        reference="AP.BR.1.2026",
        letter=ContentFile(b"%PDF zgoda", name="zgoda.pdf"),
    )
    assert disposal.state == "consent" and disposal.consent_letter
    disposal = disposal_destroy(actor=office, disposal=disposal, today=dt.date(2026, 3, 5))
    assert disposal.state == "destroyed" and disposal.destroyed_on == dt.date(2026, 3, 5)
    from zit.core.models import AuditEvent

    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {
        "records.disposal_list.send",
        "records.disposal_list.destroy",
        "records.record_destroyed",
    } <= actions


def test_an_empty_list_cannot_be_sent(office):
    disposal = disposal_list_create(actor=office, year=2026, today=TODAY)
    with pytest.raises(ValidationError, match="pusty"):
        disposal_fire(actor=office, disposal=disposal, name="send")


@pytest.mark.parametrize("role", ["body_secretary", "board_member", "audit_committee", "assessor"])
def test_only_the_office_manages_records(user_for_role, role, requests_):
    with pytest.raises(PermissionDenied):
        disposal_list_create(actor=user_for_role(role), year=2026, today=TODAY)


def test_docx_and_xlsx_carry_the_rows(office, requests_):
    from docx import Document
    from openpyxl import load_workbook

    disposal = disposal_list_create(actor=office, year=2026, today=TODAY)
    doc = Document(io.BytesIO(documents.disposal_list_docx(disposal)))
    table = doc.tables[0]
    assert len(table.rows) == 2
    cells = [c.text for c in table.rows[1].cells]
    assert cells[1] == "0150" and "Stary wniosek" in cells[2] and cells[4] == "B5"
    assert cells[5] == "31 grudnia 2024 r."
    assert doc.core_properties.language == "pl-PL"
    sheet = load_workbook(io.BytesIO(documents.disposal_list_xlsx(disposal).content)).active
    rows = [r for r in sheet.iter_rows(values_only=True) if r and r[0] is not None]
    assert rows[0][1] == "Symbol z wykazu akt"
    assert rows[1][1] == "0150" and "Stary wniosek" in rows[1][2]


def test_pages_for_the_office_and_not_for_others(client, office, user_for_role, requests_):
    from conftest import pass_second_factor

    client.force_login(office)
    pass_second_factor(client, office)
    for url in (
        "/biuro/dokumentacja/jrwa/",
        "/biuro/dokumentacja/rodzaje/",
        "/biuro/dokumentacja/brakowanie/",
        "/biuro/dokumentacja/wstrzymania/",
    ):
        assert client.get(url).status_code == 200, url
    response = client.post("/biuro/dokumentacja/brakowanie/", {"year": 2026})
    assert response.status_code == 303
    detail = client.get(response["Location"])
    assert detail.status_code == 200
    other = user_for_role("board_member")
    client.force_login(other)
    assert client.get("/biuro/dokumentacja/jrwa/").status_code == 403


def test_the_protocol_names_the_consent_and_the_destroyed_rows(office, requests_):
    from docx import Document

    disposal = disposal_list_create(actor=office, year=2026, today=TODAY)
    disposal_fire(actor=office, disposal=disposal, name="send", today=TODAY)
    disposal_consent(
        actor=office,
        disposal=disposal,
        consent_on=dt.date(2026, 3, 1),
        reference="AP.BR.7.2026",
        letter=ContentFile(b"%PDF zgoda", name="zgoda.pdf"),
    )
    disposal = disposal_destroy(actor=office, disposal=disposal, today=dt.date(2026, 3, 5))
    doc = Document(io.BytesIO(documents.protocol_docx(disposal)))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert disposal.protocol_number in text and "AP.BR.7.2026" in text and "1 marca 2026" in text
    assert "Stary wniosek" in doc.tables[0].rows[1].cells[2].text
