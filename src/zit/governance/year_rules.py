"""The association's reporting year (*rok sprawozdawczy*): its steps, their deadlines and the legal basis of
each, as data, so the year page, the inbox and the office's guide quote the same text.

Pure functions: no database, no clock (callers pass the year and, for the filing, the approval's date).

The balance-sheet day (*dzień bilansowy*) is 31 December of the year. Deadlines are calendar dates and are not
moved when they fall on a Saturday, a Sunday or a holiday: the Accounting Act has no rule moving them, and for
the approval practice holds that the date does not move (do weryfikacji). The 10 days for sending the approved
statement are counted from the approval resolution's date, the day of the approval not counted; a move of that
last day under the Tax Ordinance's rule on days off is not applied here (do weryfikacji).

A basis marked `verified=False` is shown with "do weryfikacji" and the source used: its wording was taken from a
secondary source, not confirmed in the primary text of the act or of the statute.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

ACCOUNTING_ACT = "ustawy z dnia 29 września 1994 r. o rachunkowości"
CIT_ACT = "ustawy z dnia 15 lutego 1992 r. o podatku dochodowym od osób prawnych"
STATUTE = "statutu Stowarzyszenia Aglomeracji Konińskiej"

APPROVAL_MONTHS = 6  # art. 53 ust. 1 of the Accounting Act
FILING_DAYS = 10  # art. 27 ust. 2 of the CIT act


@dataclass(frozen=True)
class LegalBasis:
    """One legal basis, quoted the same way on the page and in the guide. The texts are Polish legal data."""

    provision: str  # "art. 52 ust. 1"
    act: str  # in the genitive, as cited after the provision
    rule: str  # what it requires, in the office's words
    quote: str = ""  # the provision's own words, when confirmed in the primary text
    verified: bool = True
    source: str = ""  # where an unconfirmed wording was taken from

    @property
    def citation(self) -> str:
        """ "art. 52 ust. 1 ustawy … o rachunkowości", and " – do weryfikacji (źródło: …)" when unconfirmed."""
        text = f"{self.provision} {self.act}"
        if not self.verified:
            text += f" – do weryfikacji (źródło: {self.source})"
        return text


STATEMENT_BASIS = LegalBasis(
    provision="art. 52 ust. 1",
    act=ACCOUNTING_ACT,
    rule="Roczne sprawozdanie finansowe sporządza się nie później niż w ciągu 3 miesięcy od dnia bilansowego.",
    quote=(
        "Kierownik jednostki zapewnia sporządzenie rocznego sprawozdania finansowego nie później niż w ciągu "
        "3 miesięcy od dnia bilansowego i przedstawia je właściwym organom, zgodnie z obowiązującymi jednostkę "
        "przepisami prawa, postanowieniami statutu lub umowy."
    ),
)
APPROVAL_BASIS = LegalBasis(
    provision="art. 53 ust. 1",
    act=ACCOUNTING_ACT,
    rule=(
        "Roczne sprawozdanie finansowe zatwierdza organ zatwierdzający nie później niż 6 miesięcy od dnia "
        "bilansowego; termin nie przesuwa się, gdy wypada w sobotę lub niedzielę."
    ),
    verified=False,
    source="gazetaprawna.pl, rp.pl",
)
FILING_BASIS = LegalBasis(
    provision="art. 27 ust. 2",
    act=CIT_ACT,
    rule=(
        "Zatwierdzone sprawozdanie finansowe przesyła się Szefowi Krajowej Administracji Skarbowej w ciągu "
        "10 dni od dnia jego zatwierdzenia."
    ),
    verified=False,
    source="prawo.pl, 2020",
)
BOARD_REPORT_BASIS = LegalBasis(
    provision="postanowienia",
    act=STATUTE,
    rule="Zarząd przedstawia Radzie sprawozdanie ze swojej działalności przed posiedzeniem zatwierdzającym.",
    verified=False,
    source="paragraf statutu niepotwierdzony",
)
AUDIT_OPINION_BASIS = LegalBasis(
    provision="postanowienia",
    act=STATUTE,
    rule="Komisja Rewizyjna przedstawia Radzie opinię przed posiedzeniem zatwierdzającym sprawozdanie.",
    verified=False,
    source="paragraf statutu niepotwierdzony",
)


def balance_sheet_day(year: int) -> dt.date:
    return dt.date(year, 12, 31)


def statement_due(year: int) -> dt.date:
    """3 months from 31 December: 31 March of the next year."""
    return dt.date(year + 1, 3, 31)


def approval_due(year: int) -> dt.date:
    """6 months from 31 December: 30 June of the next year, not moved when it falls on a weekend."""
    return dt.date(year + 1, 6, 30)


def filing_due(approved_on: dt.date | None) -> dt.date | None:
    """10 days from the approval resolution's date; none before the statement is approved."""
    return None if approved_on is None else approved_on + dt.timedelta(days=FILING_DAYS)


@dataclass(frozen=True)
class Step:
    """One step of the year. `due_before_approval`: the statute asks for it before the Rada's approval, so its
    date is the approval's."""

    key: str
    label: Promise
    basis: LegalBasis
    due_before_approval: bool = False


STATEMENT = "statement"
BOARD_REPORT = "board_report"
AUDIT_OPINION = "audit_opinion"
APPROVAL = "approval"
FILING = "filing"

STEPS: tuple[Step, ...] = (
    Step(STATEMENT, _("Sprawozdanie finansowe"), STATEMENT_BASIS),
    Step(
        BOARD_REPORT, _("Sprawozdanie Zarządu z działalności"), BOARD_REPORT_BASIS, due_before_approval=True
    ),
    Step(AUDIT_OPINION, _("Opinia Komisji Rewizyjnej"), AUDIT_OPINION_BASIS, due_before_approval=True),
    Step(APPROVAL, _("Zatwierdzenie sprawozdania finansowego przez Radę"), APPROVAL_BASIS),
    Step(FILING, _("Wysłanie zatwierdzonego sprawozdania do Szefa KAS"), FILING_BASIS),
)
STEP_BY_KEY = {step.key: step for step in STEPS}
DOCUMENT_STEPS = (STATEMENT, BOARD_REPORT, AUDIT_OPINION)


def step_due(step: str, year: int, approved_on: dt.date | None = None) -> dt.date | None:
    """The step's deadline; what is due before the approval is due by its date once the Rada has approved
    (at the latest by the approval's own deadline)."""
    if step == STATEMENT:
        return statement_due(year)
    if step == APPROVAL:
        return approval_due(year)
    if step in (BOARD_REPORT, AUDIT_OPINION):
        return min(approved_on, approval_due(year)) if approved_on else approval_due(year)
    return filing_due(approved_on)
