"""Resolutions: drafting, roll-call votes, adoption with its number and decision reference, the effect on other
apps, the signed document and publication in the register."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any, NamedTuple

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from zit.association.models import Body, Member, Person
from zit.association.selectors import association_profile
from zit.core import audit
from zit.core.formatting import format_date
from zit.core.lifecycle import Context
from zit.core.models import DecisionReference
from zit.core.roles import Perm, require_unless_system
from zit.core.services import decision_reference_create
from zit.core.signed import file_sha256, signed_document_draft, signed_document_for
from zit.governance import effects
from zit.governance.lifecycles import RESOLUTION, VOTE
from zit.governance.meetings import meeting_day, meeting_seats
from zit.governance.models import (
    Ballot,
    Resolution,
    ResolutionAttachment,
    ResolutionKind,
    Vote,
)
from zit.governance.voting import Rule, Seat, as_fraction, rule_for, tally

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


def _check(actor: Any) -> None:
    require_unless_system(actor, Perm.GOVERNANCE_MANAGE)


def paragraphs(text: str) -> list[str]:
    """The paragraphs of a text typed in the platform: blocks separated by an empty line."""
    return [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]


def issuer(body: Body) -> str:
    """The body named as in a Polish title, from data: "Rady Stowarzyszenia Aglomeracji Konińskiej"."""
    profile = association_profile()
    association = (getattr(profile, "name_genitive", "") or getattr(profile, "name", "")).strip()
    name = (body.name_genitive or body.name).strip()
    return name if association and association in name else f"{name} {association}".strip()


def full_title(resolution: Resolution) -> str:
    """ "Uchwała nr 12/2025 Rady Stowarzyszenia Aglomeracji Konińskiej z dnia 6 czerwca 2025 r. w sprawie …".
    The title is the document's own Polish text, in every interface language (pages mark it lang="pl")."""
    parts = [
        f"Uchwała nr {resolution.number}" if resolution.number else "Projekt uchwały",
        issuer(resolution.body),
    ]
    if resolution.adopted_on:
        with translation.override("pl"):
            parts.append(f"z dnia {format_date(resolution.adopted_on)} r.")
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
        from zit.projects.models import ListVersion

        if resolution.list_version.status != ListVersion.Status.DRAFT:
            errors["list_version"] = _(
                "Uchwałą zatwierdza się wersję roboczą listy; ta jest już zatwierdzona."
            )
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
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def resolution_save(
    *, actor: Any, body: Body, resolution: Resolution | None = None, is_demo: bool = False, **fields: Any
) -> Resolution:
    """A draft resolution; it stays editable until the vote starts."""
    _check(actor)
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
    _check(actor)
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


# --- votes


@transaction.atomic
def vote_start(*, actor: Any, resolution: Resolution, mode: str = Vote.Mode.LIVE) -> Vote:
    """Open the roll call: one line per seat of the body on the meeting's day, absent seats filled in from
    the attendance list. Live votes need the meeting in progress; votes from the minutes need it held
    (`lifecycles.RESOLUTION`, "start_vote": the draft stays a draft until the vote is closed)."""
    if mode not in Vote.Mode.values:
        _check(actor)
        raise ValidationError({"mode": _("Wybierz, czy głosowanie zapisujesz na bieżąco, czy z protokołu.")})
    resolution = (
        Resolution.objects.select_for_update(of=("self",)).select_related("meeting").get(pk=resolution.pk)
    )
    created: list[Vote] = []

    def apply(obj: Resolution) -> None:
        meeting = obj.meeting
        vote = Vote.objects.create(
            resolution=obj,
            mode=mode,
            held_on=meeting_day(meeting),
            recorded_by_label=audit.actor_label(actor),
        )
        attendance = {a.seat: a for a in meeting.attendance.all()}
        Ballot.objects.bulk_create(
            Ballot(
                vote=vote,
                seat=seat.key,
                member=seat.member,
                person=(
                    attendance[seat.key].person
                    if seat.key in attendance and attendance[seat.key].present
                    else None
                ),
                # absent only where the attendance says so: a seat nobody checked is recorded by hand
                choice=Ballot.Choice.ABSENT
                if seat.key in attendance and not attendance[seat.key].present
                else "",
            )
            for seat in meeting_seats(meeting)
        )
        created.append(vote)

    held_on = meeting_day(resolution.meeting) if resolution.meeting else None
    RESOLUTION.fire(
        actor=actor,
        obj=resolution,
        name="start_vote",
        data={"mode": mode},
        apply=apply,
        after={"mode": mode, "held_on": held_on},
    )
    return created[0]


def _locked_vote(vote: Vote) -> Vote:
    return (
        Vote.objects.select_for_update(of=("self",))
        .select_related("resolution__body", "resolution__meeting")
        .get(pk=vote.pk)
    )


def _open_vote(vote: Vote) -> Vote:
    """The vote locked for recording ballots, which only an open vote takes."""
    vote = _locked_vote(vote)
    if vote.is_closed:
        raise ValidationError(_("Głosowanie jest zamknięte: wyniku nie można zmienić."))
    return vote


