"""Resolutions: drafting, the effect on other apps, the signed document and publication in the register. The
vote that adopts one (roll call, number, decision reference) is in `votes.py`."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from zit.association.models import Body
from zit.association.selectors import association_profile
from zit.core import audit
from zit.core.formatting import document_date
from zit.core.roles import Perm, require_unless_system
from zit.core.signed import file_sha256, signed_document_draft, signed_document_for
from zit.governance import effect_rights, effects
from zit.governance.lifecycles import RESOLUTION
from zit.governance.models import Resolution, ResolutionAttachment, ResolutionKind

RESOLUTION_KIND = "governance.resolution"
RESOLUTION_FIELDS = (
    "kind",
    "subject",
    "text",
    "justification",
    "amends",
    "repeals",
    "strategy_version",
    "list_version",
    "annual_report",
    "fee_rule",
    "member",
    "effective_on",
    "fiscal_year",
    "prepared_by",
)
# which target each kind needs
TARGETS = {
    ResolutionKind.STRATEGY_PROCEDURE: ("strategy_version",),
    ResolutionKind.STRATEGY_ADOPTION: ("strategy_version",),
    ResolutionKind.PROJECT_LIST: ("list_version",),
    ResolutionKind.SAVINGS_REALLOCATION: ("list_version",),
    ResolutionKind.ANNUAL_REPORT: ("annual_report",),
    ResolutionKind.FEE_RULE: ("fee_rule",),
    ResolutionKind.MEMBER_JOIN: ("member", "effective_on"),
    ResolutionKind.MEMBER_LEAVE: ("member", "effective_on"),
    ResolutionKind.ACCOUNTS_APPROVAL: ("fiscal_year",),
    ResolutionKind.DISCHARGE: ("fiscal_year",),
    ResolutionKind.BUDGET: ("fiscal_year",),
    ResolutionKind.AMENDMENT: ("amends",),
    ResolutionKind.REPEAL: ("repeals",),
}
TARGET_FIELDS = (
    "strategy_version",
    "list_version",
    "annual_report",
    "fee_rule",
    "member",
    "effective_on",
    "fiscal_year",
    "amends",
    "repeals",
)


def check_actor(actor: Any) -> None:
    require_unless_system(actor, Perm.GOVERNANCE_MANAGE)


def paragraphs(text: str) -> list[str]:
    """The paragraphs of a text typed in the platform: blocks separated by an empty line."""
    return [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]


def association_genitive() -> str:
    profile = association_profile()
    return (getattr(profile, "name_genitive", "") or getattr(profile, "name", "")).strip()


def issuer(body: Body, *, association: str | None = None) -> str:
    """The body named as in a Polish title, from data: "Rady Stowarzyszenia Aglomeracji Konińskiej".
    A list passes `association` (read once) so that its rows do not each read the profile."""
    association = association_genitive() if association is None else association
    name = (body.name_genitive or body.name).strip()
    return name if association and association in name else f"{name} {association}".strip()


def full_title(resolution: Resolution) -> str:
    """ "Uchwała nr 12/2025 Rady Stowarzyszenia Aglomeracji Konińskiej z dnia 6 czerwca 2025 r. w sprawie …".
    The title is the document's own Polish text, in every interface language (pages mark it lang="pl")."""
    parts = [
        f"Uchwała nr {resolution.number}" if resolution.number else "Projekt uchwały",
        # published_resolutions() annotates the association's name on every row
        issuer(resolution.body, association=getattr(resolution, "association_genitive", None)),
    ]
    if resolution.adopted_on:
        with translation.override("pl"):
            parts.append(f"z dnia {document_date(resolution.adopted_on)}")
    parts.append(f"w sprawie {resolution.subject}")
    return " ".join(parts)


