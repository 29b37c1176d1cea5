"""Financial progress of the ZIT: the envelope, what the list of strategic projects takes, what contracts
commit, what beneficiaries have spent and what corrections took back, by envelope, beneficiary and year.

A read model: a fixed handful of queries whatever the number of projects (contracts with their cards and
corrections, noted expenditure grouped in the database, the list in force, the allocation), summed in
Python. EU money throughout: the envelope is in euro, projects are in złoty; every złoty figure is converted
to euro at one rate, the one the "envelope" rule gives for the day of the report, and the page names it.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import DecimalField, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce, ExtractYear
from django.utils import timezone
from django.utils.translation import gettext_lazy

from zit.association.models import Member
from zit.contracts.models import AmountRecord, Contract, Correction, ReportExpenditure
from zit.core.money import Money, round_cents
from zit.funding.models import AllocationLine, Fund, Measure, RateRule
from zit.funding.rates import Conversion, NoRate, convert
from zit.funding.selectors import agreement_current
from zit.projects.lists import list_in_force
from zit.projects.models import ListEntry

ZERO = Decimal(0)
OTHERS = gettext_lazy("inni beneficjenci (nie członkowie Stowarzyszenia)")


@dataclass
class Figures:
    """EU money in złoty for one group; euro is derived at the report's rate."""

    allocation_eur: Decimal = ZERO
    listed_pln: Decimal = ZERO
    contracted_pln: Decimal = ZERO
    spent_pln: Decimal = ZERO
    corrected_pln: Decimal = ZERO
    projects: int = 0

    def add(self, other: Figures) -> None:
        self.allocation_eur += other.allocation_eur
        self.listed_pln += other.listed_pln
        self.contracted_pln += other.contracted_pln
        self.spent_pln += other.spent_pln
        self.corrected_pln += other.corrected_pln
        self.projects += other.projects

    def absorption(self, allocation_pln: Decimal | None) -> Decimal | None:
        """Spent as a share of the allocation (or, without one, of what is contracted)."""
        base = allocation_pln if allocation_pln else self.contracted_pln
        return self.spent_pln / base if base else None


@dataclass
class Row:
    key: Any
    label: str
    figures: Figures
    filters: dict[str, Any] = field(default_factory=dict)  # for the drill-down to projects
    detail: str = ""  # a longer name, shown small under the label
    label_is_data: bool = False  # a name typed by people (a member, a beneficiary), shown marked as Polish


@dataclass
class ContractRow:
    """What the read models need of a contract and its card, read as plain values: building two thousand
    model instances with their cards, measures and funds cost more than all the sums."""

    pk: int
    number: str
    signed_on: dt.date
    ends_on: dt.date
    eligible_pln: Decimal
    eu_pln: Decimal
    terminated_on: dt.date | None
    eu_retained_pln: Decimal | None
    final_payment_on: dt.date | None
    durability_years: int | None
    is_demo: bool
    card_id: int
    title: str
    beneficiary_id: int
    beneficiary_name: str
    measure_id: int
    fund_id: int
    corrected_pln: Decimal

    def durability_years_due(self, today: dt.date) -> list[int]:
        """As Contract.durability_years_due: the years of the durability period already over."""
        return Contract(
            final_payment_on=self.final_payment_on, durability_years=self.durability_years
        ).durability_years_due(today)

    @property
    def committed_eu_pln(self) -> Decimal:
        """As Contract.committed_eu_pln: after corrections, or only what was kept after termination."""
        if self.terminated_on:
            return self.eu_retained_pln or ZERO
        return self.eu_pln - self.corrected_pln


@dataclass
class ProjectFigures:
    contract: ContractRow
    figures: Figures
    spent_by_year: dict[int, Decimal]


@dataclass
class FinancialReport:
    on: dt.date
    conversion: Conversion | None
    conversion_error: str
    total: Figures
    by_envelope: list[Row]
    by_fund: list[Row]
    by_member: list[Row]
    by_beneficiary: list[Row]
    by_year: list[Row]
    projects: list[ProjectFigures]
    is_demo: bool

    @property
    def rate(self) -> Decimal | None:
        return self.conversion.rate if self.conversion else None

    def eur(self, pln: Decimal) -> Decimal | None:
        return round_cents(pln / self.rate) if self.rate else None

    def pln(self, eur: Decimal) -> Decimal | None:
        return round_cents(eur * self.rate) if self.rate else None


