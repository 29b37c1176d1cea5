import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from zit.core.models import AuditEvent
from zit.funding.catalogues import indicator_save
from zit.funding.models import Agreement, AllocationLine, Fund, Indicator, Measure, Obligation, Priority
from zit.funding.services import (
    allocation_split_replace,
    measure_save,
    obligation_complete,
    obligation_save,
    priority_save,
)

TOTAL = Decimal("19800000.00")


@pytest.fixture
def staff(user_for_role):
    return user_for_role("office_staff")


def _m(number):
    return Measure.objects.get(number=number)


def _split(**amounts):
    return [(_m(n.replace("_", ".").lstrip("m")), None, Decimal(a)) for n, a in amounts.items()]


def test_reference_data_loads_with_sources(funding_data):
    agreement = Agreement.objects.get()
    assert agreement.total_eur == TOTAL and agreement.signed_on == dt.date(2023, 10, 3)
    assert "aglomeracjakoninska.org" in agreement.source
    assert _m("3.2").is_zit and _m("3.2").fund.code == "EFRR"
    assert _m("10.4").priority.number == "10"
    assert _m("10.4").effective_rate() == (Decimal("0.7000"), "programme")
    assert all(m.source for m in Measure.objects.all())
    assert Fund.objects.get(code="FST").eu_amount_eur == Decimal("414808447")
    assert Indicator.objects.filter(code="RCO58", unit_en="km").exists()
    assert Indicator.objects.filter(code=None).count() == 9


def test_measures_sort_as_people_read_them(funding_data):
    assert [m.number for m in Measure.objects.all()][:4] == ["1.3", "2.10", "3.2", "6.10"]


def test_split_must_add_up_to_the_total_to_the_cent(funding_data, staff):
    agreement = Agreement.objects.get()
    lines = _split(m3_2="10000000", m10_7="9799999.99")
    with pytest.raises(ValidationError) as exc:
        allocation_split_replace(actor=staff, agreement=agreement, lines=lines)
    assert "brakuje" in exc.value.messages[0] and "0,01" in exc.value.messages[0]
    assert not AllocationLine.objects.exists()
    lines = _split(m3_2="10000000", m10_7="9800000.01")
    with pytest.raises(ValidationError) as exc:
        allocation_split_replace(actor=staff, agreement=agreement, lines=lines)
    assert "przekroczono" in exc.value.messages[0]
    allocation_split_replace(actor=staff, agreement=agreement, lines=_split(m3_2="10000000", m10_7="9800000"))
    assert sum(line.amount_eur for line in AllocationLine.objects.all()) == TOTAL
    event = AuditEvent.objects.get(action="funding.allocation_split_replace")
    assert event.actor_id == staff.pk and event.after["lines"] == ["3.2 EFRR: 10000000", "10.7 FST: 9800000"]


def test_split_replaces_the_previous_one_and_can_change_the_total(funding_data, staff):
    agreement = Agreement.objects.get()
    allocation_split_replace(actor=staff, agreement=agreement, lines=_split(m3_2="19800000"))
    allocation_split_replace(
        actor=staff,
        agreement=agreement,
        lines=_split(m3_2="15000000", m1_3="5000000"),
        total_eur=Decimal("20000000"),
    )
    agreement.refresh_from_db()
    assert agreement.total_eur == Decimal("20000000")
    assert sorted(AllocationLine.objects.values_list("measure__number", flat=True)) == ["1.3", "3.2"]


@pytest.mark.parametrize(
    "lines, message",
    [
        (lambda: [(_m("3.2"), Fund.objects.get(code="FST"), TOTAL)], "finansowane z EFRR"),
        (lambda: [(_m("3.2"), None, Decimal("-1")), (_m("1.3"), None, TOTAL + 1)], "większa od zera"),
        (lambda: [(_m("3.2"), None, Decimal("0.001")), (_m("1.3"), None, TOTAL)], "dwa miejsca"),
        (lambda: [(_m("3.2"), None, TOTAL / 2), (_m("3.2"), None, TOTAL / 2)], "dwa razy"),
    ],
)
def test_impossible_split_lines_are_refused(funding_data, staff, lines, message):
    with pytest.raises(ValidationError) as exc:
        allocation_split_replace(actor=staff, agreement=Agreement.objects.get(), lines=lines())
    assert any(message in m for m in exc.value.messages)
    assert not AllocationLine.objects.exists()


@pytest.mark.parametrize("role", ["board_member", "body_secretary", "audit_committee", "member_officer"])
def test_only_the_office_edits_the_split(funding_data, user_for_role, role):
    from zit.association.models import Member

    organisation = Member.objects.first().organisation if role == "member_officer" else None
    with pytest.raises(PermissionDenied):
        allocation_split_replace(
            actor=user_for_role(role, organisation=organisation),
            agreement=Agreement.objects.get(),
            lines=_split(m3_2="19800000"),
        )
    assert not AllocationLine.objects.exists()


