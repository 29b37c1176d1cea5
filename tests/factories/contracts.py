"""Grant contracts with their parts, progress reports, the published list and its imports, the reconciliations
with the managing authority's exports.

A contract is made as `contracts.services.contract_sign` records one: for a card the authority selected (the
card is then contracted), the EU amount within the measure's co-financing cap (70% of eligible costs for the
ZIT measures), the amounts split by organisation (a party to the project) and year so that the lines add up
to them, their record at signing, milestones within the period and at least one indicator target. A progress
report follows `contracts.reports`: its period inside the contract's, and past the draft it has figures
(optional), a noted one marking the milestones it reports as reached."""

from __future__ import annotations

import datetime as dt
import hashlib
from decimal import Decimal

import factory
from django.core.files.base import ContentFile
from django.utils import timezone

from zit.contracts.models import (
    AmountRecord,
    Contract,
    ContractIndicator,
    ContractLine,
    ContractMilestone,
    Correction,
    Difference,
    IzFeed,
    IzFeedImport,
    IzSource,
    ProgressReport,
    PublishedImport,
    PublishedProject,
    Reconciliation,
    ReportExpenditure,
    ReportIndicator,
    ReportMilestone,
)
from zit.funding.models import Indicator
from zit.projects.models import ProjectCard

from .base import ValidFactory, seq
from .core import DecisionReferenceFactory, JobFactory
from .projects import ProjectCardFactory

STRATEGY_INDICATOR = "RCO58"  # a catalogue indicator the bundled strategy has a target for


def _half(value: Decimal) -> Decimal:
    return (value / 2).quantize(Decimal("0.01"))


def record_amounts(contract: Contract) -> AmountRecord:
    """The amounts and lines at signing, as `contracts.services._write_amounts` keeps every state of them."""
    record = AmountRecord(
        contract=contract,
        valid_from=contract.signed_on,
        total_pln=contract.total_pln,
        eligible_pln=contract.eligible_pln,
        eu_pln=contract.eu_pln,
        ends_on=contract.ends_on,
        lines=[
            [
                line.organisation_id,
                str(line.organisation),
                line.year,
                str(line.total_pln),
                str(line.eligible_pln),
                str(line.eu_pln),
            ]
            for line in contract.lines.select_related("organisation")
        ],
    )
    record.full_clean()
    record.save()
    return record


class ContractFactory(ValidFactory):
    """A contract in force, signed for a contracted card, with its lines (the beneficiary's, in the two
    years of the period), the record of its amounts, a milestone and an indicator target. `lines=[]`,
    `milestones=[]` or `indicators=[]` leave those to the caller (with `lines=[]`, `record_amounts` once
    the lines are made)."""

    class Meta:
        model = Contract

    card = factory.SubFactory(ProjectCardFactory, state=ProjectCard.State.CONTRACTED)
    number = seq("FEWP.03.02-IZ.00-{n:04d}/25-00")
    signed_on = dt.date(2026, 2, 10)  # not in the future, as the service requires
    parties = factory.LazyAttribute(lambda o: f"Województwo Wielkopolskie i {o.card.beneficiary.name}")
    starts_on = dt.date(2026, 3, 1)
    ends_on = dt.date(2027, 10, 31)
    total_pln = Decimal("1000000.00")
    eligible_pln = Decimal("800000.00")
    eu_pln = Decimal("560000.00")  # 70% of eligible costs: the cap of the ZIT measures

    @factory.post_generation
    def lines(self, create, extracted, **kwargs):
        if extracted is None:
            first = {
                "total_pln": _half(self.total_pln),
                "eligible_pln": _half(self.eligible_pln),
                "eu_pln": _half(self.eu_pln),
            }
            ContractLineFactory(contract=self, year=self.starts_on.year, record=False, **first)
            ContractLineFactory(
                contract=self,
                year=self.ends_on.year,
                record=False,
                **{name: getattr(self, name) - value for name, value in first.items()},
            )
            record_amounts(self)

    @factory.post_generation
    def milestones(self, create, extracted, **kwargs):
        if extracted is None:
            ContractMilestoneFactory(contract=self)

    @factory.post_generation
    def indicators(self, create, extracted, **kwargs):
        if extracted is None:
            ContractIndicatorFactory(contract=self)


class ContractLineFactory(ValidFactory):
    """A line of the beneficiary; alone, the one line of a contract, carrying all its amounts."""

    class Meta:
        model = ContractLine

    contract = factory.SubFactory(ContractFactory, lines=[])
    organisation = factory.LazyAttribute(lambda o: o.contract.card.beneficiary)
    year = factory.LazyAttribute(lambda o: o.contract.starts_on.year)
    total_pln = factory.LazyAttribute(lambda o: o.contract.total_pln)
    eligible_pln = factory.LazyAttribute(lambda o: o.contract.eligible_pln)
    eu_pln = factory.LazyAttribute(lambda o: o.contract.eu_pln)

    @factory.post_generation
    def record(self, create, extracted, **kwargs):
        if extracted is not False and not self.contract.amount_history.exists():  # its one line: recorded
            record_amounts(self.contract)


