"""The annual report's lifecycle: accepted by a resolution only when ready; a failed job leaves it failed."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from zit.core.models import AuditEvent, DecisionReference
from zit.monitoring import services
from zit.monitoring.lifecycles import ANNUAL_REPORT
from zit.monitoring.models import AnnualReport

S = AnnualReport.Status


def _decision():
    return DecisionReference.objects.create(
        issuer_kind="association_body", issuer_name="Rada", number="1/2026", date=dt.date(2026, 3, 1)
    )


@pytest.fixture
def office(user_for_role):
    return user_for_role("office_staff")


def test_only_a_ready_report_is_accepted(db, office):
    report = AnnualReport.objects.create(year=2026, as_of=dt.date(2026, 12, 31), created_by_label="t")
    decision = _decision()
    with pytest.raises(ValidationError) as exc:
        services.annual_report_approve(actor=office, report=report, decision=decision)
    assert exc.value.messages == [
        "Tej czynności („Przyjęte uchwałą”) nie można wykonać, gdy stan to „w przygotowaniu”."
    ]
    AnnualReport.objects.filter(pk=report.pk).update(status=S.READY)
    report = services.annual_report_approve(actor=office, report=report, decision=decision)
    assert report.status == S.APPROVED and report.has_files and report.approved_by == decision
    assert services.annual_report_approve(actor=office, report=report, decision=decision) == report
    assert AuditEvent.objects.filter(action="monitoring.annual_report_approve").count() == 1
    assert ANNUAL_REPORT.actions(office, report) == []


def test_a_report_whose_job_failed_is_failed(db):
    report = AnnualReport.objects.create(year=2026, as_of=dt.date(2026, 12, 31), created_by_label="t")
    services.annual_report_fail(report=report, reason="Brak bibliotek.")
    report.refresh_from_db()
    assert report.status == S.FAILED and not report.in_preparation
    assert AuditEvent.objects.get(action="monitoring.annual_report_fail").reason == "Brak bibliotek."
    assert services.annual_report_fail(report=report, reason="Znowu.") is None  # already final
