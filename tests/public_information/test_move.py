"""The requests move from governance with their data and history: from the schema before the move, with a
request, its steps, its audit events, a reminder job and its content type, the migrations rename the tables
and relabel every stored string, and the audit log still verifies."""

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection, transaction
from django.db.migrations.executor import MigrationExecutor

from zit.core import audit
from zit.core.integrity import audit_log_verify
from zit.core.models import Job
from zit.public_information.models import InformationRequest, RequestAction


def _old_models():
    executor = MigrationExecutor(connection)
    state = executor.loader.project_state([("governance", "0005_possible_duplicates")])
    return state.apps.get_model("governance", "InformationRequest"), state.apps.get_model(
        "governance", "RequestAction"
    )


@pytest.mark.django_db(transaction=True)
def test_the_requests_keep_their_rows_and_history_through_the_move():
    call_command("migrate", "public_information", "zero", verbosity=0)
    tables = connection.introspection.table_names()
    assert "governance_informationrequest" in tables and "public_information_informationrequest" not in tables
    old_request, old_action = _old_models()
    with transaction.atomic():
        request = old_request.objects.create(
            year=2026,
            sequence=7,
            number="UIP.7.2026",
            received_on=dt.date(2026, 3, 2),
            channel="email",
            subject="Umowy z 2025 r.",
            requested_information="Wykaz umów.",
            delivery="email",
            deadline=dt.date(2026, 3, 16),
        )
        old_action.objects.create(request=request, kind="registered", done_on=dt.date(2026, 3, 2))
        event = audit.record(actor=None, action="governance.information_request_register", obj=request)
        job = Job.objects.create(kind="governance.information_requests_reminder", title="Przypomnienie")
    content_type = ContentType.objects.get(app_label="governance", model="informationrequest")
    assert event.object_type == "governance.informationrequest"

    call_command("migrate", verbosity=0)

    tables = connection.introspection.table_names()
    assert "public_information_informationrequest" in tables and "public_information_requestaction" in tables
    assert "governance_informationrequest" not in tables and "governance_requestaction" not in tables
    moved = InformationRequest.objects.get(pk=request.pk)
    assert (moved.number, moved.deadline) == ("UIP.7.2026", dt.date(2026, 3, 16))
    assert list(RequestAction.objects.filter(request=moved).values_list("kind", flat=True)) == ["registered"]
    event.refresh_from_db()
    assert (event.object_type, event.action) == (
        "public_information.informationrequest",
        "public_information.request_register",
    )
    job.refresh_from_db()
    assert job.kind == "public_information.requests_reminder"
    ContentType.objects.clear_cache()
    assert ContentType.objects.get_for_model(InformationRequest).pk == content_type.pk
    with transaction.atomic():
        assert audit_log_verify()["anomalies"] == []
