"""A source of the IZ's periodic data: its settings and mapping, reading cells as it writes numbers, the
upload's checks and the preview on the first rows."""

import pytest
from core.hostile import zip_bomb
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile

from zit.contracts import iz_sources as sources
from zit.contracts.models import IzFeed, IzFeedImport
from zit.core.models import AuditEvent

from .iz_samples import (
    OPERATIONS_MAPPING,
    operation,
    operations_csv,
    operations_xlsx,
)

SETTINGS = {
    "name": "Wykaz projektów FEW 2021+",
    "kind": "operations",
    "file_format": "csv",
    "header_row": 1,
    "decimal_format": "comma",
    "url": "",
}


def make_feed(office, mapping=OPERATIONS_MAPPING, **data):
    return sources.feed_save(actor=office, data=SETTINGS | data, mapping=dict(mapping))


def test_the_office_saves_a_source_with_its_mapping_and_the_change_is_audited(office):
    feed = make_feed(office)
    assert feed.kind == "operations" and feed.mapping["eu_pln"] == "Dofinansowanie UE (PLN)"
    sources.feed_save(
        actor=office, feed=feed, data={"header_row": 3}, mapping={"contract_number": "Nr umowy"}
    )
    feed.refresh_from_db()
    assert feed.header_row == 3 and feed.mapping == {"contract_number": "Nr umowy"}
    assert list(
        AuditEvent.objects.filter(action__startswith="contracts.iz_feed_")
        .order_by("pk")
        .values_list("action", flat=True)
    ) == ["contracts.iz_feed_create", "contracts.iz_feed_update"]


def test_a_mapping_without_the_contract_number_or_with_one_column_twice_is_refused(office):
    with pytest.raises(ValidationError) as missing:
        make_feed(office, mapping={"title": "Tytuł projektu"})
    assert "contract_number" in missing.value.message_dict
    with pytest.raises(ValidationError) as twice:
        make_feed(office, mapping={"contract_number": "Numer umowy", "title": "numer umowy"})
    assert "Ta sama kolumna" in twice.value.message_dict["title"][0]
    claims = {"contract_number": "Nr umowy"}
    with pytest.raises(ValidationError) as claim:
        make_feed(office, name="Wnioski o płatność", kind="claims", mapping=claims)
    assert "claim_number" in claim.value.message_dict
    assert not IzFeed.objects.exists()


def test_fields_of_another_kind_are_not_kept(office):
    feed = make_feed(office, mapping=OPERATIONS_MAPPING | {"paid_pln": "Wypłacono"})
    assert "paid_pln" not in feed.mapping


def test_only_the_office_defines_sources(golina_user):
    with pytest.raises(PermissionDenied):
        make_feed(golina_user)


@pytest.mark.parametrize(
    ("decimal", "text", "expected"),
    [
        ("comma", "1 234 567,89 zł", "1234567.89"),
        ("comma", "1234567.5", "1234567.50"),  # an XLSX number cell
        ("point", "1,234,567.89", "1234567.89"),
        ("point", "1,234", "1234.00"),
        ("comma", "-", ""),
    ],
)
def test_amounts_are_read_as_the_source_writes_numbers(office, decimal, text, expected):
    feed = make_feed(office, decimal_format=decimal)
    assert sources.parse_value(feed, sources.FIELD_BY_KEY["eu_pln"], text) == expected


def test_dates_and_rates_are_read_and_bad_cells_raise(office):
    feed = make_feed(office)
    assert sources.parse_value(feed, sources.FIELD_BY_KEY["starts_on"], "15.03.2026") == "2026-03-15"
    assert sources.parse_value(feed, sources.FIELD_BY_KEY["cofinancing_rate"], "85%") == "0.8500"
    for key, text in (("starts_on", "w marcu"), ("eu_pln", "dużo"), ("cofinancing_rate", "120%")):
        with pytest.raises(ValueError):
            sources.parse_value(feed, sources.FIELD_BY_KEY[key], text)


def _upload(office, feed, content, name="lista.csv"):
    return sources.feed_upload(actor=office, feed=feed, upload=ContentFile(content, name=name))


