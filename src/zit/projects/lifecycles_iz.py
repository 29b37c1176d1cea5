"""The managing authority's assessment of an application filed in its call, as a lifecycle: submitted →
assessment → corrections or negotiations → selected / not selected → protest (competitive calls only) → the
protest's outcome. Every step is recorded from the IZ's letter with its date and reference (`iz_calls`).
Imported by `zit.projects.lifecycles`, so that `manage.py lifecycles` finds it."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zit.core.lifecycle import Context, Lifecycle, Transition, register
from zit.projects.lifecycles import OFFICE
from zit.projects.models import Call, IzAssessment, ProjectCard

A = IzAssessment.State
CS = ProjectCard.State

# card states in which the association's opinion has been issued: the card's own "select" starts from them
OPINION_GIVEN = (CS.OPINION_ISSUED, CS.OPINION_NEGATIVE, CS.SELECTED, CS.CONTRACTED)


def competitive_only(assessment: IzAssessment, context: Context) -> str | None:
    """Protest przysługuje tylko w naborze konkurencyjnym (art. 63 ustawy z 28 kwietnia 2022 r.)."""
    if assessment.call.mode != Call.Mode.COMPETITIVE:
        return _(
            "Protest przysługuje tylko po negatywnej ocenie w naborze konkurencyjnym (art. 63 ustawy z dnia "
            "28 kwietnia 2022 r. o zasadach realizacji zadań finansowanych ze środków europejskich w "
            "perspektywie finansowej 2021–2027)."
        )
    return None


def opinion_given(assessment: IzAssessment, context: Context) -> str | None:
    """Wybór projektu z listy zapisuje się po wydaniu opinii o zgodności ze Strategią ZIT."""
    if assessment.card.state not in OPINION_GIVEN:
        return _(
            "Najpierw wydaj opinię o zgodności ze Strategią ZIT (fiszka: %(s)s): wybór przez IZ zapisuje się "
            "po niej."
        ) % {"s": assessment.card.get_state_display()}
    return None


def _url(assessment: IzAssessment, name: str) -> str:
    return reverse("projects:card_iz_step", args=[assessment.card_id, name])


OPEN = (A.ASSESSMENT, A.CORRECTIONS, A.NEGOTIATIONS, A.PROTEST_UPHELD)

IZ_ASSESSMENT = register(
    Lifecycle(
        key="projects.iz_assessment",
        label=_("Ocena wniosku w IZ"),
        model="projects.IzAssessment",
        states=A,
        initial=A.SUBMITTED,
        final=frozenset({A.SELECTED, A.FINAL_NOT_SELECTED, A.PROTEST_DISMISSED}),
        url=_url,
        description=_(
            "Biuro zapisuje z pism IZ każdy krok oceny wniosku: datę i znak. Poprawa lub uzupełnienie wniosku "
            "i negocjacje wracają do oceny. Wybór prowadzi fiszkę do stanu „wybrana do dofinansowania”. "
            "Niewybrany wniosek w naborze niekonkurencyjnym odrzuca fiszkę od razu; w konkurencyjnym – gdy "
            "rozstrzygnięcie jest ostateczne (bez protestu w terminie 14 dni albo po protestie "
            "nieuwzględnionym, art. 63–64 ustawy z dnia 28 kwietnia 2022 r.)."
        ),
        transitions=(
            Transition(
                "assess",
                (A.SUBMITTED,),
                A.ASSESSMENT,
                _("Ocena w IZ rozpoczęta"),
                (OFFICE,),
                form=True,
                audit_action="projects.iz_assess",
            ),
            Transition(
                "corrections",
                (A.ASSESSMENT,),
                A.CORRECTIONS,
                _("IZ wezwała do poprawy lub uzupełnienia"),
                (OFFICE,),
                form=True,
                audit_action="projects.iz_corrections",
            ),
            Transition(
                "negotiations",
                (A.ASSESSMENT,),
                A.NEGOTIATIONS,
                _("IZ skierowała do negocjacji"),
                (OFFICE,),
                form=True,
                audit_action="projects.iz_negotiations",
            ),
            Transition(
                "resume",
                (A.CORRECTIONS, A.NEGOTIATIONS, A.PROTEST_UPHELD),
                A.ASSESSMENT,
                _("Wniosek znów w ocenie"),
                (OFFICE,),
                form=True,
                audit_action="projects.iz_resume",
            ),
            Transition(
                "select",
                OPEN,
                A.SELECTED,
                _("IZ wybrała projekt"),
                (OFFICE,),
                guards=(opinion_given,),
                form=True,
                audit_action="projects.iz_select",
            ),
            Transition(
                "not_select",
                OPEN,
                A.NOT_SELECTED,
                _("IZ nie wybrała projektu"),
                (OFFICE,),
                form=True,
                danger=True,
                audit_action="projects.iz_not_select",
            ),
            Transition(
                "final",
                (A.NOT_SELECTED,),
                A.FINAL_NOT_SELECTED,
                _("Rozstrzygnięcie ostateczne (bez protestu)"),
                (OFFICE,),
                form=True,
                danger=True,
                audit_action="projects.iz_final",
            ),
            Transition(
                "protest",
                (A.NOT_SELECTED,),
                A.PROTEST,
                _("Wnioskodawca wniósł protest"),
                (OFFICE,),
                guards=(competitive_only,),
                form=True,
                audit_action="projects.iz_protest",
            ),
            Transition(
                "protest_upheld",
                (A.PROTEST,),
                A.PROTEST_UPHELD,
                _("Protest uwzględniony"),
                (OFFICE,),
                form=True,
                audit_action="projects.iz_protest_upheld",
            ),
            Transition(
                "protest_dismissed",
                (A.PROTEST,),
                A.PROTEST_DISMISSED,
                _("Protest nieuwzględniony albo bez rozpatrzenia"),
                (OFFICE,),
                form=True,
                danger=True,
                audit_action="projects.iz_protest_dismissed",
            ),
        ),
    )
)
