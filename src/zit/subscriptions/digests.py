"""The digests: what is new since the last send, read through the same public selectors the Atom feeds and
public pages use (nothing here is called by another app's services), mailed to each confirmed address that chose
it, one message per address and run, with the unsubscribe link and its headers.

"New" is what the previous run had not seen: each topic keeps the keys of the items it has seen (`Dispatch`).
The first run only takes note of what exists, so a new installation sends no history.
"""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from zit.core import audit
from zit.core.formatting import letter_date
from zit.core.roles import Perm, require_unless_system
from zit.subscriptions.models import Dispatch, Subscription, Topic

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Item:
    key: str
    title: str
    path: str
    gminas: frozenset[str] = field(default_factory=frozenset)  # TERC codes, for projects


def consultation_items(today) -> list[Item]:
    """The strategy versions whose public consultation runs today (the strategy page's form is open)."""
    from zit.strategy.models import StrategyVersion

    versions = StrategyVersion.objects.filter(
        status=StrategyVersion.Status.CONSULTATION,
        consultation_opens__lte=today,
        consultation_closes__gte=today,
        consultation_closed_early_on__isnull=True,
    ).select_related("strategy")
    return [
        Item(
            key=f"version-{v.pk}",
            title=_("%(strategy)s, wersja %(number)s: uwagi można zgłaszać do %(date)s")
            % {
                "strategy": v.strategy.short_title or v.strategy.title,
                "number": v.number,
                "date": letter_date(v.consultation_closes),
            },
            path=f"{reverse('portal:strategy')}?wersja={v.number}#uwagi",
        )
        for v in versions
    ]


def resolution_items(today) -> list[Item]:
    """The resolutions of the public register (the feed's selector)."""
    from zit.governance.register import published_resolutions
    from zit.governance.resolutions import full_title

    return [
        Item(
            key=f"resolution-{r.pk}",
            title=full_title(r),
            path=reverse("register:resolution", args=[r.body.slug, r.year, r.sequence]),
        )
        for r in published_resolutions()
    ]


def project_items(today) -> list[Item]:
    """The projects of the public catalogue (the projects feed's model) with the TERC codes of their gminas."""
    from django.db.models import Prefetch

    from zit.opendata.feeds import project_path
    from zit.opendata.models import CatalogueGmina, CatalogueProject

    projects = CatalogueProject.objects.only("key", "title", "is_demo").prefetch_related(
        Prefetch(
            "gmina_links",
            queryset=CatalogueGmina.objects.select_related("unit").only("project", "unit__terc"),
        )
    )
    return [
        Item(
            key=f"project-{p.key}",
            title=_("%(title)s (dane demonstracyjne)") % {"title": p.title} if p.is_demo else p.title,
            path=project_path(p.key),
            gminas=frozenset(link.unit.terc for link in p.gmina_links.all()),
        )
        for p in projects
    ]


SOURCES: dict[str, Callable[[Any], list[Item]]] = {
    Topic.CONSULTATIONS: consultation_items,
    Topic.RESOLUTIONS: resolution_items,
    Topic.PROJECTS: project_items,
}

HEADINGS = {
    Topic.CONSULTATIONS: lambda: _("Nowe konsultacje społeczne:"),
    Topic.RESOLUTIONS: lambda: _("Nowe uchwały:"),
    Topic.PROJECTS: lambda: _("Nowe projekty w wybranych gminach:"),
}


def choice_rows(choice) -> list[tuple[str, list[str]]]:
    """The choice in words: each topic's label with the names of its gminas (the confirmation page)."""
    from zit.subscriptions.services import gmina_choices

    names = dict(gmina_choices())
    return [
        (
            str(Topic(topic).label),
            [names.get(code, code) for code in choice.gminas] if topic == Topic.PROJECTS else [],
        )
        for topic in choice.topics
    ]


def choice_lines(choice) -> list[str]:
    """The same, one line per topic (the confirmation e-mail)."""
    return [
        f"- {label}: {', '.join(names)}" if names else f"- {label}" for label, names in choice_rows(choice)
    ]


def _for(subscription: Subscription, new: dict[str, list[Item]]) -> list[tuple[str, list[Item]]]:
    parts = []
    for topic in Topic.values:
        if topic not in subscription.topics:
            continue
        items = new.get(topic, [])
        if topic == Topic.PROJECTS:
            wanted = set(subscription.gminas)
            items = [item for item in items if item.gminas & wanted]
        if items:
            parts.append((topic, items))
    return parts


def digest_message(subscription: Subscription, parts: Iterable[tuple[str, list[Item]]]) -> EmailMessage:
    from zit.subscriptions.services import site_link, unsubscribe_headers, unsubscribe_link

    lines = [
        _("Dzień dobry,"),
        "",
        _("oto nowości ZIT Aglomeracji Konińskiej, o których chcesz wiedzieć."),
        "",
    ]
    for topic, items in parts:
        lines.append(HEADINGS[topic]())
        for item in items:
            lines += [f"- {item.title}", f"  {site_link(item.path)}"]
        lines.append("")
    lines += [
        _("Wiadomość wysłaliśmy, bo ten adres zapisano i potwierdzono na stronie %(link)s.")
        % {"link": site_link(reverse("subscriptions:subscribe"))},
        _("Aby zmienić wybór, zapisz się tam jeszcze raz."),
        _("Aby wypisać się jednym kliknięciem: %(link)s") % {"link": unsubscribe_link(subscription.email)},
    ]
    return EmailMessage(
        _("Nowości ZIT Aglomeracji Konińskiej, %(date)s") % {"date": letter_date(timezone.localdate())},
        "\n".join(lines),
        settings.DEFAULT_FROM_EMAIL,
        [subscription.email],
        headers=unsubscribe_headers(subscription.email),
    )


def digests_send(*, actor: Any = None, now=None) -> dict[str, Any]:
    """One run of the recurring job: read what is new, mail it, note it as seen. Reading and sending happen
    outside the write transaction; a failed message is logged and counted, the others still go."""
    require_unless_system(actor, Perm.JOBS_RUN)
    now = now or timezone.now()
    today = timezone.localdate(now)
    marks = {mark.topic: mark for mark in Dispatch.objects.all()}
    with translation.override("pl"):  # the messages are in Polish: the choice of language is not kept
        current = {topic: source(today) for topic, source in SOURCES.items()}
        seen = {topic: set(mark.seen) for topic, mark in marks.items()}
        new = {
            topic: [item for item in items if item.key not in seen[topic]] if topic in seen else []
            for topic, items in current.items()
        }
        sent = failed = 0
        if any(new.values()):
            for subscription in Subscription.objects.filter(confirmed_at__isnull=False).order_by("pk"):
                parts = _for(subscription, new)
                if not parts:
                    continue
                try:
                    digest_message(subscription, parts).send()
                except (smtplib.SMTPException, OSError):
                    log.exception("Digest to subscription %s not sent", subscription.pk)
                    failed += 1
                else:
                    sent += 1
    result = {"new": {topic: len(items) for topic, items in new.items()}, "sent": sent, "failed": failed}
    with transaction.atomic():
        for topic, items in current.items():
            mark = marks.get(topic) or Dispatch(topic=topic)
            mark.seen = sorted(set(mark.seen) | {item.key for item in items})
            mark.sent_at = now
            mark.save()
        if sent or failed:
            audit.record(
                actor=actor,
                action="subscriptions.digests_send",
                obj=None,
                collection=Subscription,
                after=result,
            )
    return result
