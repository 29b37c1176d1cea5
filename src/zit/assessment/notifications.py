"""E-mail to the office's staff when an assessor turns out to be tied to a card they were assigned: the office
has to take them off the card and assign someone else. Only the office's own accounts receive it (never an
assessor, an applicant or a member's authorities), and it goes after commit, once per tie found."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from zit.core.roles import OFFICE

if TYPE_CHECKING:
    from zit.assessment.models import Assignment
    from zit.assessment.selectors import Tie


def office_addresses() -> list[str]:
    from zit.accounts.models import User

    users = (
        User.objects.filter(is_active=True, role_assignments__role__in=OFFICE).exclude(email="").distinct()
    )
    return sorted({u.email for u in users})


def conflict_message(assignment: Assignment, tie: Tie, *, assessor_label: str) -> tuple[str, str]:
    """The subject and the plain-text body."""
    card = assignment.card
    link = (
        settings.ZIT_SITE_URL.rstrip("/")
        + reverse("assessment:assignments", args=[card.round_id])
        + f"#card-{card.pk}"
    )
    subject = _("Fiszka %(n)s: oceniający powiązany z wnioskodawcą albo partnerem") % {"n": card.number}
    lines = [
        _("%(p)s nie może oceniać fiszki %(n)s „%(t)s”: %(r)s (wnioskodawca albo partner).")
        % {"p": assessor_label, "n": card.number, "t": card.title, "r": tie.reason},
        "",
        _(
            "Powiązanie pojawiło się po przydziale. Platforma wstrzymała tę ocenę: oceniający nie widzi już "
            "fiszki i nie może jej ocenić. Usuń ten przydział i przydziel fiszkę innemu oceniającemu:"
        ),
        link,
        "",
        _("Wiadomość wysłana automatycznie przez platformę ZIT do pracowników biura."),
    ]
    return str(subject), "\n".join(str(line) for line in lines)


def conflict_notify(assignment: Assignment, tie: Tie, *, assessor_label: str) -> None:
    """Called by the service that records the tie; sends after commit, so a rollback sends nothing."""
    recipients = office_addresses()
    if not recipients:
        return
    subject, body = conflict_message(assignment, tie, assessor_label=assessor_label)
    transaction.on_commit(
        lambda: send_mass_mail(
            [(subject, body, settings.DEFAULT_FROM_EMAIL, [to]) for to in recipients], fail_silently=True
        )
    )


def applicant_addresses(round) -> list[str]:
    """The accounts of every applicant of the round: users assigned to the organisation of any card in it that
    is not withdrawn (drafts included: their applicants prepare them under the rules)."""
    from zit.accounts.models import User
    from zit.projects.models import ProjectCard

    organisations = (
        ProjectCard.objects.filter(round=round)
        .exclude(state=ProjectCard.State.WITHDRAWN)
        .values_list("beneficiary_id", flat=True)
    )
    users = (
        User.objects.filter(is_active=True, role_assignments__organisation_id__in=organisations)
        .exclude(email="")
        .distinct()
    )
    return sorted({u.email for u in users})


def rules_reopened_message(round, *, reason: str) -> tuple[str, str]:
    link = settings.ZIT_SITE_URL.rstrip("/") + reverse("projects:cards_in_round", args=[round.pk])
    subject = _("Nabór %(n)s: biuro zmienia zasady oceny fiszek") % {"n": round.number}
    lines = [
        _(
            "Biuro Stowarzyszenia otworzyło ponownie zasady oceny fiszek w naborze %(n)s „%(t)s” (ocena punktowa, "
            "kryteria, wagi, próg), by je zmienić."
        )
        % {"n": round.number, "t": round.title},
        "",
        _("Powód:"),
        reason,
        "",
        _(
            "Ocena zaczyna się od nowa według nowych zasad: fiszki już ocenione wracają do oceny, a dotychczasowe "
            "oceny nie liczą się. Nowe zasady zobaczysz na stronie naboru:"
        ),
        link,
        "",
        _("Wiadomość wysłana automatycznie przez platformę ZIT do wnioskodawców naboru."),
    ]
    return str(subject), "\n".join(str(line) for line in lines)


def rules_reopened_notify(round, *, reason: str) -> None:
    """Called by the act of reopening; sends after commit, so a rollback sends nothing."""
    recipients = applicant_addresses(round)
    if not recipients:
        return
    subject, body = rules_reopened_message(round, reason=reason)
    transaction.on_commit(
        lambda: send_mass_mail(
            [(subject, body, settings.DEFAULT_FROM_EMAIL, [to]) for to in recipients], fail_silently=True
        )
    )
