"""The lifecycles of the project pipeline, declared through `zit.core.lifecycle`. Services fire them; the
tests walk these tables; `manage.py lifecycles` prints them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zit.core.formatting import format_date
from zit.core.lifecycle import Context, Lifecycle, Role, Transition, register
from zit.core.roles import Perm
from zit.projects.models import Call, ComplianceOpinion, ListVersion, ProjectCard, Round

S = ProjectCard.State

# users of the card's applicant organisation (CARDS_EDIT in its scope)
BENEFICIARY = Role("beneficiary", _("wnioskodawca"), Perm.CARDS_EDIT, scope=lambda card: card.beneficiary_id)
# the association's office
OFFICE = Role("office", _("biuro Stowarzyszenia"), Perm.PROJECTS_MANAGE)


SEEN_BY_APPLICANT = _("Podaj uzasadnienie: zobaczy je wnioskodawca.")


def round_open_for_new_card(card: ProjectCard, context: Context) -> str | None:
    """Nabór musi trwać, gdy fiszkę składa się po raz pierwszy."""
    if card.state == S.DRAFT and not card.round.is_open_on(context.today):
        return _("Nabór %(n)s zakończył się %(d)s: nowych fiszek już nie przyjmuje.") % {
            "n": card.round.number,
            "d": format_date(card.round.closes_on),
        }
    return None


def card_complete(card: ProjectCard, context: Context) -> str | None:
    """Fiszka musi być kompletna (wszystkie części wypełnione)."""
    from zit.projects.services import card_problems

    problems = card_problems(card)
    if problems:
        return " ".join(str(m) for _section, m in problems)
    return None


def iz_decision_recorded(card: ProjectCard, context: Context) -> str | None:
    """Po wydanej opinii rozstrzygnięcie IZ zapisuje się jako decyzję IZ: z datą, znakiem i źródłem."""
    from zit.projects.models import ComplianceOpinion

    last = (
        card.opinions.filter(state=ComplianceOpinion.State.ISSUED).order_by("-issued_on", "-pk").first()
        if card.pk
        else None
    )
    if last is not None and not last.iz_decision:
        return _(
            "Rozstrzygnięcie IZ zapisuje się razem z jego datą, znakiem i źródłem: użyj przycisku „Zapisz "
            "rozstrzygnięcie IZ”."
        )
    return None


def _card_url(card: ProjectCard, name: str) -> str:
    return reverse("projects:card_transition", args=[card.pk, name])


CARD = register(
    Lifecycle(
        key="projects.card",
        label=_("Fiszka projektowa"),
        model="projects.ProjectCard",
        states=ProjectCard.State,
        initial=S.DRAFT,
        final=frozenset({S.TERMINATED, S.WITHDRAWN, S.REJECTED}),
        url=_card_url,
        description=_(
            "Od szkicu wnioskodawcy przez ocenę biura i listę projektów strategicznych do wniosku w IZ, "
            "umowy i jej końca."
        ),
        transitions=(
            Transition(
                "submit",
                (S.DRAFT, S.RETURNED),
                S.SUBMITTED,
                _("Złóż fiszkę"),
                (BENEFICIARY,),
                guards=(round_open_for_new_card, card_complete),
                audit_action="projects.card_submit",
            ),
            Transition(
                "return",
                (S.SUBMITTED,),
                S.RETURNED,
                _("Zwróć do poprawy"),
                (OFFICE,),
                reason_required=True,
                reason_prompt=SEEN_BY_APPLICANT,
                audit_action="projects.card_return",
            ),
            Transition(
                "accept",
                (S.SUBMITTED,),
                S.ACCEPTED,
                _("Przyjmij formalnie"),
                (OFFICE,),
                confirm=_("Przyjąć fiszkę formalnie? Wnioskodawca nie będzie mógł jej już zmienić."),
                audit_action="projects.card_accept",
            ),
            Transition(
                "score",
                (S.ACCEPTED,),
                S.SCORED,
                _("Zapisz wynik oceny"),
                (OFFICE,),
                automatic=True,
                audit_action="projects.card_score",
            ),
            Transition(
                "rescore",
                (S.SCORED,),
                S.ACCEPTED,
                _("Do ponownej oceny"),
                (OFFICE,),
                automatic=True,  # fired when the office reopens the round's scoring rules
                audit_action="projects.card_rescore",
            ),
            Transition(
                "list_main",
                (S.ACCEPTED, S.SCORED, S.LISTED_RESERVE, S.NOT_SELECTED),
                S.LISTED_MAIN,
                _("Na listę podstawową"),
                (OFFICE,),
                automatic=True,
                audit_action="projects.card_list_main",
            ),
            Transition(
                "list_reserve",
                (S.ACCEPTED, S.SCORED, S.LISTED_MAIN, S.NOT_SELECTED),
                S.LISTED_RESERVE,
                _("Na listę rezerwową"),
                (OFFICE,),
                automatic=True,
                audit_action="projects.card_list_reserve",
            ),
            Transition(
                "not_select",
                (S.ACCEPTED, S.SCORED, S.LISTED_MAIN, S.LISTED_RESERVE),
                S.NOT_SELECTED,
                _("Poza listą"),
                (OFFICE,),
                automatic=True,
                audit_action="projects.card_not_select",
            ),
            Transition(
                "file_application",
                (S.LISTED_MAIN, S.LISTED_RESERVE),  # from the reserve list only into a competitive call
                S.APPLICATION_FILED,
                _("Zapisz wniosek złożony w IZ"),
                (OFFICE, BENEFICIARY),
                automatic=True,
                audit_action="projects.card_file_application",
            ),
            Transition(
                "issue_opinion",
                (S.APPLICATION_FILED, S.OPINION_ISSUED, S.OPINION_NEGATIVE),  # a later opinion replaces
                S.OPINION_ISSUED,
                _("Opinia o zgodności wydana"),
                (OFFICE,),
                automatic=True,
                audit_action="projects.card_issue_opinion",
            ),
            Transition(
                "issue_negative_opinion",
                (S.APPLICATION_FILED, S.OPINION_ISSUED, S.OPINION_NEGATIVE),
                S.OPINION_NEGATIVE,
                _("Opinia negatywna wydana – decyzja należy do IZ"),
                (OFFICE,),
                automatic=True,  # fired by calls.opinion_issue: the IZ decides, the association only opines
                audit_action="projects.card_issue_negative_opinion",
            ),
            Transition(
                "select",
                (S.OPINION_ISSUED, S.OPINION_NEGATIVE),
                S.SELECTED,
                _("Wybrana przez IZ"),
                (OFFICE,),
                guards=(iz_decision_recorded,),
                audit_action="projects.card_select",
            ),
            Transition(
                "reject",
                (S.APPLICATION_FILED, S.OPINION_ISSUED, S.OPINION_NEGATIVE),
                S.REJECTED,
                _("Odrzucona przez IZ"),
                (OFFICE,),
                guards=(iz_decision_recorded,),
                reason_required=True,
                reason_prompt=SEEN_BY_APPLICANT,
                danger=True,
                audit_action="projects.card_reject",
            ),
            Transition(
                "contract",
                (S.SELECTED,),
                S.CONTRACTED,
                _("Umowa podpisana"),
                (OFFICE,),
                automatic=True,  # fired by contracts.contract_sign, with the contract's data
                audit_action="projects.card_contract",
            ),
            Transition(
                "terminate",
                (S.CONTRACTED,),
                S.TERMINATED,
                _("Umowa rozwiązana"),
                (OFFICE,),
                reason_required=True,
                automatic=True,  # fired by contracts.contract_terminate, with the amount kept
                audit_action="projects.card_terminate",
            ),
            Transition(
                "withdraw",
                (
                    S.DRAFT,
                    S.SUBMITTED,
                    S.RETURNED,
                    S.ACCEPTED,
                    S.SCORED,
                    S.LISTED_MAIN,
                    S.LISTED_RESERVE,
                    S.APPLICATION_FILED,
                    S.OPINION_ISSUED,
                    S.OPINION_NEGATIVE,
                    S.SELECTED,
                ),
                S.WITHDRAWN,
                _("Wycofaj"),
                (BENEFICIARY, OFFICE),
                reason_required=True,
                reason_prompt=SEEN_BY_APPLICANT,
                danger=True,
                audit_action="projects.card_withdraw",
            ),
        ),
    )
)

FINAL = CARD.final


def transition_for(name: str) -> Any:
    return CARD.transition(name)


# --- the pipeline: the round's scoring rules, the list of strategic projects, IZ calls, compliance opinions


# --- the round's scoring rules


def _round_url(round: Round, name: str) -> str:
    return reverse("assessment:rules_reopen", args=[round.pk])


def round_cards_not_past_scoring(round: Round, context: Context) -> str | None:
    """Żadna fiszka naboru nie może być już na liście projektów strategicznych ani dalej."""
    past = (
        ProjectCard.objects.filter(round=round)
        .exclude(state__in=(S.DRAFT, S.SUBMITTED, S.RETURNED, S.ACCEPTED, S.SCORED, S.WITHDRAWN))
        .values_list("number", flat=True)
    )
    listed = ProjectCard.objects.filter(round=round, list_entries__isnull=False).values_list(
        "number", flat=True
    )
    numbers = sorted(set(past) | set(listed))
    if numbers:
        return _(
            "Fiszki %(c)s są już na liście projektów strategicznych albo dalej: zasad oceny tego naboru nie "
            "można już zmienić."
        ) % {"c": ", ".join(numbers)}
    return None


def rules_may_change(round: Round, context: Context) -> str | None:
    """Zasady oceny (ocena tak/nie, kryteria, wagi, próg) zmienia się przed ogłoszeniem naboru albo po ich ponownym
    otwarciu przez biuro."""
    if round.rules_state(context.today) == Round.Rules.FIXED:
        return _(
            "Nabór %(n)s jest ogłoszony: zasady oceny (czy jest ocena punktowa, kryteria, wagi, próg) są ustalone. "
            "Zmienić je można tylko po ponownym otwarciu oceny przez biuro, z podaniem powodu; dowiedzą się o tym "
            "wszyscy wnioskodawcy naboru."
        ) % {"n": round.number}
    return None


ROUND_RULES = register(
    Lifecycle(
        key="projects.round_rules",
        label=_("Zasady oceny w naborze fiszek"),
        model="projects.Round",
        states=Round.Rules,
        initial=Round.Rules.PREPARING,
        derive=lambda round: round.rules_state(),
        url=_round_url,
        description=_(
            "Ocena punktowa, kryteria, wagi i próg są ustalone od ogłoszenia naboru (jego początek albo pierwsza "
            "złożona fiszka). Biuro może je otworzyć ponownie z powodem: fiszki już ocenione wracają do oceny, "
            "a wnioskodawcy dostają wiadomość. Pierwszy zapis zasad po otwarciu ustala je znowu."
        ),
        transitions=(
            Transition(
                "reopen",
                (Round.Rules.FIXED,),
                Round.Rules.REOPENED,
                _("Otwórz ponownie zasady oceny"),
                (OFFICE,),
                guards=(round_cards_not_past_scoring,),
                reason_required=True,
                reason_prompt=_("Podaj powód: zobaczą go wszyscy wnioskodawcy naboru."),
                danger=True,
                form=True,
                audit_action="projects.round_rules_reopen",
            ),
            Transition(
                "fix",
                (Round.Rules.REOPENED,),
                Round.Rules.FIXED,
                _("Zasady oceny ustalone ponownie"),
                (OFFICE,),
                automatic=True,  # the first save of the rules after reopening
                audit_action="projects.round_rules_fix",
            ),
        ),
    )
)


# --- the list of strategic projects

L = ListVersion.Status

# the list's approval and its annex update (their own module for size)
from zit.projects.list_rules import (  # noqa: E402, F401
    annex_not_ready_for_council,
    annex_procedure_done,
    approved_by_register_or_act,
    consultation_too_short,
)


def list_not_empty(version: ListVersion, context: Context) -> str | None:
    """Lista musi mieć projekty."""
    if not version.entries.exists():
        return _("Lista jest pusta: dodaj projekty przed zatwierdzeniem.")
    return None


def decision_not_in_future(version: ListVersion, context: Context) -> str | None:
    """Uchwała nie może mieć daty z przyszłości."""
    day = context.data.get("decision_date")
    if day and day > context.today:
        return _("Uchwała nie może mieć daty z przyszłości.")
    return None


def main_list_within_envelopes(version: ListVersion, context: Context) -> str | None:
    """Lista podstawowa nie przekracza koperty żadnego działania."""
    from zit.projects.lists import envelopes

    for envelope in envelopes(version):
        if envelope.main_eur > envelope.allocation_eur:
            return _(
                "Lista podstawowa działania %(m)s przekracza kopertę; przenieś projekty na listę rezerwową."
            ) % {"m": envelope.measure.number}
    return None


LIST = register(
    Lifecycle(
        key="projects.list_version",
        label=_("Wersja listy projektów strategicznych"),
        model="projects.ListVersion",
        states=ListVersion.Status,
        field="status",
        initial=L.DRAFT,
        final=frozenset({L.SUPERSEDED}),
        url=lambda version, name: reverse("projects:list", args=[version.pk]) + "#approve",
        description=_(
            "Lista jest załącznikiem strategii. Wersja robocza zbiera projekty w kopertach; nowa wersja to "
            "aktualizacja załącznika: biuro ocenia, czy zmiana jest istotna (istotna wymaga konsultacji przez co "
            "najmniej 35 dni od ogłoszenia). Zatwierdza ją podjęta uchwała Rady z rejestru, która ją niesie, albo "
            "akt innego organu z dokumentem (fiszki przechodzą na listę podstawową lub rezerwową); zatwierdzenie "
            "nowszej wersji zastępuje poprzednią. Potem IZ przyjmuje listę."
        ),
        transitions=(
            Transition(
                "approve",
                (L.DRAFT,),
                L.APPROVED,
                _("Zatwierdź uchwałą"),
                (OFFICE,),
                guards=(
                    list_not_empty,
                    annex_procedure_done,
                    approved_by_register_or_act,
                    decision_not_in_future,
                    main_list_within_envelopes,
                ),
                form=True,  # the register's resolution applies it; another body's act has its form
                audit_action="projects.list_approve",
            ),
            Transition(
                "supersede",
                (L.APPROVED,),
                L.SUPERSEDED,
                _("Zastąpiona nowszą wersją"),
                (OFFICE,),
                automatic=True,  # by the approval of a newer version
                audit_action="projects.list_supersede",
            ),
        ),
    )
)


# --- a round's intake of cards: no acts of its own, the state follows from its dates


class RoundIntake(models.TextChoices):
    PLANNED = "planned", _("zaplanowany")
    OPEN = "open", _("trwa")
    CLOSED = "closed", _("zakończony")


def round_intake(round: Round, day: dt.date | None = None) -> str:
    day = day or timezone.localdate()
    if day < round.opens_on:
        return RoundIntake.PLANNED
    return RoundIntake.OPEN if day <= round.closes_on else RoundIntake.CLOSED


def round_intake_wording(round: Round) -> str:
    """Przyjmuje fiszki od … do … while open, będzie przyjmował before, przyjmował once closed."""
    words = {
        RoundIntake.PLANNED: _("Nabór %(n)s będzie przyjmował fiszki od %(a)s do %(b)s."),
        RoundIntake.OPEN: _("Nabór %(n)s przyjmuje fiszki od %(a)s do %(b)s."),
        RoundIntake.CLOSED: _("Nabór %(n)s przyjmował fiszki od %(a)s do %(b)s; już się zakończył."),
    }
    return words[RoundIntake(round_intake(round))] % {
        "n": round.number,
        "a": format_date(round.opens_on),
        "b": format_date(round.closes_on),
    }


ROUND_INTAKE = register(
    Lifecycle(
        key="projects.round_intake",
        label=_("Przyjmowanie fiszek w naborze"),
        model="projects.Round",
        states=RoundIntake,
        initial=RoundIntake.PLANNED,
        final=frozenset({RoundIntake.CLOSED}),
        derive=round_intake,
        wording=round_intake_wording,
        description=_(
            "Nabór fiszek przyjmuje je od dnia początku do dnia końca włącznie; stan wynika z tych dat."
        ),
        transitions=(),
    )
)


# --- calls of the managing authority: no acts in the platform, the state follows from the dates

CALL = register(
    Lifecycle(
        key="projects.call",
        label=_("Nabór IZ"),
        model="projects.Call",
        states=Call.State,
        initial=Call.State.ANNOUNCED,
        final=frozenset({Call.State.CLOSED}),
        derive=lambda call: call.state,
        description=_(
            "Nabory prowadzi Instytucja Zarządzająca w swoim systemie; ich stan wynika z dat: ogłoszony przed "
            "początkiem, trwa do końca, potem zakończony."
        ),
        transitions=(),
    )
)


# --- the compliance opinion

OPINION_KIND = "projects.compliance_opinion"


def opinion_signed(opinion: ComplianceOpinion, context: Context) -> str | None:
    """Podpisana opinia musi być wgrana (i przez to zablokowana)."""
    from zit.core.signed import signed_document_for

    document = signed_document_for(subject=opinion, kind=OPINION_KIND)
    if document is None or not document.locked:
        return _("Najpierw wgraj podpisaną opinię.")
    return None


def opinion_card_open(opinion: ComplianceOpinion, context: Context) -> str | None:
    """Opinię wydaje się o wniosku złożonym w naborze IZ (także po poprawkach albo o zmianie projektu)."""
    if opinion.card.state not in OPINABLE:
        return _("Opinię wydaje się o wniosku złożonym w naborze IZ.")
    return None


# a card the managing authority may ask about: its application (again after corrections), or a change of a
# selected or contracted project
OPINABLE = (S.APPLICATION_FILED, S.OPINION_ISSUED, S.OPINION_NEGATIVE, S.SELECTED, S.CONTRACTED)


OPINION = register(
    Lifecycle(
        key="projects.compliance_opinion",
        label=_("Opinia o zgodności ze Strategią ZIT"),
        model="projects.ComplianceOpinion",
        states=ComplianceOpinion.State,
        initial=ComplianceOpinion.State.DRAFT,
        final=frozenset({ComplianceOpinion.State.ISSUED}),
        url=lambda opinion, name: reverse("projects:opinion_issue", args=[opinion.pk]),
        description=_(
            "Opinia powstaje jako DOCX do podpisu i można ją poprawiać, dopóki podpisany plik nie jest wgrany; "
            "wgrany plik ją blokuje, a wydanie przenosi fiszkę dalej. Negatywna opinia nie odrzuca wniosku: "
            "decyzję podejmuje IZ i zapisujemy ją jako decyzję IZ."
        ),
        transitions=(
            Transition(
                "issue",
                (ComplianceOpinion.State.DRAFT,),
                ComplianceOpinion.State.ISSUED,
                _("Wydaj opinię"),
                (OFFICE,),
                guards=(opinion_card_open, opinion_signed),
                confirm=_("Wydać opinię? Tego nie da się cofnąć."),
                audit_action="projects.opinion_issue",
            ),
        ),
    )
)


# the IZ's assessment of an application (its own module for size)
from zit.projects import lifecycles_iz  # noqa: E402, F401