class ContractMilestoneFactory(ValidFactory):
    """A milestone four months into the period (within it, as the service requires)."""

    class Meta:
        model = ContractMilestone

    contract = factory.SubFactory(ContractFactory, milestones=[])
    name = seq("Wybór wykonawcy {n}")
    due_on = factory.LazyAttribute(
        lambda o: min(o.contract.starts_on + dt.timedelta(days=121), o.contract.ends_on)
    )


class ContractIndicatorFactory(ValidFactory):
    class Meta:
        model = ContractIndicator

    contract = factory.SubFactory(ContractFactory, indicators=[])
    indicator = factory.LazyFunction(lambda: Indicator.objects.get(code=STRATEGY_INDICATOR))
    target_value = Decimal("4.500")
    target_year = factory.LazyAttribute(lambda o: o.contract.ends_on.year)


class CorrectionFactory(ValidFactory):
    """A financial correction found after signing, on a decision of the managing authority."""

    class Meta:
        model = Correction

    contract = factory.SubFactory(ContractFactory)
    found_on = factory.LazyAttribute(lambda o: o.contract.signed_on + dt.timedelta(days=100))
    description = "Naruszenie zasad konkurencyjności przy wyborze wykonawcy."
    eligible_pln = Decimal("10000.00")
    eu_pln = Decimal("7000.00")
    decision = factory.SubFactory(
        DecisionReferenceFactory,
        issuer_kind="managing_authority",
        issuer_name="Instytucja Zarządzająca FEW 2021+",
        kind="pismo",
    )
    created_by_label = "Biuro ZIT"


class ProgressReportFactory(ValidFactory):
    """Draft progress information for the first four months of the contract; `submitted=True` (passed on)
    or `noted=True` (the office took note) for one past the draft, which then reports expenditure and a value
    of each indicator (`figures=False`: none), a noted one also the milestones due in its period, which it
    marks reached."""

    class Meta:
        model = ProgressReport

    class Params:
        submitted = factory.Trait(
            status=ProgressReport.Status.SUBMITTED, submitted_at=factory.LazyFunction(timezone.now)
        )
        noted = factory.Trait(
            status=ProgressReport.Status.NOTED,
            submitted_at=factory.LazyFunction(timezone.now),
            responded_at=factory.LazyFunction(timezone.now),
            responded_by_label="Biuro ZIT",
        )

    contract = factory.SubFactory(ContractFactory)
    period_from = factory.LazyAttribute(lambda o: o.contract.starts_on)
    period_to = factory.LazyAttribute(
        lambda o: min(o.contract.starts_on + dt.timedelta(days=121), o.contract.ends_on)
    )
    narrative = "Wybrano wykonawcę, prace ruszyły zgodnie z harmonogramem."
    created_by_label = "Beneficjent"

    @factory.post_generation
    def figures(self, create, extracted, **kwargs):
        if extracted is False or self.status == ProgressReport.Status.DRAFT:
            return
        ReportExpenditureFactory(report=self)
        for target in self.contract.indicators.all():
            ReportIndicatorFactory(report=self, target=target)
        if self.status == ProgressReport.Status.NOTED:
            for milestone in self.contract.milestones.filter(due_on__lte=self.period_to):
                ReportMilestoneFactory(report=self, milestone=milestone)


class ReportExpenditureFactory(ValidFactory):
    class Meta:
        model = ReportExpenditure

    report = factory.SubFactory(ProgressReportFactory)
    year = factory.LazyAttribute(lambda o: o.report.period_from.year)
    category = ReportExpenditure.Category.WORKS
    amount_pln = Decimal("150000.00")


class ReportIndicatorFactory(ValidFactory):
    """Half of the target reached, for the contract's first indicator unless told which."""

    class Meta:
        model = ReportIndicator

    report = factory.SubFactory(ProgressReportFactory)
    target = factory.LazyAttribute(lambda o: o.report.contract.indicators.first())
    value = factory.LazyAttribute(lambda o: o.target.target_value / 2)


class ReportMilestoneFactory(ValidFactory):
    """A milestone reached by its date (or the period's end); reported in noted progress information it is
    reached on the contract too, as `report_note` marks it."""

    class Meta:
        model = ReportMilestone

    report = factory.SubFactory(ProgressReportFactory)
    milestone = factory.LazyAttribute(lambda o: o.report.contract.milestones.first())
    reached_on = factory.LazyAttribute(lambda o: min(o.milestone.due_on, o.report.period_to))

    @factory.post_generation
    def on_the_contract(self, create, extracted, **kwargs):
        if self.report.status == ProgressReport.Status.NOTED:
            self.milestone.reached_on = self.reached_on
            self.milestone.save(update_fields=["reached_on"])


