"""Early warnings: what needs the office's attention now. Each rule is stated in RULES, shown on the page as
it is applied here, and tested; the inbox (monitoring.inbox) and the notices digest say the same list."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Any

from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from zit.contracts.models import (
    ContractLine,
    ContractMilestone,
    DurabilityStatement,
    ProgressReport,
    ReportExpenditure,
)
from zit.core.formatting import format_amount, format_date, format_number
from zit.core.money import round_cents
from zit.funding.models import Obligation
from zit.funding.selectors import agreement_current
from zit.monitoring.finance import ContractRow, contract_rows

HIGH, MEDIUM, LOW = "high", "medium", "low"
SEVERITY_LABELS = {
    HIGH: gettext_lazy("pilne"),
    MEDIUM: gettext_lazy("ważne"),
    LOW: gettext_lazy("do wiadomości"),
}
DUE_SOON_DAYS = 30
ENDING_DAYS = 90
REPORT_WAIT_DAYS = 14
BEHIND_SHARE = Decimal("0.8")
DECOMMITMENT_HORIZON_DAYS = 365

RULES = {
    "obligation_late": gettext_lazy("Obowiązek z porozumienia ZIT po terminie i niewykonany."),
    "obligation_due": gettext_lazy("Obowiązek z porozumienia z terminem w ciągu 30 dni."),
    "decommitment": gettext_lazy(
        "Szacunek orientacyjny dla każdej umowy osobno: reguła n+3 z art. 105 "
        "ust. 1 rozporządzenia 2021/1060 dotyczy zobowiązań budżetowych całego programu, a nie pojedynczych "
        "projektów; ryzyko, które ponosi ZIT, to kamienie milowe kontraktacji i wydatkowania z porozumienia. "
        "Przyjmujemy, że dofinansowanie UE zaplanowane w umowie na rok N należałoby wydać do końca roku N+3 "
        "(plan na 2027 r. – do końca 2029 r., końca okresu), i ostrzegamy, gdy do tego terminu zostało mniej niż 12 miesięcy, a wydatki z odnotowanych informacji "
        "o postępie (część UE) nie pokrywają planu do roku N."
    ),
    "agreement_milestone": gettext_lazy(
        "Kamień milowy kontraktacji lub wydatkowania z porozumienia ZIT: prognoza na jego termin nie osiąga "
        "progu albo termin minął bez osiągnięcia progu (zasady prognozy na stronie kamieni milowych)."
    ),
    "milestone_overdue": gettext_lazy(
        "Kamień milowy umowy po terminie, bez informacji, że został osiągnięty."
    ),
    "spending_behind": gettext_lazy(
        "Wydatki za zakończone lata (z odnotowanych informacji o postępie) są niższe niż 80% wydatków kwalifikowalnych "
        "zaplanowanych w umowie na te lata."
    ),
    "settlement_overdue": gettext_lazy("Realizacja skończyła się, a płatności końcowej nie zapisano."),
    "contract_ending": gettext_lazy("Realizacja kończy się w ciągu 90 dni."),
    "report_waiting": gettext_lazy(
        "Przekazana informacja o postępie czeka na odnotowanie przez biuro dłużej niż 14 dni."
    ),
    "durability_missing": gettext_lazy("Brak oświadczenia o trwałości za rok, który już minął."),
    "envelope_headroom": gettext_lazy(
        "Część koperty (działanie i fundusz) nie jest jeszcze rozdysponowana na liście podstawowej projektów "
        "strategicznych obowiązującej wersji."
    ),
    "indicator_off_track": gettext_lazy(
        "Wskaźnik strategii albo porozumienia poza planem (zasady statusu na stronie wskaźników)."
    ),
    "double_funding": gettext_lazy(
        "Możliwe podwójne finansowanie: dofinansowanie projektu z kilku źródeł razem przekracza jego wydatki "
        "kwalifikowalne albo dwa źródła finansują te same wydatki (ta sama kategoria, nakładające się okresy) "
        "ponad ich koszt kwalifikowalny. Ten sam wydatek nie może być sfinansowany dwa razy (art. 63 ust. 9 "
        "rozporządzenia 2021/1060; dla źródeł krajowych – wytyczne dotyczące kwalifikowalności wydatków). Wkład z budżetów "
        "własnych członków się nie liczy."
    ),
}
RULE_SEVERITY = {
    "obligation_late": HIGH,
    "agreement_milestone": HIGH,
    "decommitment": MEDIUM,
    "settlement_overdue": HIGH,
    "milestone_overdue": MEDIUM,
    "spending_behind": MEDIUM,
    "durability_missing": MEDIUM,
    "report_waiting": MEDIUM,
    "indicator_off_track": MEDIUM,
    "envelope_headroom": LOW,
    "obligation_due": LOW,
    "contract_ending": LOW,
    "double_funding": HIGH,
}


@dataclass
class Warning:
    rule: str
    title: str
    detail: str
    url: str
    due_on: dt.date | None = None
    is_demo: bool = False

    @property
    def severity(self) -> str:
        return RULE_SEVERITY[self.rule]


def decommitment_deadline(year: int) -> dt.date:
    """The last day to spend a year's commitment: n+3 for the commitments of 2021–2026; the 2027 commitment is
    decommitted at the end of 2029, the end of the period (art. 105 of Regulation 2021/1060)."""
    return dt.date(min(year + 3, 2029), 12, 31)


def _card_url(contract: ContractRow) -> str:
    return card_url(contract.card_id)


def card_url(card_id: int) -> str:
    """The card's address without resolving the URL pattern for each of thousands of warnings."""
    return reverse("projects:card", args=[0]).replace("/0/", f"/{card_id}/")


