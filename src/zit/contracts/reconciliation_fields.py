"""What a reconciliation compares: the platform's fields with their kinds, the status groups the IZ's status
words map onto, the guesses of a mapping, and how values are read, shown and compared."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zit.contracts.models import Contract, IzSource
from zit.core.formatting import format_amount, format_date
from zit.core.tables import cell_amount, cell_date, header_key
from zit.projects.models import ProjectCard

State = ProjectCard.State


@dataclass(frozen=True)
class Field:
    key: str
    label: Any
    kind: str  # text, amount, date, status
    aliases: tuple[str, ...]
    correct_here: bool = False  # the platform takes the IZ's value at a click


FIELDS = [
    Field(
        "application_number",
        gettext_lazy("numer wniosku"),
        "text",
        ("numer wniosku", "nr wniosku", "numer wniosku o dofinansowanie", "wniosek"),
        correct_here=True,
    ),
    Field(
        "contract_number",
        gettext_lazy("numer umowy"),
        "text",
        ("numer umowy", "nr umowy", "numer umowy/decyzji", "numer umowy o dofinansowanie", "umowa"),
    ),
    Field("title", gettext_lazy("tytuł projektu"), "label", ("tytuł projektu", "tytuł", "nazwa projektu")),
    Field(
        "total_pln",
        gettext_lazy("wartość projektu"),
        "amount",
        ("wartość projektu", "wartość ogółem", "całkowita wartość projektu", "wartość całkowita"),
    ),
    Field(
        "eligible_pln",
        gettext_lazy("wydatki kwalifikowalne"),
        "amount",
        ("wydatki kwalifikowalne", "koszty kwalifikowalne", "wartość wydatków kwalifikowalnych"),
    ),
    Field(
        "eu_pln",
        gettext_lazy("dofinansowanie UE"),
        "amount",
        (
            "dofinansowanie ue",
            "kwota dofinansowania ue",
            "dofinansowanie",
            "wkład ue",
            "kwota dofinansowania",
        ),
    ),
    Field(
        "signed_on",
        gettext_lazy("data zawarcia umowy"),
        "date",
        ("data zawarcia umowy", "data podpisania umowy", "data umowy", "data zawarcia"),
        correct_here=True,
    ),
    Field(
        "starts_on",
        gettext_lazy("początek realizacji"),
        "date",
        (
            "data rozpoczęcia",
            "data rozpoczęcia realizacji",
            "początek realizacji",
            "data rozpoczęcia projektu",
        ),
        correct_here=True,
    ),
    Field(
        "ends_on",
        gettext_lazy("koniec realizacji"),
        "date",
        ("data zakończenia", "data zakończenia realizacji", "koniec realizacji", "data zakończenia projektu"),
    ),
    Field(
        "final_payment_on",
        gettext_lazy("płatność końcowa"),
        "date",
        ("data płatności końcowej", "płatność końcowa", "data płatności salda"),
        correct_here=True,
    ),
    Field(
        "spent_pln",
        gettext_lazy("wydatki rozliczone"),
        "amount",
        (
            "wydatki rozliczone",
            "wydatki kwalifikowalne rozliczone",
            "kwota rozliczona",
            "wydatki zatwierdzone",
        ),
    ),
    Field(
        "status", gettext_lazy("status"), "status", ("status", "status projektu", "status wniosku", "stan")
    ),
]
FIELD_BY_KEY = {f.key: f for f in FIELDS}
KEYS = ("contract_number", "application_number")
AMENDED = {"total_pln", "eligible_pln", "eu_pln", "ends_on"}  # changed only by an amendment

STATUS_GROUPS = {
    "before": gettext_lazy("przed złożeniem wniosku w IZ"),
    "evaluation": gettext_lazy("wniosek w ocenie IZ"),
    "selected": gettext_lazy("wybrany do dofinansowania"),
    "rejected": gettext_lazy("odrzucony"),
    "contracted": gettext_lazy("umowa w realizacji"),
    "settled": gettext_lazy("rozliczony (po płatności końcowej)"),
    "terminated": gettext_lazy("umowa rozwiązana"),
    "withdrawn": gettext_lazy("wycofany"),
}
SKIP_STATUS = "skip"
# first match wins: words in the IZ's status texts
_STATUS_WORDS = [
    ("rozwiąz", "terminated"),
    ("wycofa", "withdrawn"),
    ("rezygn", "withdrawn"),
    ("odrzuc", "rejected"),
    ("negatyw", "rejected"),
    ("rozliczon", "settled"),
    ("zakończ", "settled"),
    ("realizac", "contracted"),
    ("podpisan", "contracted"),
    ("wybran", "selected"),
    ("pozytyw", "selected"),
    ("ocen", "evaluation"),
    ("złożon", "evaluation"),
]


def guess_mapping(columns: list[str], saved: dict[str, str]) -> dict[str, str]:
    """Saved choices first (if the column is still there), then the usual names of each field."""
    present = set(columns)
    mapping = {key: column for key, column in saved.items() if column in present and key in FIELD_BY_KEY}
    taken = set(mapping.values())
    by_canonical = {header_key(c): c for c in columns if c}
    for field in FIELDS:
        if field.key in mapping:
            continue
        for alias in field.aliases:
            column = by_canonical.get(alias)
            if column and column not in taken:
                mapping[field.key] = column
                taken.add(column)
                break
    return mapping


def guess_status(text: str) -> str:
    lower = text.lower()
    for word, group in _STATUS_WORDS:
        if word in lower:
            return group
    return ""


def status_of(card: ProjectCard, contract: Contract | None) -> str:
    if card.state in {State.APPLICATION_FILED, State.OPINION_ISSUED, State.OPINION_NEGATIVE}:
        return "evaluation"
    if card.state == State.CONTRACTED:
        return "settled" if contract and contract.final_payment_on else "contracted"
    return {
        State.SELECTED: "selected",
        State.REJECTED: "rejected",
        State.TERMINATED: "terminated",
        State.WITHDRAWN: "withdrawn",
    }.get(card.state, "before")


def normalised(text: str) -> str:
    return " ".join(text.upper().split())


def platform_value(key: str, card: ProjectCard, contract: Contract | None, spent: Decimal | None) -> Any:
    if key == "application_number":
        return card.application_number
    if key == "contract_number":
        return contract.number if contract else ""
    if key == "status":
        return status_of(card, contract)
    if key == "spent_pln":
        return spent or Decimal(0)
    if key in {"total_pln", "eligible_pln", "eu_pln"}:
        return getattr(contract or card, key)
    if key in {"signed_on", "final_payment_on"}:
        return getattr(contract, key) if contract else None
    if key in {"starts_on", "ends_on"}:
        return getattr(contract or card, key)
    return None


def parse_cell(field: Field, text: str, status_map: dict[str, str]) -> Any:
    if field.kind == "amount":
        return cell_amount(text)
    if field.kind == "date":
        return cell_date(text)
    if field.kind == "status":
        group = status_map.get(text.lower(), "")
        return None if group in {"", SKIP_STATUS} else group
    return text.strip() or None


def display(field: Field, value: Any) -> str:
    if value is None or value == "":
        return _("brak")
    if field.kind == "amount":
        return format_amount(value)
    if field.kind == "date":
        return format_date(value)
    if field.kind == "status":
        return str(STATUS_GROUPS.get(value, value))
    return str(value)


def same_value(field: Field, ours: Any, theirs: Any) -> bool:
    if field.kind == "text":
        return normalised(ours or "") == normalised(theirs or "")
    return ours == theirs


def encode_value(field: Field, value: Any) -> str:
    if value is None:
        return ""
    if field.kind == "date":
        return value.isoformat()
    return str(value)


def decode_value(field: Field, text: str) -> Any:
    if text == "":
        return None
    if field.kind == "amount":
        return Decimal(text)
    if field.kind == "date":
        return dt.date.fromisoformat(text)
    return text


TOTAL_WORDS = ("razem", "suma", "ogółem", "łącznie", "total")


def is_total_row(cells: dict[str, str]) -> bool:
    """A summary row at the end of an export ("Razem", "Suma"), not a project."""
    return any(value.strip().lower().startswith(TOTAL_WORDS) for value in cells.values() if value)


def expected_cards(source: IzSource, mapping: dict[str, str]):
    """The projects the export should hold: contracts from CST2021 (or an export without application
    numbers), applications filed with the IZ from LSI 2021+ and other exports."""
    if source.system == IzSource.System.CST or "application_number" not in mapping:
        return ProjectCard.objects.filter(contract__isnull=False)
    return ProjectCard.objects.exclude(application_number="")
