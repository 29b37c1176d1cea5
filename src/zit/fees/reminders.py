"""Reminders about unpaid fees: previewed on a page, sent only when the office clicks, recorded as sent.

Recipients: the member's contact officers in office today (Representation "officer") with a work e-mail;
when there is none, its head (mayor, wójt, starosta); and the organisation's own e-mail address if it has
one. Only when none of these has an address, the member's delegate to the Rada. People whose data were
erased are never written to."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from zit.association.models import Member, Representation
from zit.core import audit
from zit.core.formatting import format_amount, letter_date
from zit.core.roles import Perm, require, require_unless_system
from zit.fees.accounts import Balance, balances
from zit.fees.models import FeeReminder


@dataclass(frozen=True)
class Contact:
    email: str
    kind: str  # which kind of contact the address is, in words, for the preview


@dataclass
class Reminder:
    balance: Balance
    subject: str
    body: str
    contacts: list[Contact]

    @property
    def member(self) -> Member:
        return self.balance.member

    @property
    def recipients(self) -> list[str]:
        return [c.email for c in self.contacts]

    @property
    def subject_html(self) -> str:
        return _mark_name(self.subject, self.member.name)

    @property
    def body_html(self) -> str:
        return _mark_name(self.body, self.member.name)


def _mark_name(text: str, name: str) -> str:
    """The preview on a page in another language marks the member's name (data typed by people) as Polish."""
    from django.utils.html import conditional_escape
    from django.utils.safestring import mark_safe

    from zit.core.templatetags.zit import pl

    escaped = str(conditional_escape(text))
    if not name:
        return mark_safe(escaped)  # noqa: S308 - escaped above
    return mark_safe(escaped.replace(str(conditional_escape(name)), str(conditional_escape(pl(name)))))  # noqa: S308


def active_representations(member_ids: Iterable[int]) -> dict[int, list[Representation]]:
    """The members' representatives in office today with an e-mail address, per member, in one query."""
    today = timezone.localdate()
    found = (
        Representation.objects.filter(
            member_id__in=member_ids, start__lte=today, person__erased_at__isnull=True
        )
        .filter(Q(end__isnull=True) | Q(end__gte=today))
        .exclude(person__email="")
        .select_related("person")
        .order_by("start", "pk")
    )
    grouped: dict[int, list[Representation]] = defaultdict(list)
    for representation in found:
        grouped[representation.member_id].append(representation)
    return grouped


def contacts_for(member: Member, active: list[Representation] | None = None) -> list[Contact]:
    """Who gets the member's reminder, each address with the kind of contact it is, in the order tried.
    `active`: the member's representatives from `active_representations`, when read for many members."""
    if active is None:
        active = active_representations([member.pk]).get(member.pk, [])

    def of(function: str, kind: str) -> list[Contact]:
        return [Contact(r.person.email, kind) for r in active if r.function == function]

    contacts = of(Representation.Function.OFFICER, _("osoba do kontaktu w urzędzie")) or of(
        Representation.Function.HEAD, _("wójt, burmistrz, prezydent lub starosta")
    )
    if member.organisation.email:
        contacts.append(Contact(member.organisation.email, _("e-mail urzędu")))
    if not contacts:
        # the delegate sits in the Rada for the member, but is not its finance office: last resort only
        contacts = of(Representation.Function.DELEGATE, _("przedstawiciel w Radzie – gdy brak innego adresu"))
    seen: set[str] = set()
    unique = []
    for contact in contacts:
        if contact.email.lower() not in seen:
            seen.add(contact.email.lower())
            unique.append(contact)
    return unique


def recipients_for(member: Member) -> list[str]:
    return [c.email for c in contacts_for(member)]


def bank_account() -> str:
    """The association's account for fees, from its data ("" when not filled in yet)."""
    from zit.association.selectors import association_profile

    profile = association_profile()
    return profile.bank_account if profile else ""


