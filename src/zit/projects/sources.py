"""A card's funding sources beside the FEW 2021+ measure: their rules, their one write, and the double funding
check (one card, or the same expenditure, financed by sources whose grants together exceed its eligible cost).

The card's measure, fund and budget are its FEW 2021+ source within ZIT, the only one that draws on the ZIT
envelopes. Own budgets of the members are a contribution, not a grant: they never count as double funding."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zit.core.formatting import format_amount, format_date
from zit.funding.models import Measure
from zit.projects.models import CardFundingSource, ProjectCard
from zit.projects.services import _locked, _record, _require_edit

Kind = CardFundingSource.Kind

# the prohibition of double financing: art. 63(9) CPR for Union funds; national sources follow the national
# eligibility guidelines
LEGAL_BASIS = gettext_lazy(
    "zakaz podwójnego finansowania tego samego wydatku (art. 63 ust. 9 rozporządzenia (UE) 2021/1060; dla "
    "źródeł krajowych – wytyczne dotyczące kwalifikowalności wydatków na lata 2021–2027)"
)
NAMED_KINDS = (Kind.NATIONAL, Kind.OTHER)  # the kind alone does not say which programme


@dataclass
class SourceData:
    kind: str
    grant_pln: Decimal
    eligible_pln: Decimal
    programme: str = ""
    measure: Measure | None = None
    category: str = ""
    period_from: dt.date | None = None
    period_to: dt.date | None = None
    note: str = ""


def row_errors(card: ProjectCard, rows: list[SourceData]) -> list[str]:
    """What is wrong in the table, each message naming its row."""
    messages = []
    for i, row in enumerate(rows, start=1):
        where = _("Źródło %(n)d") % {"n": i}

        def add(message: str, where: str = where) -> None:
            messages.append(f"{where}: {message}")

        if row.kind in NAMED_KINDS and not row.programme.strip():
            add(_("podaj nazwę programu lub źródła (np. Rządowy Fundusz Polski Ład)."))
        if row.kind == Kind.FEW_OTHER:
            if row.measure is None:
                add(_("wskaż działanie FEW 2021+, z którego pochodzi dofinansowanie poza ZIT."))
            elif row.measure.is_zit:
                add(
                    _(
                        "działanie %(m)s jest działaniem ZIT: wpisz je w danych podstawowych fiszki, bo tylko "
                        "tam liczy się do kopert ZIT."
                    )
                    % {"m": row.measure.number}
                )
        elif row.measure is not None:
            add(_("działanie wskazuje się tylko przy źródle „FEW 2021+ poza ZIT”."))
        if row.grant_pln < 0 or row.eligible_pln < 0:
            add(_("kwoty nie mogą być ujemne."))
        elif row.grant_pln > row.eligible_pln:
            add(
                _("kwota finansowania (%(g)s) jest wyższa niż objęty nią koszt kwalifikowalny (%(e)s).")
                % {"g": format_amount(row.grant_pln), "e": format_amount(row.eligible_pln)}
            )
        if card.total_pln is not None and row.eligible_pln > card.total_pln:
            add(
                _("koszt objęty źródłem (%(e)s) jest wyższy niż wartość projektu (%(t)s).")
                % {"e": format_amount(row.eligible_pln), "t": format_amount(card.total_pln)}
            )
        if row.period_from and row.period_to and row.period_to < row.period_from:
            add(_("koniec okresu jest wcześniejszy niż jego początek."))
    return messages


def _snapshot(card: ProjectCard) -> list[list[str]]:
    return [
        [s.kind, s.programme, str(s.measure_id or ""), str(s.grant_pln), str(s.eligible_pln), s.category]
        + [str(s.period_from or ""), str(s.period_to or ""), s.note]
        for s in card.funding_sources.all()
    ]


@transaction.atomic
def card_sources_set(*, actor: Any, card: ProjectCard, rows: list[SourceData]) -> ProjectCard:
    """Replace the card's sources beside the FEW 2021+ measure. A card without a measure keeps at least one."""
    card = _locked(card)
    _require_edit(actor, card)
    messages = row_errors(card, rows)
    if not rows and not card.measure_id:
        messages.append(
            _(
                "Fiszka nie ma działania FEW 2021+, więc musi mieć co najmniej jedno inne źródło finansowania. "
                "Najpierw wskaż działanie w danych podstawowych, jeśli projekt ma być finansowany z FEW w ZIT."
            )
        )
    if messages:
        raise ValidationError({"sources": messages})
    before = {"sources": _snapshot(card)}
    card.funding_sources.all().delete()
    CardFundingSource.objects.bulk_create(
        CardFundingSource(
            card=card,
            kind=r.kind,
            programme=r.programme.strip(),
            measure=r.measure,
            grant_pln=r.grant_pln,
            eligible_pln=r.eligible_pln,
            category=r.category.strip(),
            period_from=r.period_from,
            period_to=r.period_to,
            note=r.note.strip(),
        )
        for r in rows
    )
    _record(actor, card, "projects.card_sources", before, {"sources": _snapshot(card)})
    return card


