"""Demo fees (fictional, `is_demo=True`, shown with the "dane demonstracyjne" badge).

Two steps, because the rule is adopted by a resolution of the demo Rada (`governance.demo`, which the fees join
through `fees.effects`):
1. `load_fees_demo()` creates the demo 2026 rule as a DRAFT (idempotent) and returns it;
2. after the resolution adopts it through `fees.rules.fee_rule_adopt`, `generate_demo_assessments_and_payments()`
   assesses the members and imports the demo bank statement (`demo/wyciag-demo-2026-03.csv`) plus one
   payment typed by hand. Idempotent too: assessments are generated once, the statement's lines dedupe.

Three gminas (Kramsk, Krzymów, Skulsk) have no dated population in the bundled territory data, which stops
an assessment by design. For the demo only, step 2 fills each gap with the rounded, undated figure from the
county's website, dated on the rule's population day and marked as demo in its source note; pass
`fill_missing_population=False` to show the stop instead.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from django.db import transaction

from zit.fees.models import FeeAssessment, FeePayment, FeeRule

DEMO_DIR = Path(__file__).parent / "demo"
DEMO_CSV = DEMO_DIR / "wyciag-demo-2026-03.csv"
DEMO_MT940 = DEMO_DIR / "wyciag-demo-2026-04.sta"
DEMO_YEAR = 2026
DEMO_NOTE = (
    "Dane demonstracyjne: przykładowe stawki do pokazu platformy, nie uchwała Rady. Statut nie jest "
    "dostępny, więc wzór składki jest do ustalenia przez Stowarzyszenie."
)
# the county's website gives these rounded and undated (see territory/data/konin/statistics.csv)
DEMO_POPULATION = {
    "3010052": (Decimal(10800), "https://powiat.konin.pl/gmina-kramsk"),
    "3010062": (Decimal(7750), "https://powiat.konin.pl/"),
    "3010092": (Decimal(6202), "https://powiat.konin.pl/"),
}


def demo_rule() -> FeeRule | None:
    return FeeRule.objects.filter(year=DEMO_YEAR, is_demo=True).order_by("-pk").first()


@transaction.atomic
def load_fees_demo() -> FeeRule:
    """The demo 2026 rule as a draft; an existing demo rule of 2026 is kept as it is."""
    from zit.fees.rules import fee_rule_save

    existing = demo_rule()
    if existing is not None:
        return existing
    return fee_rule_save(
        actor=None,
        year=DEMO_YEAR,
        fixed_amount=Decimal("1000.00"),
        per_inhabitant=Decimal("0.50"),
        population_date=dt.date(DEMO_YEAR - 1, 12, 31),
        minimum=Decimal("5000.00"),
        due_on=dt.date(DEMO_YEAR, 3, 31),
        proration=FeeRule.Proration.MONTHS,
        note=DEMO_NOTE,
        is_demo=True,
        kind_rates=[
            {
                "kind": "powiat",
                "fixed_amount": Decimal("20000.00"),
                "per_inhabitant": Decimal(0),
                "minimum": None,
            },
            {
                "kind": "city",
                "fixed_amount": Decimal("5000.00"),
                "per_inhabitant": Decimal("0.80"),
                "minimum": None,
            },
        ],
    )


def _fill_population(rule: FeeRule) -> None:
    from zit.fees.rules import compute_all, population_variable
    from zit.territory.models import Observation

    variable = population_variable()
    for computation in compute_all(rule):
        if not computation.error:
            continue
        figure = DEMO_POPULATION.get(computation.member.territory.terc)
        if figure is None:
            continue
        Observation.objects.get_or_create(
            unit=computation.member.territory,
            variable=variable,
            reference_date=rule.population_date,
            defaults={
                "value": figure[0],
                "date_precision": Observation.DatePrecision.YEAR,
                "source_url": figure[1],
                "source_note": "Dane demonstracyjne: liczba zaokrąglona i bez daty ze strony powiatu; data przyjęta "
                "tylko do pokazu składek. Zastąp ją danymi GUS.",
            },
        )


@transaction.atomic
def generate_demo_assessments_and_payments(*, fill_missing_population: bool = True) -> dict[str, int]:
    """Run after the demo resolution adopted the demo rule (`fee_rule_adopt`). Raises RuntimeError when the
    demo rule is missing or still a draft."""
    from zit.fees.payments import payment_add
    from zit.fees.rules import assessments_generate
    from zit.fees.statements import statement_import

    rule = FeeRule.objects.filter(year=DEMO_YEAR, is_demo=True, status=FeeRule.Status.ADOPTED).first()
    if rule is None:
        raise RuntimeError(
            "The demo fee rule of 2026 is not adopted: call load_fees_demo(), adopt the rule with "
            "fees.rules.fee_rule_adopt(actor=None, rule=..., decision=...), then call this again."
        )
    if not FeeAssessment.objects.filter(rule=rule, status=FeeAssessment.Status.CURRENT).exists():
        if fill_missing_population:
            _fill_population(rule)
        assessments_generate(actor=None, rule=rule)
    statement = statement_import(
        actor=None, file_name=DEMO_CSV.name, content=DEMO_CSV.read_bytes(), is_demo=True
    )
    if not FeePayment.objects.filter(is_demo=True, source=FeePayment.Source.MANUAL).exists():
        payment_add(
            actor=None,
            booked_on=dt.date(DEMO_YEAR, 3, 25),
            amount=Decimal("5000.00"),
            payer_name="Gmina Wilczyn (demo)",
            title="Dane demonstracyjne: wpłata w kasie, składka za 2026 r.",
            note="Dane demonstracyjne.",
            is_demo=True,
        )
    return {
        "assessments": FeeAssessment.objects.filter(rule=rule, status=FeeAssessment.Status.CURRENT).count(),
        "new_payments": statement.new_payments,
        "payments": FeePayment.objects.filter(is_demo=True).count(),
    }
