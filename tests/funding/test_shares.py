import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from zit.association.models import Member
from zit.core.models import AuditEvent, DecisionReference
from zit.funding.models import Agreement, AllocationKey
from zit.funding.shares import TableRow, allocation_key_adopt, allot, key_in_force, key_view, method_explained
from zit.territory.models import AdministrativeUnit, Observation, Variable

TOTAL = Decimal("19800000.00")
DAY = dt.date(2026, 5, 1)


@pytest.fixture
def staff(user_for_role):
    return user_for_role("office_staff")


@pytest.fixture
def agreement(funding_data):
    return Agreement.objects.get()


@pytest.fixture
def resolution(db):
    return DecisionReference.objects.create(
        issuer_kind=DecisionReference.IssuerKind.ASSOCIATION_BODY,
        issuer_name="Rada Stowarzyszenia",
        number="5/2026",
        date=dt.date(2026, 4, 20),
    )


def plain(text: str) -> str:
    return text.replace("\xa0", " ").replace("\u202f", " ")


def fill_missing_populations():
    """Kramsk, Krzymów and Skulsk have no dated figure in the bundled statistics; tests give them one."""
    variable = Variable.objects.get(code="population")
    for terc, value in (("3010052", 10800), ("3010062", 7750), ("3010092", 6202)):
        Observation.objects.create(
            unit=AdministrativeUnit.objects.get(terc=terc),
            variable=variable,
            value=value,
            reference_date=dt.date(2023, 12, 31),
        )


def adopt(staff, agreement, resolution, **kwargs):
    return allocation_key_adopt(
        actor=staff, agreement=agreement, valid_from=DAY, decision=resolution, **kwargs
    )


def by_name(key):
    return {s.member.name: s for s in key.shares.select_related("member")}


def test_allot_adds_up_to_the_cent():
    amounts = allot(Decimal("100.00"), [Decimal(1) / 3] * 3)
    assert amounts == [Decimal("33.34"), Decimal("33.33"), Decimal("33.33")]
    assert sum(allot(TOTAL, [Decimal(1) / 16] * 16)) == TOTAL


def test_equal_parts_give_every_member_one_sixteenth(staff, agreement, resolution):
    key = adopt(staff, agreement, resolution, method=AllocationKey.Method.EQUAL)
    shares = list(key.shares.all())
    assert len(shares) == Member.objects.count() == 16
    assert sum(s.amount_eur for s in shares) == TOTAL
    assert {s.amount_eur for s in shares} == {Decimal("1237500.00")}
    assert key.version == 1 and key.total_eur == TOTAL
    assert AuditEvent.objects.filter(action="funding.allocation_key_adopt").count() == 1
    assert "równe części" in method_explained(key)


def test_population_key_refuses_naming_the_gminas_without_a_figure(staff, agreement, resolution):
    with pytest.raises(ValidationError) as exc:
        adopt(staff, agreement, resolution, method=AllocationKey.Method.POPULATION, population_year=2023)
    message = exc.value.message_dict["method"][0]
    for name in ("Kramsk (3010052", "Krzymów (3010062", "Skulsk (3010092"):
        assert name in message
    assert not AllocationKey.objects.exists()


def test_population_counts_every_inhabitant_once(staff, agreement, resolution):
    fill_missing_populations()
    key = adopt(staff, agreement, resolution, method=AllocationKey.Method.POPULATION, population_year=2023)
    shares = by_name(key)
    powiat = next(s for s in shares.values() if s.member.kind == Member.Kind.POWIAT)
    assert powiat.population == 0 and powiat.amount_eur == 0  # all 14 gminas are members themselves
    assert "wszystkie gminy powiatu są członkami" in powiat.population_note
    konin = next(s for s in shares.values() if s.member.kind == Member.Kind.CITY)
    counted = sum(s.population for s in shares.values())
    assert konin.population == 71427
    assert konin.fraction == (Decimal(71427) / counted).quantize(Decimal("0.0000000001"))
    assert sum(s.amount_eur for s in shares.values()) == TOTAL
    assert "2021" in konin.population_note


def test_a_powiat_counts_the_gminas_that_are_not_members(staff, agreement, resolution):
    fill_missing_populations()
    wilczyn = Member.objects.get(territory__terc="3010142")
    wilczyn.periods.update(end=dt.date(2026, 1, 31))  # Wilczyn left; its inhabitants now count for the powiat
    key = adopt(staff, agreement, resolution, method=AllocationKey.Method.POPULATION, population_year=2023)
    shares = {s.member_id: s for s in key.shares.all()}
    assert wilczyn.pk not in shares
    powiat = next(s for s in shares.values() if s.member.kind == Member.Kind.POWIAT)
    assert powiat.population == 5932 and "Wilczyn" in powiat.population_note


