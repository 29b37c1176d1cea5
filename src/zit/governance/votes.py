"""A resolution's vote: started live or from the minutes, the ballots per seat (one by one, or the roll-call
page's rows all or none), the tally, and closing it, which numbers an adopted resolution, records its
decision reference and applies its effect (`resolutions.apply_effect`)."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any, NamedTuple

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from zit.association.models import Body, Member, Person
from zit.core import audit
from zit.core.lifecycle import Context
from zit.core.models import DecisionReference
from zit.core.services import decision_reference_create
from zit.governance import effects
from zit.governance.lifecycles import RESOLUTION, VOTE
from zit.governance.meetings import meeting_day, meeting_seats
from zit.governance.models import Ballot, Resolution, ResolutionKind, Vote
from zit.governance.resolutions import apply_effect, check_actor
from zit.governance.voting import Rule, Seat, as_fraction, rule_for, tally


@transaction.atomic
def vote_start(*, actor: Any, resolution: Resolution, mode: str = Vote.Mode.LIVE) -> Vote:
    """Open the roll call: one line per seat of the body on the meeting's day, absent seats filled in from
    the attendance list. Live votes need the meeting in progress; votes from the minutes need it held
    (`lifecycles.RESOLUTION`, "start_vote": the draft stays a draft until the vote is closed)."""
    if mode not in Vote.Mode.values:
        check_actor(actor)
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
    check_actor(actor)
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
    check_actor(actor)
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
        apply_effect(actor, resolution)
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
