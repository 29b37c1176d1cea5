"""Members' fees: the year's rule, its adoption by a resolution, and the assessment of every member.

Computation (per member): inhabitants × amount per inhabitant + fixed amount; the minimum applies when the
sum is lower; a member who belongs only part of the year pays, under the rule's `proration`, either the full
fee (members on the `members_on` day) or a share of months/12 (a month counts when the member belonged on at
least one of its days). Everything is computed at full precision and rounded once, at the end, to the grosz,
half up (0,005 zł → 0,01 zł), as `core.money.round_cents` does for the whole platform.

Population: the latest figure of the territory's `population` variable dated on or before the rule's
population day (default 31 December of the previous year). A member without one stops the assessment with
its name, until staff enter the figure with its source (territory.services.observation_save).
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from zit.association.models import Member
from zit.core import audit
from zit.core.formatting import currency_symbol, format_amount, format_date, format_number
from zit.core.lifecycle import Context
from zit.core.models import DecisionReference
from zit.core.money import round_cents
from zit.core.roles import Perm, require_unless_system
from zit.fees.lifecycles import ASSESSMENT, RULE
from zit.fees.models import FeeAssessment, FeeRule, FeeRuleKindRate
from zit.territory.models import Observation

ZERO = Decimal(0)
RULE_FIELDS = (
    "year",
    "fixed_amount",
    "per_inhabitant",
    "population_date",
    "minimum",
    "due_on",
    "members_on",
    "proration",
    "note",
)
KIND_LABELS = dict(Member.Kind.choices)
STALE_YEARS = 3  # a population figure older than this gets a warning for the office (never for the member)


def reference_for(year: int, member: Member) -> str:
    """The number put on the assessment, the reminder and asked for in the transfer title."""
    return f"SKL/{year}/{member.number:02d}"


def population_day(rule: FeeRule) -> dt.date:
    return rule.population_date or dt.date(rule.year - 1, 12, 31)


def members_day(rule: FeeRule) -> dt.date:
    return rule.members_on or dt.date(rule.year, 1, 1)


@dataclass
class Rates:
    fixed_amount: Decimal
    per_inhabitant: Decimal
    minimum: Decimal | None
    label: str


def rates_for(rule: FeeRule, kind: str, kind_rates: dict[str, FeeRuleKindRate] | None = None) -> Rates:
    if kind_rates is None:
        kind_rates = {r.kind: r for r in rule.kind_rates.all()}
    own = kind_rates.get(kind)
    if own is not None:
        return Rates(
            own.fixed_amount,
            own.per_inhabitant,
            own.minimum,
            _("stawki dla: %(k)s") % {"k": KIND_LABELS.get(kind, kind)},
        )
    return Rates(rule.fixed_amount, rule.per_inhabitant, rule.minimum, _("stawki ogólne"))


def _exact(value: Decimal) -> str:
    """An intermediate amount as computed: to the grosz when exact, otherwise with up to four places, so
    the explanation adds up line by line before the one rounding at the end."""
    places = max(2, min(4, -value.normalize().as_tuple().exponent))
    return format_number(value, places) + "\u00a0" + currency_symbol()


def months_in(member: Member, year: int) -> int:
    """Calendar months of `year` in which the member belonged on at least one day."""
    count = 0
    for month in range(1, 13):
        first = dt.date(year, month, 1)
        last = dt.date(year, month, calendar.monthrange(year, month)[1])
        if any(p.start <= last and (p.end is None or p.end >= first) for p in member.periods.all()):
            count += 1
    return count


def stale_population_warning(population_date: dt.date | None, day: dt.date) -> str:
    """A hint for the office when the population figure is old ("" when it is recent enough)."""
    if population_date is None or population_date.year >= day.year - STALE_YEARS:
        return ""
    return _("Uwaga: liczba mieszkańców pochodzi z %(y)d r.; sprawdź, czy nie ma nowszej.") % {
        "y": population_date.year
    }


@dataclass
class Computation:
    member: Member
    amount: Decimal | None = None
    lines: list[str] = field(default_factory=list)
    population: Decimal | None = None
    population_date: dt.date | None = None
    population_source: str = ""
    months: int = 12
    error: str = ""
    # hints for the office only (e.g. an old population figure): shown on staff pages, kept out of the
    # assessment's explanation, which members see in their statement
    warnings: list[str] = field(default_factory=list)


def _population(member: Member, day: dt.date) -> Observation | None:
    return (
        Observation.objects.filter(
            unit_id=member.territory_id,
            variable__code="population",
            value__isnull=False,
            reference_date__isnull=False,
            reference_date__lte=day,
        )
        .order_by("-reference_date")
        .first()
    )


def assessed_members(rule: FeeRule) -> list[tuple[Member, int]]:
    """The members the rule assesses with their months: members on the `members_on` day for a full fee;
    anyone who belonged during the year for a fee by months."""
    members = Member.objects.select_related("organisation", "territory").prefetch_related("periods")
    result = []
    for member in members.order_by("number"):
        if rule.proration == FeeRule.Proration.FULL:
            if member.is_member_on(members_day(rule)):
                result.append((member, 12))
        else:
            months = months_in(member, rule.year)
            if months:
                result.append((member, months))
    return result


def compute(rule: FeeRule, member: Member, months: int = 12, kind_rates=None) -> Computation:
    """One member's fee with its explanation, line by line; `error` says what stops it."""
    rates = rates_for(rule, member.kind, kind_rates)
    result = Computation(member=member, months=months)
    result.lines.append(rates.label.capitalize() + ".")
    total = ZERO
    if rates.per_inhabitant:
        day = population_day(rule)
        obs = _population(member, day)
        if obs is None:
            result.error = _(
                "%(m)s: brak liczby mieszkańców na dzień %(d)s. Wpisz ją ze źródłem, aby naliczyć składki."
            ) % {"m": member.name, "d": format_date(day)}
            return result
        result.population, result.population_date = obs.value, obs.reference_date
        result.population_source = obs.source_url or obs.source_note
        by_inhabitants = obs.value * rates.per_inhabitant
        total += by_inhabitants
        when = format_date(obs.reference_date, obs.date_precision)
        result.lines.append(
            _("%(p)s mieszkańców (stan na %(d)s) × %(r)s = %(a)s")
            % {
                "p": format_number(obs.value, 0),
                "d": when,
                "r": _exact(rates.per_inhabitant),
                "a": _exact(by_inhabitants),
            }
        )
        if warning := stale_population_warning(obs.reference_date, day):
            result.warnings.append(warning)
    if rates.fixed_amount:
        total += rates.fixed_amount
        result.lines.append(_("kwota stała %(a)s") % {"a": format_amount(rates.fixed_amount)})
    result.lines.append(_("razem %(a)s") % {"a": _exact(total)})
    if rates.minimum is not None:
        if total < rates.minimum:
            total = rates.minimum
            result.lines.append(_("minimum %(a)s: stosujemy minimum") % {"a": format_amount(rates.minimum)})
        else:
            result.lines.append(_("minimum %(a)s: nie dotyczy") % {"a": format_amount(rates.minimum)})
    if months < 12:
        share = total * months / 12
        result.lines.append(
            _("za %(m)d z 12 miesięcy członkostwa: %(t)s × %(m)d / 12 = %(a)s")
            % {"m": months, "t": _exact(total), "a": _exact(share)}
        )
        total = share
    result.amount = round_cents(total)
    result.lines.append(
        _("Składka: %(a)s (zaokrąglenie raz, na końcu, do pełnego grosza).")
        % {"a": format_amount(result.amount)}
    )
    return result


