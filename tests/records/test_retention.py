"""Retention: art. 82 from the last payment, JRWA from the matter's closure, category A for ever, holds."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.base import ContentFile

from zit.records.kinds import kind_by_key, kind_for
from zit.records.models import FilePlanEntry
from zit.records.retention import retention_end, retention_of
from zit.records.services import hold_place

pytestmark = pytest.mark.django_db


def test_the_end_is_31_december_years_after_the_start():
    assert retention_end(start=dt.date(2020, 5, 1), years=5) == dt.date(2025, 12, 31)
    assert retention_end(start=dt.date(2024, 12, 31), years=5) == dt.date(2029, 12, 31)


def test_office_records_count_from_the_year_after_closure():
    from factories.public_information import InformationRequestFactory

    request = InformationRequestFactory(closed_on=dt.date(2020, 3, 4))
    retention = retention_of(request, kind_for(request))
    assert retention.symbol == "0150" and retention.qualifier == "B5"
    assert retention.ends_on == dt.date(2025, 12, 31)
    assert retention.ended(dt.date(2026, 1, 1)) and not retention.ended(dt.date(2025, 12, 31))


def test_an_open_matter_has_no_end_yet():
    from factories.public_information import InformationRequestFactory

    request = InformationRequestFactory(closed_on=None)
    retention = retention_of(request, kind_for(request))
    assert retention.ends_on is None and not retention.ended(dt.date(2099, 1, 1))


def amendment(final_payment_on):
    from factories.contracts import ContractFactory

    from zit.contracts.models import Amendment

    contract = ContractFactory(final_payment_on=final_payment_on, lines=[], milestones=[], indicators=[])
    return Amendment.objects.create(
        contract=contract,
        number="1",
        signed_on=dt.date(2026, 5, 1),
        reason="Zmiana terminu.",
        document=ContentFile(b"%PDF-1.4 aneks", name="aneks.pdf"),
        document_sha256="0" * 64,
        created_by_label="biuro",
    )


def test_operations_documents_count_five_years_from_the_last_payment(funding_data):
    record = amendment(dt.date(2027, 3, 15))
    retention = retention_of(record, kind_for(record))
    assert retention.entry.counting == "last_payment"
    assert retention.start == dt.date(2027, 3, 15)
    assert retention.ends_on == dt.date(2032, 12, 31)


def test_no_last_payment_no_end(funding_data):
    record = amendment(None)
    assert retention_of(record, kind_for(record)).ends_on is None


def test_a_hold_on_the_operation_stops_every_document_of_it(funding_data, office):
    record = amendment(dt.date(2015, 3, 15))
    assert retention_of(record, kind_for(record)).ended(dt.date(2026, 1, 1))
    hold_place(actor=office, obj=record.contract.card, reason="Postępowanie sądowe II SA/Po 1/26")
    retention = retention_of(record, kind_for(record))
    assert retention.hold is not None and not retention.ended(dt.date(2026, 1, 1))


def test_category_a_is_kept_for_ever():
    entry = FilePlanEntry.objects.get(symbol="0012")
    assert entry.category == "A" and entry.retention_years is None and entry.is_archival
    assert kind_by_key("signed.resolution").symbol == "0012"


def test_the_office_changes_retention_in_the_file_plan(office):
    from factories.public_information import InformationRequestFactory

    from zit.records.services import file_plan_entry_save

    entry = FilePlanEntry.objects.get(symbol="0150")
    file_plan_entry_save(actor=office, entry=entry, retention_years=10)
    request = InformationRequestFactory(closed_on=dt.date(2020, 3, 4))
    assert retention_of(request, kind_for(request)).ends_on == dt.date(2030, 12, 31)
