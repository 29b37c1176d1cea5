"""What a user's dashboard shows: built from their roles, each panel only what the role may see."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from zit.accounts.models import RoleEnding
from zit.core.roles import Perm, Role, has_any_scope, has_perm, role_assignments

ROLE_ENDINGS_DAYS = 30


def roles_ended_recently(*, user: Any, days: int = ROLE_ENDINGS_DAYS) -> list[RoleEnding] | None:
    """Roles that ended with their mandate or membership in the last `days` days, newest first, for the
    office (those who keep members and mandates); None for everyone else."""
    if not has_perm(user, Perm.MEMBERS_EDIT):
        return None
    since = timezone.now() - dt.timedelta(days=days)
    return list(
        RoleEnding.objects.filter(ended_at__gte=since)
        .select_related("user", "organisation", "mandate__person", "mandate__body", "membership__member")
        .order_by("-ended_at", "-id")[:50]
    )


@dataclass
class Panel:
    title: str
    text: str
    links: list[tuple[str, str]] = field(default_factory=list)


def dashboard_panels(*, user: Any) -> list[Panel]:
    panels: list[Panel] = []
    roles = {a.role for a in role_assignments(user)}
    orgs = [a.organisation for a in role_assignments(user) if a.organisation_id]
    if has_any_scope(user, Perm.MEMBERS_EDIT):
        panels.append(
            Panel(
                _("Członkowie i organy"),
                _("Lista członków, okresy członkostwa, osoby i mandaty."),
                [
                    (reverse("association:members"), _("Członkowie")),
                    (reverse("association:people"), _("Osoby")),
                    (reverse("association:bodies"), _("Organy")),
                ],
            )
        )
    elif Role.BODY_SECRETARY in roles or Role.BOARD_MEMBER in roles or Role.AUDIT_COMMITTEE in roles:
        panels.append(
            Panel(
                _("Organy Stowarzyszenia"),
                _("Skład organów i mandaty."),
                [(reverse("association:bodies"), _("Organy")), (reverse("association:people"), _("Osoby"))],
            )
        )
    if has_any_scope(user, Perm.PROJECTS_VIEW):
        links = [
            (reverse("projects:cards"), _("Fiszki projektowe")),
            (reverse("projects:rounds"), _("Nabory")),
        ]
        if has_any_scope(user, Perm.CARDS_EDIT):
            links.append((reverse("projects:card_new"), _("Nowa fiszka")))
        panels.append(
            Panel(
                _("Projekty"),
                _("Pomysły na projekty (fiszki), ich stan i historia, nabory fiszek."),
                links,
            )
        )
    if has_any_scope(user, Perm.GOVERNANCE_VIEW):
        panels.append(
            Panel(
                _("Posiedzenia i uchwały"),
                _("Posiedzenia organów, porządek obrad, obecność, głosowania, uchwały i rejestr publiczny."),
                [
                    (reverse("governance:meetings"), _("Posiedzenia")),
                    (reverse("governance:resolutions"), _("Uchwały")),
                    (reverse("register:resolutions"), _("Rejestr publiczny")),
                ],
            )
        )
    if has_any_scope(user, Perm.FEES_VIEW):
        panels.append(
            Panel(
                _("Składki członkowskie"),
                _("Zasady składek na rok, naliczenia, wpłaty, zaległości i przypomnienia."),
                [
                    (reverse("fees:rules"), _("Zasady składek")),
                    (reverse("fees:assessments"), _("Salda i wpłaty")),
                ],
            )
        )
    if has_any_scope(user, Perm.INFORMATION_REQUESTS):
        panels.append(
            Panel(
                _("Wnioski o informację publiczną"),
                _("Rejestr wniosków, terminy odpowiedzi i ich przedłużenia."),
                [(reverse("public_information:list"), _("Wnioski"))],
            )
        )
    if has_any_scope(user, Perm.FUNDING_VIEW):
        panels.append(
            Panel(
                _("Porozumienie ZIT i pieniądze"),
                _("Alokacja i jej podział, terminy obowiązków z porozumienia, program, kursy, wskaźniki."),
                [
                    (reverse("funding:agreement"), _("Porozumienie i obowiązki")),
                    (reverse("funding:programme"), _("Program FEW 2021+")),
                    (reverse("funding:indicators"), _("Katalog wskaźników")),
                ],
            )
        )
    if has_any_scope(user, Perm.TERRITORY_EDIT):
        panels.append(
            Panel(
                _("Obszar i dane o gminach"),
                _("Wersje obszaru, podstawa prawna, poprawki statystyk, import."),
                [
                    (reverse("territory:area"), _("Obszar")),
                    (reverse("territory:import"), _("Import obszaru")),
                ],
            )
        )
    if has_any_scope(user, Perm.SOCIAL_ECONOMY_EDIT):
        panels.append(
            Panel(
                _("Ekonomia społeczna"),
                _(
                    "Katalog podmiotów ekonomii społecznej: wpisy, zgłoszenia z formularza, import i oferta wsparcia."
                ),
                [
                    (reverse("social_economy:entities"), _("Podmioty")),
                    (reverse("social_economy:requests"), _("Zgłoszenia")),
                    (reverse("social_economy:offer"), _("Oferta wsparcia")),
                ],
            )
        )
    if has_any_scope(user, Perm.ORGANISATION_VIEW):
        links = [(reverse("association:organisations"), _("Rejestr organizacji"))]
        links += [(reverse("association:organisation", args=[o.pk]), str(o)) for o in orgs]
        panels.append(Panel(_("Organizacje"), _("Dane organizacji: adres, NIP, REGON, KRS."), links))
    if has_any_scope(user, Perm.AUDIT_VIEW):
        panels.append(
            Panel(
                _("Dziennik zmian"), _("Kto, co i kiedy zmienił."), [(reverse("core:audit"), _("Dziennik"))]
            )
        )
    if has_any_scope(user, Perm.JOBS_VIEW):
        panels.append(
            Panel(
                _("Zadania w tle"),
                _("Importy i prace cykliczne z paskiem postępu."),
                [(reverse("core:jobs"), _("Zadania"))],
            )
        )
    if has_any_scope(user, Perm.ASSESS):
        # a link only: accounts knows no domain app above it, so the counts live on the page itself
        panels.append(
            Panel(
                _("Ocena projektów"),
                _(
                    "Fiszki przydzielone Ci do oceny i oświadczenia o bezstronności. Fiszki naboru zobaczysz "
                    "po podpisaniu oświadczenia dla tego naboru."
                ),
                [(reverse("assessment:mine"), _("Moje oceny"))],
            )
        )
    if Role.BENEFICIARY in roles or Role.MEMBER_OFFICER in roles:
        panels.append(Panel(_("Projekty"), _("Nie masz jeszcze zgłoszonych projektów."), []))
    return panels
