"""E-mail about a card's state changes: configured per event by the office, previewed before it is turned
on, sent after the change is committed. Only platform accounts receive it: users assigned to the
applicant's or partners' organisations and the office's staff, never an organisation's general address."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from zit.core import audit
from zit.core.roles import OFFICE, Perm, require
from zit.projects.lifecycles import CARD
from zit.projects.models import NotificationRule, ProjectCard

# what the office may want to hear about, with sensible defaults (all off until turned on)
DEFAULTS = {
    "submit": {"to_applicant": False, "to_office": True},
    "return": {"to_applicant": True},
    "accept": {"to_applicant": True},
    "list_main": {"to_applicant": True, "to_partners": True},
    "list_reserve": {"to_applicant": True, "to_partners": True},
    "not_select": {"to_applicant": True},
    "file_application": {"to_applicant": False, "to_office": True},
    "issue_opinion": {"to_applicant": True},
    "select": {"to_applicant": True, "to_partners": True},
    "reject": {"to_applicant": True, "to_partners": True},
    "withdraw": {"to_applicant": True, "to_office": True},
    "contract": {"to_applicant": True, "to_partners": True},
}


def event_label(event: str) -> str:
    """An event named by the state the card reaches: "Fiszka złożona", "Fiszka wycofana"."""
    target = ProjectCard.State(CARD.transition(event).target).label
    return _("Fiszka: %(s)s") % {"s": target}


@dataclass
class Message:
    subject: str
    body: str
    recipients: list[str]


def rules() -> list[NotificationRule]:
    """Every configurable event with its rule; an event never configured shows its defaults, switched off."""
    existing = {r.event: r for r in NotificationRule.objects.all()}
    return [
        existing.get(event) or NotificationRule(event=event, **defaults)
        for event, defaults in DEFAULTS.items()
    ]


@transaction.atomic
def rule_save(*, actor: Any, event: str, **fields: Any) -> NotificationRule:
    require(actor, Perm.PROJECTS_MANAGE)
    if event not in DEFAULTS:
        raise ValueError(f"Unknown event: {event}")
    rule = NotificationRule.objects.select_for_update().filter(event=event).first()
    rule = rule or NotificationRule(event=event, **DEFAULTS[event])
    before = audit.snapshot(rule) if rule.pk else None
    for name, value in fields.items():
        if name not in ("enabled", "to_applicant", "to_partners", "to_office"):
            raise TypeError(f"Unknown field: {name}")
        setattr(rule, name, value)
    rule.save()
    audit.record(
        actor=actor, action="projects.notification_rule", obj=rule, before=before, after=audit.snapshot(rule)
    )
    return rule


def _users_of(organisation_ids: set[int]) -> list[Any]:
    from zit.accounts.models import User

    return list(
        User.objects.filter(is_active=True, role_assignments__organisation_id__in=organisation_ids)
        .exclude(email="")
        .distinct()
    )


def _office_users() -> list[Any]:
    from zit.accounts.models import User

    return list(
        User.objects.filter(is_active=True, role_assignments__role__in=OFFICE).exclude(email="").distinct()
    )


def message_for(rule: NotificationRule, card: ProjectCard, *, reason: str = "") -> Message:
    transition = CARD.transition(rule.event)
    recipients: set[str] = set()
    if rule.to_applicant:
        recipients |= {u.email for u in _users_of({card.beneficiary_id})}
    if rule.to_partners:
        recipients |= {
            u.email for u in _users_of(set(card.partners.values_list("organisation_id", flat=True)))
        }
    if rule.to_office:
        recipients |= {u.email for u in _office_users()}
    state = ProjectCard.State(transition.target).label
    link = settings.ZIT_SITE_URL.rstrip("/") + reverse("projects:card", args=[card.pk])
    lines = [
        _("Fiszka %(n)s „%(t)s” (%(o)s) ma nowy stan: %(s)s.")
        % {"n": card.number, "t": card.title, "o": card.beneficiary, "s": state},
    ]
    if reason:
        lines += ["", _("Uzasadnienie:"), reason]
    lines += [
        "",
        _("Fiszka na platformie: %(l)s") % {"l": link},
        "",
        _(
            "Wiadomość wysłana automatycznie przez platformę ZIT Stowarzyszenia Aglomeracji Konińskiej. Biuro ustala, o czym powiadamiamy."
        ),
    ]
    subject = _("Fiszka %(n)s: %(s)s") % {"n": card.number, "s": state}
    return Message(
        subject=str(subject), body="\n".join(str(line) for line in lines), recipients=sorted(recipients)
    )


def notify(card: ProjectCard, event: str, *, reason: str = "") -> None:
    """Called by the state change; sends after commit, so a change that is rolled back sends nothing."""
    rule = NotificationRule.objects.filter(event=event, enabled=True).first()
    if rule is None:
        return
    message = message_for(rule, card, reason=reason)
    if not message.recipients:
        return
    transaction.on_commit(
        lambda: send_mass_mail(
            [(message.subject, message.body, settings.DEFAULT_FROM_EMAIL, [to]) for to in message.recipients],
            fail_silently=True,
        )
    )
