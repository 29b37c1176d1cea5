"""The Konin strategy's real frame (title, horizon) and demo content that the sources do not give.

The goals, undertakings and indicators below are demonstration content: the real ones are not in the
platform's sources, so they carry the demo flag and say so wherever they are shown."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from zit.funding.models import Indicator, Measure
from zit.strategy import consultations, items, procedure, services
from zit.strategy.lifecycles import CONSULTATION_MIN_DAYS
from zit.strategy.models import (
    Chapter,
    Direction,
    FundingSource,
    Goal,
    Issue,
    OperationalGoal,
    Strategy,
    StrategyVersion,
    TargetIndicator,
    Undertaking,
)
from zit.territory.models import AdministrativeUnit

TITLE = "Strategia Rozwoju Ponadlokalnego Aglomeracji Konińskiej 2030"
# the real timeline as the association's own communications give it; goals and projects are not in our sources
HISTORY = (
    "Konsultacje społeczne projektu strategii: od 1 sierpnia do 5 września 2022 r.\n"
    "Pozytywna opinia Zarządu Województwa Wielkopolskiego: 7 marca 2024 r. (aglomeracjakoninska.org).\n"
    "Konsultacje aktualizacji, która dodała plan zrównoważonej mobilności miejskiej i listę projektów "
    "strategicznych: od 4 lipca do 8 sierpnia 2024 r."
)


@transaction.atomic
def load_strategy(*, demo: bool = True) -> Strategy:
    strategy = Strategy.objects.filter(title=TITLE).first()
    if strategy is None:
        strategy = services.strategy_create(
            actor=None, title=TITLE, short_title="Strategia ZIT 2030", horizon=2030
        )
    if demo and not strategy.versions.exists():
        # an adopted demo version that has both art. 34 opinions (so it is the ZIT strategy and opinions on
        # projects can rest on it), then a demo update published for consultation (so the public pages have
        # something to show) and a working copy after it, in which staff can try editing
        _demo_version(strategy, label="strategia przyjęta (demo)")
        adopted = strategy.versions.get()
        _demo_adopted(adopted)
        consulted = services.version_create(
            actor=None, strategy=strategy, label="aktualizacja strategii (demo)", is_demo=True
        )
        services.version_status_set(actor=None, version=consulted, status=StrategyVersion.Status.CONSULTATION)
        # the demo consultation is open on the day the data is loaded, so the comment form can be tried
        opens = timezone.localdate() - dt.timedelta(days=7)
        procedure.procedure_start(actor=None, version=consulted)
        consultations.consultation_period_set(
            actor=None,
            version=consulted,
            opens=opens,
            closes=opens + dt.timedelta(days=CONSULTATION_MIN_DAYS + 6),
        )
        services.version_create(
            actor=None, strategy=strategy, label="zmiany po konsultacjach (demo)", is_demo=True
        )
    return strategy


def _demo_adopted(version: StrategyVersion) -> None:
    """The demo version's procedure, completed: consulted in 2024, adopted by a demo resolution, then the
    managing authority's and the minister's positive opinions (art. 34 of the act of 28 April 2022) after
    adoption, which make it the ZIT strategy from the later one."""
    from zit.core.services import decision_reference_create
    from zit.strategy.models import ProcedureStep

    procedure.procedure_start(actor=None, version=version)
    consultations.consultation_period_set(
        actor=None, version=version, opens=dt.date(2024, 7, 4), closes=dt.date(2024, 8, 8)
    )
    services.version_status_set(actor=None, version=version, status=StrategyVersion.Status.CONSULTATION)
    resolution = decision_reference_create(
        actor=None,
        issuer_kind="association_body",
        issuer_name="Rada Stowarzyszenia Aglomeracji Konińskiej",
        kind="uchwała",
        number="3/2024 (demo)",
        date=dt.date(2024, 9, 26),
        title="w sprawie przyjęcia Strategii Rozwoju Ponadlokalnego Aglomeracji Konińskiej 2030 (demo)",
    )
    steps = {step.kind: step for step in version.procedure_steps.all()}
    K = ProcedureStep.Kind
    procedure.procedure_step_save(
        actor=None,
        version=version,
        step=steps[K.ADOPTION],
        completed_on=dt.date(2024, 9, 26),
        decision=resolution,
    )
    services.version_status_set(actor=None, version=version, status=StrategyVersion.Status.ADOPTED)
    for kind, day in ((K.IZ_OPINION, dt.date(2024, 11, 15)), (K.MINISTRY_OPINION, dt.date(2024, 12, 10))):
        procedure.procedure_step_save(
            actor=None,
            version=version,
            step=steps[kind],
            started_on=dt.date(2024, 10, 1),
            completed_on=day,
            outcome=ProcedureStep.Outcome.POSITIVE,
            note="Opinia pozytywna (demo).",
        )


def _demo_version(strategy: Strategy, *, label: str = "aktualizacja strategii (demo)") -> StrategyVersion:
    version = services.version_create(actor=None, strategy=strategy, label=label, is_demo=True)

    def save(model, **fields):
        return items.item_save(actor=None, version=version, model=model, fields=fields, is_demo=True)

    gminas = {u.terc: u for u in AdministrativeUnit.objects.filter(level="gmina")}
    konin = gminas.get("3062011")
    all_gminas = list(gminas.values())
    coal = save(
        Issue,
        kind="barrier",
        swot="weakness",
        title="Zależność gospodarki od wygaszanego górnictwa węgla brunatnego (demo)",
        evidence="Przykładowy opis do pokazu systemu.",
        gminas=all_gminas,
    )
    lakes = save(
        Issue, kind="potential", swot="strength", title="Jeziora i tereny pokopalniane do rekultywacji (demo)"
    )
    transport = save(
        Issue,
        kind="barrier",
        swot="weakness",
        title="Słabe połączenia komunikacji publicznej z Koninem (demo)",
    )
    goal1 = save(
        Goal,
        code="C1",
        title="Gospodarka po transformacji węglowej (demo)",
        dimension="economic",
        issues=[coal, lakes],
    )
    goal2 = save(
        Goal,
        code="C2",
        title="Dostępna i niskoemisyjna aglomeracja (demo)",
        dimension="spatial",
        issues=[transport],
    )
    og1 = save(OperationalGoal, code="C1.1", title="Nowe miejsca pracy poza górnictwem (demo)", goal=goal1)
    og2 = save(OperationalGoal, code="C2.1", title="Zrównoważona mobilność (demo)", goal=goal2)
    d1 = save(
        Direction, code="K1.1.1", title="Tereny inwestycyjne i rekultywacja (demo)", operational_goal=og1
    )
    d2 = save(
        Direction, code="K2.1.1", title="Węzły przesiadkowe i drogi rowerowe (demo)", operational_goal=og2
    )
    save(
        Undertaking,
        code="P1",
        title="Rekultywacja terenów pokopalnianych na cele rekreacyjne (demo)",
        kind="investment",
        is_key=True,
        directions=[d1],
        gminas=[u for u in all_gminas if u.terc != "3062011"][:4],
        issues=[coal, lakes],
        estimated_cost_pln=Decimal("18500000"),
    )
    u2 = save(
        Undertaking,
        code="P2",
        title="Sieć dróg rowerowych Aglomeracji Konińskiej (demo)",
        kind="investment",
        is_key=True,
        directions=[d2],
        gminas=[konin] if konin else [],
        issues=[transport],
        estimated_cost_pln=Decimal("24000000"),
    )
    measure = Measure.objects.filter(number="3.2").first()
    if measure:
        save(FundingSource, undertaking=u2, kind="programme", measure=measure, amount_pln=Decimal("17000000"))
    save(FundingSource, undertaking=u2, kind="own", amount_pln=Decimal("7000000"))
    cycling = Indicator.objects.filter(code="RCO58").first()
    if cycling:
        save(
            TargetIndicator,
            indicator=cycling,
            undertaking=u2,
            baseline_value=Decimal("0"),
            baseline_year=2021,
            target_value=Decimal("25"),
            target_year=2029,
            source="dane przykładowe (demo)",
        )
    enterprises = Indicator.objects.filter(code="RCO01").first()
    if enterprises:
        save(TargetIndicator, indicator=enterprises, goal=goal1, target_value=Decimal("40"), target_year=2029)
    save(
        Chapter,
        kind="cooperation",
        text="Przykładowy rozdział do pokazu systemu (demo): członkowie Stowarzyszenia uzgadniają przedsięwzięcia na "
        "posiedzeniach Rady, a biuro prowadzi listę projektów strategicznych.",
    )
    return version
