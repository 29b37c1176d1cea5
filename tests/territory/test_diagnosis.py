from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from zit.core.importing import ImportRejected
from zit.core.tables import read_table
from zit.territory.diagnosis import variable_comparison
from zit.territory.models import Observation, Variable
from zit.territory.services import statistics_import, variable_save


@pytest.fixture
def staff(user_for_role):
    return user_for_role("office_staff")


@pytest.fixture
def firms(area, staff):
    return variable_save(
        actor=staff,
        name="Podmioty gospodarki narodowej w rejestrze REGON",
        unit="",
        per_capita=True,
        decimal_places=0,
        additive=True,
        source="GUS BDL",
    )


LONG = (
    "Kod;Nazwa;Rok;Wartosc;Jednostka miary;Atrybut\n"
    "3062011;Konin (1);2022;8500;podm.;\n"
    "3062011;Konin (1);2023;8650;podm.;\n"
    "3010123;Ślesin (3);2023;1234;podm.;\n"
    "3010000;Powiat koniński;2023;15000;podm.;\n"
    "3010032;Kazimierz Biskupi (2);2023;-;podm.;\n"
)
WIDE = 'Kod;Nazwa;"ogółem;2022;[podm.]";"ogółem;2023;[podm.]"\n;Gmina Kleczew;700;720\n;Konin;8500;8650\n'


def test_long_bdl_layout_imports_with_source_and_year_precision(firms, staff):
    counts = statistics_import(
        actor=staff,
        variable=firms,
        table=read_table("bdl.csv", LONG.encode("cp1250")),
        source_note="GUS BDL, pobrano 2026-11-20",
    )
    assert counts == {"created": 3, "updated": 0, "unchanged": 0}
    obs = Observation.objects.get(variable=firms, unit__terc="3010123")
    assert (obs.value, obs.reference_date.isoformat(), obs.date_precision) == (
        Decimal("1234"),
        "2023-12-31",
        "year",
    )
    assert obs.source_note == "GUS BDL, pobrano 2026-11-20"
    firms.refresh_from_db()
    assert firms.unit == "podm."


def test_wide_layout_matches_units_by_name_and_reimport_updates(firms, staff):
    table = read_table("tablica.csv", WIDE.encode())
    assert (
        statistics_import(actor=staff, variable=firms, table=table, source_url="https://bdl.stat.gov.pl/")[
            "created"
        ]
        == 4
    )
    again = read_table("tablica.csv", WIDE.replace("720", "730").encode())
    assert statistics_import(
        actor=staff, variable=firms, table=again, source_url="https://bdl.stat.gov.pl/"
    ) == {"created": 0, "updated": 1, "unchanged": 3}


def test_bad_file_is_reported_and_nothing_written(firms, staff):
    bad = "Kod;Nazwa;Rok;Wartosc\n3062011;Konin;dwa tysiące;5\n3010123;Ślesin;2023;dużo\n3010123;Ślesin;2023;5\n3010123;Ślesin;2023;6\n"
    with pytest.raises(ImportRejected) as exc:
        statistics_import(
            actor=staff, variable=firms, table=read_table("zly.csv", bad.encode()), source_note="x"
        )
    assert [(p.row, p.field) for p in exc.value.report.problems] == [
        (2, "rok"),
        (3, "wartosc"),
        (5, "wartosc"),
    ]
    assert not Observation.objects.filter(variable=firms).exists()
    with pytest.raises(ImportRejected):
        statistics_import(
            actor=staff, variable=firms, table=read_table("zly.csv", b"a;b\n1;2\n"), source_note="x"
        )


def test_source_and_permission_are_required(firms, staff, user_for_role):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        statistics_import(actor=staff, variable=firms, table=read_table("bdl.csv", LONG.encode()))
    with pytest.raises(PermissionDenied):
        statistics_import(
            actor=user_for_role("board_member"),
            variable=firms,
            table=read_table("bdl.csv", LONG.encode()),
            source_note="x",
        )


def test_comparison_totals_means_per_capita_and_missing_data(firms, staff):
    statistics_import(
        actor=staff, variable=firms, table=read_table("bdl.csv", LONG.encode()), source_note="GUS"
    )
    c = variable_comparison(firms)
    assert c.year == 2023 and c.years == [2023, 2022]
    assert (
        c.total is None and c.mean == Decimal("4942") and not c.complete and (c.count, c.expected) == (2, 15)
    )
    konin = next(r for r in c.rows if r.unit.terc == "3062011")
    population = Observation.objects.filter(variable__code="population", unit__terc="3062011").first().value
    assert konin.per_1000 == Decimal("8650") * 1000 / population
    missing = next(r for r in c.rows if r.unit.terc == "3010032")
    assert missing.value is None and c.fills["3010032"][1] == "brak danych"
    assert [p.year for p in c.trend] == [2022, 2023] and c.trend[1].total is None  # incomplete: no total
    assert c.classes and all(colour.startswith("#") for colour, *_ in c.classes)


def test_non_additive_variable_has_a_mean_not_a_total(area, staff):
    rate = variable_save(
        actor=staff, name="Stopa bezrobocia", unit="%", decimal_places=1, additive=False, per_capita=False
    )
    statistics_import(
        actor=staff,
        variable=rate,
        table=read_table(
            "b.csv", b"Kod;Nazwa;Rok;Wartosc\n3062011;Konin;2023;5,2\n3010123;Slesin;2023;3,8\n"
        ),
        source_note="GUS",
    )
    c = variable_comparison(rate)
    assert c.total is None and c.mean == Decimal("4.5")


def test_diagnosis_pages(firms, staff, client):
    statistics_import(
        actor=staff, variable=firms, table=read_table("bdl.csv", LONG.encode()), source_note="GUS"
    )
    client.force_login(staff)
    html = client.get(reverse("territory:variable", args=[firms.code])).content.decode()
    assert "choropleth-title" in html and "brak danych" in html and "8\u00a0650" in html
    assert (
        client.get(reverse("territory:variable", args=[firms.code]) + "?rok=2022").context["c"].year == 2022
    )
    assert client.get(reverse("territory:diagnosis")).status_code == 200
    assert Variable.objects.filter(code=firms.code).exists()
