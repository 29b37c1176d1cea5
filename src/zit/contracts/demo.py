"""Demo data of the grant contract and after it: the contracts of the demo cards the projects' demo brought
to selection (it runs this through `zit.projects.hooks`), an amendment with savings, a financial correction,
progress information (noted and waiting), a terminated contract, a settled project in its durability period
with a note of the office's visit, rows of an imported official list, and a reconciliation with a managing-authority export whose
differences wait for the office. Everything is marked as demo; it goes through the same services as real data."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone

from zit.contracts import reconciliation as recon
from zit.contracts import reconciliation_fields as fields
from zit.contracts.durability import contract_settle, durability_info_record
from zit.contracts.models import Contract, IzSource, PublishedImport
from zit.contracts.published import published_import
from zit.contracts.reports import ReportData, report_create, report_note, report_pass_on, report_save
from zit.contracts.services import Amounts, amendment_add, contract_sign, contract_terminate, correction_add
from zit.core.files import local_path
from zit.projects.demo import CARDS
from zit.projects.models import ProjectCard
from zit.projects.services import BudgetRow

# the states of the demo cards (projects.demo.CARDS) that have a contract
CONTRACTED = ("contracted", "settled", "terminated")
SAVINGS = (Decimal("150000"), Decimal("150000"), Decimal("105000"))  # total, eligible, EU after the tender


def load_contract_demo() -> None:
    """Signs the contracts of the demo cards selected for them, then adds what follows the contract."""
    for _gmina, title, _measure, _total, state, _code, _target in CARDS:
        card = ProjectCard.objects.filter(
            is_demo=True, title=f"{title} (demo)", state=ProjectCard.State.SELECTED
        ).first()
        if state in CONTRACTED and card is not None:
            _demo_contract(card)
    load_after_contract_demo()


def _demo_contract(card: ProjectCard) -> None:
    rows = [
        BudgetRow(line.organisation, line.year, line.total_pln, line.eligible_pln, line.eu_pln)
        for line in card.budget_lines.select_related("organisation")
    ]
    contract_sign(
        actor=None,
        card=card,
        number=f"{card.application_number}-00 (demo)",
        signed_on=dt.date(2025, 11, 20),
        parties=f"Województwo Wielkopolskie (IZ FEW 2021+) i {card.beneficiary} (demo)",
        starts_on=card.starts_on,
        ends_on=card.ends_on,
        amounts=Amounts(card.total_pln, card.eligible_pln, card.eu_pln, rows),
        milestones=[
            ("Wybór wykonawcy robót (demo)", dt.date(2026, 6, 30)),
            ("Odbiór końcowy (demo)", card.ends_on),
        ],
        indicators=[(i.indicator, i.target_value, i.target_year) for i in card.indicators.all()],
        is_demo=True,
    )


def load_after_contract_demo() -> None:
    contracts = {c.card.title: c for c in Contract.objects.filter(is_demo=True).select_related("card")}
    running = next((c for t, c in contracts.items() if t.startswith("Rowerowy szlak pojezierza")), None)
    settled = next((c for t, c in contracts.items() if t.startswith("Ścieżka rowerowa Kleczew")), None)
    ended = next((c for t, c in contracts.items() if t.startswith("Parking rowerowy przy stacji")), None)
    today = timezone.localdate()
    if running:
        _running(running, today)
    if settled:
        _settled(settled, today)
    if ended and today >= dt.date(2026, 2, 10):
        contract_terminate(
            actor=None,
            contract=ended,
            terminated_on=dt.date(2026, 2, 10),
            reason="Dwa przetargi bez ofert; gmina zrezygnowała z projektu (demo).",
            eu_retained_pln=Decimal("0"),
        )
    _published_rows()
    _reconciliation()


def _running(contract: Contract, today: dt.date) -> None:
    from zit.core.services import decision_reference_create

    correction_add(
        actor=None,
        contract=contract,
        found_on=dt.date(2025, 12, 15),
        description="Zamówienie na nadzór udzielone bez zapytania ofertowego (demo).",
        eligible_pln=Decimal("20000"),
        eu_pln=Decimal("14000"),
        decision=decision_reference_create(
            actor=None,
            issuer_kind="managing_authority",
            issuer_name="Instytucja Zarządzająca FEW 2021+",
            kind="pismo",
            number="DKW-V.431.7.2025 (demo)",
            date=dt.date(2025, 12, 20),
        ),
    )
    if today < dt.date(2026, 10, 15):
        return
    lines = list(contract.lines.select_related("organisation").order_by("year"))
    total, eligible, eu = SAVINGS
    rows = [BudgetRow(x.organisation, x.year, x.total_pln, x.eligible_pln, x.eu_pln) for x in lines]
    last = rows[-1]
    rows[-1] = BudgetRow(
        last.organisation, last.year, last.total_pln - total, last.eligible_pln - eligible, last.eu_pln - eu
    )
    amendment_add(
        actor=None,
        contract=contract,
        number="1 (demo)",
        signed_on=dt.date(2026, 4, 15),
        reason="Oszczędności po przetargu na roboty budowlane (demo).",
        document=ContentFile(b"%PDF-1.4\n% aneks demonstracyjny\n", name="aneks-1-demo.pdf"),
        amounts=Amounts(
            contract.total_pln - total, contract.eligible_pln - eligible, contract.eu_pln - eu, rows
        ),
    )
    contract.refresh_from_db()
    target = contract.indicators.first()
    first_milestone = contract.milestones.order_by("due_on").first()
    noted = report_create(
        actor=None, contract=contract, period_from=dt.date(2026, 3, 1), period_to=dt.date(2026, 6, 30)
    )
    report_save(
        actor=None,
        report=noted,
        data=ReportData(
            narrative="Wybrano wykonawcę robót i rozpoczęto budowę pierwszego odcinka szlaku (demo).",
            expenditure=[(2026, "works", Decimal("640000")), (2026, "services", Decimal("38000"))],
            indicators={target.pk: Decimal("1.8")} if target else {},
            milestones={first_milestone.pk: dt.date(2026, 6, 12)} if first_milestone else {},
        ),
    )
    report_pass_on(actor=None, report=noted)
    report_note(actor=None, report=noted)
    waiting = report_create(
        actor=None, contract=contract, period_from=dt.date(2026, 7, 1), period_to=dt.date(2026, 9, 30)
    )
    report_save(
        actor=None,
        report=waiting,
        data=ReportData(
            narrative="Ukończono drugi odcinek; opóźnienie oznakowania z powodu dostaw (demo).",
            expenditure=[(2026, "works", Decimal("910000")), (2026, "supplies", Decimal("56000"))],
            indicators={target.pk: Decimal("3.9")} if target else {},
            milestones={},
        ),
    )
    report_pass_on(actor=None, report=waiting)


def _settled(contract: Contract, today: dt.date) -> None:
    report = report_create(
        actor=None, contract=contract, period_from=contract.starts_on, period_to=contract.ends_on
    )
    targets = {t.pk: t.target_value for t in contract.indicators.all()}
    report_save(
        actor=None,
        report=report,
        data=ReportData(
            narrative="Ścieżka oddana do użytku, wskaźnik osiągnięty (demo).",
            expenditure=[
                (contract.starts_on.year, "works", Decimal("900000")),
                (contract.ends_on.year, "works", contract.eligible_pln - Decimal("900000")),
            ],
            indicators=targets,
            milestones={m.pk: min(m.due_on, contract.ends_on) for m in contract.milestones.all()},
        ),
    )
    report_pass_on(actor=None, report=report)
    report_note(actor=None, report=report)
    final_payment = dt.date(2026, 9, 15)
    if today < dt.date(2026, 10, 20):
        return
    contract_settle(
        actor=None,
        contract=contract,
        final_payment_on=final_payment,
        durability_years=5,
        reference="WR-IZ.433.1.2026 (demo)",
        confirmed=True,
        reason="Płatność końcowa przekazana przez IZ (demo).",
    )
    contract.refresh_from_db()
    durability_info_record(
        actor=None,
        contract=contract,
        source="office",
        observed_on=dt.date(2026, 10, 20),
        finding="no_remarks",
        notes="Oględziny ścieżki: oznakowanie i nawierzchnia bez zmian, tablica informacyjna na miejscu (demo).",
    )


# An official list as the managing authority publishes it, in the columns of art. 49(3) of Regulation
# 2021/1060: other projects of the area (invented, demo; located by their gmina's point).
PUBLISHED_CSV = """\ufeffKod operacji (numer umowy);Nazwa beneficjenta;Nazwa wykonawcy (zamówienia publiczne);Nazwa operacji (tytuł projektu);Cel operacji i jej osiągnięcia;Data rozpoczęcia;Data zakończenia (przewidywana lub faktyczna);Całkowity koszt operacji (PLN);Wydatki kwalifikowalne (PLN);Dofinansowanie UE (PLN);Fundusz;Cel szczegółowy;Stopa współfinansowania UE (%);Szerokość geograficzna;Długość geograficzna;Rodzaj lokalizacji;Kraj;Miejsce realizacji (gminy);Rodzaj interwencji;Program;Priorytet;Działanie
FEWP.01.03-IZ.00-0101/25-00 (demo);Gmina Rzgów (demo);;E-usługi w urzędzie gminy (demo);Elektroniczne zgłoszenia i płatności mieszkańców (demo).;2025-05-01;2026-12-31;1 450 000,00;1 200 000,00;1 020 000,00;EFRR;RSO1.2 (demo);85,00%;;;;Polska;Rzgów (gmina wiejska);016 (demo);Fundusze Europejskie dla Wielkopolski 2021-2027;;1.3 Rozwój e-usług i e-zasobów publicznych
FEWP.02.10-IZ.00-0202/25-00 (demo);Gmina Rychwał (demo);;Zielona infrastruktura nad jeziorem (demo);Ochrona brzegu i ścieżka edukacyjna (demo).;2025-09-01;2026-10-31;1 250 000,00;1 000 000,00;850 000,00;EFRR;RSO2.7 (demo);85,00%;;;;Polska;Rychwał (gmina miejsko-wiejska);079 (demo);Fundusze Europejskie dla Wielkopolski 2021-2027;;2.10 Ochrona i zachowanie przyrody wraz z rozwojem zielonej infrastruktury oraz ograniczeniem zanieczyszczeń
FEWP.10.04-IZ.00-0303/25-00 (demo);Gmina Kleczew (demo);;Rekultywacja terenu po odkrywce (demo);Przywrócenie terenu mieszkańcom (demo).;2025-03-01;2027-02-28;2 100 000,00;2 100 000,00;1 785 000,00;FST;JSO8.1 (demo);85,00%;;;;Polska;Kleczew (gmina miejsko-wiejska);073 (demo);Fundusze Europejskie dla Wielkopolski 2021-2027;10. Sprawiedliwa transformacja Wielkopolski Wschodniej;10.4 Zregenerowane środowisko przyrodnicze
"""


def _published_rows() -> None:
    if PublishedImport.objects.exists():
        return
    batch = PublishedImport(file_name="wykaz-projektow-demo.csv", file_sha256="", created_by_label="system")
    batch.file.save(batch.file_name, ContentFile(PUBLISHED_CSV.encode()), save=False)
    batch.is_demo = True
    batch.save()
    with local_path(batch.file) as path:
        published_import(actor=None, batch=batch, path=path)


def _reconciliation() -> None:
    if IzSource.objects.filter(is_demo=True).exists():
        return
    lines = [
        "Zestawienie umów – stan na koniec miesiąca (demo)",
        "",
        "Lp.;Nr umowy;Numer wniosku;Tytuł;Wartość ogółem [PLN];Wydatki kwalifikowalne;Kwota dofinansowania UE;"
        "Data rozpoczęcia realizacji;Data zakończenia realizacji;Status projektu",
    ]
    for n, contract in enumerate(Contract.objects.filter(is_demo=True).select_related("card"), start=1):
        card = contract.card
        first = contract.amount_history.order_by("valid_from", "pk").first()
        # the IZ has not yet booked the amendment: its amounts are those signed, a difference to explain
        total, eligible, eu = (first.total_pln, first.eligible_pln, first.eu_pln) if first else (0, 0, 0)
        starts = contract.starts_on
        if n == 2:
            starts = starts.replace(day=min(starts.day + 14, 28))  # a date keyed differently in the IZ
        status = "W realizacji" if not contract.final_payment_on else "Zakończony"
        lines.append(
            ";".join(
                [
                    str(n),
                    contract.number,
                    card.application_number,
                    card.title,
                    _pl(total),
                    _pl(eligible),
                    _pl(eu),
                    starts.strftime("%d.%m.%Y"),
                    contract.ends_on.strftime("%d.%m.%Y"),
                    status,
                ]
            )
        )
    lines.append(
        f"{len(lines) - 2};FEWP.03.02-IZ.00-0999/25-00;FEWP.03.02-IZ.00-0999/25;Projekt spoza ZIT (demo);"
        "1 000 000,00;800 000,00;560 000,00;01.01.2026;31.12.2026;W realizacji"
    )
    source = recon.source_create(actor=None, name="CST2021 – umowy ZIT (demo)", system="cst", is_demo=True)
    item = recon.reconciliation_upload(
        actor=None,
        source=source,
        upload=ContentFile(("\r\n".join(lines) + "\r\n").encode("cp1250"), name="cst2021-umowy-demo.csv"),
        is_demo=True,
    )
    mapping = recon.guess_mapping(item.columns, {})
    statuses = recon.status_values_for(item, mapping)
    recon.reconciliation_map(
        actor=None,
        reconciliation=item,
        mapping=mapping,
        status_map={s.lower(): fields.guess_status(s) or recon.SKIP_STATUS for s in statuses},
    )


def _pl(value: Decimal) -> str:
    """1234567.8 → "1 234 567,80", as the IZ's spreadsheets show amounts."""
    return f"{value:,.2f}".replace(",", " ").replace(".", ",")
