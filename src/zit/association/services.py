"""Writes about members, membership, people, bodies and mandates; each checks permission and is audited."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from zit.accounts.services import roles_end_with
from zit.association.models import (
    AssociationProfile,
    Body,
    Mandate,
    Member,
    MembershipPeriod,
    Person,
    Representation,
)
from zit.core import audit
from zit.core.models import AuditEvent, DecisionReference
from zit.core.roles import Perm, require


def _check(actor: Any, perm: str) -> None:
    if actor is not None:  # None: the system itself (loaders run by the administrator on the server)
        require(actor, perm)


def _save(actor: Any, obj: Any, action: str, before: dict | None = None) -> Any:
    obj.full_clean()
    obj.save()
    after = audit.snapshot(obj)
    if before is None or audit.changed(before, after):
        audit.record(actor=actor, action=action, obj=obj, before=before, after=after)
    return obj


def _check_dates(start: dt.date, end: dt.date | None) -> None:
    if end is not None and end < start:
        raise ValidationError({"end": _("Data końcowa nie może być wcześniejsza niż początkowa.")})


@transaction.atomic
def association_profile_update(
    *, actor: Any, profile: AssociationProfile, **fields: Any
) -> AssociationProfile:
    _check(actor, Perm.MEMBERS_EDIT)
    profile = AssociationProfile.objects.select_for_update().get(pk=profile.pk)
    before = audit.snapshot(profile)
    for name, value in fields.items():
        if name not in PROFILE_FIELDS:
            raise TypeError(f"Unknown field: {name}")
        setattr(profile, name, value if value is not None or name.endswith("_on") else "")
    if profile.phone:
        profile.phone = _phone(profile.phone, "phone")
    if profile.accessibility_phone:
        profile.accessibility_phone = _phone(profile.accessibility_phone, "accessibility_phone")
    if profile.bank_account:
        profile.bank_account = bank_account_number(profile.bank_account)
    return _save(actor, profile, "association.profile_update", before)


def bank_account_number(value: str) -> str:
    """A Polish account number (NRB, 26 digits, "PL" allowed) checked with its IBAN checksum and written in
    the usual groups: "61 1090 1014 0000 0712 1981 2874"."""
    digits = value.upper().replace(" ", "").replace("-", "").removeprefix("PL")
    if len(digits) != 26 or not (digits.isascii() and digits.isdigit()):
        raise ValidationError(
            {"bank_account": _("Numer rachunku ma 26 cyfr (można poprzedzić go literami PL).")}
        )
    if int(digits[2:] + "2521" + digits[:2]) % 97 != 1:  # IBAN check: PL = 25 21, moved to the end
        raise ValidationError(
            {"bank_account": _("Ten numer rachunku ma błędną sumę kontrolną: sprawdź cyfry.")}
        )
    return " ".join([digits[:2]] + [digits[i : i + 4] for i in range(2, 26, 4)])


PROFILE_FIELDS = (
    "name",
    "name_genitive",
    "other_names",
    "short_name",
    "street",
    "postal_code",
    "city",
    "email",
    "phone",
    "website",
    "bank_account",
    "accessibility_coordinator",
    "accessibility_email",
    "accessibility_phone",
    "website_published_on",
    "website_updated_on",
)


def _phone(value: str, field: str) -> str:
    """A Polish phone number as people write it: 9 digits, optionally +48, spaces, dashes or brackets."""
    digits = re.sub(r"[\s\-()]", "", value)
    if not re.fullmatch(r"(\+48)?\d{9}", digits):
        raise ValidationError({field: _("Podaj numer telefonu, np. 63 240 32 00 lub +48 632 403 200.")})
    return value.strip()


@transaction.atomic
def member_create(
    *,
    actor: Any,
    number: int,
    name: str,
    kind: str,
    organisation: Any,
    territory: Any,
    slug: str,
    joined_on: dt.date,
    joined_by: DecisionReference | None = None,
) -> Member:
    _check(actor, Perm.MEMBERS_EDIT)
    member = _save(
        actor,
        Member(
            number=number, name=name, kind=kind, organisation=organisation, territory=territory, slug=slug
        ),
        "association.member_create",
    )
    _save(
        actor,
        MembershipPeriod(member=member, start=joined_on, joined_by=joined_by),
        "association.membership_start",
    )
    return member


@transaction.atomic
def member_update(*, actor: Any, member: Member, name: str, number: int) -> Member:
    _check(actor, Perm.MEMBERS_EDIT)
    member = Member.objects.select_for_update().get(pk=member.pk)
    before = audit.snapshot(member)
    member.name, member.number = name, number
    return _save(actor, member, "association.member_update", before)


@transaction.atomic
def membership_end(
    *,
    actor: Any,
    member: Member,
    end: dt.date,
    left_by: DecisionReference | None = None,
    note: str = "",
) -> MembershipPeriod:
    """A member leaves: its open period is closed; the history stays. Roles given because of this
    membership (its officers') end at once when the date is today or earlier, else the day after it."""
    _check(actor, Perm.MEMBERS_EDIT)
    period = MembershipPeriod.objects.select_for_update().filter(member=member, end=None).first()
    if period is None:
        raise ValidationError(_("%(m)s nie jest obecnie członkiem.") % {"m": member})
    _check_dates(period.start, end)
    before = audit.snapshot(period)
    period.end, period.left_by, period.note = end, left_by, note or period.note
    _save(actor, period, "association.membership_end", before)
    roles_end_with(actor=actor, membership=period)
    return period


@transaction.atomic
def membership_start(
    *,
    actor: Any,
    member: Member,
    start: dt.date,
    joined_by: DecisionReference | None = None,
    note: str = "",
) -> MembershipPeriod:
    """A member joins again; periods may not overlap."""
    _check(actor, Perm.MEMBERS_EDIT)
    periods = list(MembershipPeriod.objects.select_for_update().filter(member=member))
    if any(p.end is None or p.end >= start for p in periods):
        raise ValidationError(
            {"start": _("Nowy okres członkostwa musi zaczynać się po zakończeniu poprzedniego.")}
        )
    return _save(
        actor,
        MembershipPeriod(member=member, start=start, joined_by=joined_by, note=note),
        "association.membership_start",
    )


PERSON_FIELDS = ("first_name", "last_name", "email", "phone", "organisation")


@transaction.atomic
def person_create(*, actor: Any, is_demo: bool = False, **fields: Any) -> Person:
    _check(actor, Perm.PEOPLE_EDIT)
    if fields.get("phone"):
        fields["phone"] = _phone(fields["phone"], "phone")
    return _save(
        actor,
        Person(is_demo=is_demo, **{k: fields[k] for k in fields if k in PERSON_FIELDS}),
        "association.person_create",
    )


@transaction.atomic
def person_update(*, actor: Any, person: Person, **fields: Any) -> Person:
    _check(actor, Perm.PEOPLE_EDIT)
    person = Person.objects.select_for_update().get(pk=person.pk)
    if person.erased_at:
        raise ValidationError(_("Dane tej osoby usunięto na jej wniosek; nie można ich edytować."))
    before = audit.snapshot(person)
    if fields.get("phone"):
        fields["phone"] = _phone(fields["phone"], "phone")
    for name, value in fields.items():
        if name not in PERSON_FIELDS:
            raise TypeError(f"Unknown field: {name}")
        setattr(person, name, value)
    return _save(actor, person, "association.person_update", before)


PERSONAL_FIELDS = ("first_name", "last_name", "email", "phone")


@transaction.atomic
def person_erase(*, actor: Any, person: Person, reason: str) -> Person:
    """GDPR erasure: personal data is removed from the record and pseudonymised in the audit log (every
    value ever held in a personal field, and the name in events about the person's functions and mandates);
    the mandates stay, so that the bodies' history still adds up."""
    require(actor, Perm.PEOPLE_ERASE)
    if len(reason.strip()) < 10:
        raise ValidationError({"reason": _("Podaj podstawę usunięcia danych (co najmniej 10 znaków).")})
    person = Person.objects.select_for_update().get(pk=person.pk)
    pseudonym = _("Osoba %(id)d") % {"id": person.pk}
    own_events = AuditEvent.objects.filter(object_type="association.person", object_id=str(person.pk))
    secrets = {v for v in (person.first_name, person.last_name, person.email, person.phone, str(person)) if v}
    for event in own_events:
        for data in (event.before or {}, event.after or {}):
            secrets |= {str(data[k]) for k in PERSONAL_FIELDS if data.get(k)}
        secrets.add(event.object_repr)
    person.first_name, person.last_name, person.email, person.phone = pseudonym, "", "", ""
    person.erased_at = timezone.now()
    person.save()

    def scrub(text: str) -> str:
        for secret in sorted(secrets, key=len, reverse=True):
            text = text.replace(secret, pseudonym)
        return text

    related = [
        ("association.person", [person.pk]),
        ("association.representation", list(person.representations.values_list("pk", flat=True))),
        ("association.mandate", list(person.mandates.values_list("pk", flat=True))),
    ]
    scrubbed = []
    for object_type, ids in related:
        events = AuditEvent.objects.filter(object_type=object_type, object_id__in=[str(i) for i in ids])
        for event in events:
            for side in ("before", "after"):
                data = getattr(event, side)
                if data:
                    setattr(
                        event,
                        side,
                        {
                            k: (
                                "***" if k in PERSONAL_FIELDS and v else scrub(v) if isinstance(v, str) else v
                            )
                            for k, v in data.items()
                        },
                    )
            event.object_repr = scrub(event.object_repr)
            scrubbed.append(event)
    # the one path the database lets change recorded events; itself recorded with the events it changed
    audit.audit_pseudonymise(
        actor=actor, perm=Perm.PEOPLE_ERASE, subject=person, events=scrubbed, reason=reason.strip()
    )
    audit.record(actor=actor, action="association.person_erase", obj=person, reason=reason.strip())
    return person


@transaction.atomic
def representation_create(
    *,
    actor: Any,
    person: Person,
    member: Member,
    function: str,
    title: str,
    start: dt.date,
    end: dt.date | None = None,
) -> Representation:
    _check(actor, Perm.PEOPLE_EDIT)
    _check_dates(start, end)
    return _save(
        actor,
        Representation(person=person, member=member, function=function, title=title, start=start, end=end),
        "association.representation_create",
    )


@transaction.atomic
def representation_end(*, actor: Any, representation: Representation, end: dt.date) -> Representation:
    _check(actor, Perm.PEOPLE_EDIT)
    _check_dates(representation.start, end)
    before = audit.snapshot(representation)
    representation.end = end
    return _save(actor, representation, "association.representation_end", before)


BODY_FIELDS = (
    "name",
    "name_genitive",
    "slug",
    "kind",
    "description",
    "quorum",
    "majority",
    "qualified_fraction",
    "order",
)


@transaction.atomic
def body_create(*, actor: Any, **fields: Any) -> Body:
    _check(actor, Perm.BODIES_EDIT)
    body = Body(**{k: v for k, v in fields.items() if k in BODY_FIELDS})
    _check_body_rules(body)
    if body.order is None:
        body.order = (Body.objects.aggregate(m=Max("order"))["m"] or 0) + 1
    return _save(actor, body, "association.body_create")


def _check_body_rules(body: Body) -> None:
    if errors := body.rules_errors:
        raise ValidationError(errors)


@transaction.atomic
def body_update(*, actor: Any, body: Body, **fields: Any) -> Body:
    _check(actor, Perm.BODIES_EDIT)
    body = Body.objects.select_for_update().get(pk=body.pk)
    before = audit.snapshot(body)
    for name, value in fields.items():
        if name not in BODY_FIELDS:
            raise TypeError(f"Unknown field: {name}")
        setattr(body, name, value)
    _check_body_rules(body)
    if body.order is None:
        body.order = (Body.objects.exclude(pk=body.pk).aggregate(m=Max("order"))["m"] or 0) + 1
    return _save(actor, body, "association.body_update", before)


@transaction.atomic
def mandate_create(
    *,
    actor: Any,
    person: Person,
    body: Body,
    role: str,
    start: dt.date,
    end: dt.date | None = None,
    member: Member | None = None,
    decision: DecisionReference | None = None,
) -> Mandate:
    _check(actor, Perm.MANDATES_EDIT)
    _check_dates(start, end)
    unique_roles = {Mandate.Role.CHAIR, Mandate.Role.PRESIDENT}
    if role in unique_roles:
        clash = Mandate.objects.filter(body=body, role=role, start__lte=end or dt.date.max).exclude(
            end__lt=start
        )
        if clash.exists():
            raise ValidationError(
                {
                    "role": _("W tym okresie funkcję %(role)s w organie %(body)s pełni już ktoś inny.")
                    % {"role": Mandate.Role(role).label, "body": body}
                }
            )
    return _save(
        actor,
        Mandate(person=person, body=body, role=role, start=start, end=end, member=member, decision=decision),
        "association.mandate_create",
    )


@transaction.atomic
def mandate_end(*, actor: Any, mandate: Mandate, end: dt.date) -> Mandate:
    """The mandate ends on `end`; the roles it gave end at once when that is today or earlier, else the
    day after it (the daily job `accounts.roles_follow_mandates`)."""
    _check(actor, Perm.MANDATES_EDIT)
    _check_dates(mandate.start, end)
    before = audit.snapshot(mandate)
    mandate.end = end
    _save(actor, mandate, "association.mandate_end", before)
    roles_end_with(actor=actor, mandate=mandate)
    return mandate
