"""A card's budget by organisation and year: the rows, what does not add up (shared with the grant contract's
amounts), and the snapshot its audit events keep."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from zit.core.formatting import format_amount, format_number
from zit.core.money import round_cents
from zit.organisations.models import Organisation
from zit.projects.models import ProjectCard


@dataclass
class BudgetRow:
    organisation: Organisation
    year: int
    total_pln: Decimal
    eligible_pln: Decimal
    eu_pln: Decimal


def table_mismatches(
    rows: list[BudgetRow], total: Decimal, eligible: Decimal, eu: Decimal, whole: str
) -> list[str]:
    """What does not add up between a table by organisation and year and the amounts it splits (a card's
    budget or a contract's amounts), to the grosz."""
    messages = []
    for label, expected, attr in (
        (_("wartości"), total, "total_pln"),
        (_("wydatków kwalifikowalnych"), eligible, "eligible_pln"),
        (_("dofinansowania UE"), eu, "eu_pln"),
    ):
        summed = sum((getattr(r, attr) for r in rows), Decimal(0))
        if summed != expected:
            messages.append(
                _("Suma %(what)s w tabeli (%(sum)s) różni się od %(whole)s (%(exp)s) o %(diff)s.")
                % {
                    "what": label,
                    "whole": whole,
                    "sum": format_amount(summed),
                    "exp": format_amount(expected),
                    "diff": format_amount(abs(summed - expected)),
                }
            )
    return messages


def budget_errors(
    card: ProjectCard, *, total: Decimal, eligible: Decimal, rate: Decimal, rows: list[BudgetRow]
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    if eligible > total:
        add("eligible_pln", _("Wydatki kwalifikowalne nie mogą być wyższe niż wartość projektu."))
    if card.measure_id is None:
        # no FEW 2021+ source within ZIT: no EU co-financing computed here (other sources have their own amounts)
        if rate != 0:
            add(
                "cofinancing_rate",
                _(
                    "Fiszka nie ma działania FEW 2021+: poziom dofinansowania UE wpisz 0%, a kwoty z innych "
                    "źródeł podaj w części „Źródła finansowania”."
                ),
            )
    else:
        cap, _where = card.measure.effective_rate()
        if rate <= 0 or rate > 1:
            add("cofinancing_rate", _("Poziom dofinansowania to procent od 0 do 100."))
        elif cap is not None and rate > cap:
            add(
                "cofinancing_rate",
                _("Działanie %(m)s dopuszcza najwyżej %(cap)s%% dofinansowania.")
                % {"m": card.measure.number, "cap": format_number((cap * 100).normalize())},
            )
    allowed = {card.beneficiary_id, *card.partners.values_list("organisation_id", flat=True)}
    years = range(card.starts_on.year, card.ends_on.year + 1) if card.starts_on and card.ends_on else None
    seen: set[tuple[int, int]] = set()
    for i, row in enumerate(rows, start=1):
        where = _("Wiersz %(n)d (%(o)s, %(y)d)") % {"n": i, "o": row.organisation, "y": row.year}
        if row.organisation.pk not in allowed:
            add("lines", _("%(w)s: to nie jest wnioskodawca ani partner.") % {"w": where})
        if (row.organisation.pk, row.year) in seen:
            add("lines", _("%(w)s: ta organizacja ma już wiersz na ten rok.") % {"w": where})
        seen.add((row.organisation.pk, row.year))
        if years is not None and row.year not in years:
            add(
                "lines",
                _("%(w)s: rok poza okresem realizacji (%(y)s).")
                % {
                    "w": where,
                    "y": str(years.start) if len(years) == 1 else f"{years.start}–{years.stop - 1}",
                },
            )
        if row.eligible_pln > row.total_pln:
            add("lines", _("%(w)s: kwalifikowalne wyższe niż wartość.") % {"w": where})
        if row.eu_pln > row.eligible_pln:
            add("lines", _("%(w)s: dofinansowanie wyższe niż wydatki kwalifikowalne.") % {"w": where})
        elif 0 < rate <= 1 and row.eu_pln > round_cents(row.eligible_pln * rate) + Decimal("0.01"):
            add(
                "lines",
                _("%(w)s: dofinansowanie przekracza %(p)s wydatków kwalifikowalnych tego wiersza.")
                % {"w": where, "p": format_number((rate * 100).normalize()) + "%"},
            )
    if not rows:
        add("lines", _("Rozpisz budżet na lata i organizacje: co najmniej jeden wiersz."))
        return errors
    for message in table_mismatches(rows, total, eligible, round_cents(eligible * rate), _("kwoty projektu")):
        add("lines", message)
    return errors


def lines_snapshot(card: ProjectCard) -> list[list[str]]:
    return [
        [
            str(line.organisation_id),
            str(line.year),
            str(line.total_pln),
            str(line.eligible_pln),
            str(line.eu_pln),
        ]
        for line in card.budget_lines.all()
    ]
