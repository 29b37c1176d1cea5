# ruff: noqa: F811 - the fixtures imported from the other tests are parameters here
"""Durability is monitoring information with its source: the office records what it learned and from where;
only the IZ finds a breach, so that finding needs the IZ as the source and its document's reference; a
refusal says why in Polish and saves nothing."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from projects.test_calls import listed  # noqa: F401 - the fixture

from zit.contracts.durability import contract_settle, durability_info_record
from zit.contracts.models import DurabilityInfo
from zit.core.models import AuditEvent

from .test_contracts import _sign, selected  # noqa: F401 - the fixture

F, S = DurabilityInfo.Finding, DurabilityInfo.Source
DAY = dt.date(2026, 12, 1)


@pytest.fixture
def settled(selected, office):
    return contract_settle(
        actor=office,
        contract=_sign(office, selected),
        final_payment_on=dt.date(2026, 11, 20),
        durability_years=5,
        reference="WR-IZ.433.7.2026",
        confirmed=True,
        reason="IZ przekazała płatność przed końcem realizacji.",
    )


def _record(office, contract, **overrides):
    fields = {
        "source": S.OFFICE,
        "observed_on": DAY,
        "finding": F.NO_REMARKS,
        "iz_reference": "",
        "notes": "",
    }
    return durability_info_record(actor=office, contract=contract, **(fields | overrides))


def test_only_the_iz_finds_a_breach_and_a_refusal_saves_nothing(settled, office):
    events = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as exc:
        _record(office, settled, source=S.OFFICE, finding=F.IZ_BREACH, notes="Wynajem komercyjny.")
    assert "Naruszenie trwałości stwierdza instytucja zarządzająca" in exc.value.message_dict["source"][0]
    with pytest.raises(ValidationError) as exc:
        _record(office, settled, source=S.STATEMENT, finding=F.IZ_BREACH)
    assert "source" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:  # from the IZ, but without its document
        _record(office, settled, source=S.IZ, finding=F.IZ_BREACH)
    assert exc.value.message_dict["iz_reference"] == [
        "Podaj znak pisma lub dokumentu IZ, z którego pochodzi informacja."
    ]
    assert not DurabilityInfo.objects.exists() and AuditEvent.objects.count() == events

    info = _record(
        office,
        settled,
        source=S.IZ,
        finding=F.IZ_BREACH,
        iz_reference="WK-IZ.433.9.2027",
        notes="Informacja pokontrolna IZ.",
    )
    assert (info.source, info.finding, info.iz_reference) == (S.IZ, F.IZ_BREACH, "WK-IZ.433.9.2027")
    event = AuditEvent.objects.filter(action="contracts.durability_info").latest("pk")
    assert event.after["finding"] == F.IZ_BREACH


def test_the_office_passes_a_signal_and_says_what_it_saw(settled, office):
    with pytest.raises(ValidationError) as exc:
        _record(office, settled, finding=F.SIGNAL)
    assert "notes" in exc.value.message_dict
    info = _record(
        office, settled, finding=F.SIGNAL, notes="Budynek zamknięty; sygnał przekazany do IZ 1.12."
    )
    assert (info.source, info.finding) == (S.OFFICE, F.SIGNAL)
    statement = _record(office, settled, source=S.STATEMENT)  # the beneficiary's statement, as the source
    assert statement.finding == F.NO_REMARKS


def test_only_the_office_records_durability_information(settled, golina_user, kleczew_user):
    for user in (golina_user, kleczew_user):
        with pytest.raises(PermissionDenied):
            _record(user, settled)
    assert not DurabilityInfo.objects.exists()


def test_the_page_keeps_what_was_typed_and_shows_the_reason(settled, office, selected):
    client = Client()
    client.force_login(office)
    url = reverse("contracts:card_durability_info", args=[selected.pk])
    data = {"source": "office", "observed_on": "2026-12-01", "finding": "iz_breach", "notes": "Wynajem."}
    response = client.post(url, data)
    page = response.content.decode()
    assert response.status_code == 200 and "stwierdza instytucja zarządzająca" in page and "Wynajem." in page
    assert not DurabilityInfo.objects.exists()
    data |= {"source": "iz", "iz_reference": "WK-IZ.1"}
    assert client.post(url, data).status_code == 303
    card = client.get(reverse("projects:card", args=[selected.pk])).content.decode()
    assert "IZ stwierdziła naruszenie trwałości" in card and "WK-IZ.1" in card
    assert "art. 65 rozporządzenia (UE) 2021/1060" in card