def _day(value: dt.date) -> str:
    return _day_in(value, get_language())


@lru_cache(maxsize=4096)
def _day_in(value: dt.date, language: str | None) -> str:  # the language is part of the key: dates are words
    return format_date(value)


def _label(contract: ContractRow) -> str:
    return f"{contract.number} – {contract.title}"


def warnings(*, today: dt.date | None = None) -> list[Warning]:
    """Every warning for `today`, most urgent first; a fixed number of queries."""
    today = today or timezone.localdate()
    found: list[Warning] = []
    found += _obligations(today)
    running = [c for c in contract_rows(on=today) if not c.terminated_on]
    found += _contracts(running, today)
    found += _money(running, today)
    found += _milestones(today)
    found += _reports(today)
    found += _indicators(today)
    found += _envelopes()
    found += _agreement_milestones(today)
    found += _double_funding()
    order = {HIGH: 0, MEDIUM: 1, LOW: 2}
    return sorted(found, key=lambda w: (order[w.severity], w.due_on or dt.date.max, w.title))


def _obligations(today: dt.date) -> list[Warning]:
    agreement = agreement_current()
    if agreement is None:
        return []
    result = []
    url = reverse("funding:agreement")
    for o in Obligation.objects.filter(
        agreement=agreement, completed_on=None, due_on__lte=today + dt.timedelta(DUE_SOON_DAYS)
    ):
        late = o.due_on < today
        result.append(
            Warning(
                "obligation_late" if late else "obligation_due",
                o.title,
                _("Termin: %(d)s.") % {"d": format_date(o.due_on)},
                url,
                o.due_on,
                o.is_demo,
            )
        )
    return result


def _contracts(contracts: list[ContractRow], today: dt.date) -> list[Warning]:
    result = []
    stated: dict[int, set[int]] = defaultdict(set)
    for contract_id, year in DurabilityStatement.objects.filter(
        contract_id__in=[c.pk for c in contracts if c.final_payment_on]
    ).values_list("contract_id", "year"):
        stated[contract_id].add(year)
    for c in contracts:
        if c.final_payment_on:
            given = stated[c.pk]
            for year in [y for y in c.durability_years_due(today) if y not in given]:
                result.append(
                    Warning(
                        "durability_missing",
                        _label(c),
                        _("Brak oświadczenia o trwałości za %(y)d r.") % {"y": year},
                        _card_url(c),
                        dt.date(year + 1, 1, 31),
                        c.is_demo,
                    )
                )
            continue
        if c.ends_on < today:
            result.append(
                Warning(
                    "settlement_overdue",
                    _label(c),
                    _("Koniec realizacji: %(d)s; brak płatności końcowej.") % {"d": format_date(c.ends_on)},
                    _card_url(c),
                    c.ends_on,
                    c.is_demo,
                )
            )
        elif c.ends_on <= today + dt.timedelta(ENDING_DAYS):
            result.append(
                Warning(
                    "contract_ending",
                    _label(c),
                    _("Koniec realizacji: %(d)s.") % {"d": format_date(c.ends_on)},
                    _card_url(c),
                    c.ends_on,
                    c.is_demo,
                )
            )
    return result


