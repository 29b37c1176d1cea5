"""The Partners' Working Group's opinions on the list, the annual report and strategy updates: the service's
rules and refusals (nothing saved), who may record and read them, the office's page, the resolution page
showing the opinion before the Rada votes, and the withdrawal that keeps the record."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from factories.monitoring import AnnualReportFactory
from factories.projects import ListVersionFactory
from factories.strategy import StrategyVersionFactory

from governance.meeting_fixtures import *  # noqa: F403
from zit.association.models import Body
from zit.core.models import AuditEvent
from zit.governance import meetings, opinions, resolutions
from zit.governance.models import AdvisoryOpinion, PublicDocument, ResolutionKind

TODAY = dt.date(2026, 6, 15)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    """The office's date is fixed: the rules compare the opinion's date with today."""
    monkeypatch.setattr(opinions.timezone, "localdate", lambda value=None: value.date() if value else TODAY)


@pytest.fixture
def group(association_data):
    return Body.objects.get(slug="grupa-robocza")


def backdated(subject):
    """The subject as if created on 1 March 2026, well before the opinions of these tests."""
    type(subject).objects.filter(pk=subject.pk).update(
        created_at=timezone.make_aware(dt.datetime(2026, 3, 1, 12, 0))
    )
    subject.refresh_from_db()
    return subject


@pytest.fixture
def report(db):
    return backdated(AnnualReportFactory())


def record(group, subject, actor=None, **fields):
    fields.setdefault("given_on", dt.date(2026, 6, 1))
    fields.setdefault("outcome", AdvisoryOpinion.Outcome.POSITIVE)
    fields.setdefault("text", "")
    return opinions.advisory_opinion_record(actor=actor, body=group, subject=subject, **fields)


def pdf(name="opinia.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4 opinia", content_type="application/pdf")


def test_opinion_on_the_annual_report_is_recorded_audited_and_published(group, report, office):
    opinion = record(
        group,
        report,
        actor=office,
        outcome=AdvisoryOpinion.Outcome.REMARKS,
        text="Uzupełnić wskaźniki rezultatu.",
        file=pdf(),
        prepared_by="Anna Nowak, przewodnicząca grupy",
    )
    assert opinion.annual_report == report and opinion.subject == report
    assert opinion.subject_kind == "annual_report"
    assert opinion.recorded_by_label
    document = opinion.document
    assert document.published_at is not None and document.category == PublicDocument.Category.OTHER
    assert document.prepared_on == dt.date(2026, 6, 1)
    assert "Grupy roboczej partnerów" in document.title
    assert f"sprawozdanie roczne za {report.year} r." in document.title
    assert AuditEvent.objects.filter(action="governance.advisory_opinion_record").count() == 1


def test_opinions_on_the_list_and_a_strategy_version(group, funding_demo):
    version = backdated(ListVersionFactory())
    strategy_version = backdated(StrategyVersionFactory())
    on_list = record(group, version, given_on=TODAY)
    # an opinion older than the strategy's record: acts done before they were entered are recorded later
    older = record(group, strategy_version, given_on=dt.date(2020, 2, 1))
    assert older.given_on == dt.date(2020, 2, 1)
    on_strategy = record(
        group, strategy_version, given_on=TODAY, outcome=AdvisoryOpinion.Outcome.NEGATIVE, text="Nie."
    )
    assert (on_list.subject_kind, on_strategy.subject_kind) == ("list_version", "strategy_version")


@pytest.mark.parametrize(
    ("fields", "key"),
    [
        ({"given_on": dt.date(2026, 6, 16)}, "given_on"),  # tomorrow
        ({"outcome": AdvisoryOpinion.Outcome.REMARKS}, "text"),
        ({"outcome": AdvisoryOpinion.Outcome.NEGATIVE, "text": "  "}, "text"),
        ({"outcome": "neutralna"}, "outcome"),
        ({"file": pdf("opinia.exe"), "prepared_by": "Anna Nowak"}, "file"),
        ({"file": pdf()}, "prepared_by"),
    ],
)
def test_refusals_save_nothing(group, report, fields, key):
    with pytest.raises(ValidationError) as exc:
        record(group, report, **fields)
    assert key in exc.value.message_dict
    assert not AdvisoryOpinion.objects.exists() and not PublicDocument.objects.exists()


def test_only_the_advisory_body_gives_opinions(association_data, report):
    rada = Body.objects.get(slug="rada")
    with pytest.raises(ValidationError) as exc:
        record(rada, report)
    assert "organ doradczy" in exc.value.message_dict["body"][0]
    assert not AdvisoryOpinion.objects.exists()


def test_a_meeting_of_another_body_is_refused(group, rada, report):
    other = meetings.meeting_save(
        actor=None, body=rada, starts_at=timezone.make_aware(dt.datetime(2026, 5, 30, 10)), place="Konin"
    )
    with pytest.raises(ValidationError) as exc:
        record(group, report, meeting=other)
    assert "innego organu" in exc.value.message_dict["meeting"][0]
    own = meetings.meeting_save(
        actor=None, body=group, starts_at=timezone.make_aware(dt.datetime(2026, 5, 30, 10)), place="Konin"
    )
    assert record(group, report, meeting=own).meeting == own


def test_the_database_holds_exactly_one_subject(group, report, funding_demo):
    opinion = record(group, report)
    version = ListVersionFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        AdvisoryOpinion.objects.filter(pk=opinion.pk).update(list_version=version)
    with pytest.raises(IntegrityError), transaction.atomic():
        AdvisoryOpinion.objects.filter(pk=opinion.pk).update(annual_report=None)


def test_permission_is_checked_in_the_service(group, report, board):
    with pytest.raises(PermissionDenied):
        record(group, report, actor=board)
    opinion = record(group, report)
    with pytest.raises(PermissionDenied):
        opinions.advisory_opinion_withdraw(actor=board, opinion=opinion, reason="pomyłka")
    assert not AdvisoryOpinion.objects.get().withdrawn_at


def test_withdrawal_keeps_the_record_with_its_reason(group, report, office):
    opinion = record(group, report)
    with pytest.raises(ValidationError):
        opinions.advisory_opinion_withdraw(actor=office, opinion=opinion, reason=" ")
    opinions.advisory_opinion_withdraw(actor=office, opinion=opinion, reason="Zapisano przy złym raporcie.")
    opinion.refresh_from_db()
    assert opinion.withdrawn_at and opinion.withdrawn_reason == "Zapisano przy złym raporcie."
    assert AuditEvent.objects.filter(action="governance.advisory_opinion_withdraw").exists()
    with pytest.raises(ValidationError):
        opinions.advisory_opinion_withdraw(actor=office, opinion=opinion, reason="jeszcze raz")


# --- pages


def test_office_lists_filters_and_records(client, group, report, office):
    record(group, report, outcome=AdvisoryOpinion.Outcome.NEGATIVE, text="Brak danych o wskaźnikach.")
    client.force_login(office)
    url = reverse("governance:opinions")
    page = client.get(url)
    assert page.status_code == 200
    assert "Brak danych o wskaźnikach." in page.content.decode() and "Zapisz opinię" in page.content.decode()
    assert "Brak danych" not in client.get(url, {"rodzaj": "list_version"}).content.decode()
    assert "Brak danych" in client.get(url, {"rodzaj": "annual_report"}).content.decode()
    response = client.post(
        url,
        {
            "body": group.pk,
            "subject": f"annual_report:{report.pk}",
            "given_on": "2026-06-10",
            "outcome": AdvisoryOpinion.Outcome.POSITIVE,
            "text": "",
            "prepared_by": "Anna Nowak",
            "file": pdf(),
        },
    )
    assert response.status_code == 303
    assert AdvisoryOpinion.objects.filter(given_on=dt.date(2026, 6, 10), document__isnull=False).exists()


def test_a_refused_form_shows_the_error_and_saves_nothing(client, group, report, office):
    client.force_login(office)
    response = client.post(
        reverse("governance:opinions"),
        {
            "body": group.pk,
            "subject": f"annual_report:{report.pk}",
            "given_on": "2026-06-10",
            "outcome": AdvisoryOpinion.Outcome.REMARKS,
        },
    )
    assert response.status_code == 200
    assert "musi podawać swoje uwagi" in response.content.decode()
    assert not AdvisoryOpinion.objects.exists()


def test_board_reads_only_and_a_gmina_officer_is_refused(client, group, report, board, golina_user):
    opinion = record(group, report)
    client.force_login(board)
    page = client.get(reverse("governance:opinions"))
    assert page.status_code == 200 and "Zapisz opinię" not in page.content.decode()
    posted = {"body": group.pk, "subject": f"annual_report:{report.pk}", "given_on": "2026-06-10"}
    assert client.post(reverse("governance:opinions"), posted | {"outcome": "pozytywna"}).status_code == 403
    assert client.get(reverse("governance:opinion_withdraw", args=[opinion.pk])).status_code == 403
    client.force_login(golina_user)
    assert client.get(reverse("governance:opinions")).status_code == 403
    assert AdvisoryOpinion.objects.count() == 1


def test_withdraw_page(client, group, report, office):
    opinion = record(group, report)
    client.force_login(office)
    url = reverse("governance:opinion_withdraw", args=[opinion.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"reason": "Pomyłka w dacie."}).status_code == 303
    opinion.refresh_from_db()
    assert opinion.withdrawn_reason == "Pomyłka w dacie."
    assert "wycofana: Pomyłka w dacie." in client.get(reverse("governance:opinions")).content.decode()


def test_resolution_page_shows_the_standing_opinion_before_the_vote(
    client, group, rada, report, board, office
):
    resolution = resolutions.resolution_save(
        actor=None,
        body=rada,
        kind=ResolutionKind.ANNUAL_REPORT,
        subject="przyjęcia raportu",
        text="Przyjmuje się.",
        annual_report=report,
    )
    url = reverse("governance:resolution", args=[resolution.pk])
    client.force_login(board)
    assert "Opinia Grupy roboczej partnerów" not in client.get(url).content.decode()
    opinion = record(
        group,
        report,
        outcome=AdvisoryOpinion.Outcome.REMARKS,
        text="Uwagi.",
        file=pdf(),
        prepared_by="A. Nowak",
    )
    page = client.get(url).content.decode()
    assert "Opinia Grupy roboczej partnerów" in page
    assert "pozytywna z uwagami z 1 czerwca 2026" in page or "pozytywna z uwagami z 01.06.2026" in page
    assert reverse("register:document", args=[opinion.document.pk]) in page
    opinions.advisory_opinion_withdraw(actor=office, opinion=opinion, reason="pomyłka")
    assert "Opinia Grupy roboczej partnerów" not in client.get(url).content.decode()
