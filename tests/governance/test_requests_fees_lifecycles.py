"""The lifecycles of requests for public information: every guard refuses its act with a Polish reason and
the buttons offered follow the lifecycle for each role (the fees' lifecycles are tested in tests/fees)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from zit.core.lifecycle import Context, all_lifecycles
from zit.governance import information_requests as services
from zit.governance.lifecycles_requests import REQUEST
from zit.governance.models import InformationRequest
from zit.governance.requests_selectors import request_actions

D = dt.date
TODAY = D(2026, 3, 20)
RECEIVED = D(2026, 3, 2)  # due Monday 16 March
HEADER = (
    "Data operacji;Data waluty;Nadawca / Odbiorca;Rachunek kontrahenta;Tytuł;Kwota;Waluta;Id transakcji\r\n"
)


def _csv(*rows: str) -> bytes:
    return (HEADER + "".join(r + "\r\n" for r in rows)).encode()


def _register(actor, received_on=RECEIVED):
    return services.request_register(
        actor=actor,
        received_on=received_on,
        today=TODAY,
        channel=InformationRequest.Channel.EMAIL,
        subject="Umowy z 2025 r.",
        requested_information="Wykaz umów.",
        delivery=InformationRequest.Delivery.EMAIL,
        reply_email="ktos@example.org",
    )


def _names(actions) -> list[str]:
    return [a.name for a in actions]


def test_the_lifecycles_are_registered():
    keys = {lc.key for lc in all_lifecycles()}
    assert {"governance.information_request"} <= keys
    for lc in (REQUEST,):
        for t in lc.transitions:
            for guard in (*t.guards, *t.warnings):
                assert guard.__doc__ and guard.__doc__.strip(), guard  # docs/lifecycles.md shows it


# --- requests for public information


def test_guard_extension_notified_in_time(office):
    item = _register(office)
    late = Context(actor=office, today=TODAY, data={"done_on": D(2026, 3, 17)})
    assert "nie przedłuża terminu" in REQUEST.refusal(item, "extend", late)
    assert (
        REQUEST.refusal(item, "extend", Context(actor=office, today=TODAY, data={"done_on": D(2026, 3, 16)}))
        == ""
    )
    with pytest.raises(ValidationError) as caught:
        services.request_extend(
            actor=office,
            request=item,
            notified_on=D(2026, 3, 17),
            new_due_on=D(2026, 4, 15),
            reason="x",
            today=TODAY,
        )
    assert "Termin 14-dniowy minął 16 marca 2026" in caught.value.message_dict["done_on"][0]


def test_a_step_from_the_wrong_state_is_refused_in_polish(office):
    item = _register(office)
    services.request_extend(
        actor=office,
        request=item,
        notified_on=D(2026, 3, 10),
        new_due_on=D(2026, 4, 15),
        reason="x",
        today=TODAY,
    )
    with pytest.raises(ValidationError) as caught:
        services.request_extend(
            actor=office,
            request=item,
            notified_on=D(2026, 3, 11),
            new_due_on=D(2026, 4, 20),
            reason="y",
            today=TODAY,
        )
    assert "nie można wykonać, gdy stan to „termin przedłużony”" in caught.value.messages[0]


def test_request_actions_follow_the_lifecycle_for_the_office(office):
    item = _register(office)
    assert _names(request_actions(user=office, request=item, today=TODAY)) == [
        "answer",
        "extend",
        "notify_fee",
        "refuse",
        "discontinue",
        "close_by_letter",
    ]
    services.request_notify_fee(
        actor=office,
        request=item,
        notified_on=D(2026, 3, 10),
        amount=Decimal("12.00"),
        text="Opłata.",
        today=TODAY,
    )
    item.refresh_from_db()
    assert _names(request_actions(user=office, request=item, today=TODAY)) == [
        "answer",
        "refuse",
        "discontinue",
    ]
    services.request_answer(
        actor=office, request=item, answered_on=D(2026, 3, 19), text="Odpowiedź.", today=TODAY
    )
    item.refresh_from_db()
    assert _names(request_actions(user=office, request=item, today=TODAY)) == []


def test_request_actions_offer_nothing_to_those_without_access(office, user_for_role):
    item = _register(office)
    board = user_for_role("board_member")
    assert _names(REQUEST.actions(board, item, today=TODAY)) == []
    with pytest.raises(PermissionDenied):
        request_actions(user=board, request=item)


def test_request_page_renders_the_lifecycle_buttons(client, office):
    item = _register(office)
    client.force_login(office)
    page = client.get(reverse("information_requests:detail", args=[item.pk])).content.decode()
    assert 'data-lifecycle="request-actions"' in page
    assert reverse("information_requests:step", args=[item.pk, "przedluzenie"]) in page
