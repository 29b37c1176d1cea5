"""The members' shares of the ZIT envelope: computing a key by one of four methods, adopting it as a new version
with the resolution that decided it, and reading the key in force with every share in EUR and PLN.

Methods:
- equal parts: every member of the association on the key's date gets 1/n;
- by population: each member gets the part of the population it counts; every inhabitant is counted once. A
  member whose territory is a gmina (or the city of Konin) counts its own population. A member whose territory
  is a powiat counts only the gminas of the powiat that are not members themselves, since the inhabitants of
  member gminas are already counted in their own shares. With all 14 gminas of powiat koniński in the
  association, the powiat counts no inhabitants, and its share comes only from an equal part (mixed method);
- equal part plus population: the percentage the resolution names is split equally, the rest by population;
- a negotiated table: the shares (percentages) or the amounts (EUR) the members agreed, typed in.

Populations come from the territory statistics (the newest figure of the key's data year or before it; the
earliest after it only when there is none before), each with its year, so that the key can be explained.
Amounts are rounded to the cent by the largest remainder, so that they add up to the envelope exactly.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from zit.association.models import Member
from zit.association.selectors import members_current
from zit.core import audit
from zit.core.formatting import format_amount, format_number
from zit.core.models import DecisionReference
from zit.core.money import CENT, Money, round_cents
from zit.core.roles import Perm, require_unless_system
from zit.funding.models import Agreement, RateRule
from zit.funding.models_shares import AllocationKey, MemberShare
from zit.funding.rates import Conversion, NoRate, convert
from zit.territory.diagnosis import population_by_unit, population_for
from zit.territory.models import AdministrativeUnit

Method = AllocationKey.Method
FRACTION = Decimal("0.0000000001")
HUNDRED = Decimal(100)


@dataclass
class ShareRow:
    member: Member
    fraction: Decimal
    amount_eur: Decimal
    population: int | None = None
    population_note: str = ""
    amount_pln: Decimal | None = None


@dataclass
class TableRow:
    """One row of a negotiated table: a percentage or an amount in EUR (one kind for the whole table)."""

    member: Member
    percent: Decimal | None = None
    amount_eur: Decimal | None = None


# --- population, each inhabitant once


def counted_gminas(member: Member, members: list[Member]) -> list[AdministrativeUnit]:
    """The gminas whose inhabitants count for the member: its own gmina, or the gminas of its powiat that are
    not members themselves."""
    territory = member.territory
    if territory.level == AdministrativeUnit.Level.GMINA:
        return [territory]
    taken = {m.territory_id for m in members if m.pk != member.pk}
    children = list(territory.children.filter(level=AdministrativeUnit.Level.GMINA))
    if not children:
        return [territory]  # no gminas loaded under it: its own figure is all there is
    return [g for g in children if g.pk not in taken]


def member_populations(members: list[Member], year: int) -> dict[int, tuple[int, str]]:
    """member pk → (population counted, where it comes from). Refuses naming every gmina without a figure."""
    units = {m.pk: counted_gminas(m, members) for m in members}
    values = population_by_unit([g for gminas in units.values() for g in gminas])
    result: dict[int, tuple[int, str]] = {}
    missing: list[str] = []
    for member in members:
        total, parts = 0, []
        for gmina in units[member.pk]:
            found_year, value = population_for(values.get(gmina.pk, []), year)
            if value is None:
                missing.append(
                    _("%(g)s (%(t)s, członek: %(m)s)") % {"g": gmina.name, "t": gmina.terc, "m": member}
                )
                continue
            total += int(value)
            parts.append(f"{gmina.name}: {format_number(value, 0)} ({found_year or _('rok nieznany')})")
        if not units[member.pk]:
            note = _("wszystkie gminy powiatu są członkami; ich mieszkańcy są liczeni w ich udziałach")
        else:
            note = "; ".join(parts)
        result[member.pk] = (total, note[:500])
    if missing:
        raise ValidationError(
            {
                "method": _(
                    "Brak liczby ludności w statystykach terytorium dla: %(list)s. Uzupełnij ją w statystykach "
                    "(z datą i źródłem) albo wybierz inną metodę podziału."
                )
                % {"list": ", ".join(missing)}
            }
        )
    return result


# --- computing a key


def allot(total: Decimal, fractions: list[Decimal]) -> list[Decimal]:
    """Amounts to the cent that add up to `total`: each fraction's amount rounded down, the cents left over
    given one by one to the largest remainders (the earlier member first on a tie)."""
    raw = [total * f for f in fractions]
    floors = [r.quantize(CENT, rounding=ROUND_DOWN) for r in raw]
    left = int(((total - sum(floors, Decimal(0))) / CENT).to_integral_value())
    order = sorted(range(len(raw)), key=lambda i: (-(raw[i] - floors[i]), i))
    for i in order[: max(left, 0)]:
        floors[i] += CENT
    return floors


def _difference(what: Decimal, target: Decimal) -> str:
    return _("brakuje") if what < target else _("przekroczono o")


def _negotiated(members: list[Member], total: Decimal, table: list[TableRow]) -> list[ShareRow]:
    by_member = {row.member.pk: row for row in table}
    errors: list[str] = []
    outside = [str(row.member) for row in table if row.member.pk not in {m.pk for m in members}]
    if outside:
        errors.append(
            _("W tabeli są podmioty, które w dniu obowiązywania klucza nie są członkami: %(l)s.")
            % {"l": ", ".join(outside)}
        )
    absent = [str(m) for m in members if m.pk not in by_member]
    if absent:
        errors.append(_("W tabeli brakuje członków: %(l)s.") % {"l": ", ".join(absent)})
    if errors:
        raise ValidationError({"table": errors})
    rows = [by_member[m.pk] for m in members]
    negative = [str(r.member) for r in rows if (r.amount_eur or 0) < 0 or (r.percent or 0) < 0]
    if negative:
        raise ValidationError({"table": _("Udział nie może być ujemny: %(l)s.") % {"l": ", ".join(negative)}})
    if any(r.amount_eur is not None for r in rows):
        if any(r.amount_eur is None for r in rows):
            raise ValidationError(
                {"table": _("Podaj kwotę w EUR przy każdym członku albo przy żadnym (wtedy udział w %).")}
            )
        amounts = [r.amount_eur for r in rows]
        if any(a != a.quantize(CENT) for a in amounts):
            raise ValidationError({"table": _("Kwoty mogą mieć najwyżej dwa miejsca po przecinku.")})
        listed = sum(amounts, Decimal(0))
        if listed != total:
            raise ValidationError(
                {
                    "table": _(
                        "Klucz się nie sumuje: kwoty w tabeli dają %(s)s, a alokacja wynosi %(t)s – %(w)s %(d)s."
                    )
                    % {
                        "s": format_amount(listed, "EUR"),
                        "t": format_amount(total, "EUR"),
                        "w": _difference(listed, total),
                        "d": format_amount(abs(total - listed), "EUR"),
                    }
                }
            )
        return [
            ShareRow(r.member, (a / total).quantize(FRACTION), a) for r, a in zip(rows, amounts, strict=True)
        ]
    if any(r.percent is None for r in rows):
        absent = [str(r.member) for r in rows if r.percent is None]
        raise ValidationError({"table": _("Podaj udział (%%) dla: %(l)s.") % {"l": ", ".join(absent)}})
    percents = [r.percent for r in rows]
    summed = sum(percents, Decimal(0))
    if summed != HUNDRED:
        raise ValidationError(
            {
                "table": _(
                    "Klucz się nie sumuje: udziały w tabeli dają %(s)s%%, a muszą dać 100%% – %(w)s %(d)s punktu "
                    "procentowego."
                )
                % {
                    "s": format_number(summed, 4),
                    "w": _difference(summed, HUNDRED),
                    "d": format_number(abs(HUNDRED - summed), 4),
                }
            }
        )
    fractions = [p / HUNDRED for p in percents]
    return [
        ShareRow(r.member, f.quantize(FRACTION), a)
        for r, f, a in zip(rows, fractions, allot(total, fractions), strict=True)
    ]


def compute_shares(
    *,
    members: list[Member],
    method: str,
    total_eur: Decimal,
    equal_percent: Decimal | None = None,
    population_year: int | None = None,
    table: list[TableRow] | None = None,
) -> list[ShareRow]:
    """Each member's fraction and amount under the method; refuses, with the reason, a key that cannot add up."""
    if not members:
        raise ValidationError(_("W dniu obowiązywania klucza Stowarzyszenie nie ma członków."))
    if total_eur is None or total_eur <= 0:
        raise ValidationError(_("Kwota alokacji musi być większa od zera."))
    if method == Method.NEGOTIATED:
        return _negotiated(members, total_eur, table or [])
    n = Decimal(len(members))
    if method == Method.EQUAL:
        fractions = [Decimal(1) / n] * len(members)
        return [
            ShareRow(m, f.quantize(FRACTION), a)
            for m, f, a in zip(members, fractions, allot(total_eur, fractions), strict=True)
        ]
    if method not in (Method.POPULATION, Method.EQUAL_AND_POPULATION):
        raise ValidationError({"method": _("Nieznana metoda podziału.")})
    equal = Decimal(0)
    if method == Method.EQUAL_AND_POPULATION:
        if equal_percent is None or not 0 < equal_percent < HUNDRED:
            raise ValidationError(
                {
                    "equal_percent": _(
                        "Część dzielona po równo to procent większy od 0 i mniejszy od 100, np. 30."
                    )
                }
            )
        equal = equal_percent / HUNDRED
    if population_year is None:
        raise ValidationError({"population_year": _("Podaj rok danych o liczbie ludności.")})
    populations = member_populations(members, population_year)
    everyone = sum(p for p, _note in populations.values())
    if everyone <= 0:
        raise ValidationError(
            {"method": _("Łączna liczba ludności członków wynosi zero: nie da się jej podzielić.")}
        )
    fractions = [equal / n + (1 - equal) * Decimal(populations[m.pk][0]) / everyone for m in members]
    return [
        ShareRow(m, f.quantize(FRACTION), a, populations[m.pk][0], populations[m.pk][1])
        for m, f, a in zip(members, fractions, allot(total_eur, fractions), strict=True)
    ]