def message_for(
    balance: Balance, account: str | None = None, contacts: list[Contact] | None = None
) -> Reminder:
    assessment = balance.assessment
    account = bank_account() if account is None else account
    lines = [
        _("Szanowni Państwo,"),
        "",
        _("według naszych zapisów składka członkowska wskazana poniżej nie została opłacona w całości."),
        "",
        # member names are data in the nominative: a label, not a phrase to decline
        _("Składka członkowska na %(y)d r. – %(m)s") % {"y": balance.year, "m": balance.member.name},
        _("Numer składki: %(r)s") % {"r": assessment.reference},
        _("Kwota składki: %(a)s") % {"a": format_amount(balance.assessed)},
        _("Wpłacono: %(a)s") % {"a": format_amount(balance.paid)},
        _("Pozostaje do zapłaty: %(a)s") % {"a": format_amount(balance.owed)},
    ]
    if balance.due_on:
        lines.append(_("Termin płatności: %(d)s") % {"d": letter_date(balance.due_on)})
    if account:
        lines.append(_("Rachunek Stowarzyszenia: %(a)s") % {"a": account})
    lines += [
        "",
        _("Prosimy o wpłatę z numerem składki %(r)s w tytule przelewu; ułatwi to jej zaksięgowanie.")
        % {"r": assessment.reference},
        _("Jeśli wpłata została już wysłana, prosimy uznać tę wiadomość za nieaktualną."),
        "",
        _("Biuro Stowarzyszenia Aglomeracji Konińskiej"),
    ]
    subject = _("Przypomnienie o składce członkowskiej na %(y)d r. – %(m)s (%(r)s)") % {
        "y": balance.year,
        "m": balance.member.name,
        "r": assessment.reference,
    }
    if contacts is None:
        contacts = contacts_for(balance.member)
    return Reminder(balance, str(subject), "\n".join(str(x) for x in lines), contacts)


def reminders_preview(*, user: Any, year: int) -> list[Reminder]:
    """A reminder for every member who still owes for the year (an assessment exists and is not paid)."""
    require(user, Perm.FEES_VIEW)
    account = bank_account()
    owing = [b for b in balances(user=user, year=year) if b.assessment and b.owed > 0]
    active = active_representations([b.member.pk for b in owing])
    return [message_for(b, account, contacts_for(b.member, active.get(b.member.pk, []))) for b in owing]


@transaction.atomic
def reminders_send(*, actor: Any, year: int, member_ids: list[int]) -> list[FeeReminder]:
    """Send the previewed reminders of the members chosen; each is recorded with what it said."""
    require_unless_system(actor, Perm.FEES_MANAGE)
    if not member_ids:
        raise ValidationError({"members": _("Zaznacz, do kogo wysłać przypomnienie.")})
    chosen = [r for r in reminders_preview(user=actor, year=year) if r.member.pk in set(member_ids)]
    if not chosen:
        raise ValidationError({"members": _("Żaden z zaznaczonych członków nie ma już zaległości.")})
    without = [r.member.name for r in chosen if not r.recipients]
    if without:
        raise ValidationError(
            {
                "members": _(
                    "Brak adresu e-mail dla: %(m)s. Dodaj osobę do kontaktu z adresem albo e-mail urzędu, "
                    "albo odznacz tych członków."
                )
                % {"m": ", ".join(without)}
            }
        )
    sent = []
    messages = []
    for reminder in chosen:
        sent.append(
            FeeReminder.objects.create(
                member=reminder.member,
                year=year,
                amount_due=reminder.balance.due,
                recipients=reminder.recipients,
                subject=reminder.subject,
                body=reminder.body,
                sent_by_label=audit.actor_label(actor),
            )
        )
        messages.append(
            EmailMessage(reminder.subject, reminder.body, settings.DEFAULT_FROM_EMAIL, reminder.recipients)
        )
    audit.record(
        actor=actor,
        action="fees.reminders_send",
        obj=None,
        collection=FeeReminder,
        after={
            "year": year,
            "reminders": [
                {"member": r.member.name, "to": r.recipients, "due": str(r.balance.due)} for r in chosen
            ],
        },
    )
    # after commit: a rolled-back send leaves no mail behind
    transaction.on_commit(lambda: get_connection().send_messages(messages))
    return sent


def last_reminders(*, user: Any, year: int) -> dict[int, FeeReminder]:
    require(user, Perm.FEES_VIEW)
    result: dict[int, FeeReminder] = {}
    for reminder in FeeReminder.objects.filter(year=year).order_by("sent_at", "pk"):
        result[reminder.member_id] = reminder
    return result
