"""Page response times with realistic volumes, on a throw-away SQLite database (or DATABASE_URL).

Volumes: the Konin area, 16 members, 5,000 organisations, 2,000 people, 50,000 audit events, 2,000 project
cards under contract with ten years of accepted half-yearly progress reports (40,000 reports, 80,000
expenditure lines), and a list of strategic projects of 300 entries.
Prints median and 95th percentile per page over 30 requests, and the queries one request makes.
"""

import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zit.config.settings")
os.environ.setdefault("ZIT_VAR_DIR", tempfile.mkdtemp(prefix="zit-bench-"))
os.environ["ZIT_LOGIN_THROTTLING"] = "0"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402
from django.test import Client  # noqa: E402

from zit.accounts.models import User  # noqa: E402
from zit.association.models import Person  # noqa: E402
from zit.core.models import AuditEvent  # noqa: E402
from zit.funding.models import Agreement, ExchangeRate, Indicator, Obligation  # noqa: E402
from zit.organisations.models import Organisation  # noqa: E402
from zit.portal.demo import load_demo  # noqa: E402

REQUESTS = 30


def prepare() -> None:
    with open(os.devnull, "w") as devnull:
        call_command("migrate", verbosity=0)
        call_command("load_area", "konin", stdout=devnull)
        call_command("load_association", stdout=devnull)
        call_command("load_funding", stdout=devnull)
    load_demo()
    with transaction.atomic():
        Organisation.objects.bulk_create(
            Organisation(name=f"Organizacja benchmarkowa {i}", kind="ngo", city="Konin", is_demo=True)
            for i in range(5000)
        )
        Person.objects.bulk_create(
            Person(first_name="Osoba", last_name=f"Benchmarkowa {i}", is_demo=True) for i in range(2000)
        )
        AuditEvent.objects.bulk_create(
            AuditEvent(
                actor_label="bench",
                action="bench.event",
                object_type="organisations.organisation",
                object_id=str(i),
                object_repr=f"obiekt {i}",
                after={"i": i},
            )
            for i in range(50000)
        )
        # ten years of daily NBP rates, 300 own indicators, 200 obligations
        day = dt.date(2016, 1, 1)
        ExchangeRate.objects.bulk_create(
            ExchangeRate(series="nbp_a", rate_date=day + dt.timedelta(days=i), rate=Decimal("4.3"))
            for i in range(3650)
            if not ExchangeRate.objects.filter(series="nbp_a", rate_date=day + dt.timedelta(days=i)).exists()
        )
        Indicator.objects.bulk_create(
            Indicator(code=f"ZIT{i:03d}", origin="strategy", kind="output", name_pl=f"Wskaźnik strategii {i}")
            for i in range(300)
        )
        agreement = Agreement.objects.get()
        responsible = User.objects.get(username="biuro")
        Obligation.objects.bulk_create(
            Obligation(
                agreement=agreement,
                kind="report",
                title=f"Sprawozdanie {i} (demo)",
                due_on=day + dt.timedelta(days=20 * i),
                responsible=responsible,
                is_demo=True,
            )
            for i in range(200)
        )
    _projects()


def _projects() -> None:
    """The demo rounds and cards, then 2,000 submitted cards and a draft list with 300 of them."""
    from zit.projects.demo import load_project_demo
    from zit.projects.models import ListEntry, ListVersion, ProjectCard, Round
    from zit.strategy.reference import load_strategy

    load_strategy()
    load_project_demo()
    round_ = Round.objects.get(number="1/2025")
    template = ProjectCard.objects.filter(state="submitted").first()
    applicants = list(Organisation.objects.filter(kind="local_government"))
    with transaction.atomic():
        ProjectCard.objects.bulk_create(
            ProjectCard(
                round=round_,
                number=f"B/{i:05d}",
                title=f"Projekt benchmarkowy {i} – droga rowerowa (demo)",
                summary="Opis.",
                beneficiary=applicants[i % len(applicants)],
                measure=template.measure,
                fund=template.fund,
                total_pln=Decimal("1000000"),
                eligible_pln=Decimal("800000"),
                cofinancing_rate=Decimal("0.7"),
                eu_pln=Decimal("560000"),
                state="accepted",
                is_demo=True,
            )
            for i in range(2000)
        )
        version = ListVersion.objects.create(
            agreement=Agreement.objects.get(), number=99, rate_date=dt.date(2025, 3, 31), is_demo=True
        )
        ListEntry.objects.bulk_create(
            ListEntry(
                version=version,
                card=card,
                position="reserve",
                order=n,
                eu_pln=card.eu_pln,
                eu_eur=Decimal("133846.41"),
            )
            for n, card in enumerate(ProjectCard.objects.filter(number__startswith="B/")[:300])
        )
    _contracts()


