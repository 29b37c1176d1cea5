"""Sample files of the managing authority's periodic data for the tests.

The headers of the list of operations are those of the ministry's "Lista projektów" in its 2014–2020 layout
(the layout the platform's own list used before the columns of art. 49(3) of Regulation 2021/1060); a source's
mapping reads any layout, so the sample keeps one the IZ's files still use. The 2021–2027 file is still to be
confirmed ("do weryfikacji"). The rows are TEST DATA, not real projects: the titles say so and the numbers are
made up."""

from __future__ import annotations

import csv
import io

from openpyxl import Workbook

OPERATIONS_HEADER = [
    "Tytuł projektu",
    "Krótki opis projektu",
    "Numer umowy",
    "Nazwa beneficjenta",
    "Fundusz",
    "Program",
    "Priorytet",
    "Działanie",
    "Wartość projektu (PLN)",
    "Wydatki kwalifikowalne (PLN)",
    "Dofinansowanie UE (PLN)",
    "Poziom dofinansowania UE (%)",
    "Miejsce realizacji projektu",
    "Data rozpoczęcia projektu",
    "Data zakończenia projektu",
]
OPERATIONS_MAPPING = {
    "contract_number": "Numer umowy",
    "title": "Tytuł projektu",
    "beneficiary": "Nazwa beneficjenta",
    "total_pln": "Wartość projektu",  # the unit in brackets does not matter
    "eligible_pln": "Wydatki kwalifikowalne (PLN)",
    "eu_pln": "Dofinansowanie UE (PLN)",
    "cofinancing_rate": "Poziom dofinansowania UE (%)",
    "place": "Miejsce realizacji projektu",
    "starts_on": "Data rozpoczęcia projektu",
    "ends_on": "Data zakończenia projektu",
}


def operation(number: str, **cells: str) -> dict[str, str]:
    row = {
        "Tytuł projektu": f"Projekt testowy {number}",
        "Krótki opis projektu": "Dane testowe",
        "Numer umowy": number,
        "Nazwa beneficjenta": "Gmina Testowa",
        "Fundusz": "EFRR",
        "Program": "Fundusze Europejskie dla Wielkopolski 2021-2027",
        "Priorytet": "FEWP.03",
        "Działanie": "FEWP.03.02",
        "Wartość projektu (PLN)": "1 000 000,00",
        "Wydatki kwalifikowalne (PLN)": "800 000,00",
        "Dofinansowanie UE (PLN)": "560 000,00",
        "Poziom dofinansowania UE (%)": "70%",
        "Miejsce realizacji projektu": "Golina",
        "Data rozpoczęcia projektu": "01.03.2026",
        "Data zakończenia projektu": "31.10.2027",
    }
    return row | cells


def operations_csv(
    rows: list[dict[str, str]], header: list[str] = OPERATIONS_HEADER, before: int = 0
) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    for _n in range(before):
        writer.writerow(["Lista projektów – stan na 30.11.2026 (DANE TESTOWE)"])
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(h, "") for h in header])
    return out.getvalue().encode("utf-8")


def operations_xlsx(rows: list[dict[str, str]], header: list[str] = OPERATIONS_HEADER) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(["Lista projektów (DANE TESTOWE)"])
    sheet.append(header)
    for row in rows:
        sheet.append([row.get(h, "") for h in header])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
