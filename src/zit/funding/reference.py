"""Loading the bundled programme data (data/few/, see SOURCE.md) through the same importers staff use.

Idempotent: a second run updates from the files but keeps what staff entered where the file is silent."""

from __future__ import annotations

import csv
import datetime as dt
from decimal import Decimal
from pathlib import Path

from django.db import transaction

from zit.core.tables import read_table
from zit.funding import catalogues, services
from zit.funding.models import Agreement, Indicator, Measure, Programme, RateRule, RateSeries

DATA = Path(__file__).parent / "data" / "few"
CCI = "2021PL16FFPR015"
KONIN_ZIT = "ZIT MOF Konina (Aglomeracja Konińska)"


def _table(name: str):
    return read_table(name, (DATA / name).read_bytes())


@transaction.atomic
def load_reference() -> dict[str, object]:
    structure = {
        row["level"]: row
        for row in csv.DictReader((DATA / "few-2021-2027-structure.csv").open(encoding="utf-8"))
    }
    programme_row = structure["programme"]
    programme, _ = Programme.objects.get_or_create(
        cci=CCI,
        defaults={
            "name_pl": programme_row["name_pl"],
            "name_en": programme_row["name_en"],
            "managing_authority": "Zarząd Województwa Wielkopolskiego",
            "approved_on": dt.date(2022, 12, 5),
        },
    )
    measures = services.measures_import(
        actor=None, programme=programme, table=_table("few-2021-2027-structure.csv")
    )
    _name_unnamed_measures(programme)
    agreement = _agreement(programme)
    rates = catalogues.rates_import(actor=None, series=RateSeries.NBP_A, table=_table("eur-pln-rates.csv"))
    indicators = catalogues.indicators_import(actor=None, table=_table("eu-common-indicators-2021-2027.csv"))
    if not RateRule.objects.exists():
        catalogues.rate_rule_save(
            actor=None,
            purpose=RateRule.Purpose.DEFAULT,
            series=RateSeries.EC_MONTHLY,
            fallback_series=RateSeries.NBP_A,
            note="Domyślnie miesięczny kurs księgowy KE; gdy go brak – kurs średni NBP. "
            "Sprawdź zapisy porozumienia i regulaminów naborów.",
        )
    return {
        "programme": programme,
        "measures": measures,
        "agreement": agreement,
        "rates": rates,
        "indicators": Indicator.objects.count() if indicators else 0,
    }


def _name_unnamed_measures(programme: Programme) -> None:
    """A measure the file gives by number only is called "nazwa do weryfikacji", with the source that gave the
    number, rather than by an invented name: 6.10 is known only from the FAQ of call FEWP.06.10-IP.01-001/24,
    which names the call, not the measure (SOURCE.md). Staff replace it once the name is confirmed; a later
    load keeps theirs, since the file's empty cell does not overwrite it."""
    for measure in Measure.objects.filter(programme=programme, name_pl=""):
        source = measure.source.split()[0] if measure.source.strip() else "brak źródła w pliku"
        services.measure_save(
            actor=None,
            programme=programme,
            measure=measure,
            name_pl=f"nazwa do weryfikacji (źródło: {source})"[:300],
            name_en=(measure.name_en or f"name to be verified (source: {source})")[:300],
        )


def _agreement(programme: Programme) -> Agreement:
    rows = csv.DictReader((DATA / "zit-allocations-wielkopolska.csv").open(encoding="utf-8"))
    konin = next(r for r in rows if r["zit"] == KONIN_ZIT)
    agreement = Agreement.objects.filter(programme=programme).first()
    if agreement is None:
        agreement = Agreement.objects.create(
            programme=programme,
            title="Porozumienie w sprawie realizacji Zintegrowanych Inwestycji Terytorialnych MOF Konina",
            signed_on=dt.date.fromisoformat(konin["agreement_date"]),
            parties="Zarząd Województwa Wielkopolskiego (instytucja zarządzająca FEW 2021+) i "
            + konin["body"],
            total_eur=Decimal(konin["allocation_eur"]),
            source=konin["source"],
        )
    return agreement