def sources_problems(card: ProjectCard) -> list[str]:
    """What stops a card from being submitted as to its funding."""
    if card.measure_id or card.funding_sources.exists():
        return []
    return [
        _(
            "Wskaż działanie FEW 2021+ w danych podstawowych albo dodaj inne źródło finansowania "
            "(np. FEnIKS, KPO, program krajowy, budżety własne)."
        )
    ]


# --- double funding


@dataclass
class Grant:
    label: str
    grant_pln: Decimal
    eligible_pln: Decimal
    category: str
    period_from: dt.date | None
    period_to: dt.date | None


def grants_of(card: ProjectCard) -> list[Grant]:
    """The card's grants: the FEW 2021+ one within ZIT (the whole project over its schedule) and every other
    source except the members' own budgets."""
    grants = []
    if card.measure_id and card.eu_pln:
        grants.append(
            Grant(
                _("FEW 2021+ w ZIT (działanie %(m)s)") % {"m": card.measure.number},
                card.eu_pln,
                card.eligible_pln or Decimal(0),
                "",
                card.starts_on,
                card.ends_on,
            )
        )
    for s in card.funding_sources.all():
        if s.is_grant:
            grants.append(Grant(s.label, s.grant_pln, s.eligible_pln, s.category, s.period_from, s.period_to))
    return grants


def _overlap(a: Grant, b: Grant) -> bool:
    """Two periods overlap; a missing end is open (the whole project)."""
    starts = [d for d in (a.period_from, b.period_from) if d]
    ends = [d for d in (a.period_to, b.period_to) if d]
    return not starts or not ends or max(starts) <= min(ends)


def _period(g: Grant) -> str:
    if not g.period_from and not g.period_to:
        return _("cały okres projektu")
    return f"{format_date(g.period_from) if g.period_from else '…'} – {format_date(g.period_to) if g.period_to else '…'}"


def double_funding(card: ProjectCard) -> list[str]:
    """Plain Polish explanations of each case where grants together exceed the eligible cost they cover."""
    grants = grants_of(card)
    found = []
    total = sum((g.grant_pln for g in grants), Decimal(0))
    if len(grants) > 1 and card.eligible_pln is not None and total > card.eligible_pln:
        found.append(
            _(
                "Dofinansowanie z kilku źródeł (%(list)s) wynosi razem %(sum)s, a wydatki kwalifikowalne projektu "
                "to %(elig)s – o %(diff)s więcej, niż kosztuje to, co finansują. Obowiązuje %(basis)s: sprawdź "
                "kwoty albo zmniejsz finansowanie z jednego źródła."
            )
            % {
                "list": "; ".join(g.label for g in grants),
                "sum": format_amount(total),
                "elig": format_amount(card.eligible_pln),
                "diff": format_amount(total - card.eligible_pln),
                "basis": LEGAL_BASIS,
            }
        )
    for i, a in enumerate(grants):
        for b in grants[i + 1 :]:
            if not a.category or a.category.casefold() != b.category.casefold() or not _overlap(a, b):
                continue
            cost = max(a.eligible_pln, b.eligible_pln)
            if a.grant_pln + b.grant_pln > cost:
                found.append(
                    _(
                        "Wydatki „%(cat)s” (%(pa)s oraz %(pb)s) finansują dwa źródła: %(a)s i %(b)s. Razem "
                        "%(sum)s, a koszt kwalifikowalny tych wydatków to %(cost)s – o %(diff)s za dużo. "
                        "Obowiązuje %(basis)s."
                    )
                    % {
                        "cat": a.category,
                        "pa": _period(a),
                        "pb": _period(b),
                        "a": a.label,
                        "b": b.label,
                        "sum": format_amount(a.grant_pln + b.grant_pln),
                        "cost": format_amount(cost),
                        "diff": format_amount(a.grant_pln + b.grant_pln - cost),
                        "basis": LEGAL_BASIS,
                    }
                )
    return found


def double_funded_ids(cards) -> set[int]:
    """Of the given cards, those with a double funding flag (for the office's list)."""
    ids = set(CardFundingSource.objects.filter(card__in=cards).values_list("card_id", flat=True))
    return {
        c.pk
        for c in ProjectCard.objects.filter(pk__in=ids)
        .select_related("measure")
        .prefetch_related("funding_sources")
        if double_funding(c)
    }
