"""Shared steps of the monitoring tests: noted progress information and a financial correction."""

import datetime as dt
from decimal import Decimal

from zit.contracts.reports import ReportData, report_create, report_note, report_pass_on, report_save
from zit.contracts.services import correction_add
from zit.core.services import decision_reference_create

FIRST_HALF = (dt.date(2026, 3, 1), dt.date(2026, 6, 30))


def progress_report(contract, *, period=FIRST_HALF, spent=(), values=None, accept=True):
    """A report with expenditure [(year, category, amount)] and indicator values {target id: value},
    passed on and, unless told otherwise, noted by the office (`accept` keeps the older tests' word)."""
    report = report_create(actor=None, contract=contract, period_from=period[0], period_to=period[1])
    report_save(actor=None, report=report, data=ReportData("Postęp.", list(spent), values or {}, {}))
    report_pass_on(actor=None, report=report)
    if accept:
        report_note(actor=None, report=report)
    return report


def correction(office, contract, *, found_on, eligible, eu, number):
    return correction_add(
        actor=office,
        contract=contract,
        found_on=found_on,
        description="Nieprawidłowość.",
        eligible_pln=Decimal(eligible),
        eu_pln=Decimal(eu),
        decision=decision_reference_create(
            actor=office,
            issuer_kind="managing_authority",
            issuer_name="IZ",
            kind="pismo",
            number=number,
            date=found_on + dt.timedelta(days=1),
        ),
    )