def test_preview_shows_the_first_rows_as_they_will_be_read(office, media):
    feed = make_feed(office)
    rows = [operation(f"FEWP.03.02-IZ.00-{n:04d}/26") for n in range(1, 8)]
    rows[1]["Data rozpoczęcia projektu"] = "wkrótce"
    batch = _upload(office, feed, operations_csv(rows))
    assert batch.status == IzFeedImport.Status.PREVIEW
    preview = sources.feed_preview(batch)
    assert preview.problems == [] and len(preview.rows) == sources.PREVIEW_ROWS
    number, cells = preview.rows[0]
    read = {key: value for key, value, _problem in cells}
    assert number == 2 and read["contract_number"] == "FEWP.03.02-IZ.00-0001/26"
    assert read["eu_pln"] == "560\xa0000,00\xa0zł" and read["starts_on"] == "1 marca 2026"
    problems = {key: problem for key, _value, problem in preview.rows[1][1] if problem}
    assert "Nie da się odczytać daty „wkrótce”" in problems["starts_on"]


def test_preview_names_the_file_row_and_mapped_header_the_file_lacks(office, media):
    feed = make_feed(office, mapping=OPERATIONS_MAPPING | {"eu_pln": "Kwota dofinansowania UE"})
    batch = _upload(office, feed, operations_csv([operation("U/1")]))
    assert sources.feed_preview(batch).problems == [
        "lista.csv, wiersz 1, pole „Kwota dofinansowania UE”: W wierszu nagłówka nie ma kolumny "
        "„Kwota dofinansowania UE” przypisanej do pola „dofinansowanie UE”."
    ]


def test_the_header_row_is_the_one_the_source_names(office, media):
    feed = make_feed(office, file_format="xlsx", header_row=2)
    batch = _upload(office, feed, operations_xlsx([operation("U/1")]), name="lista.xlsx")
    preview = sources.feed_preview(batch)
    assert preview.problems == [] and preview.rows[0][0] == 3
    feed = sources.feed_save(actor=office, feed=feed, data={"header_row": 5}, mapping=feed.mapping)
    with pytest.raises(ValidationError) as empty:
        _upload(office, feed, operations_xlsx([operation("U/1")]), name="lista.xlsx")
    assert empty.value.messages == ["lista.xlsx, wiersz 5: W tym wierszu nie ma nagłówka z nazwami kolumn."]


def test_a_file_of_another_format_than_the_source_is_refused_and_not_kept(office, media):
    feed = make_feed(office)
    with pytest.raises(ValidationError) as other:
        _upload(office, feed, operations_xlsx([operation("U/1")]), name="lista.xlsx")
    assert "To źródło przyjmuje pliki CSV" in other.value.messages[0]
    xlsx_feed = make_feed(office, name="Wykaz XLSX", file_format="xlsx")
    with pytest.raises(ValidationError) as fake:
        _upload(office, xlsx_feed, b"Numer umowy;Tytul\nU/1;X\n", name="lista.xlsx")
    assert fake.value.messages[0].startswith("lista.xlsx")
    assert not IzFeedImport.objects.exists()


def test_hostile_files_are_refused_at_once(office, media, settings):
    feed = make_feed(office, file_format="xlsx")
    with pytest.raises(ValidationError) as bomb:
        _upload(office, feed, zip_bomb(400), name="bomba.xlsx")
    assert bomb.value.messages[0].startswith("bomba.xlsx")
    settings.ZIT_IMPORT_MAX_BYTES = 1_000
    csv_feed = make_feed(office, name="Wykaz CSV")
    with pytest.raises(ValidationError) as huge:
        _upload(office, csv_feed, operations_csv([operation(f"U/{n}") for n in range(40)]))
    assert (
        huge.value.messages[0].startswith("lista.csv: Plik ma") and "najwyżej 1000" in huge.value.messages[0]
    )
    assert not IzFeedImport.objects.exists()


def test_a_source_address_must_be_https(office):
    with pytest.raises(ValidationError) as caught:
        make_feed(office, url="http://example.org/lista.csv")
    assert "https://" in caught.value.message_dict["url"][-1]
    assert make_feed(office, url="https://example.org/lista.csv").url == "https://example.org/lista.csv"
