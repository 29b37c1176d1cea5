"""Replacing many members' representatives at once, as after local elections: one plan, checked as a whole,
then written in one transaction.

Dates follow the model's convention: a mandate's or representation's `end` is its last day (`is_active_on`
counts it), so on a change dated D the old ones end on D − 1 and the new ones start on D.

Roles follow the person's seat, not the offices: a successor gets the same functions at the member (head,
delegate, officer, with the same title) and plain membership ("Członek") in the same bodies. An office in a
body (chair, vice-chair, president, secretary) is filled by an election, so it is never carried over: the
plan names it as vacant and the office records the body's choice as a new mandate.

The Rada is the body with one seat per member (`Body.Kind.ASSEMBLY`, zit.governance.voting.seats): a member
represented in it on the day before the change must still be represented on the day of the change, by a
delegate or head (Representation) or by a mandate in the assembly."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext as _

from zit.accounts.services import roles_end_with
from zit.association.models import Body, Mandate, Member, Person, Representation
from zit.core import audit
from zit.core.formatting import format_date
from zit.core.roles import Perm, require

KEEP, REPLACE, END = "keep", "replace", "end"
# the functions a change after elections touches unless the office says otherwise; the contact officer in
# the member's office is staff, not an elected representative
DEFAULT_FUNCTIONS = (Representation.Function.HEAD, Representation.Function.DELEGATE)
PERMISSIONS = (Perm.MEMBERS_EDIT, Perm.MANDATES_EDIT, Perm.PEOPLE_EDIT)
SUMMARY_ACTION = "association.representatives_change"


def require_change_rights(actor: Any) -> None:
    """The office that keeps the list of members, and only it: the change rewrites members' representation
    and the bodies' composition at once (a body's secretary may edit mandates one by one, not this)."""
    for perm in PERMISSIONS:
        require(actor, perm)


@dataclass
class Row:
    """One person acting for one member on the change date, with what the change would touch."""

    member: Member
    person: Person
    representations: list[Representation] = field(default_factory=list)
    mandates: list[Mandate] = field(default_factory=list)

    @property
    def key(self) -> str:
        return f"{self.member.pk}-{self.person.pk}"


@dataclass(frozen=True)
class NewPerson:
    first_name: str
    last_name: str
    email: str = ""

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"


@dataclass(frozen=True)
class Choice:
    key: str  # Row.key
    action: str  # KEEP, REPLACE or END
    successor: Person | None = None
    new_person: NewPerson | None = None


@dataclass(frozen=True)
class Ending:
    row: Row
    item: Mandate | Representation


@dataclass(frozen=True)
class Start:
    row: Row
    successor: Person | NewPerson
    body: Body | None = None  # a mandate in the body, or else a function at the member
    function: str = ""
    title: str = ""

    @property
    def role_label(self) -> str:
        return Mandate.Role.MEMBER.label  # the successor's seat; offices are elected by the body

    @property
    def function_label(self) -> str:
        return Representation.Function(self.function).label if self.function else ""


@dataclass(frozen=True)
class Vacancy:
    body: Body
    role: str
    previous: Person
    member: Member

    @property
    def role_label(self) -> str:
        return Mandate.Role(self.role).label


@dataclass
class Plan:
    day: dt.date
    endings: list[Ending] = field(default_factory=list)
    starts: list[Start] = field(default_factory=list)
    vacancies: list[Vacancy] = field(default_factory=list)
    reference: str = ""

    @property
    def last_day(self) -> dt.date:
        return self.day - dt.timedelta(days=1)


def _open_on(day: dt.date) -> Q:
    # in force on the day or later: ended no earlier than the day (or not at all)
    return Q(end__isnull=True) | Q(end__gte=day)


def _active(day: dt.date) -> Q:
    return Q(start__lte=day) & _open_on(day)


def representatives_for_change(
    *,
    user: Any,
    day: dt.date,
    bodies: list[Body] | None = None,
    functions: tuple[str, ...] | list[str] = DEFAULT_FUNCTIONS,
) -> list[Row]:
    """Every member's representatives in force on `day` or later (functions at the member and mandates in
    `bodies`, all bodies when None), one row per member and person, in the order of the members' list."""
    require_change_rights(user)
    representations = Representation.objects.filter(_open_on(day), function__in=list(functions))
    mandates = Mandate.objects.filter(_open_on(day), member__isnull=False)
    if bodies is not None:
        mandates = mandates.filter(body__in=bodies)
    rows: dict[tuple[int, int], Row] = {}
    members = {m.pk: m for m in Member.objects.select_related("organisation")}
    people: dict[int, Person] = {}

    def row(member_id: int, person: Person) -> Row:
        people.setdefault(person.pk, person)
        key = (member_id, person.pk)
        if key not in rows:
            rows[key] = Row(member=members[member_id], person=people[person.pk])
        return rows[key]

    for r in representations.select_related("person").order_by("function", "start", "pk"):
        row(r.member_id, r.person).representations.append(r)
    for m in mandates.select_related("person", "body").order_by("body__order", "body__name", "start", "pk"):
        row(m.member_id, m.person).mandates.append(m)
    return sorted(rows.values(), key=lambda r: (r.member.number, r.person.last_name, r.person.first_name))