def test_measure_gets_its_priority_from_its_number_and_fund_must_match(funding_data, staff):
    programme = _m("10.4").programme
    fst, efrr = Fund.objects.get(code="FST"), Fund.objects.get(code="EFRR")
    measure = measure_save(
        actor=staff, programme=programme, number="10.3", name_pl="Nowe działanie", fund=fst, source="SZOP"
    )
    assert measure.priority.number == "10"
    with pytest.raises(ValidationError) as exc:
        measure_save(actor=staff, programme=programme, number="10.5", name_pl="X", fund=efrr)
    assert "fund" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        measure_save(actor=staff, programme=programme, number="3.2", name_pl="Duplikat", fund=efrr)
    assert "number" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        measure_save(actor=staff, programme=programme, measure=measure, max_cofinancing_rate=Decimal("1.5"))
    assert "max_cofinancing_rate" in exc.value.message_dict


def test_measure_own_rate_overrides_the_programme_with_its_source(funding_data, staff):
    measure = measure_save(
        actor=staff,
        programme=_m("3.2").programme,
        measure=_m("3.2"),
        max_cofinancing_rate=Decimal("0.85"),
        rate_source="SZOP FEW 2021+, wersja z 2025 r.",
    )
    assert measure.effective_rate() == (Decimal("0.85"), "measure")
    event = AuditEvent.objects.get(action="funding.measure_update", object_id=str(measure.pk))
    assert event.after["max_cofinancing_rate"] == "0.85"


def test_priority_added_later_collects_its_measures(funding_data, staff):
    programme = _m("3.2").programme
    assert _m("3.2").priority is None
    priority_save(actor=staff, programme=programme, number="3", name_pl="Mobilność miejska", source="SZOP")
    assert _m("3.2").priority == Priority.objects.get(number="3")


def test_obligation_rules(funding_data, staff, user_for_role):
    agreement = Agreement.objects.get()
    due = dt.date(2027, 3, 31)
    with pytest.raises(ValidationError) as exc:
        obligation_save(
            actor=staff, agreement=agreement, kind="indicator", title="RCO58", due_on=due, responsible=staff
        )
    assert {"indicator", "target_value"} <= set(exc.value.message_dict)
    with pytest.raises(ValidationError) as exc:
        obligation_save(
            actor=staff,
            agreement=agreement,
            kind="spending",
            title="Wydatki",
            due_on=due,
            responsible=staff,
            target_share=Decimal("2"),
        )
    assert "target_share" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        obligation_save(
            actor=staff,
            agreement=agreement,
            kind="report",
            title="Raport",
            due_on=due,
            responsible=user_for_role("board_member"),
        )
    assert "responsible" in exc.value.message_dict
    obligation = obligation_save(
        actor=staff, agreement=agreement, kind="report", title="Raport", due_on=due, responsible=staff
    )
    with pytest.raises(ValidationError):
        obligation_complete(
            actor=staff, obligation=obligation, completed_on=dt.date.today() + dt.timedelta(days=3)
        )
    obligation_complete(actor=staff, obligation=obligation, completed_on=dt.date(2026, 11, 2))
    assert Obligation.objects.get().completed_on == dt.date(2026, 11, 2)
    assert AuditEvent.objects.filter(action="funding.obligation_complete", actor_id=staff.pk).exists()


def test_indicator_codes_are_normalised_unique_and_eu_codes_fixed(funding_data, staff):
    own = indicator_save(
        actor=staff,
        code="zit 5",
        origin="strategy",
        kind="result",
        name_pl="Pasażerowie komunikacji",
        unit_pl="osoby/rok",
    )
    assert own.code == "ZIT05"
    with pytest.raises(ValidationError) as exc:
        indicator_save(actor=staff, code="ZIT005", origin="strategy", kind="output", name_pl="Duplikat")
    assert "code" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        indicator_save(actor=staff, origin="programme", kind="output", name_pl="Bez kodu")
    assert "code" in exc.value.message_dict
    rco = Indicator.objects.get(code="RCO58")
    indicator_save(actor=staff, indicator=rco, name_pl="Wspierana infrastruktura rowerowa", unit_pl="km")
    with pytest.raises(ValidationError):
        indicator_save(actor=staff, indicator=rco, code="RCO99")
    rco.refresh_from_db()
    assert (rco.code, rco.name_pl) == ("RCO58", "Wspierana infrastruktura rowerowa")