def test_equal_part_plus_population_gives_the_powiat_its_equal_part(staff, agreement, resolution):
    fill_missing_populations()
    key = adopt(
        staff,
        agreement,
        resolution,
        method=AllocationKey.Method.EQUAL_AND_POPULATION,
        equal_percent=Decimal("20"),
        population_year=2023,
    )
    powiat = next(s for s in key.shares.select_related("member") if s.member.kind == Member.Kind.POWIAT)
    assert powiat.amount_eur == Decimal("247500.00")  # 20% of 19.8 m split by 16
    assert sum(s.amount_eur for s in key.shares.all()) == TOTAL
    assert "20%" in method_explained(key).replace(",00", "")
    with pytest.raises(ValidationError) as exc:
        adopt(
            staff,
            agreement,
            resolution,
            method=AllocationKey.Method.EQUAL_AND_POPULATION,
            population_year=2023,
        )
    assert "procent większy od 0" in exc.value.message_dict["equal_percent"][0]


def test_a_negotiated_table_that_does_not_add_up_is_refused(staff, agreement, resolution):
    members = list(Member.objects.order_by("number"))
    rows = [TableRow(m, percent=Decimal("6")) for m in members]  # 96%
    with pytest.raises(ValidationError) as exc:
        adopt(staff, agreement, resolution, method=AllocationKey.Method.NEGOTIATED, table=rows)
    assert "udziały w tabeli dają 96,0000%" in plain(exc.value.message_dict["table"][0])
    assert "brakuje 4,0000 punktu" in plain(exc.value.message_dict["table"][0])
    amounts = [TableRow(m, amount_eur=Decimal("1237500")) for m in members[:-1]] + [
        TableRow(members[-1], amount_eur=Decimal("1237600"))
    ]
    with pytest.raises(ValidationError) as exc:
        adopt(staff, agreement, resolution, method=AllocationKey.Method.NEGOTIATED, table=amounts)
    assert "przekroczono o 100,00" in plain(exc.value.message_dict["table"][0])
    with pytest.raises(ValidationError) as exc:
        adopt(staff, agreement, resolution, method=AllocationKey.Method.NEGOTIATED, table=rows[:-1])
    assert "brakuje członków" in exc.value.message_dict["table"][0]
    assert not AllocationKey.objects.exists()


def test_a_negotiated_table_that_adds_up_is_kept_as_typed(staff, agreement, resolution):
    members = list(Member.objects.order_by("number"))
    rows = [TableRow(m, percent=Decimal("10") if i < 4 else Decimal("5")) for i, m in enumerate(members)]
    key = adopt(staff, agreement, resolution, method=AllocationKey.Method.NEGOTIATED, table=rows)
    shares = list(key.shares.order_by("member__number"))
    assert shares[0].amount_eur == Decimal("1980000.00") and shares[-1].amount_eur == Decimal("990000.00")


def test_keys_are_versions_and_the_one_in_force_is_the_newest_begun(staff, agreement, resolution):
    first = adopt(staff, agreement, resolution, method=AllocationKey.Method.EQUAL)
    later = DecisionReference.objects.create(
        issuer_kind=DecisionReference.IssuerKind.ASSOCIATION_BODY,
        issuer_name="Rada Stowarzyszenia",
        number="9/2026",
        date=dt.date(2026, 9, 1),
    )
    fill_missing_populations()
    second = allocation_key_adopt(
        actor=staff,
        agreement=agreement,
        method=AllocationKey.Method.POPULATION,
        population_year=2023,
        valid_from=dt.date(2026, 10, 1),
        decision=later,
    )
    assert second.version == 2
    assert key_in_force(agreement=agreement, day=dt.date(2026, 9, 30)) == first
    assert key_in_force(agreement=agreement, day=dt.date(2026, 10, 1)) == second
    assert key_in_force(agreement=agreement, day=dt.date(2026, 4, 30)) is None


def test_the_key_needs_its_resolution_and_the_office(staff, agreement, resolution, user_for_role):
    untitled = DecisionReference.objects.create(
        issuer_kind=DecisionReference.IssuerKind.ASSOCIATION_BODY, issuer_name="Rada Stowarzyszenia"
    )
    with pytest.raises(ValidationError) as exc:
        adopt(staff, agreement, untitled, method=AllocationKey.Method.EQUAL)
    assert "numer i datę" in exc.value.message_dict["decision"][0]
    with pytest.raises(ValidationError) as exc:
        allocation_key_adopt(
            actor=staff,
            agreement=agreement,
            method=AllocationKey.Method.EQUAL,
            valid_from=dt.date(2026, 4, 1),
            decision=resolution,
        )
    assert "przed dniem podjęcia uchwały" in exc.value.message_dict["valid_from"][0]
    officer = user_for_role("member_officer", organisation=Member.objects.first().organisation)
    with pytest.raises(PermissionDenied):
        adopt(officer, agreement, resolution, method=AllocationKey.Method.EQUAL)


def test_the_key_in_pln_uses_the_envelope_rate_and_shows_its_date(staff, agreement, resolution):
    key = adopt(staff, agreement, resolution, method=AllocationKey.Method.EQUAL)
    view = key_view(key, on=dt.date(2025, 3, 31))
    assert view.conversion.rate == Decimal("4.1839") and view.conversion.rate_date == dt.date(2025, 3, 31)
    assert view.rows[0].amount_pln == Decimal("5177576.25")  # 1,237,500 × 4.1839
    assert not view.outdated
    Agreement.objects.filter(pk=agreement.pk).update(total_eur=Decimal("20000000"))
    key.agreement.refresh_from_db()
    assert key_view(key, on=dt.date(2025, 3, 31)).outdated