def _eu_share(contract: ContractRow, amount: Decimal) -> Decimal:
    """The EU part of eligible expenditure: at the contract's co-financing rate."""
    if not contract.eligible_pln:
        return ZERO
    return round_cents(amount * contract.eu_pln / contract.eligible_pln)


ROW_FIELDS = {
    "pk": "pk",
    "number": "number",
    "signed_on": "signed_on",
    "ends_on": "ends_on",
    "eligible_pln": "eligible_pln",
    "eu_pln": "eu_pln",
    "terminated_on": "terminated_on",
    "eu_retained_pln": "eu_retained_pln",
    "final_payment_on": "final_payment_on",
    "durability_years": "durability_years",
    "is_demo": "is_demo",
    "card_id": "card_id",
    "title": "card__title",
    "beneficiary_id": "card__beneficiary_id",
    "beneficiary_name": "card__beneficiary__name",
    "measure_id": "card__measure_id",
    "fund_id": "card__fund_id",
}


def contract_rows(*, on: dt.date, filters: dict[str, int] | None = None) -> list[ContractRow]:
    """Contracts as they stood on `on`: the amounts of the newest amendment by then, corrections found by
    then, and a termination or a final payment only if it had happened; a past year is not rewritten by what
    came later."""
    contracts = Contract.objects.filter(signed_on__lte=on)
    for name, value in (filters or {}).items():
        contracts = contracts.filter(**{FILTER_FIELDS[name]: value})
    money = DecimalField(max_digits=15, decimal_places=2)
    corrected = (
        Correction.objects.filter(contract=OuterRef("pk"), found_on__lte=on)
        .values("contract")
        .annotate(total=Sum("eu_pln"))
        .values("total")
    )
    contracts = contracts.annotate(corrected=Coalesce(Subquery(corrected), ZERO, output_field=money))
    extra = ["corrected"]
    if (
        on < timezone.localdate()
    ):  # today the contract's own amounts are the newest; the past needs its record
        amounts = AmountRecord.objects.filter(contract=OuterRef("pk"), valid_from__lte=on).order_by(
            "-valid_from", "-pk"
        )
        contracts = contracts.annotate(
            eligible_then=Subquery(amounts.values("eligible_pln")[:1], output_field=money),
            eu_then=Subquery(amounts.values("eu_pln")[:1], output_field=money),
        )
        extra += ["eligible_then", "eu_then"]
    values = contracts.values(*ROW_FIELDS.values(), *extra)
    rows = []
    for row in values:
        item = ContractRow(
            **{name: row[column] for name, column in ROW_FIELDS.items()}, corrected_pln=row["corrected"]
        )
        if row.get("eu_then") is not None:
            item.eligible_pln, item.eu_pln = row["eligible_then"], row["eu_then"]
        if item.terminated_on and item.terminated_on > on:
            item.terminated_on, item.eu_retained_pln = None, None
        if item.final_payment_on and item.final_payment_on > on:
            item.final_payment_on = None
        rows.append(item)
    return rows


def _day_after(on: dt.date) -> dt.datetime:
    """The start of the next day in the platform's time zone: information noted by the end of `on` counts."""
    return timezone.make_aware(dt.datetime.combine(on + dt.timedelta(days=1), dt.time()))


