"""Notices about a card's state changes: configured per event by the office, previewed before they are turned
on. Each change is a notice (zit.core.notices) for the rule's recipients; the e-mail follows each person's
choice (at once, daily, weekly). Only platform accounts receive them: users assigned to the applicant's or
partners' organisations and the office's staff, never an organisation's general address."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from zit.core import audit
from zit.core.models import Notice
from zit.core.notices import NewNotice, digest_send_now, digest_text, notices_add
from zit.core.roles import OFFICE, Perm, require
from zit.projects.lifecycles import CARD
from zit.projects.models import NotificationRule, ProjectCard

SOURCE = "projects.card_state"

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
        User.objects.filter(is_active=True, role_assignments__organisation_id__in=organisation_ids).distinct()
    )


def _office_users() -> list[Any]:
    from zit.accounts.models import User

    return list(User.objects.filter(is_active=True, role_assignments__role__in=OFFICE).distinct())


def recipients_of(rule: NotificationRule, card: ProjectCard) -> list[Any]:
    """The accounts the rule reaches for this card, each once."""
    found: dict[int, Any] = {}
    if rule.to_applicant:
        found |= {u.pk: u for u in _users_of({card.beneficiary_id})}
    if rule.to_partners:
        partners = set(card.partners.values_list("organisation_id", flat=True))
        found |= {u.pk: u for u in _users_of(partners)}
    if rule.to_office:
        found |= {u.pk: u for u in _office_users()}
    return sorted(found.values(), key=lambda u: u.pk)


def notice_for(rule: NotificationRule, card: ProjectCard, *, reason: str = "") -> NewNotice:
    """The card's new state as a notice: on the notices page and, as one item, in the person's e-mail."""
    state = ProjectCard.State(CARD.transition(rule.event).target).label
    text = _("Fiszka %(n)s „%(t)s” (%(o)s) ma nowy stan: %(s)s.") % {
        "n": card.number,
        "t": card.title,
        "o": card.beneficiary,
        "s": state,
    }
    if reason:
        text += " " + _("Uzasadnienie: %(r)s") % {"r": reason}
    # one key per change: a card returned twice is told twice
    stamp = int((card.state_changed_at or timezone.now()).timestamp())
    return NewNotice(
        source=SOURCE,
        key=f"{SOURCE}:{card.pk}:{rule.event}:{stamp}",
        title=str(_("Fiszka %(n)s: %(s)s") % {"n": card.number, "s": state}),
        url=reverse("projects:card", args=[card.pk]),
        detail=str(text),
    )


def message_for(rule: NotificationRule, card: ProjectCard, *, reason: str = "") -> Message:
    """The preview on the rules page: the e-mail a person gets when this is the only new thing for them."""
    notice = notice_for(rule, card, reason=reason)
    subject, body = digest_text([Notice(title=notice.title, detail=notice.detail, url=notice.url)])
    people = [
        f"{u.get_full_name() or u.get_username()} <{u.email}>"
        if u.email
        else (u.get_full_name() or u.get_username())
        for u in recipients_of(rule, card)
    ]
    return Message(subject=subject, body=body, recipients=people)


def notify(card: ProjectCard, event: str, *, reason: str = "") -> None:
    """Called by the state change: a notice for each of the rule's recipients, in the same transaction (a
    change rolled back tells nobody); after the commit, those who want notices at once get the e-mail."""
    rule = NotificationRule.objects.filter(event=event, enabled=True).first()
    if rule is None:
        return
    created = notices_add(
        recipients=recipients_of(rule, card), notices=[notice_for(rule, card, reason=reason)]
    )
    if created:
        ids = [n.recipient_id for n in created]
        transaction.on_commit(lambda: digest_send_now(ids))
