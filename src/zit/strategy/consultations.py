"""The public consultation of a draft version: its period, closing early, comments (submitted by anyone,
moderated, answered) and the opinions of the bodies asked."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from zit.core import audit
from zit.core.formatting import format_date
from zit.strategy.lifecycles import COMMENT, CONSULTATION
from zit.strategy.models import Chapter, Goal, OperationalGoal, ProcedureStep, StrategyVersion, Undertaking
from zit.strategy.procedure_rules import consultation_too_short
from zit.strategy.services import check_actor, lock_version

COMMENT_MAX = 5000  # characters of a comment and of its proposal (the form shows the same cap)
GENERAL = "ogolna"  # a comment on the strategy as a whole


def period_refusal(version: StrategyVersion, opens, closes, today) -> dict[str, str]:
    """Why the consultation period may not become `opens`–`closes`: after an early close it is history; once
    comments came in, its end is not moved to a day gone by (closing early is its own act, with a reason)."""
    if (version.consultation_opens, version.consultation_closes) == (opens, closes):
        return {}
    if version.consultation_closed_early_on is not None:
        return {
            "closes": _("Konsultacje zakończono wcześniej, %(d)s; ich okresu już się nie zmienia.")
            % {"d": format_date(version.consultation_closed_early_on)}
        }
    if closes < today and closes != version.consultation_closes and version.comments.exists():
        return {
            "closes": _(
                "Do tych konsultacji wpłynęły już uwagi, więc ich końca nie można przesunąć na dzień, który "
                "minął (%(d)s). Jeśli konsultacje mają się skończyć wcześniej, użyj czynności „Zakończ "
                "konsultacje wcześniej” i podaj powód: strona publiczna pokaże nowy koniec i ten powód."
            )
            % {"d": format_date(closes)}
        }
    return {}


@transaction.atomic
def consultation_period_set(
    *, actor: Any, version: StrategyVersion, opens, closes, today=None
) -> StrategyVersion:
    from django.utils import timezone

    check_actor(actor)
    today = today or timezone.localdate()
    version = lock_version(version)
    if not (version.editable or version.status == StrategyVersion.Status.CONSULTATION):
        raise ValidationError(
            _("Konsultacje dotyczą projektu strategii, nie wersji przyjętej ani wycofanej.")
        )
    if closes < opens:
        raise ValidationError({"closes": _("Koniec konsultacji nie może być wcześniejszy niż początek.")})
    too_short = consultation_too_short(opens, closes)
    if too_short:
        raise ValidationError({"closes": too_short})
    refused = period_refusal(version, opens, closes, today)
    if refused:
        raise ValidationError(refused)
    period_write(actor, version, opens, closes)
    for step in version.procedure_steps.filter(kind=ProcedureStep.Kind.CONSULTATION):
        before = audit.snapshot(step)
        step.started_on, step.due_on = opens, closes
        step.completed_on = closes if step.completed_on and closes < dt.date.today() else None
        step.save(update_fields=["started_on", "due_on", "completed_on"])
        if audit.changed(before, after := audit.snapshot(step)):
            audit.record(
                actor=actor, action="strategy.procedure_step_update", obj=step, before=before, after=after
            )
    return version


@transaction.atomic
def consultation_transition(
    *, actor: Any, version: StrategyVersion, name: str, reason: str = "", confirmed: bool = False, today=None
) -> StrategyVersion:
    """An act on the consultation (`lifecycles.CONSULTATION`); the one with a button is "close_early": the
    consultation ends today, the planned end and the reason are kept for the public page, and the consultation
    step of the procedure ends with it."""
    from django.utils import timezone

    today = today or timezone.localdate()
    version = lock_version(version)
    if name != "close_early":
        raise ValidationError(_("Tej czynności nie wykonuje się na konsultacjach bezpośrednio."))
    planned = version.consultation_closes

    def apply(obj: StrategyVersion) -> None:
        obj.consultation_planned_closes = planned
        obj.consultation_closes = today
        obj.consultation_closed_early_on = today
        obj.consultation_end_reason = reason.strip()

    CONSULTATION.fire(
        actor=actor,
        obj=version,
        name=name,
        reason=reason,
        confirmed=confirmed,
        today=today,
        apply=apply,
        before={"closes": str(planned)},
        after={"closes": str(today), "planned_closes": str(planned)},
    )
    for step in version.procedure_steps.filter(kind=ProcedureStep.Kind.CONSULTATION):
        before = audit.snapshot(step)
        step.due_on = step.completed_on = today
        step.save(update_fields=["due_on", "completed_on"])
        audit.record(
            actor=actor,
            action="strategy.procedure_step_update",
            obj=step,
            before=before,
            after=audit.snapshot(step),
            reason=reason.strip(),
        )
    return version


def consultation_close_early(
    *, actor: Any, version: StrategyVersion, reason: str, confirmed: bool = False, today=None
) -> StrategyVersion:
    return consultation_transition(
        actor=actor, version=version, name="close_early", reason=reason, confirmed=confirmed, today=today
    )


def period_write(actor: Any, version: StrategyVersion, opens, closes) -> None:
    before = {"opens": str(version.consultation_opens), "closes": str(version.consultation_closes)}
    if (version.consultation_opens, version.consultation_closes) == (opens, closes):
        return
    version.consultation_opens, version.consultation_closes = opens, closes
    version.save(update_fields=["consultation_opens", "consultation_closes"])
    audit.record(
        actor=actor,
        action="strategy.consultation_period_set",
        obj=version,
        before=before,
        after={"opens": str(opens), "closes": str(closes)},
    )


def consultation_target_choices(version: StrategyVersion) -> list:
    """The choices of the forms: the same targets grouped by kind, each goal and undertaking by its code and
    title (data in Polish, marked so on pages in other languages)."""
    from zit.core.forms import PolishData

    def titled(items) -> list[tuple[str, str]]:
        return [(i.key, PolishData(f"{i.code} {i.title}")) for i in items]

    choices: list = [(GENERAL, _("strategia w całości"))]
    chapters = [(c.key, c.get_kind_display()) for c in Chapter.objects.filter(version=version)]
    groups = [
        (_("Rozdziały strategii"), chapters),
        (_("Cele strategiczne"), titled(Goal.objects.filter(version=version))),
        (_("Cele operacyjne"), titled(OperationalGoal.objects.filter(version=version))),
        (_("Przedsięwzięcia"), titled(Undertaking.objects.filter(version=version))),
    ]
    return choices + [(label, items) for label, items in groups if items]


def consultation_targets(version: StrategyVersion) -> list[tuple[str, str]]:
    """What a comment can be about: the whole strategy, a chapter, a goal or an undertaking (by key). The labels
    are stored with a comment as a record, so they are written in Polish whatever the page's language."""
    with translation.override("pl"):
        return _consultation_targets(version)