class BallotChange(NamedTuple):
    """One seat's vote as entered: the choice and, where someone other than the representative sat for the
    member, who voted."""

    seat: str
    choice: str
    person: Person | None = None


def _not_a_seat() -> str:
    return _("Ten członek lub ta osoba nie zasiada w organie w dniu głosowania.")


def _voter(*, ballot: Ballot, place: Seat | None, choice: str, person: Person | None) -> Person | None:
    """Who cast the seat's vote: nobody when absent; otherwise the person named, the one present for the
    seat, then its representative. A seat with nobody to name can only be absent."""
    if choice not in Ballot.Choice.values:
        raise ValidationError(
            {"choice": _("Wybierz: za, przeciw, wstrzymał się, obecny bez głosu albo nieobecny.")}
        )
    if choice == Ballot.Choice.ABSENT:
        return None
    person = person or ballot.person or (place.representative if place else None)
    if person is None:
        label = place.label if place else ballot.seat
        raise ValidationError(
            {"person": _("%(s)s nie ma przedstawiciela: wskaż osobę, która głosowała.") % {"s": label}}
        )
    return person


def _ballot_save(actor: Any, vote: Vote, ballot: Ballot, choice: str, person: Person | None) -> Ballot:
    before = audit.snapshot(ballot)
    ballot.choice, ballot.person = choice, person
    ballot.save(update_fields=["choice", "person"])
    audit.record(
        actor=actor,
        action="governance.ballot",
        obj=vote.resolution,
        before=before,
        after=audit.snapshot(ballot),
    )
    return ballot


@transaction.atomic
def ballot_record(*, actor: Any, vote: Vote, seat: str, choice: str, person: Person | None = None) -> Ballot:
    """One seat's vote. The person who voted defaults to the one present for the seat, then to its
    representative; a seat with nobody to name can only be absent."""
    _check(actor)
    vote = _open_vote(vote)
    ballot = vote.ballots.order_by().select_for_update().filter(seat=seat).first()
    if ballot is None:
        raise ValidationError(_not_a_seat())
    place = {s.key: s for s in meeting_seats(vote.resolution.meeting)}.get(seat)
    person = _voter(ballot=ballot, place=place, choice=choice, person=person)
    return _ballot_save(actor, vote, ballot, choice, person)


@transaction.atomic
def ballots_record(*, actor: Any, vote: Vote, changes: Iterable[BallotChange]) -> list[Ballot]:
    """Several seats' votes at once (the roll-call page sends them together): all of them or none. Every row
    is checked before anything is written, so one wrong seat neither leaves the rows before it recorded nor
    hides the mistakes after it; the ValidationError names each wrong seat by its key. A row that changes
    nothing is skipped; each recorded one gets its audit event, as with `ballot_record`."""
    _check(actor)
    vote = _open_vote(vote)
    wanted = {change.seat: change for change in changes}
    ballots = {b.seat: b for b in vote.ballots.order_by().select_for_update().filter(seat__in=wanted)}
    places = {s.key: s for s in meeting_seats(vote.resolution.meeting)}
    errors: dict[str, list[str]] = {}
    planned: list[tuple[Ballot, str, Person | None]] = []
    for seat, change in wanted.items():
        ballot = ballots.get(seat)
        if ballot is None:
            errors[seat] = [_not_a_seat()]
            continue
        try:
            person = _voter(ballot=ballot, place=places.get(seat), choice=change.choice, person=change.person)
        except ValidationError as exc:
            errors[seat] = exc.messages
            continue
        if (change.choice, getattr(person, "pk", None)) != (ballot.choice, ballot.person_id):
            planned.append((ballot, change.choice, person))
    if errors:
        raise ValidationError(errors)
    return [_ballot_save(actor, vote, ballot, choice, person) for ballot, choice, person in planned]


def closed_tally(vote: Vote):
    """A closed vote's result told again from its frozen figures, in the reader's language (the stored
    explanation is the Polish record)."""
    rule = Rule(
        vote.majority,
        vote.base,
        as_fraction(vote.qualified_fraction),
        vote.quorum_fraction if vote.quorum_fraction is not None else Decimal("0.5"),
        "",
    )
    cast = vote.votes_for + vote.votes_against + vote.abstentions
    choices = (
        [Ballot.Choice.FOR] * vote.votes_for
        + [Ballot.Choice.AGAINST] * vote.votes_against
        + [Ballot.Choice.ABSTAIN] * vote.abstentions
        + [Ballot.Choice.NOT_VOTING] * (vote.present - cast)
        + [Ballot.Choice.ABSENT] * (vote.composition - vote.present)
    )
    return tally(rule, vote.composition, choices)


def current_tally(vote: Vote):
    """The result so far, for the live view: seats not yet recorded count as not voting."""
    resolution = vote.resolution
    choices = [b.choice or Ballot.Choice.NOT_VOTING for b in vote.ballots.all()]
    return tally(rule_for(resolution.body, resolution.kind), len(choices), choices)


