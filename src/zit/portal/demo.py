"""Demonstration data: people, mandates, a beneficiary organisation and one account per role.

Everything here is fictional and flagged `is_demo`, so pages show it with a "dane demonstracyjne" label.
"""

import datetime as dt
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.db import transaction

from zit.accounts.models import User
from zit.accounts.second_factor import DEMO_TOTP_KEY, second_factor_required
from zit.accounts.services import user_create
from zit.association.models import Body, Member, Person
from zit.association.services import mandate_create, person_create, representation_create
from zit.funding.models import Agreement, Indicator, Measure
from zit.funding.services import allocation_split_replace, obligation_save
from zit.organisations.models import Organisation
from zit.organisations.services import organisation_create
from zit.territory.models import AdministrativeUnit

DEMO_PASSWORD = "demo-haslo-2026"
START = dt.date(2021, 9, 27)

PEOPLE = [
    # first, last, member slug, representation title, body slug, body role
    ("Jan", "Przykładowy", "konin", "Prezydent Miasta (demo)", "zarzad", "president"),
    ("Anna", "Wzorcowa", "powiat-koninski", "Starosta (demo)", "zarzad", "vice_president"),
    ("Piotr", "Pokazowy", "slesin", "Burmistrz (demo)", "rada", "chair"),
    ("Maria", "Testowa", "kramsk", "Wójt (demo)", "komisja-rewizyjna", "chair"),
    ("Ewa", "Demonstracyjna", "golina", "Burmistrz (demo)", "rada", "member"),
]

ACCOUNTS = [
    # username, role, first name, last name, organisation key
    ("admin", "office_admin", "Alicja", "Administratorka", None),
    ("biuro", "office_staff", "Bartosz", "Biurowy", None),
    ("sekretarz", "body_secretary", "Sylwia", "Sekretarz", None),
    ("gmina", "member_officer", "Grzegorz", "Gminny", "member:slesin"),
    ("beneficjent", "beneficiary", "Beata", "Beneficjentka", "demo-company"),
    ("oceniajacy", "assessor", "Olgierd", "Oceniający", None),
    ("oceniajacy2", "assessor", "Olga", "Oceniająca", None),
    ("zarzad", "board_member", "Zofia", "Zarządowa", None),
    ("komisja", "audit_committee", "Karol", "Kontrolny", None),
    ("owes", "social_economy_contact", "Wanda", "Wspierająca", None),
]


@transaction.atomic
def load_demo() -> list[tuple[str, str]]:
    """Idempotent: objects that exist are kept. Returns (username, role label) of the demo accounts."""
    members = {m.slug: m for m in Member.objects.select_related("organisation")}
    bodies = {b.slug: b for b in Body.objects.all()}
    company = Organisation.objects.filter(is_demo=True, kind="municipal_company").first()
    if company is None:
        company = organisation_create(
            actor=None,
            is_demo=True,
            name="Przedsiębiorstwo Komunalne Przykład sp. z o.o. (demo)",
            short_name="PK Przykład (demo)",
            kind="municipal_company",
            street="ul. Przykładowa 1",
            postal_code="62-500",
            city="Konin",
            gmina=AdministrativeUnit.objects.get(terc="3062011"),
        )
    if not Person.objects.filter(is_demo=True).exists():
        for first, last, slug, title, body_slug, role in PEOPLE:
            member = members[slug]
            person = person_create(
                actor=None,
                is_demo=True,
                first_name=first,
                last_name=last,
                email=f"{first.lower()}.{last.lower()}@example.invalid".replace("ł", "l"),
                organisation=member.organisation,
            )
            representation_create(
                actor=None, person=person, member=member, function="head", title=title, start=START
            )
            representation_create(
                actor=None,
                person=person,
                member=member,
                function="delegate",
                title="Przedstawiciel w Radzie (demo)",
                start=START,
            )
            mandate_create(
                actor=None, person=person, body=bodies[body_slug], role=role, start=START, member=member
            )
    created = []
    password_hash = None
    for username, role, first, last, org_key in ACCOUNTS:
        if User.objects.filter(username=username).exists():
            continue
        organisation = None
        if org_key == "demo-company":
            organisation = company
        elif org_key:
            organisation = members[org_key.split(":")[1]].organisation
        password_hash = password_hash or make_password(DEMO_PASSWORD)
        user_create(
            actor=None,
            username=username,
            password_hash=password_hash,
            first_name=first,
            last_name=last,
            email=f"{username}@example.invalid",
            roles=[(role, organisation)],
            is_demo=True,
        )
        created.append(username)
    _demo_second_factor()
    _demo_funding()
    return [(u, r) for u, r, *_ in ACCOUNTS]