def project_figures(contracts: list[ContractRow], *, on: dt.date | None = None) -> list[ProjectFigures]:
    on = on or timezone.localdate()
    spent: dict[int, dict[int, Decimal]] = defaultdict(dict)
    rows = (
        ReportExpenditure.objects.filter(
            report__contract_id__in=[c.pk for c in contracts],
            report__status="noted",
            report__responded_at__lt=_day_after(on),
            year__lte=on.year,
        )
        .values("report__contract_id", "year")
        .annotate(total=Sum("amount_pln"))
    )
    for row in rows:
        spent[row["report__contract_id"]][row["year"]] = row["total"]
    result = []
    for contract in contracts:
        by_year = {year: _eu_share(contract, amount) for year, amount in spent[contract.pk].items()}
        figures = Figures(
            contracted_pln=contract.committed_eu_pln,
            spent_pln=sum(by_year.values(), ZERO),
            corrected_pln=contract.corrected_pln,
            projects=1,
        )
        result.append(ProjectFigures(contract, figures, by_year))
    return result


def financial_report(*, on: dt.date | None = None, filters: dict[str, int] | None = None) -> FinancialReport:
    """Everything the dashboard and the annual report show about money, for the day `on`."""
    on = on or timezone.localdate()
    agreement = agreement_current()
    try:
        conversion = convert(Money(Decimal(1), "EUR"), to="PLN", on=on, purpose=RateRule.Purpose.ENVELOPE)
        error = ""
    except NoRate as exc:
        conversion, error = None, str(exc)
    projects = project_figures(contract_rows(on=on, filters=filters), on=on)
    measures = {m.pk: m for m in Measure.objects.filter(pk__in={p.contract.measure_id for p in projects})}
    funds = {f.pk: f for f in Fund.objects.all()}  # a handful: EFRR, EFS+, FST

    envelopes: dict[tuple[int, int], Row] = {}
    if agreement:
        for line in AllocationLine.objects.filter(agreement=agreement).select_related("measure", "fund"):
            if _matches(filters, measure=line.measure_id, fund=line.fund_id, beneficiary=None):
                envelopes[(line.measure_id, line.fund_id)] = _envelope_row(line.measure, line.fund)
                envelopes[(line.measure_id, line.fund_id)].figures.allocation_eur = line.amount_eur
    version = list_in_force(agreement) if agreement else None
    if version:
        entries = version.entries.filter(position=ListEntry.Position.MAIN).select_related(
            "card__measure", "card__fund", "card__beneficiary"
        )
        for entry in entries:
            card = entry.card
            if not _matches(
                filters, measure=card.measure_id, fund=card.fund_id, beneficiary=card.beneficiary_id
            ):
                continue
            row = envelopes.setdefault(
                (card.measure_id, card.fund_id), _envelope_row(card.measure, card.fund)
            )
            row.figures.listed_pln += entry.eu_pln
    beneficiaries: dict[int, Row] = {}
    years: dict[int, Row] = {}
    corrections_by_year: dict[int, dict[int, Decimal]] = defaultdict(dict)
    for row in (
        Correction.objects.filter(contract_id__in=[p.contract.pk for p in projects], found_on__lte=on)
        .annotate(year=ExtractYear("found_on"))
        .values("contract_id", "year")
        .annotate(total=Sum("eu_pln"))
    ):
        corrections_by_year[row["contract_id"]][row["year"]] = row["total"]
    total = Figures(allocation_eur=sum((r.figures.allocation_eur for r in envelopes.values()), ZERO))
    total.listed_pln = sum((r.figures.listed_pln for r in envelopes.values()), ZERO)
    for item in projects:
        c = item.contract
        row = envelopes.get((c.measure_id, c.fund_id)) or envelopes.setdefault(
            (c.measure_id, c.fund_id), _envelope_row(measures[c.measure_id], funds[c.fund_id])
        )
        row.figures.add(item.figures)
        person = beneficiaries.setdefault(
            c.beneficiary_id,
            Row(
                c.beneficiary_id,
                c.beneficiary_name,
                Figures(),
                {"beneficjent": c.beneficiary_id},
                label_is_data=True,
            ),
        )
        person.figures.add(item.figures)
        signed = years.setdefault(item.contract.signed_on.year, _year_row(item.contract.signed_on.year))
        signed.figures.contracted_pln += item.figures.contracted_pln
        signed.figures.projects += 1
        for year, amount in item.spent_by_year.items():
            years.setdefault(year, _year_row(year)).figures.spent_pln += amount
        for year, amount in corrections_by_year.get(item.contract.pk, {}).items():
            years.setdefault(year, _year_row(year)).figures.corrected_pln += amount
        total.contracted_pln += item.figures.contracted_pln
        total.spent_pln += item.figures.spent_pln
        total.corrected_pln += item.figures.corrected_pln
        total.projects += 1
    by_fund: dict[Any, Row] = {}
    for (_measure, fund_id), row in envelopes.items():
        fund = funds[fund_id]
        target = by_fund.setdefault(
            fund_id, Row((fund.order, fund.code), fund.code, Figures(), {"fundusz": fund_id})
        )
        target.figures.add(row.figures)
    members = {m.organisation_id: m for m in Member.objects.filter(organisation__isnull=False)}
    by_member: dict[Any, Row] = {}
    for item in projects:
        member = members.get(item.contract.beneficiary_id)
        key = (0, member.number) if member else (1, 0)
        label = member.name if member else OTHERS
        target = by_member.setdefault(
            key,
            Row(
                key,
                label,
                Figures(),
                {"beneficjent": item.contract.beneficiary_id} if member else {},
                label_is_data=bool(member),
            ),
        )
        target.figures.add(item.figures)
    return FinancialReport(
        on=on,
        conversion=conversion,
        conversion_error=error,
        total=total,
        by_envelope=sorted(envelopes.values(), key=lambda r: r.key),
        by_fund=sorted(by_fund.values(), key=lambda r: r.key),
        by_member=sorted(by_member.values(), key=lambda r: r.key),
        by_beneficiary=sorted(beneficiaries.values(), key=lambda r: r.label),
        by_year=[years[y] for y in sorted(years)],
        projects=projects,
        is_demo=any(item.contract.is_demo for item in projects),
    )