@transaction.atomic
def allocation_key_adopt(
    *,
    actor: Any,
    agreement: Agreement,
    method: str,
    valid_from: dt.date,
    decision: DecisionReference,
    equal_percent: Decimal | None = None,
    population_year: int | None = None,
    table: list[TableRow] | None = None,
    note: str = "",
    is_demo: bool = False,
) -> AllocationKey:
    """A new version of the key, as the resolution adopted it, for the members on `valid_from`."""
    require_unless_system(actor, Perm.FUNDING_EDIT)
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    if decision is None or not decision.is_complete:
        raise ValidationError({"decision": _("Klucz przyjmuje uchwała: podaj jej numer i datę.")})
    if valid_from < decision.date:
        raise ValidationError(
            {
                "valid_from": _("Klucz nie może obowiązywać przed dniem podjęcia uchwały (%(d)s).")
                % {"d": decision.date}
            }
        )
    members = list(members_current(day=valid_from).select_related("territory"))
    rows = compute_shares(
        members=members,
        method=method,
        total_eur=agreement.total_eur,
        equal_percent=equal_percent,
        population_year=population_year,
        table=table,
    )
    if (
        sum((r.amount_eur for r in rows), Decimal(0)) != agreement.total_eur
    ):  # the methods guarantee it; a guard
        raise ValidationError(_("Kwoty udziałów nie sumują się do kwoty alokacji."))
    version = (agreement.allocation_keys.aggregate(m=Max("version"))["m"] or 0) + 1
    key = AllocationKey(
        agreement=agreement,
        version=version,
        method=method,
        equal_percent=equal_percent if method == Method.EQUAL_AND_POPULATION else None,
        total_eur=agreement.total_eur,
        valid_from=valid_from,
        population_year=population_year
        if method in (Method.POPULATION, Method.EQUAL_AND_POPULATION)
        else None,
        decision=decision,
        note=note,
        is_demo=is_demo,
    )
    key.full_clean()
    key.save()
    MemberShare.objects.bulk_create(
        MemberShare(
            key=key,
            member=r.member,
            population=r.population,
            population_note=r.population_note,
            fraction=r.fraction,
            amount_eur=r.amount_eur,
        )
        for r in rows
    )
    audit.record(
        actor=actor,
        action="funding.allocation_key_adopt",
        obj=key,
        after={
            "version": version,
            "method": method,
            "decision": str(decision),
            "valid_from": valid_from.isoformat(),
            "shares": {str(r.member): str(r.amount_eur) for r in rows},
        },
    )
    return key


