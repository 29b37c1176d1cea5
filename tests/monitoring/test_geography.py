import datetime as dt
from decimal import Decimal

from contracts.test_contracts import _sign
from django.urls import reverse

from zit.monitoring.geography import fills, gmina_rows, split
from zit.territory.models import AdministrativeUnit, Observation


def test_split_adds_up_to_the_grosz():
    assert split(Decimal("100.00"), 3) == [Decimal("33.34"), Decimal("33.33"), Decimal("33.33")]
    assert sum(split(Decimal("0.05"), 4)) == Decimal("0.05")
    assert split(Decimal("10"), 0) == []


def test_money_per_inhabitant_and_no_data_where_population_is_missing(
    selected, office, client, user_for_role
):
    _sign(office, selected)  # EU 560 000, located in Golina
    kleczew = AdministrativeUnit.objects.get(name="Kleczew", level="gmina")
    selected.gminas.add(kleczew)  # now two gminas share it
    golina = AdministrativeUnit.objects.get(name="Golina", level="gmina")
    Observation.objects.filter(unit=kleczew, variable__code="population").delete()
    rows = {r.unit.name: r for r in gmina_rows(on=dt.date(2026, 11, 26))}
    assert rows["Golina"].contracted_pln == rows["Kleczew"].contracted_pln == Decimal("280000")
    population = rows["Golina"].population
    assert population and rows["Golina"].per_inhabitant == (Decimal("280000") / population).quantize(
        Decimal("0.01")
    )
    assert rows["Kleczew"].per_inhabitant is None
    colours, _classes = fills(list(rows.values()))
    assert colours[kleczew.terc] == ("#ffffff", "brak danych")
    assert colours[golina.terc][1].endswith("na mieszkańca") and colours[golina.terc][0] != "#ffffff"
    client.force_login(user_for_role("board_member"))
    page = client.get(reverse("monitoring:gminas")).content.decode()
    assert "Golina: " in page and "Kleczew: brak danych" in page
    text = client.get(reverse("monitoring:gminas_download", args=["csv"])).content.decode("utf-8-sig")
    assert ";280000,00;" in text and "Kleczew" in text
