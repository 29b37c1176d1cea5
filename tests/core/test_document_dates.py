"""Dates in generated documents and e-mails: in words with "r." ("6 grudnia 2026 r., godz. 14:52"), Polish in a
document whatever the reader's language; in a message the reader's language decides."""

import datetime as dt
import io

from django.template import Context, Template
from django.utils import translation

from zit.core.exports import widen_for_values
from zit.core.formatting import document_date, document_datetime, letter_date, one_full_stop

DAY = dt.date(2026, 12, 6)
MOMENT = dt.datetime(2026, 12, 6, 13, 52, tzinfo=dt.UTC)  # 14:52 in Warsaw


def test_a_document_writes_the_date_in_polish_words_in_every_interface_language():
    for language in ("pl", "en"):
        with translation.override(language):
            assert document_date(DAY) == "6 grudnia 2026 r."
            assert document_datetime(MOMENT) == "6 grudnia 2026 r., godz. 14:52"
    assert document_date(None) == document_datetime(None) == ""


def test_the_document_filters_in_templates():
    html = Template("{% load zit %}{{ d|doc_date }} / {{ m|doc_datetime }}").render(
        Context({"d": DAY, "m": MOMENT})
    )
    assert html == "6 grudnia 2026 r. / 6 grudnia 2026 r., godz. 14:52"


def test_a_message_writes_the_date_in_the_readers_language():
    with translation.override("pl"):
        assert letter_date(DAY) == "6 grudnia 2026 r."
        assert one_full_stop(f"Stan na {letter_date(DAY)}.") == "Stan na 6 grudnia 2026 r."
    with translation.override("en"):
        assert letter_date(DAY) == "6 December 2026"
        assert one_full_stop(f"As of {letter_date(DAY)}.") == "As of 6 December 2026."


def test_columns_are_widened_for_their_amounts_and_dates_but_not_for_text():
    from decimal import Decimal

    from openpyxl import Workbook, load_workbook

    book = Workbook()
    sheet = book.active
    sheet.append(
        ["Długi opis, który może wyjść poza komórkę", Decimal("1234567.89"), DAY, MOMENT.replace(tzinfo=None)]
    )
    sheet.column_dimensions["B"].width = 30
    widen_for_values(sheet)
    out = io.BytesIO()
    book.save(out)
    dims = load_workbook(io.BytesIO(out.getvalue())).active.column_dimensions
    assert dims["A"].width == 13  # openpyxl's default: text overflows into the next cell
    assert dims["B"].width == 30  # wide enough already
    assert dims["C"].width >= 10 and dims["D"].width >= 16
