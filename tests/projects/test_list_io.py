"""The editable XLSX of the list: what applicants typed stays text, amounts and dates stay numbers."""

import io

from openpyxl import load_workbook

from zit.projects import lists
from zit.projects.list_io import list_xlsx

from .test_lists import RATE_DAY, accepted_card, envelope  # noqa: F401 - the fixture

LINK = '=HYPERLINK("http://evil.example";"x")'


def test_a_title_starting_like_a_formula_stays_text_in_the_list(
    envelope,  # noqa: F811
    round_,
    golina_user,
    golina,
    measure,
    strategy,
    office,
    funding_demo,
):
    card = accepted_card(round_, golina_user, golina, measure, strategy, office, LINK)
    version = lists.list_version_create(actor=office, agreement=envelope, rate_date=RATE_DAY)
    lists.list_entry_add(actor=office, version=version, card=card, position="main")
    book = load_workbook(io.BytesIO(list_xlsx(version)))
    assert not [
        c for sheet in book.worksheets for row in sheet.iter_rows() for c in row if c.data_type == "f"
    ]
    row = book["Lista projektów"][2]
    assert (row[3].data_type, row[3].value) == ("s", "'" + LINK)
    assert [(c.data_type, c.value) for c in row[9:13]] == [
        ("n", 1000000),
        ("n", 800000),
        ("n", 560000),
        ("n", 133846.41),
    ]
    assert row[14].is_date and row[15].is_date