def _next_sequence(body: Body, year: int) -> int:
    Body.objects.select_for_update().filter(pk=body.pk).first()  # one number at a time per body
    return (Resolution.objects.filter(body=body, year=year).aggregate(m=Max("sequence"))["m"] or 0) + 1


@transaction.atomic
def vote_close(*, actor: Any, vote: Vote, number: int | None = None) -> Resolution:
    """Close the roll call and compute the result (`lifecycles.VOTE`, "close": every seat recorded). The
    resolution becomes adopted or not (`lifecycles.RESOLUTION`, "adopt" or "reject"); an adopted one gets
    its number (the next one of the body and year; from the minutes, the number they give), its decision
    reference, and its effect."""
    vote = _locked_vote(vote)
    resolution = Resolution.objects.select_for_update().get(pk=vote.resolution_id)
    vote.resolution = resolution
    ballots = list(vote.ballots.all())
    rule = rule_for(resolution.body, resolution.kind)
    result = tally(rule, len(ballots), [b.choice for b in ballots])
    year = vote.held_on.year
    if result.adopted and number is not None:
        VOTE.check(actor, vote, "close", Context(actor=actor, today=timezone.localdate()))
        if number < 1:
            raise ValidationError({"number": _("Numer uchwały to liczba od 1.")})
        if Resolution.objects.filter(body=resolution.body, year=year, sequence=number).exists():
            raise ValidationError(
                {"number": _("Uchwała nr %(n)d/%(y)d już jest w rejestrze.") % {"n": number, "y": year}}
            )

    def freeze(obj: Vote) -> None:
        obj.majority, obj.base, obj.qualified_fraction = rule.majority, rule.base, None
        if rule.fraction is not None:
            obj.qualified_fraction = round(rule.fraction.numerator / rule.fraction.denominator, 4)
        obj.quorum_fraction, obj.composition, obj.present = rule.quorum, result.composition, result.present
        obj.votes_for, obj.votes_against, obj.abstentions = (
            result.votes_for,
            result.votes_against,
            result.abstentions,
        )
        obj.adopted, obj.explanation, obj.closed_at = result.adopted, result.explanation, timezone.now()

    VOTE.fire(
        actor=actor,
        obj=vote,
        name="close",
        apply=freeze,
        after={
            "adopted": result.adopted,
            "composition": result.composition,
            "present": result.present,
            "votes_for": result.votes_for,
            "votes_against": result.votes_against,
            "abstentions": result.abstentions,
        },
    )
    before = audit.snapshot(resolution)

    def adopt(obj: Resolution) -> None:
        obj.adopted_on = vote.held_on
        obj.year, obj.sequence = year, number or _next_sequence(obj.body, year)
        obj.decision = decision_reference_create(
            actor=actor,
            issuer_kind=DecisionReference.IssuerKind.ASSOCIATION_BODY,
            issuer_name=obj.body.name,
            kind="uchwała",
            number=obj.number,
            date=vote.held_on,
            title=obj.subject[:500],
        )
        obj.effect = Resolution.Effect.PENDING if effects.has_effect(obj.kind) else Resolution.Effect.NONE

    def reject(obj: Resolution) -> None:
        if obj.kind == ResolutionKind.DISCHARGE:
            effects.record_discharges(obj, granted=False)

    outcome = "adopt" if result.adopted else "reject"
    applied: dict[str, Any] = {}

    def apply(obj: Resolution) -> None:
        (adopt if result.adopted else reject)(obj)
        applied.update(audit.snapshot(obj) | {"explanation": result.explanation})

    # the audit event "governance.vote_close" with the whole record before and after, as it always was
    RESOLUTION.fire(
        actor=actor,
        obj=resolution,
        name=outcome,
        data={"adopted": result.adopted},
        apply=apply,
        before=before,
        after=applied,  # filled in by `apply`, read when the event is written
    )
    if resolution.effect == Resolution.Effect.PENDING:
        _apply_effect(actor, resolution)
    return resolution


def _apply_effect(actor: Any, resolution: Resolution) -> Resolution:
    applied, note = effects.apply(actor, resolution)
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
    """Apply a waiting effect (after the office fixed what stopped it, or by someone who may change the
    register concerned)."""
    _check(actor)
    resolution = Resolution.objects.select_for_update().get(pk=resolution.pk)
    if not resolution.effect_pending:
        raise ValidationError(_("Ta uchwała nie ma skutku do wprowadzenia."))
    resolution = _apply_effect(actor, resolution)
    if resolution.effect != Resolution.Effect.APPLIED:
        raise ValidationError(resolution.effect_note)
    return resolution


# --- the signed document and the register


@transaction.atomic
def resolution_document_generate(*, actor: Any, resolution: Resolution):
    from zit.governance.documents import resolution_docx

    _check(actor)
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
    _check(actor)
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


def member_choices_for_seat(member: Member | None) -> list[Person]:
    """People who may sit and vote for a member: those acting for it (head, delegate, officer) and the people
    of its office (a substitute with a power of attorney)."""
    if member is None:
        return []
    return list(
        Person.objects.filter(
            Q(representations__member=member) | Q(organisation_id=member.organisation_id),
            erased_at__isnull=True,
        ).distinct()
    )
