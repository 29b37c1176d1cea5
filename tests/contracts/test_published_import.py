# ruff: noqa: F811 - pytest fixtures imported from the list's other tests
"""The import of an official list in the 2021–2027 columns: what it refuses, naming file, row and column, and
the 2014–2020 layout it still reads."""

from __future__ import annotations

import pytest

from zit.contracts.models import PublishedProject
from zit.core.importing import ImportRejected

from .test_published import HEADER, _csv, _import, _row, media  # noqa: F401 - fixtures


def _problems(exc) -> dict[tuple[int | None, str], str]:
    return {(p.row, p.field): p.message for p in exc.value.report.problems}


def test_bad_coordinates_are_refused_by_row_and_column(media, office):
    rows = [
        _row("U/1", **{"Szerokość geograficzna": "52,2"}),
        _row("U/2", **{"Szerokość geograficzna": "północ", "Długość geograficzna": "18,2"}),
        _row("U/3", **{"Szerokość geograficzna": "18,25", "Długość geograficzna": "52,22"}),  # swapped
    ]
    with pytest.raises(ImportRejected) as exc:
        _import(office, _csv(rows), name="wykaz-iz.csv")
    problems = _problems(exc)
    assert problems[(2, "długość geograficzna")] == "Podaj obie współrzędne albo żadnej."
    assert "„północ” to nie współrzędna" in problems[(3, "szerokość geograficzna")]
    assert "leży poza Polską" in problems[(4, "szerokość geograficzna")]
    assert all(p.file == "wykaz-iz.csv" for p in exc.value.report.problems)
    assert not PublishedProject.objects.exists()


def test_the_2021_columns_are_required_in_every_row_when_the_file_has_them(media, office):
    with pytest.raises(ImportRejected) as exc:
        _import(office, _csv([_row("U/1", **{"Cel szczegółowy": "", "Rodzaj interwencji": ""})]))
    problems = _problems(exc)
    assert problems[(2, "cel szczegółowy")] == "Pole jest wymagane."
    assert problems[(2, "rodzaj interwencji")] == "Pole jest wymagane."


def test_a_file_with_one_of_the_2021_columns_lacks_the_other(media, office):
    header = [h for h in HEADER if h != "Rodzaj interwencji"]
    with pytest.raises(ImportRejected) as exc:
        _import(office, _csv([_row("U/1")], header=header))
    assert "Brak kolumny „Rodzaj interwencji”" in str(exc.value)


def test_a_list_in_the_2014_layout_is_read_with_a_notice(media, office):
    old = [
        "Tytuł projektu",
        "Numer umowy",
        "Nazwa beneficjenta",
        "Fundusz",
        "Program",
        "Wartość projektu (PLN)",
        "Wydatki kwalifikowalne (PLN)",
        "Dofinansowanie UE (PLN)",
        "Poziom dofinansowania UE (%)",
        "Miejsce realizacji projektu",
        "Data rozpoczęcia projektu",
        "Data zakończenia projektu",
    ]
    line = ["Droga", "U/7", "Gmina Kramsk", "EFRR", "FEW 2021-2027", "1000", "800", "680", "85%", "Kramsk"]
    content = (
        "\ufeff" + ";".join(old) + "\r\n" + ";".join([*line, "2025-01-01", "2025-12-31"]) + "\r\n"
    ).encode()
    batch, summary = _import(office, content)
    row = PublishedProject.objects.get(contract_number="U/7")
    assert summary.created == 1 and row.specific_objective == "" and row.precision == "gmina"
    batch.refresh_from_db()
    assert any("układ wykazu 2014–2020" in notice for notice in batch.notices)


def test_the_iz_list_fills_the_specific_objective_of_a_platform_contract(media, office):
    _import(office, _csv([_row("U/1")]))
    PublishedProject.objects.update(origin=PublishedProject.Origin.PLATFORM, specific_objective="")
    _batch, summary = _import(office, _csv([_row("U/1", **{"Cel szczegółowy": "RSO4.5"})]))
    row = PublishedProject.objects.get()
    assert summary.skipped == 1 and row.specific_objective == "RSO4.5"
