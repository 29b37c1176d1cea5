"""The grant contract and everything after it, one module per aggregate."""

from zit.contracts.models.contract import (
    Amendment,
    AmountRecord,
    Contract,
    ContractIndicator,
    ContractLine,
    ContractMilestone,
    Correction,
)
from zit.contracts.models.iz_data import IzFeed, IzFeedChange, IzFeedImport, IzFeedRow
from zit.contracts.models.published import PublishedImport, PublishedProject
from zit.contracts.models.reconciliation import Difference, IzSource, Reconciliation
from zit.contracts.models.reports import (
    DurabilityInfo,
    DurabilityStatement,
    ProgressReport,
    ReportAttachment,
    ReportExpenditure,
    ReportIndicator,
    ReportMilestone,
)

__all__ = [
    "Amendment",
    "AmountRecord",
    "Contract",
    "ContractIndicator",
    "ContractLine",
    "ContractMilestone",
    "Correction",
    "Difference",
    "DurabilityInfo",
    "DurabilityStatement",
    "IzFeed",
    "IzFeedChange",
    "IzFeedImport",
    "IzFeedRow",
    "IzSource",
    "ProgressReport",
    "PublishedImport",
    "PublishedProject",
    "Reconciliation",
    "ReportAttachment",
    "ReportExpenditure",
    "ReportIndicator",
    "ReportMilestone",
]
