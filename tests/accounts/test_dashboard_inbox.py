import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories.accounts import UserFactory
from tests.factories.public_information import InformationRequestFactory
from tests.factories.strategy import CommentFactory, StrategyVersionFactory
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