class PublishedProjectFactory(ValidFactory):
    """A row of the published list of co-financed projects (art. 49 of the CPR)."""

    class Meta:
        model = PublishedProject

    contract_number = seq("FEWP.TEST.00-{n:04d}/31")
    origin = PublishedProject.Origin.IMPORT
    title = seq("Projekt opublikowany {n}")
    beneficiary = "Gmina Testowa"
    fund = "EFRR"
    programme = "Fundusze Europejskie dla Wielkopolski 2021-2027"
    total_pln = Decimal("1000000.00")
    eligible_pln = Decimal("900000.00")
    eu_pln = Decimal("700000.00")
    cofinancing_rate = Decimal("0.7778")
    place = "Konin"
    starts_on = dt.date(2031, 1, 1)
    ends_on = dt.date(2032, 12, 31)


PUBLISHED_CSV = (
    "Numer umowy;Tytuł projektu;Beneficjent;Fundusz\n"
    "FEWP.TEST.00-0001/31;Projekt opublikowany;Gmina Testowa;EFRR\n"
).encode()


class PublishedImportFactory(ValidFactory):
    """An import of the official list, done by its background job; the file is stored."""

    class Meta:
        model = PublishedImport

    _empty_allowed = ("problems", "notices")

    file_name = seq("wykaz-{n:03d}.csv")
    file = factory.LazyAttribute(lambda o: ContentFile(PUBLISHED_CSV, name=o.file_name))
    file_sha256 = hashlib.sha256(PUBLISHED_CSV).hexdigest()
    status = PublishedImport.Status.DONE
    rows_read = 1
    created = 1
    job = factory.SubFactory(
        JobFactory,
        kind="contracts.published_import",
        title=factory.LazyAttribute(lambda o: f"Import wykazu projektów: {o.factory_parent.file_name}"),
    )
    created_by_label = "Biuro ZIT"


IZ_CSV = (
    "Numer umowy;Tytuł projektu;Dofinansowanie UE\nFEWP.03.02-IZ.00-0001/25-00;Projekt z IZ;560000,00\n"
).encode()


class IzSourceFactory(ValidFactory):
    """An export of CST2021 with its columns mapped (the mapping keeps the headers in lower case)."""

    class Meta:
        model = IzSource

    name = seq("Zestawienie CST2021 {n}")
    system = IzSource.System.CST
    mapping = factory.LazyFunction(
        lambda: {"contract_number": "numer umowy", "title": "tytuł projektu", "eu_pln": "dofinansowanie ue"}
    )


class IzFeedFactory(ValidFactory):
    """A source of the IZ's periodic data: contracts in a CSV, the contract number mapped."""

    class Meta:
        model = IzFeed

    name = seq("Umowy z IZ {n}")
    kind = IzFeed.Kind.CONTRACTS
    file_format = IzFeed.Format.CSV
    mapping = factory.LazyFunction(lambda: {"contract_number": "numer umowy", "eu_pln": "dofinansowanie ue"})


class IzFeedImportFactory(ValidFactory):
    """One file of a source, imported (no rows kept: the history page reads only the counts)."""

    class Meta:
        model = IzFeedImport

    _empty_allowed = ("problems", "mapping")

    feed = factory.SubFactory(IzFeedFactory)
    file_name = seq("umowy-iz-{n:03d}.csv")
    file_sha256 = factory.LazyAttribute(lambda o: hashlib.sha256(o.file_name.encode()).hexdigest())
    status = IzFeedImport.Status.DONE
    rows_read = 2
    added = 2
    created_by_label = "Biuro ZIT"


class ReconciliationFactory(ValidFactory):
    """An export compared with the platform; the file is stored."""

    class Meta:
        model = Reconciliation

    _empty_allowed = ("status_values", "problems")

    source = factory.SubFactory(IzSourceFactory)
    file_name = seq("zestawienie-{n:03d}.csv")
    file = factory.LazyAttribute(lambda o: ContentFile(IZ_CSV, name=o.file_name))
    file_sha256 = hashlib.sha256(IZ_CSV).hexdigest()
    status = Reconciliation.Status.DONE
    columns = factory.LazyFunction(lambda: ["numer umowy", "tytuł projektu", "dofinansowanie ue"])
    rows_read = 1
    created_by_label = "Biuro ZIT"


class DifferenceFactory(ValidFactory):
    """A row of the export the platform does not know, open."""

    class Meta:
        model = Difference

    reconciliation = factory.SubFactory(ReconciliationFactory)
    kind = Difference.Kind.NOT_IN_PLATFORM
    row = 1
    reference = seq("FEWP.03.02-IZ.00-{n:04d}/25-00")
    iz_value = "Projekt z IZ"
