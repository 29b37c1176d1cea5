"""The list of strategic projects as the strategy's annex: each version belongs to a strategy version; a new
version is an update of the annex with its own procedure (the change marked significant or not; a significant
one consulted for at least 35 days from the notice, art. 6 ust. 3 of the act on the principles of development
policy); approval only by an adopted resolution of the register that carries the version, or by another body's
act with its document; the managing authority's acceptance after it; the public strategy shows the annex."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from support.list_approval import approve_through_register, rada, register_resolution

from zit.core.models import AuditEvent, DecisionReference
from zit.projects import lists
from zit.projects.models import ListVersion, ProjectCard
from zit.strategy.models import StrategyVersion

from .test_calls import listed  # noqa: F401 - the fixture
from .test_lists import RATE_DAY, envelope, three_cards  # noqa: F401 - the fixtures


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _draft(envelope, three_cards, office):  # noqa: F811
    version = lists.list_version_create(actor=office, agreement=envelope, rate_date=RATE_DAY)
    lists.list_entry_add(actor=office, version=version, card=three_cards[0], position="main")
    return version


def test_a_list_version_belongs_to_the_strategy_version_in_force(envelope, three_cards, office, strategy):  # noqa: F811
    in_force = StrategyVersion.objects.get(strategy=strategy, status=StrategyVersion.Status.ADOPTED)
    version = _draft(envelope, three_cards, office)
    assert version.strategy_version == in_force  # the adopted version, not the newer drafts
    assert not version.is_annex_update
    approve_through_register(version, actor=office, on=dt.date(2026, 4, 10))
    adopted = StrategyVersion.objects.filter(strategy=strategy).order_by("number").first()
    StrategyVersion.objects.filter(pk=adopted.pk).update(status=StrategyVersion.Status.ADOPTED)
    update = lists.list_version_create(actor=office, agreement=envelope, rate_date=RATE_DAY)
    assert update.strategy_version == adopted and update.is_annex_update and update.based_on == version


def test_approval_only_by_an_adopted_register_resolution_carrying_the_version(
    envelope,  # noqa: F811
    three_cards,  # noqa: F811
    office,
    strategy,
):
    version = _draft(envelope, three_cards, office)
    other = ListVersion.objects.create(
        agreement=envelope, number=99, rate_date=RATE_DAY, status=ListVersion.Status.SUPERSEDED
    )
    typed = DecisionReference.objects.create(
        issuer_kind="association_body", issuer_name="Rada", number="XII/512/2026", date=dt.date(2026, 4, 1)
    )
    refusals = [
        (None, "bez uchwały nie można jej zatwierdzić"),
        (typed, "nie ma w rejestrze uchwał"),
        (
            register_resolution(version, on=dt.date(2026, 4, 2), status="rejected").decision,
            "nie jest podjęta",
        ),
        (register_resolution(version, on=dt.date(2026, 4, 3), carries=other).decision, "nie niesie wersji 1"),
    ]
    for decision, reason in refusals:
        with pytest.raises(ValidationError, match=reason):
            lists.list_version_approve(actor=office, version=version, decision=decision)
    # nothing half-saved: the version is a draft, its card did not move, no approval was recorded
    version.refresh_from_db()
    assert version.is_draft and version.decision is None
    assert ProjectCard.objects.get(pk=three_cards[0].pk).state == "accepted"
    assert not AuditEvent.objects.filter(action="projects.list_approve").exists()
    resolution = approve_through_register(version, actor=office, on=dt.date(2026, 4, 10))
    assert version.is_approved and version.decision == resolution.decision
    assert ProjectCard.objects.get(pk=three_cards[0].pk).state == "listed_main"


def test_another_bodys_act_approves_only_with_its_document(envelope, three_cards, office, strategy):  # noqa: F811
    version = _draft(envelope, three_cards, office)
    decisions = DecisionReference.objects.count()
    act = {
        "issuer_kind": "voivodeship_board",
        "issuer_name": "Zarząd Województwa Wielkopolskiego",
        "number": "7810/2026",
        "date": dt.date(2026, 4, 10),
    }
    with pytest.raises(ValidationError) as exc:
        lists.list_version_approve_by_act(actor=office, version=version, document=None, **act)
    assert "sam numer nie wystarczy" in exc.value.message_dict["document"][0]
    with pytest.raises(ValidationError) as exc:
        lists.list_version_approve_by_act(
            actor=office,
            version=version,
            document=SimpleUploadedFile("u.pdf", b"%PDF-1.7\n"),
            **(act | {"issuer_kind": "association_body"}),
        )
    assert "tylko z rejestru uchwał" in exc.value.message_dict["issuer_kind"][0]
    assert DecisionReference.objects.count() == decisions  # nothing half-saved
    lists.list_version_approve_by_act(
        actor=office, version=version, document=SimpleUploadedFile("uchwala.pdf", b"%PDF-1.7\n"), **act
    )
    version.refresh_from_db()
    assert version.is_approved and version.decision.number == "7810/2026" and version.decision.document


def test_an_annex_update_has_its_own_procedure(listed, office):  # noqa: F811
    from zit.funding.selectors import agreement_current
    from zit.governance import resolutions

    first = ListVersion.objects.get(status="approved")
    update = lists.list_version_create(actor=office, agreement=agreement_current(), rate_date=RATE_DAY)
    assert update.is_annex_update and update.strategy_version == first.strategy_version
    # one open update per strategy
    with pytest.raises(ValidationError, match="Aktualizacja załącznika jest już w toku \\(wersja 2 listy\\)"):
        lists.list_version_create(actor=office, agreement=agreement_current(), rate_date=RATE_DAY)
    # not marked significant or not: neither the Rada's draft nor the approval goes through
    with pytest.raises(ValidationError, match="Zaznacz, czy zmiana listy jest istotna"):
        resolutions.resolution_save(
            actor=office, body=rada(), kind="project_list", list_version=update, subject="listy", text="T."
        )
    decision = register_resolution(update, on=dt.date(2026, 9, 10)).decision
    with pytest.raises(ValidationError, match="Zaznacz, czy zmiana listy jest istotna"):
        lists.list_version_approve(actor=office, version=update, decision=decision)
    # a significant change: a consultation of at least 35 days from the notice (the notice day not counted)
    with pytest.raises(ValidationError) as exc:
        lists.list_annex_update_set(
            actor=office,
            version=update,
            significant=True,
            notice_on=dt.date(2026, 8, 3),
            ends_on=dt.date(2026, 9, 4),
        )
    assert "co najmniej 35 dni od dnia ogłoszenia" in exc.value.message_dict["ends_on"][0]
    assert "najwcześniej 7 września 2026" in exc.value.message_dict["ends_on"][0]  # 5 September is a Saturday
    with pytest.raises(ValidationError) as exc:
        lists.list_annex_update_set(actor=office, version=update, significant=True)
    assert set(exc.value.message_dict) == {"notice_on", "ends_on"}
    update.refresh_from_db()
    assert update.change_significant is None and update.consultation_ends_on is None  # nothing saved
    lists.list_annex_update_set(
        actor=office,
        version=update,
        significant=True,
        notice_on=dt.date(2026, 8, 3),
        ends_on=dt.date(2026, 9, 7),
    )
    # the Rada approves after the consultation, not on its last day
    on_last_day = register_resolution(update, on=dt.date(2026, 9, 7)).decision
    with pytest.raises(ValidationError, match="Konsultacje trwają do 7 września 2026"):
        lists.list_version_approve(actor=office, version=update, decision=on_last_day)
    lists.list_version_approve(actor=office, version=update, decision=decision)
    update.refresh_from_db()
    first.refresh_from_db()
    assert update.is_approved and first.status == ListVersion.Status.SUPERSEDED
    # the managing authority accepts it after the resolution, never before
    with pytest.raises(ValidationError) as exc:
        lists.list_version_iz_accept(
            actor=office, version=update, accepted_on=dt.date(2026, 9, 9), reference="DPR.1"
        )
    assert "przed jej zatwierdzeniem" in exc.value.message_dict["accepted_on"][0]
    lists.list_version_iz_accept(
        actor=office, version=update, accepted_on=dt.date(2026, 9, 30), reference="DPR.1"
    )
    assert AuditEvent.objects.filter(action="projects.list_annex_update", object_id=str(update.pk)).exists()


def test_an_insignificant_change_clears_the_consultation(listed, office):  # noqa: F811
    from zit.funding.selectors import agreement_current

    update = lists.list_version_create(actor=office, agreement=agreement_current(), rate_date=RATE_DAY)
    lists.list_annex_update_set(
        actor=office,
        version=update,
        significant=True,
        notice_on=dt.date(2026, 8, 3),
        ends_on=dt.date(2026, 9, 7),
    )
    lists.list_annex_update_set(actor=office, version=update, significant=False)
    update.refresh_from_db()
    assert update.change_significant is False and update.consultation_notice_on is None
    approve_through_register(update, actor=office, on=dt.date(2026, 8, 3))
    assert update.is_approved


def test_the_list_page_shows_how_it_is_approved_and_keeps_what_was_typed(listed, office):  # noqa: F811
    from zit.funding.selectors import agreement_current

    update = lists.list_version_create(actor=office, agreement=agreement_current(), rate_date=RATE_DAY)
    client = _client(office)
    url = reverse("projects:list", args=[update.pk])
    page = client.get(url).content.decode()
    assert 'name="decision_number"' not in page  # no typed approval
    assert f"?rodzaj=project_list&amp;lista={update.pk}" in page
    assert "W rejestrze nie ma jeszcze uchwały" in page and "To aktualizacja załącznika" in page
    response = client.post(url, {"significant": "1", "notice_on": "2026-08-01", "ends_on": "2026-08-20"})
    page = response.content.decode()
    assert (
        response.status_code == 200
        and "co najmniej 35 dni od dnia ogłoszenia" in page
        and 'value="2026-08-20"' in page
    )
    update.refresh_from_db()
    assert update.change_significant is None
    # another body's act without its document is refused and nothing changes
    response = client.post(
        url,
        {
            "issuer_kind": "voivodeship_board",
            "issuer_name": "Zarząd Województwa",
            "kind": "uchwała",
            "number": "1/2026",
            "date": "2026-08-01",
        },
    )
    assert response.status_code == 200 and 'value="1/2026"' in response.content.decode()
    update.refresh_from_db()
    assert update.is_draft
    assert client.post(url, {"significant": "0"}).status_code == 302
    resolution = approve_through_register(update, actor=office, on=dt.date(2026, 8, 3))
    page = client.get(url).content.decode()
    assert reverse("governance:resolution", args=[resolution.pk]) in page and "podjęta" in page
    # the office's page of the strategy version lists its annex's versions
    page = client.get(reverse("strategy:version", args=[update.strategy_version_id])).content.decode()
    assert (
        "Załącznik: lista projektów strategicznych" in page
        and reverse("projects:list", args=[update.pk]) in page
    )


def test_the_public_strategy_shows_the_annex_in_force_with_its_history(listed, office, client):  # noqa: F811
    from zit.funding.selectors import agreement_current

    update = lists.list_version_create(actor=office, agreement=agreement_current(), rate_date=RATE_DAY)
    page = client.get(reverse("portal:strategy")).content.decode()
    assert "Załącznik: lista projektów strategicznych" in page and "Obowiązuje wersja 1 listy" in page
    lists.list_annex_update_set(actor=office, version=update, significant=False)
    approve_through_register(update, actor=office, on=dt.date(2026, 8, 3))
    lists.list_version_iz_accept(
        actor=office, version=update, accepted_on=dt.date(2026, 8, 20), reference="DPR.2"
    )
    page = client.get(reverse("portal:strategy")).content.decode()
    history = page.split("Historia załącznika", 1)[1]
    assert (
        "Obowiązuje wersja 2 listy" in page
        and "Przyjęta przez Instytucję Zarządzającą 20 sierpnia 2026" in page
    )
    assert "wersja 2" in history and "wersja 1" in history and "zastąpiona nowszą" in history
    assert "20 sierpnia 2026" in history and "3 sierpnia 2026" in history