def _contracts() -> None:
    """The 2,000 benchmark cards under contract, each with two milestones, an indicator target and ten years
    of accepted half-yearly progress reports (20 reports, 40 expenditure lines, 20 indicator values each)."""
    from zit.contracts.models import (
        Contract,
        ContractIndicator,
        ContractMilestone,
        ProgressReport,
        ReportExpenditure,
        ReportIndicator,
    )
    from zit.projects.models import ProjectCard

    indicator = Indicator.objects.get(code="RCO58")
    cards = list(ProjectCard.objects.filter(number__startswith="B/").order_by("pk"))
    with transaction.atomic():
        ProjectCard.objects.filter(pk__in=[c.pk for c in cards]).update(state="contracted")
        Contract.objects.bulk_create(
            Contract(
                card=card,
                number=f"BENCH/{i:05d}",
                signed_on=dt.date(2016, 1, 15),
                parties="Województwo i gmina (demo)",
                starts_on=dt.date(2016, 1, 1),
                ends_on=dt.date(2027, 12, 31),
                total_pln=Decimal("1000000"),
                eligible_pln=Decimal("800000"),
                eu_pln=Decimal("560000"),
                is_demo=True,
            )
            for i, card in enumerate(cards)
        )
        contracts = list(Contract.objects.filter(number__startswith="BENCH/"))
        ContractMilestone.objects.bulk_create(
            ContractMilestone(contract=c, name=name, due_on=due)
            for c in contracts
            for name, due in (
                ("Wybór wykonawcy (demo)", dt.date(2016, 6, 30)),
                ("Odbiór (demo)", dt.date(2027, 6, 30)),
            )
        )
        ContractIndicator.objects.bulk_create(
            ContractIndicator(contract=c, indicator=indicator, target_value=Decimal("5"), target_year=2027)
            for c in contracts
        )
        ProgressReport.objects.bulk_create(
            ProgressReport(
                contract=c,
                period_from=dt.date(2016 + half // 2, 1 if half % 2 == 0 else 7, 1),
                period_to=dt.date(2016 + half // 2, 6 if half % 2 == 0 else 12, 30 if half % 2 == 0 else 31),
                status="accepted",
                narrative="Postęp (demo).",
                created_by_label="bench",
                is_demo=True,
            )
            for c in contracts
            for half in range(20)
        )
        reports = list(ProgressReport.objects.filter(contract__number__startswith="BENCH/"))
        ReportExpenditure.objects.bulk_create(
            ReportExpenditure(
                report=r, year=r.period_from.year, category=category, amount_pln=Decimal("15000")
            )
            for r in reports
            for category in ("works", "services")
        )
        targets = {t.contract_id: t for t in ContractIndicator.objects.filter(contract__in=contracts)}
        ReportIndicator.objects.bulk_create(
            ReportIndicator(
                report=r, target=targets[r.contract_id], value=Decimal(r.period_from.year - 2015) / 2
            )
            for r in reports
        )


def _card_pk() -> int:
    from zit.projects.models import ProjectCard

    return (
        ProjectCard.objects.filter(state="contracted", contract__is_demo=True)
        .exclude(number__startswith="B/")
        .first()
        .pk
    )


def _list_pk() -> int:
    from zit.projects.models import ListVersion

    return ListVersion.objects.get(number=99).pk


def measure(client: Client, path: str) -> tuple[float, float, int]:
    from django.db import connection

    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        client.get(path)
    times = []
    for _ in range(REQUESTS):
        start = time.perf_counter()
        response = client.get(path)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (path, response.status_code)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1], len(queries)


def main() -> None:
    prepare()
    public = Client()
    staff = Client()
    staff.login(username="biuro", password="demo-haslo-2026")
    pages = [
        (public, "/"),
        (public, "/obszar/"),
        (public, "/czlonkowie/"),
        (public, "/czlonkowie/konin/"),
        (staff, "/biuro/organizacje/"),
        (staff, "/biuro/organizacje/?q=4999"),
        (staff, "/biuro/osoby/"),
        (staff, "/biuro/dziennik/"),
        (staff, "/biuro/dziennik/?q=obiekt%2049"),
        (staff, "/konto/"),
        (public, "/pieniadze/"),
        (staff, "/biuro/porozumienie/"),
        (staff, "/biuro/porozumienie/?status=late"),
        (staff, "/biuro/kursy/?seria=nbp_a"),
        (staff, "/biuro/kursy/?amount=1000&currency=EUR&on=2020-05-05&purpose=default"),
        (staff, "/biuro/program/"),
        (staff, "/biuro/wskazniki/?q=infra"),
        (staff, "/biuro/projekty/fiszki/"),
        (staff, "/biuro/projekty/fiszki/?q=benchmarkowy%201999"),
        (staff, "/biuro/projekty/fiszki/?stan=accepted&strona=40"),
        (staff, f"/biuro/projekty/fiszki/{_card_pk()}/"),
        (staff, f"/biuro/projekty/lista/{_list_pk()}/"),
        (staff, "/biuro/monitoring/"),
        (staff, "/biuro/monitoring/ostrzezenia/"),
        (staff, "/biuro/monitoring/wskazniki/"),
        (staff, "/biuro/monitoring/gminy/"),
        (staff, "/biuro/monitoring/projekty/?fundusz=1&strona=20"),
        (staff, "/biuro/monitoring/sprawozdania/"),
    ]
    print(f"{'page':<50} {'median ms':>10} {'p95 ms':>10} {'queries':>8}")
    for client, path in pages:
        median, p95, queries = measure(client, path)
        print(f"{path:<50} {median:>10.1f} {p95:>10.1f} {queries:>8}")


if __name__ == "__main__":
    main()