def compute_all(rule: FeeRule) -> list[Computation]:
    kind_rates = {r.kind: r for r in rule.kind_rates.all()}
    return [compute(rule, m, months, kind_rates) for m, months in assessed_members(rule)]


def _check_rule(rule: FeeRule, kind_rates: list[dict[str, Any]]) -> None:
    errors: dict[str, str] = {}
    if not 2000 <= (rule.year or 0) <= 2100:
        errors["year"] = _("Podaj rok, np. 2026.")
    for name in ("fixed_amount", "per_inhabitant", "minimum"):
        value = getattr(rule, name)
        if value is not None and value < 0:
            errors[name] = _("Kwota nie może być ujemna.")
    if rule.due_on and rule.year and rule.due_on.year not in (rule.year, rule.year + 1):
        errors["due_on"] = _("Termin płatności powinien przypadać w roku składki lub w następnym.")
    for item in kind_rates:
        if item["kind"] not in KIND_LABELS:
            raise ValueError(f"Unknown member kind: {item['kind']}")
        for name in ("fixed_amount", "per_inhabitant", "minimum"):
            if item.get(name) is not None and item[name] < 0:
                errors[f"{item['kind']}_{name}"] = _("Kwota nie może być ujemna.")
    if errors:
        raise ValidationError(errors)