def _validate_targets(resolution: Resolution) -> None:
    errors: dict[str, str] = {}
    needed = TARGETS.get(resolution.kind, ())
    labels = {f: Resolution._meta.get_field(f).verbose_name for f in TARGET_FIELDS}
    for name in needed:
        if getattr(resolution, name) in (None, ""):
            errors[name] = _("Dla uchwały w tej sprawie wskaż: %(f)s.") % {"f": labels[name]}
    for name in TARGET_FIELDS:
        if (
            name not in needed
            and getattr(resolution, name) not in (None, "")
            and name not in ("amends", "repeals")
        ):
            setattr(resolution, name, None)  # a target left over from another kind
    if errors:
        raise ValidationError(errors)
    kind = resolution.kind
    if kind in (ResolutionKind.STRATEGY_ADOPTION, ResolutionKind.STRATEGY_PROCEDURE):
        from zit.strategy.models import StrategyVersion

        if resolution.strategy_version.status in (
            StrategyVersion.Status.ADOPTED,
            StrategyVersion.Status.SUPERSEDED,
        ):
            errors["strategy_version"] = _("Ta wersja strategii jest już przyjęta.")
    if kind in (ResolutionKind.PROJECT_LIST, ResolutionKind.SAVINGS_REALLOCATION):
        from zit.projects.lifecycles import annex_not_ready_for_council
        from zit.projects.models import ListVersion

        if resolution.list_version.status != ListVersion.Status.DRAFT:
            errors["list_version"] = _(
                "Uchwałą zatwierdza się wersję roboczą listy; ta jest już zatwierdzona."
            )
        else:  # the annex update's own procedure, as saved (the object given may be older)
            problem = annex_not_ready_for_council(ListVersion.objects.get(pk=resolution.list_version_id))
            if problem:
                errors["list_version"] = problem
    if kind == ResolutionKind.ANNUAL_REPORT and resolution.annual_report.approved_by_id:
        errors["annual_report"] = _("To sprawozdanie jest już przyjęte.")
    if kind == ResolutionKind.FEE_RULE and resolution.fee_rule.status != "draft":
        errors["fee_rule"] = _("Te zasady składek już obowiązują albo zostały zastąpione.")
    if kind == ResolutionKind.MEMBER_JOIN and resolution.member.is_member_on(resolution.effective_on):
        errors["member"] = _("%(m)s jest już członkiem w tym dniu.") % {"m": resolution.member}
    if kind == ResolutionKind.MEMBER_LEAVE and not resolution.member.is_member_on(resolution.effective_on):
        errors["member"] = _("%(m)s nie jest członkiem w tym dniu.") % {"m": resolution.member}
    for name in ("amends", "repeals"):
        other = getattr(resolution, name)
        if other is not None and not other.is_adopted:
            errors[name] = _("Zmienić albo uchylić można tylko podjętą uchwałę.")
        if other is not None and other.pk == resolution.pk:
            errors[name] = _("Uchwała nie może odnosić się do samej siebie.")
    if resolution.fiscal_year and not 2000 <= resolution.fiscal_year <= timezone.localdate().year + 1:
        errors["fiscal_year"] = _("Podaj rok, np. %(y)d.") % {"y": timezone.localdate().year - 1}
    elif kind == ResolutionKind.ACCOUNTS_APPROVAL:
        from zit.governance.years import approval_refusal

        refusal = approval_refusal(resolution.fiscal_year, resolution=resolution)
        if refusal:
            errors["fiscal_year"] = refusal
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def resolution_save(
    *, actor: Any, body: Body, resolution: Resolution | None = None, is_demo: bool = False, **fields: Any
) -> Resolution:
    """A draft resolution; it stays editable until the vote starts."""
    check_actor(actor)
    unknown = set(fields) - set(RESOLUTION_FIELDS)
    if unknown:
        raise TypeError(f"Unknown fields: {sorted(unknown)}")
    before = None
    if resolution is None:
        resolution = Resolution(body=body, is_demo=is_demo)
    else:
        resolution = Resolution.objects.select_for_update().get(pk=resolution.pk)
        if not resolution.is_editable:
            raise ValidationError(_("Nad tą uchwałą już głosowano: jej treści nie można zmienić."))
        if resolution.body_id != body.pk and resolution.meeting_id:
            raise ValidationError({"body": _("Projekt jest w porządku obrad posiedzenia innego organu.")})
        before = audit.snapshot(resolution)
        resolution.body = body
    for name, value in fields.items():
        if isinstance(value, str):
            value = value.replace("\r\n", "\n").strip()  # browsers send CRLF; paragraphs split on blank lines
        setattr(resolution, name, value)
    errors = {}
    if not resolution.subject:
        errors["subject"] = _("Podaj, w jakiej sprawie jest uchwała.")
    elif resolution.subject.lower().startswith("w sprawie"):
        resolution.subject = resolution.subject[len("w sprawie") :].strip()
    if not resolution.text:
        errors["text"] = _("Wpisz treść uchwały.")
    if errors:
        raise ValidationError(errors)
    _validate_targets(resolution)
    resolution.full_clean(exclude=["decision"])
    resolution.save()
    after = audit.snapshot(resolution)
    if before is None or audit.changed(before, after):
        audit.record(
            actor=actor,
            action="governance.resolution_update" if before else "governance.resolution_create",
            obj=resolution,
            before=before,
            after=after,
        )
    return resolution


@transaction.atomic
def resolution_withdraw(*, actor: Any, resolution: Resolution, reason: str) -> Resolution:
    """Withdraw a draft nobody voted on, with the reason (`lifecycles.RESOLUTION`, "withdraw")."""
    resolution = Resolution.objects.select_for_update().get(pk=resolution.pk)
    RESOLUTION.fire(
        actor=actor,
        obj=resolution,
        name="withdraw",
        reason=reason,
        before={"status": resolution.status},
        after={"status": Resolution.Status.WITHDRAWN},
    )
    return resolution


ATTACHMENT_TYPES = (".pdf", ".docx", ".xlsx", ".odt", ".ods", ".csv", ".jpg", ".jpeg", ".png")