FILTER_FIELDS = {
    "dzialanie": "card__measure_id",
    "fundusz": "card__fund_id",
    "beneficjent": "card__beneficiary_id",
}


def _matches(filters: dict[str, int] | None, *, measure: int, fund: int, beneficiary: int | None) -> bool:
    if not filters:
        return True
    wanted = {"dzialanie": measure, "fundusz": fund, "beneficjent": beneficiary}
    return all(wanted[name] == value for name, value in filters.items())


def _envelope_row(measure: Any, fund: Any) -> Row:
    return Row(
        (measure.sort_key, fund.order),
        f"{measure.number} ({fund.code})",
        Figures(),
        {"dzialanie": measure.pk, "fundusz": fund.pk},
        measure.name_pl,
    )


def _year_row(year: int) -> Row:
    return Row(year, str(year), Figures(), {})


def cumulative_absorption(report: FinancialReport) -> list[tuple[int, Decimal, Decimal | None]]:
    """Year, EU money spent by the end of that year, and its share of the allocation (in złoty at the
    report's rate)."""
    allocation_pln = report.pln(report.total.allocation_eur) if report.total.allocation_eur else None
    running = ZERO
    result = []
    for row in report.by_year:
        running += row.figures.spent_pln
        result.append((row.key, running, running / allocation_pln if allocation_pln else None))
    return result


def row_values(
    report: FinancialReport, row: Row, *, with_allocation: bool, with_absorption: bool = True
) -> dict[str, Any]:
    """One table row as the pages, the downloads and the annual report show it: złoty and euro side by side,
    the list only where it is kept (per envelope and fund), the absorption where it means something."""
    f = row.figures
    allocation_pln = report.pln(f.allocation_eur) if with_allocation and f.allocation_eur else None
    return {
        "label": row.label,
        "detail": row.detail,
        "allocation_eur": f.allocation_eur if with_allocation else None,
        "allocation_pln": allocation_pln,
        "listed_pln": f.listed_pln if with_allocation else None,
        "contracted_pln": f.contracted_pln,
        "contracted_eur": report.eur(f.contracted_pln),
        "spent_pln": f.spent_pln,
        "spent_eur": report.eur(f.spent_pln),
        "corrected_pln": f.corrected_pln,
        "projects": f.projects,
        "absorption": f.absorption(allocation_pln) if with_absorption else None,
    }