def _kind_rates_replace(rule: FeeRule, kind_rates: list[dict[str, Any]]) -> None:
    rule.kind_rates.all().delete()
    for item in kind_rates:
        FeeRuleKindRate.objects.create(
            rule=rule,
            kind=item["kind"],
            fixed_amount=item.get("fixed_amount") or ZERO,
            per_inhabitant=item.get("per_inhabitant") or ZERO,
            minimum=item.get("minimum"),
        )


def _context(actor: Any, **data: Any) -> Context:
    from django.utils import timezone

    return Context(actor=actor, today=timezone.localdate(), data=data)


@transaction.atomic
def fee_rule_save(
    *, actor: Any, rule: FeeRule | None = None, kind_rates: list[dict[str, Any]] | None = None, **fields: Any
) -> FeeRule:
    """Create a draft rule or correct one (the rule's "edit" transition: only a draft changes). `kind_rates`
    replaces the own amounts of kinds of members (the county, the city): a list of {kind, fixed_amount,
    per_inhabitant, minimum}; a kind left out pays the general ones."""
    if rule is not None:
        rule = FeeRule.objects.select_for_update().get(pk=rule.pk)
        RULE.check(actor, rule, "edit", _context(actor))
    else:
        require_unless_system(actor, Perm.FEES_MANAGE)
    before = audit.snapshot(rule) if rule else None
    rule = rule or FeeRule()
    for name, value in fields.items():
        if name not in RULE_FIELDS and name != "is_demo":
            raise TypeError(f"Unknown field: {name}")
        if value is None and name in ("fixed_amount", "per_inhabitant"):
            value = ZERO
        setattr(rule, name, "" if value is None and name == "note" else value)
    kind_rates = kind_rates or []
    _check_rule(rule, kind_rates)
    rule.full_clean()
    rates_after = {"kind_rates": [{k: str(v) for k, v in i.items()} for i in kind_rates]}
    if before is None:
        rule.save()
        _kind_rates_replace(rule, kind_rates)
        audit.record(
            actor=actor,
            action="fees.rule_create",
            obj=rule,
            after=audit.snapshot(rule) | rates_after,
        )
        return rule
    after: dict[str, Any] = {}

    def apply(obj: FeeRule) -> None:
        _kind_rates_replace(obj, kind_rates)
        after.update(audit.snapshot(obj) | rates_after)

    return RULE.fire(actor=actor, obj=rule, name="edit", apply=apply, before=before, after=after)


@transaction.atomic
def fee_rule_adopt(*, actor: Any, rule: FeeRule, decision: DecisionReference) -> FeeRule:
    """The effect of the Rada's resolution setting the year's fees (also called by hand for a resolution
    adopted outside the platform): the rule is adopted by `decision` and an earlier adopted rule of the same
    year is superseded. Assessments already generated stay until the office regenerates them."""
    rule = FeeRule.objects.select_for_update().get(pk=rule.pk)
    RULE.check(actor, rule, "adopt", _context(actor))
    if decision is None or decision.pk is None:
        raise ValidationError({"decision": _("Podaj uchwałę, która przyjmuje zasady.")})
    before = audit.snapshot(rule)
    superseded = list(
        FeeRule.objects.select_for_update()
        .filter(year=rule.year, status=FeeRule.Status.ADOPTED)
        .exclude(pk=rule.pk)
    )
    for old in superseded:
        RULE.fire(actor=actor, obj=old, name="supersede", after={"superseded_by_rule_id": rule.pk})
    after: dict[str, Any] = {}

    def apply(obj: FeeRule) -> None:
        obj.adopted_by = decision
        after.update(audit.snapshot(obj) | {"superseded_rule_ids": [r.pk for r in superseded]})

    return RULE.fire(actor=actor, obj=rule, name="adopt", apply=apply, before=before, after=after)