def _money(contracts: list[ContractRow], today: dt.date) -> list[Warning]:
    """Spending behind the contract's plan, and money at risk of decommitment."""
    running = [c for c in contracts if not c.final_payment_on]
    ids = [c.pk for c in running]
    planned: dict[int, dict[int, tuple[Decimal, Decimal]]] = defaultdict(dict)
    for row in (
        ContractLine.objects.filter(contract_id__in=ids)
        .values("contract_id", "year")
        .annotate(eligible=Sum("eligible_pln"), eu=Sum("eu_pln"))
    ):
        planned[row["contract_id"]][row["year"]] = (row["eligible"], row["eu"])
    spent: dict[int, dict[int, Decimal]] = defaultdict(dict)
    for row in (
        ReportExpenditure.objects.filter(report__contract_id__in=ids, report__status="noted")
        .values("report__contract_id", "year")
        .annotate(total=Sum("amount_pln"))
    ):
        spent[row["report__contract_id"]][row["year"]] = row["total"]
    result = []
    for c in running:
        plan, done = planned[c.pk], spent[c.pk]
        past = [y for y in plan if y < today.year]
        if past:
            planned_past = sum((plan[y][0] for y in past), Decimal(0))
            spent_past = sum((done.get(y, Decimal(0)) for y in past), Decimal(0))
            if planned_past and spent_past < planned_past * BEHIND_SHARE:
                result.append(
                    Warning(
                        "spending_behind",
                        _label(c),
                        _("Do końca %(y)d r. wydano %(s)s z planowanych %(p)s.")
                        % {"y": max(past), "s": format_amount(spent_past), "p": format_amount(planned_past)},
                        _card_url(c),
                        None,
                        c.is_demo,
                    )
                )
        rate = c.eu_pln / c.eligible_pln if c.eligible_pln else Decimal(0)
        eu_spent = round_cents(sum(done.values(), Decimal(0)) * rate)
        cumulative = Decimal(0)
        for year in sorted(plan):
            cumulative += plan[year][1]
            deadline = decommitment_deadline(year)
            if (deadline - today).days <= DECOMMITMENT_HORIZON_DAYS and eu_spent < cumulative:
                result.append(
                    Warning(
                        "decommitment",
                        _label(c),
                        _(
                            "Szacunek orientacyjny dla tej umowy: do %(d)s należałoby wydać %(p)s dofinansowania "
                            "UE zaplanowanego do %(y)d r.; wydano %(s)s."
                        )
                        % {
                            "d": format_date(deadline),
                            "p": format_amount(cumulative),
                            "y": year,
                            "s": format_amount(eu_spent),
                        },
                        _card_url(c),
                        deadline,
                        c.is_demo,
                    )
                )
                break  # the earliest tranche at risk says enough
    return result


def _milestones(today: dt.date) -> list[Warning]:
    late = ContractMilestone.objects.filter(
        due_on__lt=today, reached_on__isnull=True, contract__terminated_on__isnull=True
    ).values(
        "name",
        "due_on",
        "contract__number",
        "contract__card_id",
        "contract__card__title",
        "contract__is_demo",
    )
    return [
        Warning(
            "milestone_overdue",
            f"{m['contract__number']} – {m['contract__card__title']}",
            _("„%(m)s”: termin %(d)s.") % {"m": m["name"], "d": _day(m["due_on"])},
            card_url(m["contract__card_id"]),
            m["due_on"],
            m["contract__is_demo"],
        )
        for m in late
    ]


def _reports(today: dt.date) -> list[Warning]:
    limit = timezone.now() - dt.timedelta(days=REPORT_WAIT_DAYS)
    waiting = ProgressReport.objects.filter(status="submitted", submitted_at__lt=limit).select_related(
        "contract__card"
    )
    return [
        Warning(
            "report_waiting",
            f"{r.contract.number} – {r.contract.card.title}",
            _("Informacja o postępie za %(a)s – %(b)s przekazana %(d)s.")
            % {
                "a": format_date(r.period_from),
                "b": format_date(r.period_to),
                "d": format_date(timezone.localtime(r.submitted_at).date()),
            },
            reverse("contracts:report", args=[r.contract.card_id, r.pk]),
            timezone.localtime(r.submitted_at).date(),
            r.is_demo,
        )
        for r in waiting
    ]


def _indicators(today: dt.date) -> list[Warning]:
    from zit.monitoring.indicators import agreement_progress, off_track, rollups, strategy_progress

    sums = rollups(on=today)
    _version, strategy = strategy_progress(on=today, sums=sums)
    url = reverse("monitoring:indicators")
    return [
        Warning(
            "indicator_off_track",
            f"{item.label} – {item.owner}",
            _("Z projektów: %(v)s; cel: %(t)s do %(y)d r.")
            % {"v": format_number(item.value), "t": format_number(item.target), "y": item.target_year},
            url,
            dt.date(item.target_year, 12, 31),
            item.is_demo,
        )
        for item in off_track(strategy + agreement_progress(on=today, sums=sums))
    ]


