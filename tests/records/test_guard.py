"""No record under retention is deleted: not by the service, not through the admin, not by the ORM."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import RequestFactory

from zit.public_information.models import InformationRequest
from zit.records.guard import RecordUnderRetention
from zit.records.services import (
    disposal_consent,
    disposal_destroy,
    disposal_fire,
    disposal_list_create,
    record_delete,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed_request():
    from factories.public_information import InformationRequestFactory

    return InformationRequestFactory(
        closed_on=dt.date(2024, 6, 1), attachment=ContentFile(b"skan", name="wniosek.pdf")
    )


def test_the_service_refuses_with_the_symbol_and_the_end(office, closed_request):
    with pytest.raises(ValidationError) as refused:
        record_delete(actor=office, obj=closed_request, today=dt.date(2026, 5, 1))
    text = " ".join(refused.value.messages)
    assert "0150" in text and "31 grudnia 2029" in text
    assert InformationRequest.objects.filter(pk=closed_request.pk).exists()


def test_the_orm_refuses_a_delete_and_a_queryset_delete(closed_request):
    with pytest.raises(RecordUnderRetention, match="0150"), transaction.atomic():
        closed_request.delete()
    with pytest.raises(RecordUnderRetention), transaction.atomic():
        InformationRequest.objects.filter(pk=closed_request.pk).delete()
    assert InformationRequest.objects.filter(pk=closed_request.pk).exists()


def test_the_admin_delete_is_refused(closed_request, user_for_role):
    model_admin = admin.ModelAdmin(InformationRequest, admin.site)
    request = RequestFactory().post("/")
    request.user = user_for_role("office_admin")
    with pytest.raises(RecordUnderRetention), transaction.atomic():
        model_admin.delete_model(request, closed_request)
    with pytest.raises(RecordUnderRetention), transaction.atomic():
        model_admin.delete_queryset(request, InformationRequest.objects.filter(pk=closed_request.pk))
    assert InformationRequest.objects.filter(pk=closed_request.pk).exists()


def test_even_after_the_period_only_the_protocol_destroys(office):
    from factories.public_information import InformationRequestFactory

    old = InformationRequestFactory(closed_on=dt.date(2015, 6, 1))
    with pytest.raises(RecordUnderRetention, match="zgodą archiwum"), transaction.atomic():
        old.delete()


def test_a_draft_is_no_record_and_may_go(funding_data):
    from factories.projects import ProjectCardFactory

    card = ProjectCardFactory(state="draft")
    card.delete()


def test_deletion_allowed_after_the_destruction_protocol(office, media):
    from factories.public_information import InformationRequestFactory

    old = InformationRequestFactory(
        closed_on=dt.date(2015, 6, 1), attachment=ContentFile(b"skan", name="stary.pdf")
    )
    path = media / old.attachment.name
    assert path.exists()
    disposal = disposal_list_create(actor=office, year=2026, today=dt.date(2026, 2, 1))
    disposal_fire(actor=office, disposal=disposal, name="send", today=dt.date(2026, 2, 15))
    disposal_consent(
        actor=office,
        disposal=disposal,
        consent_on=dt.date(2026, 3, 1),
        reference="AP.1.2026",
        letter=ContentFile(b"%PDF zgoda", name="zgoda.pdf"),
    )
    disposal_destroy(actor=office, disposal=disposal, today=dt.date(2026, 3, 10))
    assert not InformationRequest.objects.filter(pk=old.pk).exists()
    assert not path.exists()
    stub = disposal.items.get()
    assert stub.destroyed_at is not None and stub.symbol == "0150"
    disposal.refresh_from_db()
    assert disposal.protocol_number == f"PB.{disposal.number}"


def test_a_signed_resolution_is_category_a_and_never_deleted():
    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone

    from zit.core.models import SignedDocument
    from zit.records.models import FilePlanEntry

    entry = FilePlanEntry.objects.get(symbol="0012")
    document = SignedDocument.objects.create(
        content_type=ContentType.objects.get_for_model(FilePlanEntry),
        object_id=entry.pk,
        kind="governance.resolution",
        title="Uchwała nr 1/2020",
        read_perm="governance.view",
        write_perm="governance.manage",
        signed=ContentFile(b"%PDF uchwala", name="uchwala.pdf"),
        signed_at=timezone.now() - dt.timedelta(days=4000),
        locked=True,
    )
    with pytest.raises(RecordUnderRetention, match="kategoria A"), transaction.atomic():
        SignedDocument.objects.filter(pk=document.pk).delete()
    # an unsigned draft is no record yet
    draft = SignedDocument.objects.create(
        content_type=ContentType.objects.get_for_model(FilePlanEntry),
        object_id=entry.pk,
        kind="governance.minutes",
        title="Protokół (projekt)",
        read_perm="governance.view",
        write_perm="governance.manage",
    )
    SignedDocument.objects.filter(pk=draft.pk).delete()
    assert SignedDocument.objects.filter(pk=document.pk).exists()
