"""What an adopted resolution changes elsewhere, through the services of the apps it acts on, with the
resolution's decision reference. The Rada's vote is a legal fact whatever the platform's state: when an effect
cannot be applied (the consultation is still open, the actor may not change the list…) the resolution stays
adopted and its effect waits, with the reason, until whoever the setting names applies it (`effect_rights`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from zit.association.models import Body, Mandate
from zit.core.models import DecisionReference
from zit.core.roles import Perm
from zit.governance.models import BoardDischarge, Resolution, ResolutionKind


def _strategy_procedure(actor: Any, resolution: Resolution, decision: DecisionReference) -> str:
    from zit.strategy.models import ProcedureStep
    from zit.strategy.procedure import procedure_start, procedure_step_save

    version = resolution.strategy_version
    if not version.procedure_steps.exists():
        procedure_start(actor=actor, version=version)
    step = version.procedure_steps.filter(kind=ProcedureStep.Kind.DRAFTING_RESOLUTION).first()
    if step is None:
        step = procedure_step_save(
            actor=actor,
            version=version,
            kind=ProcedureStep.Kind.DRAFTING_RESOLUTION,
            title=resolution.subject,
        )
    procedure_step_save(
        actor=actor, version=version, step=step, completed_on=decision.date, decision=decision
    )
    return _("Krok procedury strategii „%(s)s” zakończony tą uchwałą.") % {"s": step.title}


def _strategy_adoption(actor: Any, resolution: Resolution, decision: DecisionReference) -> str:
    from zit.strategy.models import StrategyVersion
    from zit.strategy.services import version_status_set

    version_status_set(
        actor=actor,
        version=resolution.strategy_version,
        status=StrategyVersion.Status.ADOPTED,
        decision=decision,
    )
    return _("Wersja strategii %(v)s przyjęta.") % {"v": resolution.strategy_version}


def _project_list(actor: Any, resolution: Resolution, decision: DecisionReference) -> str:
    from zit.projects.lists import list_version_approve

    list_version_approve(actor=actor, version=resolution.list_version, decision=decision)
    return _("Lista projektów strategicznych (wersja %(v)s) zatwierdzona.") % {"v": resolution.list_version}


def _annual_report(actor: Any, resolution: Resolution, decision: DecisionReference) -> str:
    from zit.monitoring.services import annual_report_approve

    annual_report_approve(actor=actor, report=resolution.annual_report, decision=decision)
    return _("Sprawozdanie za %(y)d r. przyjęte.") % {"y": resolution.annual_report.year}


def _member_join(actor: Any, resolution: Resolution, decision: DecisionReference) -> str:
    from zit.association.services import membership_start

    membership_start(actor=actor, member=resolution.member, start=resolution.effective_on, joined_by=decision)
    return _("%(m)s jest członkiem od %(d)s.") % {"m": resolution.member, "d": resolution.effective_on}


def _member_leave(actor: Any, resolution: Resolution, decision: DecisionReference) -> str:
    from zit.association.services import membership_end

    membership_end(actor=actor, member=resolution.member, end=resolution.effective_on, left_by=decision)
    return _("%(m)s przestaje być członkiem z dniem %(d)s.") % {
        "m": resolution.member,
        "d": resolution.effective_on,
    }


def _discharge(actor: Any, resolution: Resolution, decision: DecisionReference) -> str:
    record_discharges(resolution, granted=True)
    return _("Zarządowi udzielono absolutorium za %(y)d r.") % {"y": resolution.fiscal_year}


def _accounts_approval(actor: Any, resolution: Resolution, decision: DecisionReference) -> str:
    from zit.governance.years import year_approval_link

    year = year_approval_link(actor=actor, resolution=resolution)
    return _("Sprawozdanie finansowe za %(y)d r. zatwierdzone.") % {"y": year.year}


Effect = Callable[[Any, Resolution, DecisionReference], str]

# kind → (what it needs from the actor, how it is applied); the apps above governance add theirs (`register`)
EFFECTS: dict[str, tuple[str, Effect]] = {
    ResolutionKind.STRATEGY_PROCEDURE: (Perm.STRATEGY_EDIT, _strategy_procedure),
    ResolutionKind.STRATEGY_ADOPTION: (Perm.STRATEGY_EDIT, _strategy_adoption),
    ResolutionKind.PROJECT_LIST: (Perm.PROJECTS_MANAGE, _project_list),
    ResolutionKind.SAVINGS_REALLOCATION: (Perm.PROJECTS_MANAGE, _project_list),
    ResolutionKind.ANNUAL_REPORT: (Perm.PROJECTS_MANAGE, _annual_report),
    ResolutionKind.MEMBER_JOIN: (Perm.MEMBERS_EDIT, _member_join),
    ResolutionKind.MEMBER_LEAVE: (Perm.MEMBERS_EDIT, _member_leave),
    ResolutionKind.ACCOUNTS_APPROVAL: (Perm.GOVERNANCE_MANAGE, _accounts_approval),
    ResolutionKind.DISCHARGE: (Perm.GOVERNANCE_MANAGE, _discharge),
}


# a target field of the resolution that an app above governance owns → the objects a draft may name
TARGET_CHOICES: dict[str, Callable[[], QuerySet]] = {}


def register(kind: str, *, perm: str, effect: Effect, choices: dict[str, Callable[[], QuerySet]]) -> None:
    """Called by an app above governance in its AppConfig.ready (the fees: the resolution that adopts the
    year's rule), since governance never imports the apps above it."""
    EFFECTS[kind] = (perm, effect)
    TARGET_CHOICES.update(choices)


def has_effect(kind: str) -> bool:
    return kind in EFFECTS


def record_discharges(resolution: Resolution, *, granted: bool) -> None:
    """One row for the board as a whole; the board is the body of kind "board" (the Zarząd)."""
    board = Body.objects.filter(kind=Body.Kind.BOARD).order_by("order").first()
    if board is None:
        raise ValidationError(_("Nie ma organu wykonawczego (Zarządu), któremu można udzielić absolutorium."))
    BoardDischarge.objects.get_or_create(
        resolution=resolution,
        person=None,
        defaults={"year": resolution.fiscal_year, "board": board, "granted": granted},
    )


def board_people(year: int) -> list[str]:
    """Who sat in the board in the year, for the resolution's text."""
    import datetime as dt

    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    mandates = Mandate.objects.filter(body__kind=Body.Kind.BOARD, start__lte=end).exclude(end__lt=start)
    return [f"{m.person} – {m.get_role_display()}" for m in mandates.select_related("person")]


def apply(actor: Any, resolution: Resolution) -> tuple[bool, str]:
    """Apply the effect in a savepoint: (True, what changed) or (False, why it waits)."""
    perm, effect = EFFECTS[resolution.kind]
    try:
        with transaction.atomic():
            return True, effect(actor, resolution, resolution.decision)
    except PermissionDenied:
        from zit.governance.effect_rights import who_applies

        return False, " ".join(
            [_("Uchwała jest podjęta, ale Twoje konto nie może zmienić tego rejestru."), who_applies()]
        )
    except ValidationError as exc:
        return False, _("Skutek czeka: %(why)s") % {"why": " ".join(exc.messages)}