def _consultation_targets(version: StrategyVersion) -> list[tuple[str, str]]:
    targets = [(GENERAL, _("strategia w całości"))]
    targets += [
        (c.key, _("rozdział: %(c)s") % {"c": c.get_kind_display()})
        for c in Chapter.objects.filter(version=version)
    ]
    targets += [
        (g.key, _("cel strategiczny %(c)s %(t)s") % {"c": g.code, "t": g.title})
        for g in Goal.objects.filter(version=version)
    ]
    targets += [
        (o.key, _("cel operacyjny %(c)s %(t)s") % {"c": o.code, "t": o.title})
        for o in OperationalGoal.objects.filter(version=version)
    ]
    targets += [
        (u.key, _("przedsięwzięcie %(c)s %(t)s") % {"c": u.code, "t": u.title})
        for u in Undertaking.objects.filter(version=version)
    ]
    return targets


@transaction.atomic
def comment_submit(
    *,
    version: StrategyVersion,
    target_key: str,
    text: str,
    proposal: str = "",
    author_name: str = "",
    organisation: str = "",
    email: str = "",
    sender=None,
    today=None,
):
    """A comment from anyone while the consultation is open. It waits for moderation; nothing is published
    by itself. A sender over the public forms' limits (`sender`: a `core.public_forms.Sender`) still has the
    comment kept, parked for the moderator. The audit keeps what was commented on, not who wrote it."""
    from django.utils import timezone

    from zit.core.public_forms import admit, check_lengths
    from zit.strategy.models import Comment

    today = today or timezone.localdate()
    if not version.consultation_open_on(today):
        raise ValidationError(_("Konsultacje tej wersji nie trwają: uwag nie przyjmujemy."))
    targets = dict(consultation_targets(version))
    if target_key not in targets:
        raise ValidationError({"target_key": _("Wybierz, czego dotyczy uwaga.")})
    text = text.strip()
    if len(text) < 10:
        raise ValidationError({"text": _("Opisz uwagę w co najmniej 10 znakach.")})
    too_long = check_lengths(
        {"text": text, "proposal": proposal}, {"text": COMMENT_MAX, "proposal": COMMENT_MAX}
    )
    if too_long:
        raise ValidationError(too_long)
    within = admit(form="strategy.comment", sender=sender)
    comment = Comment(
        version=version,
        target_key=target_key,
        target_label=str(targets[target_key])[:300],
        text=text,
        proposal=proposal.strip(),
        author_name=author_name.strip(),
        organisation=organisation.strip(),
        email=email.strip(),
        client_hash=sender.daily_hash() if sender else "",
        status=Comment.Status.PENDING if within else Comment.Status.PARKED,
    )
    comment.full_clean()
    comment.save()
    audit.record(
        actor=None,
        action="strategy.comment_submit",
        obj=comment,
        after={"target": comment.target_label, "length": len(text), "status": comment.status},
    )
    return comment


