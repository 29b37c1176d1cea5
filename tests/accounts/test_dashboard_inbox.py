import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from factories.accounts import UserFactory
from factories.public_information import InformationRequestFactory
from factories.strategy import CommentFactory, StrategyVersionFactory

from zit.accounts.models import InboxDeputy
from zit.core.models import AuditEvent


@pytest.mark.django_db
def test_the_dashboard_shows_the_inbox_most_urgent_first_and_the_shortcuts(client):
    today = timezone.localdate()
    office = UserFactory(roles=[("office_staff", None)])
    CommentFactory.create_batch(2, version=StrategyVersionFactory())
    late = InformationRequestFactory(
        received_on=today - dt.timedelta(days=20), deadline=today - dt.timedelta(days=2)
    )
    client.force_login(office)
    page = client.get(reverse("accounts:dashboard")).content.decode()

    assert "Co na Ciebie czeka" in page
    assert page.index(late.subject) < page.index("Uwagi z konsultacji czekające na moderację: 2")
    assert "po terminie od 2 dni" in page
    assert "Na skróty" in page
    for url in (
        "/biuro/strategia/",
        "/biuro/projekty/lista/",
        "/biuro/projekty/nabory-iz/",
        "/biuro/monitoring/",
    ):
        assert f'href="{url}"' in page


@pytest.mark.django_db
def test_an_empty_inbox_says_so_and_shortcuts_follow_permissions(client):
    client.force_login(UserFactory(roles=[("assessor", None)]))
    page = client.get(reverse("accounts:dashboard")).content.decode()
    assert "Nic na Ciebie nie czeka." in page
    assert 'href="/biuro/ocena/"' in page
    assert "/biuro/strategia/" not in page


@pytest.mark.django_db
def test_the_deputy_page_sets_and_ends_a_handover(client):
    today = timezone.localdate()
    anna = UserFactory(roles=[("office_staff", None)])
    piotr = UserFactory(first_name="Piotr", last_name="Zastępca", roles=[("office_staff", None)])
    client.force_login(anna)
    url = reverse("accounts:deputy")
    assert "Piotr Zastępca" in client.get(url).content.decode()

    bad = client.post(url, {"deputy": piotr.pk, "starts": today, "ends": today - dt.timedelta(days=1)})
    assert "Ostatni dzień nie może być wcześniejszy niż pierwszy." in bad.content.decode()
    done = client.post(
        url, {"deputy": piotr.pk, "starts": today, "ends": today + dt.timedelta(days=7), "note": "urlop"}
    )
    assert done.status_code == 302
    deputyship = InboxDeputy.objects.get()
    assert deputyship.deputy == piotr
    client.post(reverse("accounts:deputy_end", args=[deputyship.pk]))
    deputyship.refresh_from_db()
    assert deputyship.ended_at is not None
    assert AuditEvent.objects.filter(action__startswith="accounts.deputy_").count() == 2

    client.force_login(UserFactory(roles=[("office_staff", None)]))
    assert client.post(reverse("accounts:deputy_end", args=[deputyship.pk])).status_code == 403


def _waiting(office, today):
    """One more thing of every kind that waits for the office, each its own line on the dashboard."""
    from factories.association import MandateFactory
    from factories.contracts import ProgressReportFactory
    from factories.core import JobFactory
    from factories.fees import FeePaymentFactory
    from factories.funding import ObligationFactory
    from factories.governance import MeetingFactory, ResolutionFactory
    from factories.projects import ProjectCardFactory
    from factories.social_economy import ListingRequestFactory

    from zit.core.models import Job
    from zit.governance.models import Vote
    from zit.strategy.models import ProcedureStep

    version = StrategyVersionFactory()
    CommentFactory(version=version)
    ProcedureStep.objects.create(version=version, kind="other", title="krok", due_on=today)
    ProjectCardFactory(state="submitted")
    ProjectCardFactory(state="application_filed")
    ProgressReportFactory(submitted=True)  # its contract's milestone is past: it waits too
    ObligationFactory(responsible=office, due_on=today + dt.timedelta(days=5))
    Vote.objects.create(resolution=ResolutionFactory(), held_on=today)
    MeetingFactory(starts_at=timezone.now() + dt.timedelta(days=5))
    JobFactory(kind=f"test.kind{Job.objects.count()}", status=Job.Status.FAILED, finished_at=timezone.now())
    FeePaymentFactory()
    ListingRequestFactory()
    # an office left vacant in a body (its own body each time)
    MandateFactory(role="chair", start=today - dt.timedelta(days=30), end=today - dt.timedelta(days=1))
    return InformationRequestFactory(received_on=today, deadline=today + dt.timedelta(days=14)).subject


@pytest.mark.django_db
def test_the_inbox_costs_the_same_queries_whatever_waits(client, funding_data):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    today = timezone.localdate()
    office = UserFactory(roles=[("office_admin", None)])
    away = UserFactory(roles=[("office_staff", None)])
    InboxDeputy.objects.create(principal=away, deputy=office, starts=today, ends=today)
    client.force_login(office)
    url = reverse("accounts:dashboard")

    def queries():
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            page = client.get(url).content.decode()
        return len(captured.captured_queries), page

    _waiting(office, today)
    before, _ = queries()
    subjects = [_waiting(office, today) for _ in range(3)]
    after, page = queries()
    assert all(s in page for s in subjects)
    assert after == before


@pytest.mark.django_db
def test_an_office_administrator_sets_a_handover_for_someone_who_cannot_sign_in(client):
    today = timezone.localdate()
    anna = UserFactory(roles=[("office_staff", None)])
    piotr = UserFactory(roles=[("office_staff", None)])
    client.force_login(UserFactory(roles=[("office_admin", None)]))
    url = reverse("accounts:deputy")
    assert "Osoba zastępowana" in client.get(url).content.decode()
    client.post(url, {"principal": anna.pk, "deputy": piotr.pk, "starts": today, "ends": today})
    deputyship = InboxDeputy.objects.get()
    assert (deputyship.principal, deputyship.deputy) == (anna, piotr)
    assert "Wszystkie zastępstwa" in client.get(url).content.decode()
    # a plain user is offered no one else's handover
    client.force_login(anna)
    assert "Osoba zastępowana" not in client.get(url).content.decode()