# --- reading


def keys_of(agreement: Agreement) -> QuerySet[AllocationKey]:
    return agreement.allocation_keys.select_related("decision").order_by("-version")


def key_in_force(*, agreement: Agreement | None, day: dt.date | None = None) -> AllocationKey | None:
    """The newest version whose date has come; None before the first."""
    if agreement is None:
        return None
    day = day or timezone.localdate()
    return (
        agreement.allocation_keys.filter(valid_from__lte=day)
        .select_related("decision", "agreement")
        .order_by("-valid_from", "-version")
        .first()
    )


@dataclass
class KeyView:
    key: AllocationKey
    rows: list[ShareRow]
    conversion: Conversion | None
    conversion_error: str

    @property
    def outdated(self) -> bool:
        """The agreement's envelope changed (an annex) since the key was adopted: a new key is needed."""
        return self.key.total_eur != self.key.agreement.total_eur


def key_view(key: AllocationKey, *, on: dt.date | None = None) -> KeyView:
    """The key's shares with each amount also in PLN, at the rate the 'envelope' rule gives for `on` (today by
    default), each amount converted and rounded once."""
    on = on or timezone.localdate()
    try:
        conversion = convert(Money(key.total_eur, "EUR"), to="PLN", on=on, purpose=RateRule.Purpose.ENVELOPE)
        error = ""
    except NoRate as exc:
        conversion, error = None, str(exc)
    rows = [
        ShareRow(
            s.member,
            s.fraction,
            s.amount_eur,
            s.population,
            s.population_note,
            round_cents(s.amount_eur * conversion.rate) if conversion else None,
        )
        for s in key.shares.select_related("member", "member__organisation")
    ]
    return KeyView(key, rows, conversion, error)