@transaction.atomic
def comment_moderate(*, actor: Any, comment, publish: bool, note: str = ""):
    """Publish or reject (with the reason) a comment waiting for moderation (`lifecycles.COMMENT`)."""
    from zit.strategy.models import Comment

    Comment.objects.select_for_update().filter(pk=comment.pk).first()  # lock, then read it fresh
    comment.refresh_from_db()
    note = "" if publish else note.strip()
    before = {"status": comment.status}

    def apply(obj: Comment) -> None:
        obj.moderation_note = note

    try:
        COMMENT.fire(
            actor=actor,
            obj=comment,
            name="publish" if publish else "reject",
            reason=note if len(note) >= 3 else "",  # a reason of a letter or two is no reason
            apply=apply,
            before=before,
            after={"status": Comment.Status.PUBLISHED if publish else Comment.Status.REJECTED, "note": note},
        )
    except ValidationError as exc:
        if hasattr(exc, "error_dict") and "reason" in exc.error_dict:
            raise ValidationError({"moderation_note": exc.error_dict["reason"]}) from exc
        raise
    return comment


@transaction.atomic
def comment_respond(*, actor: Any, comment, response: str, text: str):
    """How the comment was handled and why; every published comment needs one for the report."""
    from django.utils import timezone

    from zit.strategy.models import Comment

    check_actor(actor)
    if comment.status != Comment.Status.PUBLISHED:
        raise ValidationError(_("Odpowiada się na uwagi przyjęte w moderacji."))
    if response not in Comment.Response.values:
        raise ValidationError({"response": _("Wybierz rozstrzygnięcie.")})
    if len(text.strip()) < 10:
        raise ValidationError({"response_text": _("Uzasadnij rozstrzygnięcie (co najmniej 10 znaków).")})
    before = {"response": comment.response, "response_text": comment.response_text}
    comment.response, comment.response_text, comment.responded_at = response, text.strip(), timezone.now()
    comment.save(update_fields=["response", "response_text", "responded_at"])
    audit.record(
        actor=actor,
        action="strategy.comment_respond",
        obj=comment,
        before=before,
        after={"response": response, "response_text": comment.response_text},
    )
    return comment


@transaction.atomic
def opinion_record(
    *,
    actor: Any,
    version: StrategyVersion,
    target_key: str,
    organisation: str,
    source: str,
    text: str,
    proposal: str = "",
):
    """An opinion of a body that must be asked, entered by the office with its source; published at once,
    since it is an official letter, and answered like any comment."""
    from zit.strategy.models import Comment

    check_actor(actor)
    targets = dict(consultation_targets(version))
    errors = {}
    if target_key not in targets:
        errors["target_key"] = _("Wybierz, czego dotyczy opinia.")
    if not organisation.strip():
        errors["organisation"] = _("Podaj organ.")
    if not source.strip():
        errors["source"] = _("Podaj pismo: znak i datę.")
    if len(text.strip()) < 10:
        errors["text"] = _("Wpisz treść opinii (co najmniej 10 znaków).")
    if errors:
        raise ValidationError(errors)
    comment = Comment.objects.create(
        version=version,
        target_key=target_key,
        target_label=str(targets[target_key])[:300],
        text=text.strip(),
        proposal=proposal.strip(),
        organisation=organisation.strip(),
        source=source.strip(),
        status=Comment.Status.PUBLISHED,
    )
    audit.record(
        actor=actor,
        action="strategy.opinion_record",
        obj=comment,
        after={"organisation": comment.organisation, "source": comment.source},
    )
    return comment
