"""Recording the Partners' Working Group's opinions on the list of strategic projects, the annual report and
strategy updates, and withdrawing a mistaken one (kept on record with its reason; nothing is deleted). The
opinion's document goes to the public register through `public_documents.document_publish`, with its
metryczka, so the same rules on files apply."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

from zit.association.models import Body
from zit.core import audit
from zit.core.formatting import polish_date
from zit.core.roles import Perm, require_unless_system
from zit.governance import public_documents
from zit.governance.models import AdvisoryOpinion, Meeting, PublicDocument
from zit.governance.models.opinions import subject_label
from zit.monitoring.models import AnnualReport
from zit.projects.models import ListVersion
from zit.strategy.models import StrategyVersion

# the subject's model -> the opinion's foreign key naming it
SUBJECT_MODELS: dict[type[Model], str] = {
    ListVersion: "list_version",
    StrategyVersion: "strategy_version",
    AnnualReport: "annual_report",
}

NEEDS_TEXT = (AdvisoryOpinion.Outcome.REMARKS, AdvisoryOpinion.Outcome.NEGATIVE)


def subject_field(subject: Any) -> str | None:
    return SUBJECT_MODELS.get(type(subject))


@transaction.atomic
def advisory_opinion_record(
    *,
    actor: Any,
    body: Body,
    subject: Model,
    given_on: dt.date,
    outcome: str,
    text: str,
    meeting: Meeting | None = None,
    file: Any = None,
    prepared_by: str = "",
    is_demo: bool = False,
) -> AdvisoryOpinion:
    require_unless_system(actor, Perm.GOVERNANCE_MANAGE)
    errors: dict[str, str] = {}
    if body.kind != Body.Kind.ADVISORY:
        errors["body"] = _("Opinię wydaje organ doradczy (Grupa robocza partnerów), nie %(b)s.") % {
            "b": body.name
        }
    field = subject_field(subject)
    if field is None or subject.pk is None:
        errors["subject"] = _("Wybierz listę projektów, sprawozdanie roczne albo wersję strategii.")
    # only the future is refused: the day a list or a strategy was entered on the platform says nothing of
    # when it was drafted (earlier acts are entered later), so an opinion may be older than its record
    if given_on > timezone.localdate():
        errors["given_on"] = _("Data wydania opinii nie może być z przyszłości.")
    if outcome not in AdvisoryOpinion.Outcome.values:
        errors["outcome"] = _("Wybierz wynik opinii.")
    elif outcome in NEEDS_TEXT and not text.strip():
        errors["text"] = _("Opinia z uwagami albo negatywna musi podawać swoje uwagi.")
    if meeting is not None and meeting.body_id != body.pk:
        errors["meeting"] = _("To posiedzenie innego organu.")
    if errors:
        raise ValidationError(errors)
    opinion = AdvisoryOpinion(
        body=body,
        given_on=given_on,
        outcome=outcome,
        text=text.strip(),
        meeting=meeting,
        recorded_by_label=audit.actor_label(actor),
        is_demo=is_demo,
        **{field: subject},
    )
    if file is not None:
        # its own refusals (file type, who prepared it) roll back the whole record
        opinion.document = public_documents.document_publish(
            actor=actor,
            title=_("Opinia %(b)s z %(d)s: %(s)s")
            % {
                "b": body.name_genitive or body.name,
                "d": polish_date(given_on),  # the register's title is Polish
                "s": subject_label(subject),
            },
            category=PublicDocument.Category.OTHER,
            file=file,
            prepared_by=prepared_by,
            prepared_on=given_on,
            description=opinion.get_outcome_display(),
            meeting=meeting,
            is_demo=is_demo,
        )
    opinion.save()
    audit.record(
        actor=actor, action="governance.advisory_opinion_record", obj=opinion, after=audit.snapshot(opinion)
    )
    return opinion


@transaction.atomic
def advisory_opinion_withdraw(*, actor: Any, opinion: AdvisoryOpinion, reason: str) -> AdvisoryOpinion:
    """A correction: the opinion stays on record, marked withdrawn with the reason; its document stays in the
    register until withdrawn there (the register has its own reason)."""
    require_unless_system(actor, Perm.GOVERNANCE_MANAGE)
    opinion = AdvisoryOpinion.objects.select_for_update().get(pk=opinion.pk)
    if opinion.withdrawn_at:
        raise ValidationError(_("Tę opinię już wycofano."))
    if not reason.strip():
        raise ValidationError({"reason": _("Podaj powód wycofania: zostaje w zapisie opinii.")})
    if len(reason.strip()) > 300:
        raise ValidationError({"reason": _("Powód może mieć najwyżej 300 znaków.")})
    opinion.withdrawn_at, opinion.withdrawn_reason = timezone.now(), reason.strip()
    opinion.save(update_fields=["withdrawn_at", "withdrawn_reason"])
    audit.record(
        actor=actor,
        action="governance.advisory_opinion_withdraw",
        obj=opinion,
        after={"withdrawn_reason": opinion.withdrawn_reason},
        reason=opinion.withdrawn_reason,
    )
    return opinion