def method_explained(key: AllocationKey) -> str:
    """One sentence for the pages: how this key split the envelope."""
    if key.method == Method.EQUAL:
        return _("Alokację podzielono na równe części między członków Stowarzyszenia.")
    if key.method == Method.NEGOTIATED:
        return _("Udziały członków ustalono w tabeli uzgodnionej przez członków i przyjętej uchwałą.")
    population = _(
        "Liczba ludności pochodzi ze statystyk terytorium (rok danych %(y)s). Każdy mieszkaniec jest liczony raz: "
        "gmina i miasto liczą swoich mieszkańców, powiat – tylko mieszkańców swoich gmin, które nie są członkami "
        "Stowarzyszenia."
    ) % {"y": key.population_year}
    if key.method == Method.POPULATION:
        return _("Alokację podzielono proporcjonalnie do liczby ludności.") + " " + population
    return (
        _("%(e)s%% alokacji podzielono po równo, a %(p)s%% proporcjonalnie do liczby ludności.")
        % {"e": format_number(key.equal_percent, 2), "p": format_number(HUNDRED - key.equal_percent, 2)}
        + " "
        + population
    )


@transaction.atomic
def allocation_key_record(*, actor: Any, resolution: dict[str, Any], **key: Any) -> AllocationKey:
    """The resolution's reference and the key it adopts, together or not at all."""
    from zit.core.services import decision_reference_create

    decision = decision_reference_create(
        actor=actor, issuer_kind=DecisionReference.IssuerKind.ASSOCIATION_BODY, kind="uchwała", **resolution
    )
    return allocation_key_adopt(actor=actor, decision=decision, **key)