def plan_fingerprint(day: dt.date, choices: list[Choice], rows: list[Row]) -> str:
    """What the office saw in the preview: the choices and what each changed row holds (a function or mandate
    added or changed since then is part of it), so that saving something else asks for a new preview."""
    by_key = {r.key: r for r in rows}

    def held(key: str) -> list[list]:
        row = by_key.get(key)
        items = [*row.representations, *row.mandates] if row else []
        return sorted(
            [type(i).__name__, i.pk, i.start.isoformat(), i.end.isoformat() if i.end else None] for i in items
        )

    content = [
        [
            c.key,
            c.action,
            c.successor.pk if c.successor else None,
            [c.new_person.first_name, c.new_person.last_name, c.new_person.email] if c.new_person else None,
            held(c.key),
        ]
        for c in sorted(choices, key=lambda c: c.key)
        if c.action != KEEP
    ]
    text = json.dumps([day.isoformat(), content], ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def representatives_change_plan(*, actor: Any, day: dt.date, rows: list[Row], choices: list[Choice]) -> Plan:
    """What the change would end, start and leave vacant, without writing anything. Every problem is
    refused at once: ValidationError keyed by the row's key ("day" for the date)."""
    require_change_rights(actor)
    errors: dict[str, list[str]] = defaultdict(list)
    by_key = {r.key: r for r in rows}
    plan = Plan(day=day)
    chosen: dict[str, list[Row]] = defaultdict(list)  # successor → the rows that name them
    refused: set[int] = set()  # members whose successor was refused: that error is enough for them
    for choice in choices:
        row = by_key.get(choice.key)
        if row is None:
            stale = _("Lista przedstawicieli zmieniła się w międzyczasie: odśwież stronę i wybierz ponownie.")
            if stale not in errors["__all__"]:
                errors["__all__"].append(stale)
            continue
        if choice.action == KEEP:
            continue
        for item in [*row.representations, *row.mandates]:
            if item.start >= day:
                errors[row.key].append(_start_error(item, day))
                continue
            plan.endings.append(Ending(row=row, item=item))
        for mandate in row.mandates:
            if mandate.role != Mandate.Role.MEMBER:
                plan.vacancies.append(
                    Vacancy(body=mandate.body, role=mandate.role, previous=row.person, member=row.member)
                )
        if choice.action != REPLACE:
            continue
        successor = choice.successor or choice.new_person
        if successor is None:
            errors[row.key].append(_("Wskaż następcę: wybierz osobę z listy albo wpisz nową."))
            refused.add(row.member.pk)
            continue
        if isinstance(successor, NewPerson):
            if not successor.first_name.strip() or not successor.last_name.strip():
                errors[row.key].append(_("Podaj imię i nazwisko nowej osoby."))
                refused.add(row.member.pk)
                continue
            identity = f"new:{successor.first_name.strip().lower()} {successor.last_name.strip().lower()}"
        else:
            if successor.pk == row.person.pk:
                errors[row.key].append(_("Następca to ta sama osoba: wybierz „zostaje” albo inną osobę."))
                refused.add(row.member.pk)
                continue
            identity = f"person:{successor.pk}"
        chosen[identity].append(row)
        for rep in row.representations:
            plan.starts.append(Start(row=row, successor=successor, function=rep.function, title=rep.title))
        for body in dict.fromkeys(m.body for m in row.mandates):
            plan.starts.append(Start(row=row, successor=successor, body=body))
    for rows_naming in chosen.values():
        members = {r.member.pk for r in rows_naming}
        if len(members) > 1:
            names = ", ".join(dict.fromkeys(r.member.name for r in rows_naming))
            for r in rows_naming:
                errors[r.key].append(
                    _("Ta sama osoba jest wskazana dla kilku członków (%(members)s); każdy ma własnego.")
                    % {"members": names}
                )
    _check_successors_elsewhere(plan, errors)
    _drop_what_successors_hold(plan)
    _check_represented(plan, errors, refused)
    if errors:
        raise ValidationError(dict(errors))
    return plan


def _start_error(item: Mandate | Representation, day: dt.date) -> str:
    what = (
        _("mandat w organie %(body)s") % {"body": item.body.name}
        if isinstance(item, Mandate)
        else _("funkcja „%(f)s”") % {"f": item.get_function_display()}
    )
    return _(
        "Data zmiany (%(day)s) musi być późniejsza niż początek tego, co się kończy: %(what)s od "
        "%(start)s. Podaj późniejszą datę zmiany."
    ) % {"day": format_date(day), "what": what, "start": format_date(item.start)}


def _check_successors_elsewhere(plan: Plan, errors: dict[str, list[str]]) -> None:
    """A successor already acting for another member, who keeps them, would represent two members."""
    successors = {s.successor.pk: s for s in plan.starts if isinstance(s.successor, Person)}
    if not successors:
        return
    ending = {(type(e.item), e.item.pk) for e in plan.endings}
    held = [
        *Representation.objects.filter(_active(plan.day), person_id__in=successors).select_related("member"),
        *Mandate.objects.filter(
            _active(plan.day), person_id__in=successors, member__isnull=False
        ).select_related("member"),
    ]
    for item in held:
        start = successors[item.person_id]
        if item.member_id == start.row.member.pk or (type(item), item.pk) in ending:
            continue
        message = _(
            "%(p)s działa już w imieniu członka %(m)s; zakończ tamtą funkcję albo wskaż kogoś innego."
        ) % {
            "p": start.successor,
            "m": item.member.name,
        }
        if message not in errors[start.row.key]:
            errors[start.row.key].append(message)


def _drop_what_successors_hold(plan: Plan) -> None:
    """A successor who already acts for the same member (a delegate who becomes its head) keeps what they hold
    and does not get it twice."""
    existing = {s.successor.pk for s in plan.starts if isinstance(s.successor, Person)}
    if not existing:
        return
    ending = {(type(e.item), e.item.pk) for e in plan.endings}
    held: set[tuple[int, int, str]] = set()
    for r in Representation.objects.filter(_active(plan.day), person_id__in=existing):
        if (Representation, r.pk) not in ending:
            held.add((r.person_id, r.member_id, f"function:{r.function}"))
    for m in Mandate.objects.filter(_active(plan.day), person_id__in=existing, member__isnull=False):
        if (Mandate, m.pk) not in ending:
            held.add((m.person_id, m.member_id, f"body:{m.body_id}"))

    def what(start: Start) -> str:
        return f"body:{start.body.pk}" if start.body is not None else f"function:{start.function}"

    plan.starts = [
        s
        for s in plan.starts
        if not (isinstance(s.successor, Person) and (s.successor.pk, s.row.member.pk, what(s)) in held)
    ]


def _check_represented(plan: Plan, errors: dict[str, list[str]], refused: set[int]) -> None:
    """A member represented in the Rada the day before the change is represented on the day of it: by what
    stays, or by a successor to a seat (a successor to another function of the member does not count)."""
    touched = {e.row.member.pk: e.row.member for e in plan.endings if e.row.member.pk not in refused}
    if not touched or not Body.objects.filter(kind=Body.Kind.ASSEMBLY).exists():
        return
    seat_functions = (Representation.Function.HEAD, Representation.Function.DELEGATE)
    ending = {(type(e.item), e.item.pk) for e in plan.endings}

    def holders(day: dt.date) -> dict[int, set[tuple[type, int]]]:
        found: dict[int, set[tuple[type, int]]] = defaultdict(set)
        for model, extra in (
            (Representation, Q(function__in=seat_functions)),
            (Mandate, Q(body__kind=Body.Kind.ASSEMBLY)),
        ):
            for pk, member_id in model.objects.filter(_active(day), extra, member_id__in=touched).values_list(
                "pk", "member_id"
            ):
                found[member_id].add((model, pk))
        return found

    before, on_day = holders(plan.last_day), holders(plan.day)
    starting = {
        s.row.member.pk
        for s in plan.starts
        if s.function in seat_functions or (s.body is not None and s.body.kind == Body.Kind.ASSEMBLY)
    }
    for member_id, member in touched.items():
        if not before.get(member_id) or member_id in starting:
            continue
        if on_day.get(member_id, set()) - ending:
            continue
        rows = {e.row.key for e in plan.endings if e.row.member.pk == member_id}
        for key in rows:
            errors[key].append(
                _(
                    "%(m)s zostałby bez przedstawiciela w Radzie Stowarzyszenia, w której każdy członek ma "
                    "swoje miejsce: wskaż następcę albo zostaw obecnego przedstawiciela."
                )
                % {"m": member.name}
            )


@transaction.atomic
def representatives_change(*, actor: Any, day: dt.date, rows: list[Row], choices: list[Choice]) -> Plan:
    """Carries out the plan in one transaction: old functions and mandates end on the day before `day`, the
    successors' start on `day`; new people are created with the member's organisation. Each write is audited
    with the change's reference in its reason, and one summary event lists the whole change."""
    plan = representatives_change_plan(actor=actor, day=day, rows=rows, choices=choices)
    plan.reference = f"ZR-{day.isoformat().replace('-', '')}-{uuid.uuid4().hex[:8]}"  # a machine reference
    # the audit log is kept in Polish whatever language the office reads the page in
    reason = f"Zmiana reprezentantów członków od {day.isoformat()}, nr {plan.reference}"
    for ending in plan.endings:
        _end(actor, ending, plan.last_day, reason)
    created: dict[NewPerson, Person] = {}
    for start in plan.starts:
        person = start.successor
        if isinstance(person, NewPerson):
            if person not in created:
                created[person] = _create_person(actor, person, start.row.member, reason)
            person = created[person]
        _start(actor, start, person, day, reason)
    with translation.override("pl"):
        vacant = [f"{v.body.name}: {v.role_label}" for v in plan.vacancies]
    audit.record(
        actor=actor,
        action=SUMMARY_ACTION,
        obj=None,
        collection=Mandate,
        after={
            "reference": plan.reference,
            "day": day,
            "ended": [f"{e.item._meta.model_name}:{e.item.pk}" for e in plan.endings],
            "started": len(plan.starts),
            "vacant": vacant,
        },
        reason=reason,
    )
    return plan


def _end(actor: Any, ending: Ending, last_day: dt.date, reason: str) -> None:
    # the rows were read before the transaction: lock each one and make sure nobody changed it meanwhile
    seen = ending.item
    item = type(seen).objects.select_for_update().filter(pk=seen.pk).first()
    if item is None or (item.person_id, item.start, item.end) != (seen.person_id, seen.start, seen.end):
        raise ValidationError(
            {
                ending.row.key: _(
                    "Ktoś zmienił w międzyczasie funkcje lub mandaty tej osoby: odśwież stronę i sprawdź zmianę "
                    "jeszcze raz."
                )
            }
        )
    before = audit.snapshot(item)
    item.end = last_day
    item.full_clean()
    item.save()
    kind = "mandate_end" if isinstance(item, Mandate) else "representation_end"
    audit.record(
        actor=actor,
        action=f"association.{kind}",
        obj=item,
        before=before,
        after=audit.snapshot(item),
        reason=reason,
    )
    if isinstance(item, Mandate):
        roles_end_with(actor=actor, mandate=item)  # an account's role given by the mandate ends with it


def _create_person(actor: Any, new: NewPerson, member: Member, reason: str) -> Person:
    person = Person(
        first_name=new.first_name.strip(),
        last_name=new.last_name.strip(),
        email=new.email.strip(),
        organisation=member.organisation,
    )
    person.full_clean()
    person.save()
    audit.record(
        actor=actor,
        action="association.person_create",
        obj=person,
        after=audit.snapshot(person),
        reason=reason,
    )
    return person


def _start(actor: Any, start: Start, person: Person, day: dt.date, reason: str) -> None:
    if start.body is not None:
        item: Mandate | Representation = Mandate(
            person=person, body=start.body, member=start.row.member, role=Mandate.Role.MEMBER, start=day
        )
        action = "association.mandate_create"
    else:
        item = Representation(
            person=person, member=start.row.member, function=start.function, title=start.title, start=day
        )
        action = "association.representation_create"
    item.full_clean()
    item.save()
    audit.record(actor=actor, action=action, obj=item, after=audit.snapshot(item), reason=reason)