def _demo_second_factor() -> None:
    """Demo accounts whose role requires a second factor get an authenticator key that is public like their
    password (DEMO_TOTP_KEY): the sign-in shows the real second step, and the code page of a demo account
    shows the current code, so a demonstration needs no phone. load_demo runs only in debug or with its
    not-production flag; a real account never gets this key (its own is random)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    for username, *_ in ACCOUNTS:
        user = User.objects.get(username=username)
        if second_factor_required(user) and not TOTPDevice.objects.filter(user=user).exists():
            TOTPDevice.objects.create(user=user, name="Demo", key=DEMO_TOTP_KEY, confirmed=True)


# A fictional split of the ZIT envelope (no source gives the real one) and fictional obligations, so the
# money pages have something to show; both carry the demo flag and a "dane demonstracyjne" label.
DEMO_SPLIT = [
    ("3.2", "9000000.00"),
    ("2.10", "3500000.00"),
    ("1.3", "2300000.00"),
    ("6.10", "1800000.00"),
    ("10.7", "3200000.00"),
]
DEMO_OBLIGATIONS = [
    ("report", "Informacja roczna o realizacji strategii ZIT za 2026 r. (demo)", dt.date(2027, 3, 31), {}),
    (
        "contracting",
        "Zakontraktowanie 40% alokacji ZIT (demo)",
        dt.date(2026, 12, 31),
        {"target_share": Decimal("0.40")},
    ),
    (
        "indicator",
        "Długość wspartej infrastruktury rowerowej (demo)",
        dt.date(2029, 12, 31),
        {"indicator": "RCO58", "target_value": Decimal("12.5")},
    ),
    (
        "report",
        "Sprawozdanie z realizacji porozumienia za I półrocze 2026 r. (demo)",
        dt.date(2026, 7, 31),
        {},
    ),
]


def _demo_funding() -> None:
    agreement = Agreement.objects.select_related("programme").first()
    if agreement is None:
        return
    if not agreement.allocation_lines.exists():
        measures = {m.number: m for m in Measure.objects.filter(programme=agreement.programme)}
        lines = [(measures[n], None, Decimal(a)) for n, a in DEMO_SPLIT if n in measures]
        if sum(a for *_, a in lines) == agreement.total_eur:
            allocation_split_replace(actor=None, agreement=agreement, lines=lines, is_demo=True)
    if not agreement.allocation_keys.exists():
        _demo_key(agreement)
    if not agreement.obligations.exists():
        responsible = User.objects.get(username="biuro")
        for kind, title, due_on, extra in DEMO_OBLIGATIONS:
            if "indicator" in extra:
                extra = extra | {"indicator": Indicator.objects.filter(code=extra["indicator"]).first()}
                if extra["indicator"] is None:
                    continue
            obligation_save(
                actor=None,
                agreement=agreement,
                is_demo=True,
                kind=kind,
                title=title,
                due_on=due_on,
                responsible=responsible,
                **extra,
            )


def _demo_key(agreement: Agreement) -> None:
    """A demo allocation key in equal parts, under a demo resolution, so that the shares' pages are not empty."""
    from zit.core.models import DecisionReference
    from zit.funding.shares import allocation_key_adopt

    day = dt.date(2024, 1, 15)
    decision = DecisionReference.objects.create(
        issuer_kind=DecisionReference.IssuerKind.ASSOCIATION_BODY,
        issuer_name="Rada Stowarzyszenia (demo)",
        number="1/2024 (demo)",
        date=day,
        title="w sprawie klucza podziału alokacji ZIT między członków Stowarzyszenia (demo)",
        note="Uchwała przykładowa do pokazu systemu.",
    )
    allocation_key_adopt(
        actor=None,
        agreement=agreement,
        method="equal",
        valid_from=day,
        decision=decision,
        note="Klucz przykładowy do pokazu systemu.",
        is_demo=True,
    )
