"""The ranking workbook: what applicants typed stays text, the figures stay numbers."""

import io

from django.urls import reverse
from openpyxl import load_workbook

from zit.assessment import services

from .conftest import assess, client_for

LINK = '=HYPERLINK("http://evil.example";"x")'


def test_a_title_starting_like_a_formula_stays_text_in_the_ranking(
    make_card, golina, criteria, office, make_assessor, round_
):
    card = make_card(golina, title=LINK)
    for _ in range(2):
        assess(
            services.assignment_add(actor=office, card=card, assessor=make_assessor()), criteria, 1, 1, 8, 8
        )
    response = client_for(office).get(reverse("assessment:ranking_xlsx", args=[round_.pk]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert not [c for row in sheet.iter_rows() for c in row if c.data_type == "f"]
    assert (sheet["C4"].data_type, sheet["C4"].value) == ("s", "'" + LINK)
    header = [c.value for c in sheet[3]]
    eu = sheet.cell(4, header.index("Dofinansowanie UE (PLN)") + 1)
    assert (eu.data_type, eu.value) == ("n", 700000)
    assert (sheet["A4"].data_type, sheet["F4"].data_type) == ("n", "n")