@transaction.atomic
def fee_rule_adopt_manual(*, actor: Any, rule: FeeRule, decision_fields: dict[str, Any]) -> FeeRule:
    """A resolution adopted outside the platform: record its number and date, then adopt as the Rada's
    resolution would."""
    from zit.core.services import decision_reference_create

    require_unless_system(actor, Perm.FEES_MANAGE)
    errors = {}
    if not (decision_fields.get("number") or "").strip():
        errors["number"] = _("Podaj numer uchwały.")
    if not decision_fields.get("date"):
        errors["date"] = _("Podaj datę uchwały.")
    if errors:
        raise ValidationError(errors)
    fields = {
        "issuer_kind": DecisionReference.IssuerKind.ASSOCIATION_BODY,
        "issuer_name": "Rada Stowarzyszenia",
        "kind": "uchwała",
    } | decision_fields
    decision = decision_reference_create(actor=None, **fields)
    return fee_rule_adopt(actor=actor, rule=rule, decision=decision)


@transaction.atomic
def assessments_generate(*, actor: Any, rule: FeeRule) -> list[FeeAssessment]:
    """Assess every member the adopted rule covers (the rule's "generate" transition; its guards refuse while
    any member's population is missing, naming every such member, or when nobody is assessed). Current
    assessments of the year are superseded and kept as history; payments are booked to the member and year,
    so they count against the new amounts."""
    rule = FeeRule.objects.select_for_update().get(pk=rule.pk)
    created: list[FeeAssessment] = []
    after: dict[str, Any] = {}

    def apply(obj: FeeRule) -> None:
        computations = compute_all(obj)
        superseded = []
        for old in FeeAssessment.objects.select_for_update().filter(
            year=obj.year, status=FeeAssessment.Status.CURRENT
        ):
            ASSESSMENT.fire(actor=actor, obj=old, name="supersede", after={"rule_id": obj.pk})
            superseded.append(old.pk)
        created.extend(
            FeeAssessment.objects.create(
                rule=obj,
                member=c.member,
                year=obj.year,
                reference=reference_for(obj.year, c.member),
                population=c.population,
                population_date=c.population_date,
                population_source=c.population_source,
                months=c.months,
                amount=c.amount,
                explanation=[str(line) for line in c.lines],
                due_on=obj.due_on,
                is_demo=obj.is_demo,
            )
            for c in computations
        )
        after.update(
            {
                "year": obj.year,
                "assessments": {a.reference: str(a.amount) for a in created},
                "superseded_assessment_ids": superseded,
            }
        )

    RULE.fire(actor=actor, obj=rule, name="generate", apply=apply, after=after)
    return created


def population_variable():
    from zit.territory.models import Variable
    from zit.territory.services import variables_ensure

    return Variable.objects.filter(code="population").first() or variables_ensure()["population"]


@transaction.atomic
def member_population_enter(
    *,
    actor: Any,
    member: Member,
    value: Decimal,
    reference_date: dt.date,
    source_url: str = "",
    source_note: str = "",
) -> Observation:
    """A missing population figure typed by the office, stored in the territory's statistics (one place for
    every figure, with its source) through the territory's own service."""
    from zit.territory.services import observation_save

    require_unless_system(actor, Perm.FEES_MANAGE)
    value = Decimal(value) if value is not None else None
    if value is None or value <= 0 or value != value.to_integral_value():
        raise ValidationError({"value": _("Podaj liczbę mieszkańców: liczbę całkowitą większą od zera.")})
    variable = population_variable()
    existing = Observation.objects.filter(
        unit_id=member.territory_id, variable=variable, reference_date=reference_date
    ).first()
    return observation_save(
        actor=actor,
        unit=member.territory,
        variable=variable,
        value=value,
        reference_date=reference_date,
        date_precision=Observation.DatePrecision.DAY,
        source_url=source_url,
        source_note=source_note,
        observation=existing,
    )
