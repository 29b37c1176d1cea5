"""Demo requests for public information (fictional, `is_demo=True`, "(demo)" in their subjects), dated
relative to today so that one is overdue and one is due within 3 working days whenever the demo is loaded."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from zit.public_information import deadlines, remedies, services
from zit.public_information.models import InformationRequest

Channel = InformationRequest.Channel
Delivery = InformationRequest.Delivery


def _due_soon_receipt(today: dt.date) -> dt.date:
    """The earliest receipt date whose 14-day deadline falls between today and 3 working days from today."""
    limit = deadlines.add_working_days(today, 3)
    day = today - dt.timedelta(days=deadlines.ANSWER_DAYS)
    while not today <= deadlines.answer_deadline(day) <= limit:
        day += dt.timedelta(days=1)
    return day


def load_requests_demo(today: dt.date | None = None) -> list[InformationRequest]:
    """Idempotent: nothing is added when demo requests exist. Returns the demo requests."""
    existing = list(InformationRequest.objects.filter(is_demo=True))
    if existing:
        return existing
    from zit.accounts.models import User

    today = today or timezone.localdate()
    office = User.objects.filter(username="biuro", is_active=True).first()

    def register(days_ago: int | None, **data) -> InformationRequest:
        received = data.pop("received_on", None) or today - dt.timedelta(days=days_ago or 0)
        return services.request_register(actor=None, is_demo=True, received_on=received, today=today, **data)

    answered = register(
        45,
        channel=Channel.EMAIL,
        requester_name="Jan Przykładowy (demo)",
        reply_email="jan.przykladowy@example.invalid",
        subject="Umowy o dofinansowanie zawarte w ramach ZIT (demo)",
        requested_information="Proszę o wykaz umów o dofinansowanie projektów ZIT zawartych w 2025 r. (demo).",
        delivery=Delivery.EMAIL,
        assignee=office,
    )
    services.request_answer(
        actor=None,
        request=answered,
        answered_on=answered.received_on + dt.timedelta(days=6),
        text="Przesłano wykaz umów w pliku XLSX (dane demonstracyjne).",
        today=today,
    )
    register(
        25,
        channel=Channel.EPUAP,
        subject="Protokoły posiedzeń Zarządu (demo)",
        requested_information="Kopie protokołów posiedzeń Zarządu z ostatniego półrocza (demo).",
        delivery=Delivery.EPUAP,
        reply_address="Skrytka ePUAP: /przyklad/SkrytkaESP (demo)",
    )
    register(
        None,
        received_on=_due_soon_receipt(today),
        channel=Channel.LETTER,
        requester_name="Stowarzyszenie Przykładowe (demo)",
        reply_address="ul. Przykładowa 2, 62-500 Konin",
        subject="Wydatki na promocję w 2025 r. (demo)",
        requested_information="Zestawienie wydatków Stowarzyszenia na promocję w 2025 r. (demo).",
        delivery=Delivery.POST,
        assignee=office,
    )
    extended = register(
        10,
        channel=Channel.EMAIL,
        reply_email="anonim@example.invalid",
        subject="Analiza ruchu rowerowego w gminach (demo)",
        requested_information="Wyniki pomiarów ruchu rowerowego we wszystkich gminach obszaru (demo).",
        delivery=Delivery.EMAIL,
        assignee=office,
    )
    services.request_extend(
        actor=None,
        request=extended,
        notified_on=min(today, extended.deadline),
        new_due_on=extended.received_on + dt.timedelta(days=40),
        reason="Dane trzeba zebrać od 16 gmin członkowskich (demo).",
        today=today,
    )
    refused = register(
        60,
        channel=Channel.IN_PERSON,
        requester_name="Anna Przykładowa (demo)",
        reply_email="anna.przykladowa@example.invalid",
        subject="Zestawienie ocen wszystkich fiszek z uzasadnieniami (demo)",
        requested_information="Zestawienie porównawcze ocen fiszek w podziale na kryteria i oceniających (demo).",
        delivery=Delivery.EMAIL,
    )
    services.request_refuse(
        actor=None,
        request=refused,
        decided_on=refused.received_on + dt.timedelta(days=10),
        ground="processed",
        justification="Informacja przetworzona; wnioskodawca nie wykazał szczególnie istotnego interesu publicznego (demo).",
        today=today,
    )
    letter = register(
        30,
        channel=Channel.ORAL,
        subject="Porada w sprawie wniosku o dofinansowanie (demo)",
        requested_information="Notatka z rozmowy telefonicznej: prośba o poradę, jak wypełnić wniosek (demo).",
        delivery=Delivery.IN_PERSON,
    )
    services.request_close_by_letter(
        actor=None,
        request=letter,
        sent_on=letter.received_on + dt.timedelta(days=3),
        reason="not_public",
        text="Wyjaśniono, że prośba o poradę nie jest wnioskiem o informację publiczną (demo).",
        today=today,
    )
    fee = register(
        5,
        channel=Channel.EMAIL,
        reply_email="kopie@example.invalid",
        subject="Kopie papierowe dokumentacji naboru (demo)",
        requested_information="Kserokopie całej dokumentacji naboru fiszek 1/2025, 600 stron (demo).",
        delivery=Delivery.POST,
        assignee=office,
    )
    services.request_notify_fee(
        actor=None,
        request=fee,
        notified_on=today - dt.timedelta(days=1),
        amount=Decimal("84.00"),
        text="Opłata za kopie i wysyłkę: 600 stron (demo).",
        today=today,
    )
    reconsidered = register(
        20,
        channel=Channel.EMAIL,
        reply_email="ponownie@example.invalid",
        subject="Oferty złożone w zapytaniu ofertowym (demo)",
        requested_information="Kopie wszystkich ofert złożonych w zapytaniu na obsługę szkoleń (demo).",
        delivery=Delivery.EMAIL,
    )
    services.request_refuse(
        actor=None,
        request=reconsidered,
        decided_on=today - dt.timedelta(days=12),
        ground="business_secret",
        justification="Oferenci zastrzegli tajemnicę przedsiębiorstwa (demo).",
        today=today,
    )
    remedies.reconsideration_file(
        actor=None,
        request=reconsidered,
        delivered_on=today - dt.timedelta(days=10),
        filed_on=today - dt.timedelta(days=5),
        text="Wnioskodawca prosi o ponowne rozpatrzenie: zastrzeżenie tajemnicy było zbyt szerokie (demo).",
        today=today,
    )
    remedies.complaint_register(
        actor=None,
        request=reconsidered,
        received_on=today - dt.timedelta(days=3),
        summary="Skarżący zarzuca zwłokę w rozpatrzeniu wniosku (demo).",
        today=today,
    )
    return list(InformationRequest.objects.filter(is_demo=True))