@transaction.atomic
def attachment_add(*, actor: Any, resolution: Resolution, title: str, file: Any) -> ResolutionAttachment:
    check_actor(actor)
    document = signed_document_for(subject=resolution, kind=RESOLUTION_KIND)
    if document is not None and document.locked:
        raise ValidationError(_("Uchwała jest podpisana: załączniki są częścią podpisanego dokumentu."))
    errors = {}
    if not title.strip():
        errors["title"] = _("Podaj tytuł załącznika.")
    name = (getattr(file, "name", "") or "").lower()
    if not name.endswith(ATTACHMENT_TYPES):
        errors["file"] = _("Dołącz plik PDF, DOCX, XLSX, ODT, ODS, CSV, JPG albo PNG.")
    if errors:
        raise ValidationError(errors)
    order = (resolution.attachments.aggregate(m=Max("order"))["m"] or 0) + 1
    attachment = ResolutionAttachment(
        resolution=resolution, order=order, title=title.strip(), sha256=file_sha256(file)
    )
    attachment.file.save(name.rsplit("/", 1)[-1], file, save=False)
    attachment.save()
    audit.record(
        actor=actor, action="governance.attachment_add", obj=resolution, after=audit.snapshot(attachment)
    )
    return attachment


def apply_effect(actor: Any, resolution: Resolution) -> Resolution:
    """Apply the effect now if the actor may (`effect_rights`: the office, or a secretary the setting
    allows); otherwise it waits, saying who will apply it."""
    if actor is not None and not effect_rights.may_apply_effect(actor):
        applied, note = False, " ".join([_("Uchwała jest podjęta."), effect_rights.who_applies()])
    else:
        applied, note = effects.apply(effect_rights.effect_actor(actor), resolution)
    resolution.effect_note = note
    if applied:
        resolution.effect, resolution.effect_applied_at = Resolution.Effect.APPLIED, timezone.now()
    resolution.save(update_fields=["effect", "effect_note", "effect_applied_at"])
    audit.record(
        actor=actor,
        action="governance.effect_apply" if applied else "governance.effect_pending",
        obj=resolution,
        after={"effect": resolution.effect, "note": note},
    )
    return resolution


@transaction.atomic
def resolution_effect_apply(*, actor: Any, resolution: Resolution) -> Resolution:
    """Apply a waiting effect (after the office fixed what stopped it), by whoever the setting lets apply it
    (`effect_rights`)."""
    check_actor(actor)
    if not effect_rights.may_apply_effect(actor):
        raise PermissionDenied(effect_rights.who_applies())
    resolution = Resolution.objects.select_for_update().get(pk=resolution.pk)
    if not resolution.effect_pending:
        raise ValidationError(_("Ta uchwała nie ma skutku do wprowadzenia."))
    resolution = apply_effect(actor, resolution)
    if resolution.effect != Resolution.Effect.APPLIED:
        raise ValidationError(resolution.effect_note)
    return resolution


# --- the signed document and the register


@transaction.atomic
def resolution_document_generate(*, actor: Any, resolution: Resolution):
    from zit.governance.documents import resolution_docx

    check_actor(actor)
    if not resolution.is_adopted:
        raise ValidationError(
            _("Dokument do podpisu przygotowuje się dla podjętej uchwały, z jej numerem i datą.")
        )
    return signed_document_draft(
        actor=actor,
        subject=resolution,
        kind=RESOLUTION_KIND,
        title=f"Uchwała nr {resolution.number} {issuer(resolution.body)}",
        content=resolution_docx(resolution),
        filename=f"uchwala-{resolution.body.slug}-{resolution.sequence}-{resolution.year}.docx",
        read_perm=Perm.GOVERNANCE_VIEW,
        write_perm=Perm.GOVERNANCE_MANAGE,
    )


@transaction.atomic
def resolution_publish(
    *, actor: Any, resolution: Resolution, prepared_by: str, prepared_on: dt.date | None = None
) -> Resolution:
    """Put the adopted resolution in the public register; the signed file is its record, so it is needed."""
    check_actor(actor)
    resolution = Resolution.objects.select_for_update().get(pk=resolution.pk)
    if not resolution.is_adopted:
        raise ValidationError(_("Publikuje się podjęte uchwały."))
    document = signed_document_for(subject=resolution, kind=RESOLUTION_KIND)
    if document is None or not document.locked:
        raise ValidationError(_("Najpierw wgraj podpisaną uchwałę: to ona jest dokumentem w rejestrze."))
    if not prepared_by.strip():
        raise ValidationError(
            {"prepared_by": _("Podaj, kto wytworzył informację (imię, nazwisko, funkcja).")}
        )
    fields = ["prepared_by", "prepared_on", "published_at", "published_by_label"]
    before = audit.snapshot(resolution, fields)
    resolution.prepared_by = prepared_by.strip()
    resolution.prepared_on = prepared_on or resolution.adopted_on
    if resolution.published_at is None:
        resolution.published_at, resolution.published_by_label = timezone.now(), audit.actor_label(actor)
    resolution.save(update_fields=fields)
    audit.record(
        actor=actor,
        action="governance.resolution_publish",
        obj=resolution,
        before=before,
        after=audit.snapshot(resolution, fields),
    )
    return resolution
