"""Each erasure rule empties the personal fields once the period has passed (not before), keeps the record,
pseudonymises the audit log's earlier events and changes nothing when run again."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.base import ContentFile
from django.db import transaction
from factories.public_information import InformationRequestFactory
from factories.strategy import CommentFactory, StrategyVersionFactory

from zit.core import audit
from zit.core.integrity import audit_log_verify
from zit.core.jobs import handler_for
from zit.core.models import AuditEvent, Job
from zit.core.personal_data import ERASE_ACTION, erase_expired, rows_due, rule_erase, rules
from zit.public_information.models import InactionComplaint, InformationRequest, RequestAction

pytestmark = pytest.mark.django_db

CLOSED = dt.date(2025, 6, 10)
# five years counted from 1 January of the year after the matter was closed
LAST_DAY_KEPT = dt.date(2030, 12, 31)
FIRST_DAY_ERASED = dt.date(2031, 1, 1)


def _closed_request(**fields) -> InformationRequest:
    values = {
        "state": InformationRequest.State.ANSWERED,
        "closed_on": CLOSED,
        "reply_address": "ul. Prywatna 1, 62-500 Konin",
    } | fields
    return InformationRequestFactory(**values)


def test_requesters_data_go_after_the_archival_period_and_the_request_stays(
    settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    request = _closed_request()
    request.attachment.save("wniosek.pdf", ContentFile(b"%PDF skan z podpisem"), save=True)
    stored = tmp_path / request.attachment.name
    assert stored.exists()
    rule = rules()["public_information.requesters"]

    assert rule_erase(rule, today=LAST_DAY_KEPT) == []
    request.refresh_from_db()
    assert request.requester_name == "Jan Wnioskodawca" and stored.exists()

    with django_capture_on_commit_callbacks(execute=True):
        assert rule_erase(rule, today=FIRST_DAY_ERASED) == [request.pk]
    request.refresh_from_db()
    assert (request.requester_name, request.reply_email, request.reply_address) == ("", "", "")
    assert not request.attachment and not stored.exists()
    assert request.number.startswith("BZ.1431.") and request.requested_information == "Kopia umowy."
    assert request.state == InformationRequest.State.ANSWERED

    assert rule_erase(rule, today=FIRST_DAY_ERASED) == []  # nothing left to erase: nothing changes


def test_a_matter_still_open_keeps_its_requester():
    rule = rules()["public_information.requesters"]
    pending = _closed_request(state=InformationRequest.State.RECONSIDERATION)
    complained = _closed_request()
    InactionComplaint.objects.create(
        request=complained,
        received_on=CLOSED,
        forward_deadline=CLOSED + dt.timedelta(days=15),
        complaint_summary="Skarga Jana Wnioskodawcy.",
    )
    never_closed = InformationRequestFactory()  # no closing date: never due
    assert rule_erase(rule, today=dt.date(2040, 1, 1)) == []
    for row in (pending, complained, never_closed):
        row.refresh_from_db()
        assert row.requester_name == "Jan Wnioskodawca"


def test_the_erasure_pseudonymises_the_requests_earlier_audit_events_and_records_ids_only():
    request = _closed_request()
    with transaction.atomic():
        registered = audit.record(
            actor=None,
            action="public_information.request_register",
            obj=request,
            after=audit.snapshot(request),
            reason="Wniosek Jana Wnioskodawcy",
        )
    rule_erase(rules()["public_information.requesters"], today=FIRST_DAY_ERASED)
    registered.refresh_from_db()
    assert registered.after["requester_name"] == "***"
    assert registered.after["reply_email"] == "***"
    assert registered.after["subject"] == request.subject  # what is not personal stays
    erased = AuditEvent.objects.get(action=ERASE_ACTION)
    assert erased.after == {
        "rule": "public_information.requesters",
        "rows": [request.pk],
        "fields": ["requester_name", "reply_email", "reply_address", "attachment"],
    }
    assert "Wnioskodawca" not in str(erased.after) + erased.reason
    with transaction.atomic():  # the daily check tells the pseudonymised event from a tampered one
        assert audit_log_verify()["anomalies"] == []


def test_the_scan_of_a_reconsideration_request_goes_and_the_step_stays(
    settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    request = _closed_request(state=InformationRequest.State.UPHELD)
    step = RequestAction.objects.create(
        request=request, kind=RequestAction.Kind.RECONSIDERATION, done_on=CLOSED, text="Wniosek o ponowne."
    )
    step.document.save("ponowne.pdf", ContentFile(b"%PDF"), save=True)
    answer = RequestAction.objects.create(request=request, kind=RequestAction.Kind.UPHELD, done_on=CLOSED)
    answer.document.save("decyzja.pdf", ContentFile(b"%PDF"), save=True)
    rule = rules()["public_information.reconsiderations"]

    scan, decision = tmp_path / step.document.name, tmp_path / answer.document.name
    assert rule_erase(rule, today=LAST_DAY_KEPT) == []
    with django_capture_on_commit_callbacks(execute=True):
        assert rule_erase(rule, today=FIRST_DAY_ERASED) == [step.pk]
    step.refresh_from_db()
    answer.refresh_from_db()
    assert not step.document and not scan.exists() and step.text == "Wniosek o ponowne."
    assert answer.document and decision.exists()  # the association's own decision is not the requester's data
    assert rule_erase(rule, today=FIRST_DAY_ERASED) == []


def test_a_forwarded_complaint_loses_its_summary_after_the_period():
    request = _closed_request(state=InformationRequest.State.REFUSED)
    complaint = InactionComplaint.objects.create(
        request=request,
        received_on=CLOSED,
        forward_deadline=CLOSED + dt.timedelta(days=15),
        complaint_summary="Jan Wnioskodawca zarzuca bezczynność.",
        state=InactionComplaint.State.FORWARDED,
        forwarded_on=CLOSED,
        answer="Odpowiedź Stowarzyszenia.",
    )
    rule = rules()["public_information.complaints"]
    assert rule_erase(rule, today=LAST_DAY_KEPT) == []
    assert rule_erase(rule, today=FIRST_DAY_ERASED) == [complaint.pk]
    complaint.refresh_from_db()
    assert complaint.complaint_summary == "" and complaint.answer == "Odpowiedź Stowarzyszenia."
    assert rule_erase(rule, today=FIRST_DAY_ERASED) == []


def test_consultation_commenters_lose_name_e_mail_and_device_hash_after_five_years():
    version = StrategyVersionFactory(consultation_closes=dt.date(2026, 2, 20))
    comment = CommentFactory(
        version=version, email="jan@example.org", organisation="Fundacja Przykładowa", client_hash="ab" * 32
    )
    ongoing = CommentFactory(version=StrategyVersionFactory(consultation_closes=None))
    rule = rules()["strategy.commenters"]

    assert rule_erase(rule, today=dt.date(2031, 12, 31)) == []
    assert rule_erase(rule, today=dt.date(2032, 1, 1)) == [comment.pk]
    comment.refresh_from_db()
    ongoing.refresh_from_db()
    assert (comment.author_name, comment.email, comment.client_hash) == ("", "", "")
    assert comment.organisation == "Fundacja Przykładowa" and comment.text.startswith("Uwaga testowa")
    assert ongoing.author_name == "Jan Uwagowy"
    assert rule_erase(rule, today=dt.date(2032, 1, 1)) == []


def test_a_rule_counted_in_days_from_a_date_time_keeps_the_last_day():
    """The PES rule: 730 days from the review (a date-time); on the 730th day the data are still there."""
    from zit.social_economy.models import ListingRequest

    rule = rules()["social_economy.listing_requesters"]
    today = dt.date(2029, 5, 10)
    assert rule.cutoff(today) == dt.date(2027, 5, 11)
    assert "730" in rule.period_label() and "rozpatrzenie" in rule.period_label()
    assert rows_due(rule, today=today).model is ListingRequest


def test_the_daily_job_runs_every_rule_and_counts_rows_per_rule():
    request = _closed_request()
    version = StrategyVersionFactory(consultation_closes=dt.date(2019, 3, 1))
    CommentFactory(version=version)
    CommentFactory(version=version)
    job = Job.objects.create(kind="privacy.erase_expired", title="Usuwanie danych")
    seen = []
    result = handler_for("privacy.erase_expired")(job, lambda d, t, m="": seen.append((d, t)))
    assert set(result["rules"]) == set(rules())
    assert result["rules"]["strategy.commenters"] == 2
    assert result["rules"]["public_information.requesters"] == 0  # closed in 2025: still kept
    assert result["rows"] == 2 and "2" in result["message"]
    assert seen[-1] == (1, 1)
    request.refresh_from_db()
    assert request.requester_name == "Jan Wnioskodawca"
    assert erase_expired() == dict.fromkeys(rules(), 0)  # the second run finds nothing


def test_a_period_in_years_is_said_in_good_polish_and_in_english():
    from dataclasses import replace

    from django.utils import translation

    rule = rules()["public_information.requesters"]
    labels = {n: replace(rule, years=n, days=0).period_label() for n in (1, 3, 5, 22)}
    assert [labels[n].split(" licząc")[0] for n in (1, 3, 5, 22)] == ["1 rok", "3 lata", "5 lat", "22 lata"]
    with translation.override("en"):
        assert replace(rule, years=5, days=0).period_label().startswith("5 years")