def _envelopes() -> list[Warning]:
    """Money of an envelope not yet on the main list, in euro as the list keeps it (at its rate date)."""
    from zit.funding.models import AllocationLine
    from zit.projects.lists import list_in_force
    from zit.projects.models import ListEntry

    agreement = agreement_current()
    if agreement is None:
        return []
    version = list_in_force(agreement)
    listed: dict[tuple[int, int], Decimal] = defaultdict(Decimal)
    if version:
        for row in (
            ListEntry.objects.filter(version=version, position=ListEntry.Position.MAIN)
            .values("card__measure_id", "card__fund_id")
            .annotate(total=Sum("eu_eur"))
        ):
            listed[(row["card__measure_id"], row["card__fund_id"])] = row["total"]
    url = reverse("projects:lists")
    result = []
    lines = AllocationLine.objects.filter(agreement=agreement).select_related("measure", "fund")

    def numbered(line) -> tuple:
        return tuple(
            int(part) if part.isdigit() else 0 for part in line.measure.number.split(".")
        ), line.fund.order

    for line in sorted(lines, key=numbered):
        free = line.amount_eur - listed[(line.measure_id, line.fund_id)]
        if free > 0:
            result.append(
                Warning(
                    "envelope_headroom",
                    f"{line.measure.number} ({line.fund.code})",
                    _("Nierozdysponowane: %(f)s z %(a)s.")
                    % {"f": format_amount(free, "EUR"), "a": format_amount(line.amount_eur, "EUR")},
                    url,
                    None,
                    line.is_demo,
                )
            )
    return result


def _double_funding() -> list[Warning]:
    """Cards still in play whose sources together exceed the eligible cost they cover (projects.sources)."""
    from zit.projects.models import CardFundingSource, ProjectCard
    from zit.projects.sources import double_funding

    closed = ("withdrawn", "rejected", "not_selected", "terminated")
    cards = (
        ProjectCard.objects.filter(pk__in=CardFundingSource.objects.exclude(kind="own").values("card_id"))
        .exclude(state__in=closed)
        .select_related("measure")
        .prefetch_related("funding_sources")
        .order_by("number")
    )
    return [
        Warning(
            "double_funding",
            f"{card.number} – {card.title}",
            " ".join(found),
            card_url(card.pk),
            None,
            card.is_demo,
        )
        for card in cards
        if (found := double_funding(card))
    ]


def counts(found: list[Warning]) -> dict[str, int]:
    result: dict[str, int] = {HIGH: 0, MEDIUM: 0, LOW: 0}
    for w in found:
        result[w.severity] += 1
    return result


def grouped(found: list[Warning]) -> list[tuple[str, Any, list[Warning]]]:
    """(rule, its statement, its warnings) in the order of RULES, only rules that fired."""
    by_rule: dict[str, list[Warning]] = defaultdict(list)
    for w in found:
        by_rule[w.rule].append(w)
    order = {HIGH: 0, MEDIUM: 1, LOW: 2}
    fired = [rule for rule in RULES if by_rule.get(rule)]
    return [
        (rule, RULES[rule], by_rule[rule]) for rule in sorted(fired, key=lambda r: order[RULE_SEVERITY[r]])
    ]


def _agreement_milestones(today: dt.date) -> list[Warning]:
    """The agreement's contracting and spending milestones the forecast misses (monitoring.milestones)."""
    from zit.monitoring.milestones import MISSED, milestone_report

    url = reverse("monitoring:milestones")
    result = []
    for m in milestone_report(today=today).milestones:
        if not m.is_warning:
            continue
        o = m.obligation
        clause = _(" (%(c)s porozumienia)") % {"c": o.clause} if o.clause else ""
        if m.status == MISSED:
            detail = _("Termin %(d)s minął%(c)s: osiągnięto %(a)s z wymaganych %(t)s; brakuje %(s)s.") % {
                "d": format_date(o.due_on),
                "c": clause,
                "a": format_amount(m.actual_pln),
                "t": format_amount(m.threshold_pln),
                "s": format_amount(m.shortfall_pln),
            }
        else:
            detail = _("Prognoza na %(d)s%(c)s: %(f)s z wymaganych %(t)s; brakuje %(s)s. %(w)s") % {
                "d": format_date(o.due_on),
                "c": clause,
                "f": format_amount(m.forecast_pln),
                "t": format_amount(m.threshold_pln),
                "s": format_amount(m.shortfall_pln),
                "w": _("Według prognozy próg zostanie osiągnięty do %(w)s.")
                % {"w": format_date(m.reached_by)}
                if m.reached_by
                else _("Według harmonogramów projektów próg nie zostanie osiągnięty."),
            }
        result.append(Warning("agreement_milestone", o.title, detail, url, o.due_on, o.is_demo))
    return result
