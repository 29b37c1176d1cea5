"""The lifecycles of the strategy, declared through `zit.core.lifecycle`: the version (draft → consultation →
adopted → superseded, or withdrawn from consultation, or a draft deleted), its public consultation (computed from
the version and the dates), a consultation comment's moderation, and a procedure step (computed from its dates).
Services fire them; pages show their buttons; `manage.py lifecycles` prints them."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zit.core.formatting import format_date, letter_date, one_full_stop
from zit.core.lifecycle import SYSTEM, Context, Lifecycle, Role, Transition, register
from zit.core.roles import Perm
from zit.strategy.models import Comment, ProcedureStep, StrategyVersion
from zit.strategy.procedure_rules import CONSULTATION_MIN_DAYS, consultation_earliest_end

S = StrategyVersion.Status
C = StrategyVersion.ConsultationState
M = Comment.Status
P = ProcedureStep.State

# the association's office, which keeps the strategy
OFFICE = Role("office", _("biuro Stowarzyszenia"), Perm.STRATEGY_EDIT)


# --- guards of the version


def _others(version: StrategyVersion):
    return StrategyVersion.objects.filter(strategy_id=version.strategy_id).exclude(pk=version.pk)


def no_other_consultation(version: StrategyVersion, context: Context) -> str | None:
    """Konsultacje prowadzi się dla jednej wersji naraz."""
    other = _others(version).filter(status=S.CONSULTATION).order_by("number").first()
    if other is not None:
        return _(
            "Wersja %(n)d jest już w konsultacjach. Najpierw ją przyjmij albo wycofaj jej konsultacje; "
            "wtedy tę wersję będzie można przekazać do konsultacji."
        ) % {"n": other.number}
    return None


def no_other_draft(version: StrategyVersion, context: Context) -> str | None:
    """Strategia ma najwyżej jedną wersję roboczą."""
    other = _others(version).filter(status=S.DRAFT).order_by("number").first()
    if other is not None:
        return _(
            "Strategia ma już wersję roboczą nr %(n)d; dwóch naraz nie prowadzimy. Pracuj w niej albo ją usuń."
        ) % {"n": other.number}
    return None


def consultation_not_begun(version: StrategyVersion, context: Context) -> str | None:
    """Do projektu wraca się tylko przed początkiem konsultacji i bez uwag; później konsultacje się wycofuje."""
    if version.consultation_state_on(context.today) != C.PLANNED or version.comments.exists():
        return _(
            "Konsultacje już się zaczęły albo wpłynęły uwagi: wersja nie wraca do projektu. Możesz wycofać "
            "konsultacje (z powodem) i pracować dalej w nowej wersji."
        )
    return None


def consultation_finished(version: StrategyVersion, context: Context) -> str | None:
    """Strategię przyjmuje się po zakończeniu konsultacji."""
    if version.consultation_closed_early_on is not None:
        return None
    if version.consultation_closes and version.consultation_closes >= context.today:
        return _("Konsultacje trwają do %(d)s: strategię przyjmuje się po ich zakończeniu.") % {
            "d": format_date(version.consultation_closes)
        }
    return None


def comments_answered(version: StrategyVersion, context: Context) -> str | None:
    """Każda opublikowana uwaga ma rozstrzygnięcie (raport z konsultacji)."""
    unanswered = version.comments.filter(status=M.PUBLISHED, response="").count()
    if unanswered:
        return _(
            "Uwagi bez rozstrzygnięcia: %(n)d. Rozstrzygnij je przed przyjęciem (raport z konsultacji)."
        ) % {"n": unanswered}
    return None


def nothing_depends_on_draft(version: StrategyVersion, context: Context) -> str | None:
    """Usuwa się tylko wersję, od której nic nie zależy (inna wersja, uchwała, uwagi, wykonany krok procedury)."""
    from django.db import models

    blocks = []
    based = sorted(_others(version).filter(based_on=version).values_list("number", flat=True))
    if based:
        blocks.append(
            _("na jej podstawie utworzono wersję nr %(n)s") % {"n": ", ".join(str(n) for n in based)}
        )
    for rel in StrategyVersion._meta.related_objects:  # what other parts of the platform keep pointing at it
        if rel.on_delete is not models.PROTECT or rel.related_model is StrategyVersion:
            continue
        count = rel.related_model._default_manager.filter(**{rel.field.name: version}).count()
        if count:
            blocks.append(
                _("wskazują ją: %(what)s (%(n)d)")
                % {"what": rel.related_model._meta.verbose_name_plural, "n": count}
            )
    comments = version.comments.count()
    if comments:
        blocks.append(_("ma uwagi lub opinie (%(n)d)") % {"n": comments})
    done = version.procedure_steps.exclude(completed_on=None).count()
    if done:
        blocks.append(_("ma wykonane kroki procedury (%(n)d)") % {"n": done})
    if blocks:
        return _("Tej wersji nie można usunąć: %(b)s.") % {"b": "; ".join(str(b) for b in blocks)}
    return None


# --- the words shown for a version's state

# what a version is, in a word that follows its state: a draft is a "projekt", the one in consultation the
# "projekt do konsultacji", the adopted one is in force until a newer one supersedes it
VERSION_WORDS = {
    S.DRAFT: _("projekt (wersja robocza)"),
    S.CONSULTATION: _("projekt do konsultacji"),
    S.ADOPTED: _("obowiązująca"),
    S.SUPERSEDED: _("zastąpiona nowszą wersją"),
    S.WITHDRAWN: _("projekt wycofany z konsultacji"),
    S.DELETED: _("usunięta"),
}


def _adopting_resolution(version: StrategyVersion) -> str:
    decision = version.adopted_by
    if decision is None or not decision.number:
        return ""
    if decision.date is None:
        return _("przyjęta uchwałą nr %(n)s") % {"n": decision.number}
    return _("przyjęta uchwałą nr %(n)s z %(d)s") % {"n": decision.number, "d": letter_date(decision.date)}


def version_wording(version: StrategyVersion) -> str:
    """Projekt, projekt do konsultacji, obowiązująca (przyjęta uchwałą nr … z …), zastąpiona nowszą wersją."""
    word = str(VERSION_WORDS[S(version.status)])
    if version.status in (S.ADOPTED, S.SUPERSEDED) and version.adopted_by_id:
        adopted = _adopting_resolution(version)
        if adopted:
            return f"{word}, {adopted}" if version.status == S.ADOPTED else f"{adopted}, {word}"
    return word


def _version_url(version: StrategyVersion, name: str) -> str:
    if name == "adopt":
        return reverse("strategy:version_status", args=[version.pk])
    return reverse("strategy:version_transition", args=[version.pk, name])


VERSION = register(
    Lifecycle(
        key="strategy.version",
        label=_("Wersja strategii"),
        model="strategy.StrategyVersion",
        states=StrategyVersion.Status,
        initial=S.DRAFT,
        field="status",
        final=frozenset({S.SUPERSEDED, S.WITHDRAWN, S.DELETED}),
        url=_version_url,
        wording=version_wording,
        description=_(
            "Projekt biuro zmienia; w konsultacjach, po przyjęciu i po wycofaniu wersja jest zamrożona, a zmiana "
            "to nowa wersja (kopia z tymi samymi kluczami pozycji). Jedna wersja robocza i jedna w konsultacjach "
            "naraz."
        ),
        transitions=(
            Transition(
                "start_consultation",
                (S.DRAFT,),
                S.CONSULTATION,
                _("Przekaż do konsultacji"),
                (OFFICE,),
                guards=(no_other_consultation,),
                confirm=_("Przekazać wersję do konsultacji? Od tej chwili nie można jej zmieniać."),
                help=_("Formularz uwag pojawi się na stronie „Strategia” w ustalonym okresie konsultacji."),
                audit_action="strategy.version_status",
            ),
            Transition(
                "return_to_draft",
                (S.CONSULTATION,),
                S.DRAFT,
                _("Wróć do projektu"),
                (OFFICE,),
                guards=(consultation_not_begun, no_other_draft),
                audit_action="strategy.version_status",
            ),
            Transition(
                "withdraw",
                (S.CONSULTATION,),
                S.WITHDRAWN,
                _("Wycofaj konsultacje"),
                (OFFICE,),
                reason_required=True,
                reason_prompt=_(
                    "Podaj powód wycofania konsultacji: zobaczy go każdy na stronie „Strategia”."
                ),
                danger=True,
                help=_(
                    "Wersja zostanie zapisana jako wycofana z konsultacji, z powodem na stronie publicznej; uwagi "
                    "zostają. Do konsultacji przekażesz potem wersję roboczą albo nową wersję utworzoną na "
                    "podstawie tej."
                ),
                audit_action="strategy.consultation_withdraw",
            ),
            Transition(
                "adopt",
                (S.CONSULTATION,),
                S.ADOPTED,
                _("Przyjmij uchwałą"),
                (OFFICE,),
                guards=(consultation_finished, comments_answered),
                form=True,
                audit_action="strategy.version_status",
            ),
            Transition(
                "supersede",
                (S.ADOPTED,),
                S.SUPERSEDED,
                _("Zastąpiona nowszą"),
                (OFFICE,),
                automatic=True,  # fired by the adoption of the next version
                audit_action="strategy.version_status",
            ),
            Transition(
                "delete",
                (S.DRAFT,),
                S.DELETED,
                _("Usuń wersję roboczą"),
                (OFFICE,),
                guards=(nothing_depends_on_draft,),
                reason_required=True,
                reason_prompt=_("Podaj powód usunięcia wersji: zostanie zapisany w historii."),
                danger=True,
                audit_action="strategy.version_delete",
            ),
        ),
    )
)


# --- the consultation


def consultation_state(version: StrategyVersion) -> str:
    return version.consultation_state


def shorter_than_the_minimum(version: StrategyVersion, context: Context) -> str | None:
    """Konsultacje trwają co najmniej 35 dni od dnia ogłoszenia (art. 6 ust. 3 ustawy o zasadach prowadzenia
    polityki rozwoju)."""
    if version.consultation_opens is None:
        return None
    if context.today < consultation_earliest_end(version.consultation_opens):
        days = (context.today - version.consultation_opens).days
        return _(
            "Od ogłoszenia konsultacji minęło %(n)d dni, a konsultacje trwają co najmniej %(min)d dni od dnia "
            "ogłoszenia."
        ) % {"n": days, "min": CONSULTATION_MIN_DAYS}
    return None


def consultation_wording(version: StrategyVersion) -> str:
    """Trwają od … do … while running, trwały od … do … once closed; planned ones say when they will run."""
    return one_full_stop(str(_consultation_wording(version)))


def _consultation_wording(version: StrategyVersion) -> str:
    state = version.consultation_state
    opens, closes = version.consultation_opens, version.consultation_closes
    dates = {"a": letter_date(opens), "b": letter_date(closes)}
    if state == C.RUNNING:
        return _("Konsultacje trwają od %(a)s do %(b)s.") % dates
    if state == C.PLANNED:
        if opens is None or closes is None:
            return _("Konsultacje są zapowiedziane; termin nie jest jeszcze ustalony.")
        return _("Konsultacje odbędą się od %(a)s do %(b)s.") % dates
    if state == C.CLOSED:
        if opens is None or closes is None:
            return _("Konsultacje zakończone.")
        if version.consultation_closed_early:
            return _("Konsultacje trwały od %(a)s do %(b)s; zakończono je wcześniej.") % dates
        return _("Konsultacje trwały od %(a)s do %(b)s.") % dates
    if state == C.WITHDRAWN:
        ended = version.consultation_withdrawn_on
        if opens is not None and ended is not None and ended >= opens:
            return _("Konsultacje trwały od %(a)s do %(w)s, gdy je wycofano.") % {
                "a": dates["a"],
                "w": letter_date(ended),
            }
        return _("Konsultacje wycofano przed ich rozpoczęciem.")
    return _("Konsultacji nie ogłoszono.")


def _consultation_url(version: StrategyVersion, name: str) -> str:
    return reverse("strategy:consultation_transition", args=[version.pk, name])


CONSULTATION = register(
    Lifecycle(
        key="strategy.consultation",
        label=_("Konsultacje społeczne wersji strategii"),
        model="strategy.StrategyVersion",
        states=StrategyVersion.ConsultationState,
        initial=C.NONE,
        derive=consultation_state,
        final=frozenset({C.WITHDRAWN}),
        url=_consultation_url,
        wording=consultation_wording,
        description=_(
            "Wynika ze stanu wersji i okresu konsultacji. Gdy wpłynęły uwagi, końca konsultacji nie przesuwa "
            "się na dzień miniony: konsultacje kończy się wcześniej osobną czynnością, z powodem widocznym "
            "publicznie."
        ),
        transitions=(
            Transition(
                "announce",
                (C.NONE,),
                C.PLANNED,
                _("Ogłoszone"),
                (OFFICE,),
                automatic=True,  # the version's start_consultation
            ),
            Transition(
                "open",
                (C.PLANNED,),
                C.RUNNING,
                _("Rozpoczęte"),
                (SYSTEM,),
                automatic=True,  # the first day of the period
            ),
            Transition(
                "end",
                (C.RUNNING,),
                C.CLOSED,
                _("Zakończone w terminie"),
                (SYSTEM,),
                automatic=True,  # the day after the last day of the period
            ),
            Transition(
                "close_early",
                (C.RUNNING,),
                C.CLOSED,
                _("Zakończ konsultacje wcześniej"),
                (OFFICE,),
                warnings=(shorter_than_the_minimum,),
                reason_required=True,
                reason_prompt=_(
                    "Podaj powód wcześniejszego zakończenia konsultacji: zobaczy go każdy na stronie "
                    "„Strategia”."
                ),
                help=_(
                    "Konsultacje kończą się dziś: formularz uwag znika, a strona publiczna pokazuje nowy koniec "
                    "i powód. Uwagi, które wpłynęły, zostają."
                ),
                audit_action="strategy.consultation_close_early",
            ),
            Transition(
                "withdraw",
                (C.PLANNED, C.RUNNING, C.CLOSED),
                C.WITHDRAWN,
                _("Wycofane"),
                (OFFICE,),
                reason_required=True,
                automatic=True,  # the version's withdraw
                audit_action="strategy.consultation_withdraw",
            ),
        ),
    )
)


# --- a comment's moderation


def _comment_url(comment: Comment, name: str) -> str:
    return reverse("strategy:comment_action", args=[comment.version_id, comment.pk])


COMMENT = register(
    Lifecycle(
        key="strategy.comment",
        label=_("Uwaga z konsultacji"),
        model="strategy.Comment",
        states=Comment.Status,
        initial=M.PENDING,
        field="status",
        final=frozenset({M.REJECTED}),
        url=_comment_url,
        description=_(
            "Uwaga z formularza czeka na moderację; nadawca ponad limit wysyłek trafia do wstrzymanych. Biuro "
            "publikuje albo odrzuca z powodem; opublikowana dostaje rozstrzygnięcie do raportu. Opinie organów "
            "wpisane przez biuro są publikowane od razu."
        ),
        transitions=(
            Transition(
                "publish",
                (M.PENDING, M.PARKED),
                M.PUBLISHED,
                _("Opublikuj"),
                (OFFICE,),
                audit_action="strategy.comment_moderate",
            ),
            Transition(
                "reject",
                (M.PENDING, M.PARKED),
                M.REJECTED,
                _("Odrzuć"),
                (OFFICE,),
                reason_required=True,
                reason_prompt=_("Podaj powód odrzucenia (np. spam, treść obraźliwa)."),
                audit_action="strategy.comment_moderate",
            ),
        ),
    )
)


# --- a procedure step


def resolution_given(step: ProcedureStep, context: Context) -> str | None:
    """Krok zakończony uchwałą (procedura, przyjęcie) wymaga jej numeru i daty."""
    kinds = (ProcedureStep.Kind.DRAFTING_RESOLUTION, ProcedureStep.Kind.ADOPTION)
    decision = context.data.get("decision", step.decision)
    if step.kind in kinds and decision is None:
        return _("Ten krok kończy uchwała: podaj jej numer i datę.")
    return None


def completed_not_in_future(step: ProcedureStep, context: Context) -> str | None:
    """Data zakończenia nie jest z przyszłości."""
    completed = context.data.get("completed_on", step.completed_on)
    if completed and completed > context.today:
        return _("Data zakończenia nie może być z przyszłości; planowaną datę wpisz jako termin.")
    return None


def _step_url(step: ProcedureStep, name: str) -> str:
    return reverse("strategy:procedure_step", args=[step.version_id, step.pk])


def step_state(step: ProcedureStep) -> str:
    return step.state


PROCEDURE_STEP = register(
    Lifecycle(
        key="strategy.procedure_step",
        label=_("Krok procedury strategii"),
        model="strategy.ProcedureStep",
        states=ProcedureStep.State,
        initial=P.PLANNED,
        derive=step_state,
        url=_step_url,
        description=_(
            "Wynika z dat kroku: zaplanowany (termin), rozpoczęty (data rozpoczęcia), wykonany (data "
            "zakończenia i dokument, a przy uchwale jej numer i data)."
        ),
        transitions=(
            Transition(
                "start",
                (P.PLANNED,),
                P.STARTED,
                _("Zapisz rozpoczęcie"),
                (OFFICE,),
                form=True,
                audit_action="strategy.procedure_step_update",
            ),
            Transition(
                "complete",
                (P.PLANNED, P.STARTED),
                P.DONE,
                _("Zapisz wykonanie"),
                (OFFICE,),
                guards=(resolution_given, completed_not_in_future),
                form=True,
                audit_action="strategy.procedure_step_update",
            ),
            Transition(
                "reopen",
                (P.DONE,),
                P.STARTED,
                _("Cofnij wykonanie"),
                (OFFICE,),
                form=True,
                audit_action="strategy.procedure_step_update",
            ),
        ),
    )
)
