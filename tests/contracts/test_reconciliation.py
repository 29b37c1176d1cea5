import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook
from projects.test_calls import listed  # noqa: F401 - the fixture

from zit.contracts import reconciliation as recon
from zit.contracts import reconciliation_fields as fields
from zit.contracts.models import Contract, Difference, Reconciliation
from zit.contracts.services import amendment_add
from zit.core.models import AuditEvent
from zit.projects.models import ProjectCard

from .test_contracts import _amounts, _sign, selected  # noqa: F401 - fixtures

HEADER = [
    "Lp.",
    "Nr umowy",
    "Nr wniosku",
    "Tytuł",
    "Wartość ogółem [PLN]",
    "Koszty kwalifikowalne",
    "Kwota dofinansowania UE",
    "Data podpisania umowy",
    "Data rozpoczęcia realizacji",
    "Data zakończenia realizacji",
    "Status projektu",
    "Wydatki rozliczone",
]
OURS = [
    1,
    "FEWP.03.02-IZ.00-0002/25-00",
    "A-2",
    "Główny",
    "1 000 000,00",  # the same as the platform's, in another format
    "800000",
    "600 000,00",  # the IZ says more
    "12.02.2026",  # signed two days later
    "01.03.2026",
    "31.10.2027",
    "Umowa rozwiązana",
    "123,45",
]
STRANGER = [
    2,
    "X/1",
    "X-1",
    "Projekt spoza ZIT",
    "10,00",
    "10,00",
    "7,00",
    "",
    "jutro",
    "",
    "W realizacji",
    "",
]


def _xlsx(rows, header=HEADER) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(["Zestawienie umów – stan na 31.10.2026"])
    sheet.append([])
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.fixture
def contracted(selected, listed, office):  # noqa: F811
    contract = _sign(office, selected)
    _main, reserve = listed
    ProjectCard.objects.filter(pk=reserve.pk).update(
        application_number="A-3"
    )  # filed, missing from the export
    return contract


def _upload(office, source, content, name="eksport.xlsx"):
    return recon.reconciliation_upload(actor=office, source=source, upload=ContentFile(content, name=name))


def _compare(office, content, system="other"):
    source = recon.source_create(actor=office, name="LSI – wnioski", system=system)
    item = _upload(office, source, content)
    assert item.status == "mapping"  # a new source: the office confirms the columns first
    mapping = recon.guess_mapping(item.columns, source.mapping)
    statuses = recon.status_values_for(item, mapping)
    return recon.reconciliation_map(
        actor=office,
        reconciliation=item,
        mapping=mapping,
        status_map={s.lower(): fields.guess_status(s) for s in statuses},
    )


def _found(item):
    return {(d.kind, d.reference, d.field, d.platform_value, d.iz_value) for d in item.differences.all()}


def test_renamed_columns_are_guessed_from_their_usual_names():
    columns = [h.lower() for h in HEADER]
    assert recon.guess_mapping(columns, {}) == {
        "contract_number": "nr umowy",
        "application_number": "nr wniosku",
        "title": "tytuł",
        "total_pln": "wartość ogółem [pln]",
        "eligible_pln": "koszty kwalifikowalne",
        "eu_pln": "kwota dofinansowania ue",
        "signed_on": "data podpisania umowy",
        "starts_on": "data rozpoczęcia realizacji",
        "ends_on": "data zakończenia realizacji",
        "status": "status projektu",
        "spent_pln": "wydatki rozliczone",
    }
    assert fields.guess_status("Umowa rozwiązana") == "terminated"
    assert fields.guess_status("Wniosek w ocenie merytorycznej") == "evaluation"


def test_a_messy_export_shows_what_differs_what_is_missing_and_what_is_unknown(contracted, office, media):
    item = _compare(office, _xlsx([OURS, STRANGER]))
    number = contracted.number
    assert item.status == "done" and (item.rows_read, item.rows_matched) == (2, 1)
    assert _found(item) == {
        ("value", number, "eu_pln", "560000.00", "600000.00"),
        ("value", number, "signed_on", "2026-02-10", "2026-02-12"),
        ("value", number, "status", "contracted", "terminated"),
        ("value", number, "spent_pln", "0", "123.45"),
        ("not_in_platform", "X/1", "", "", "Projekt spoza ZIT"),
        ("not_in_export", "A-3", "", "Rezerwowy", ""),
    }
    assert item.problems == []  # the stranger's bad date is not read: the row matched nothing
    assert AuditEvent.objects.filter(action="contracts.reconciliation_compare").count() == 1


def test_a_cell_that_cannot_be_read_is_listed_not_guessed(contracted, office, media):
    row = list(OURS)
    row[8] = "pierwszy marca"
    item = _compare(office, _xlsx([row]))
    assert "wiersz 4" in item.problems[0] and "pierwszy marca" in item.problems[0]
    assert not item.differences.filter(field="starts_on").exists()


def test_the_saved_mapping_is_reused_and_a_new_layout_asks_again(contracted, office, media):
    first = _compare(office, _xlsx([OURS]))
    source = first.source
    source.refresh_from_db()
    assert (
        source.mapping["eu_pln"] == "kwota dofinansowania ue"
        and source.status_map["umowa rozwiązana"] == "terminated"
    )
    again = _upload(office, source, _xlsx([OURS]))
    assert again.status == "done" and again.differences.count() == first.differences.count()
    renamed = [h if h != "Kwota dofinansowania UE" else "Dofinansowanie UE ogółem" for h in HEADER]
    changed = _upload(office, source, _xlsx([OURS], header=renamed))
    assert changed.status == "mapping"
    new_status = list(OURS)
    new_status[10] = "Zawieszony"
    unknown_word = _upload(office, source, _xlsx([new_status]))
    assert unknown_word.status == "mapping"  # a status word nobody has explained yet
    with pytest.raises(ValidationError) as exc:
        recon.reconciliation_map(
            actor=office,
            reconciliation=unknown_word,
            mapping=source.mapping,
            status_map={},
        )
    assert "Zawieszony" in exc.value.message_dict["status"][0]


def test_the_mapping_must_name_a_key_and_use_each_column_once(contracted, office, media):
    source = recon.source_create(actor=office, name="Arkusz", system="other")
    item = _upload(office, source, _xlsx([OURS]))
    with pytest.raises(ValidationError) as exc:
        recon.reconciliation_map(
            actor=office,
            reconciliation=item,
            mapping={"eu_pln": "tytuł", "total_pln": "tytuł"},
            status_map={},
        )
    errors = exc.value.message_dict
    assert "numerem umowy lub numerem wniosku" in errors["contract_number"][0]
    assert "już wskazana" in errors["total_pln"][0]


def test_dates_and_numbers_the_iz_keeps_are_taken_at_a_click(contracted, office, media):
    item = _compare(office, _xlsx([OURS]))
    signed = item.differences.get(field="signed_on")
    assert recon.correctable_here(signed)
    recon.difference_correct(actor=office, difference=signed)
    contracted.refresh_from_db()
    signed.refresh_from_db()
    assert contracted.signed_on == dt.date(2026, 2, 12) and signed.status == "corrected"
    assert "LSI – wnioski" in signed.note
    assert AuditEvent.objects.filter(
        action="contracts.contract_update", object_id=str(contracted.pk)
    ).exists()
    with pytest.raises(ValidationError, match="już wyjaśniona"):
        recon.difference_correct(actor=office, difference=signed)


def test_amounts_change_only_by_an_amendment_then_a_recheck_closes_them(contracted, office, media, selected):  # noqa: F811
    item = _compare(office, _xlsx([OURS]))
    eu = item.differences.get(field="eu_pln")
    assert not recon.correctable_here(eu)
    assert recon.where_to_fix(eu) == reverse("contracts:card_amendment", args=[selected.pk])
    with pytest.raises(ValidationError, match="aneksem"):
        recon.difference_correct(actor=office, difference=eu)
    assert recon.reconciliation_recheck(actor=office, reconciliation=item) == 0
    amendment_add(
        actor=office,
        contract=contracted,
        number="1",
        signed_on=dt.date(2026, 3, 1),
        reason="Zwiększenie dofinansowania.",
        document=ContentFile(b"%PDF-1.7\n", name="aneks.pdf"),
        amounts=_amounts(selected, "1000000", "800000", "560000"),
    )
    assert recon.reconciliation_recheck(actor=office, reconciliation=item) == 0  # still 560 000
    Contract.objects.filter(pk=contracted.pk).update(eu_pln=Decimal("600000"))  # as a later amendment would
    assert recon.reconciliation_recheck(actor=office, reconciliation=item) == 1
    eu.refresh_from_db()
    assert eu.status == "corrected"


def test_confirming_the_platform_needs_a_reason(contracted, office, media):
    item = _compare(office, _xlsx([OURS, STRANGER]))
    stranger = item.differences.get(kind="not_in_platform")
    with pytest.raises(ValidationError) as exc:
        recon.difference_confirm(actor=office, difference=stranger, note="  ")
    assert "dlaczego" in exc.value.message_dict["note"][0]
    recon.difference_confirm(actor=office, difference=stranger, note="Projekt innej gminy, spoza ZIT.")
    stranger.refresh_from_db()
    assert stranger.status == "confirmed" and stranger.resolved_by_label
    event = AuditEvent.objects.get(action="contracts.difference_confirm")
    assert event.reason == "Projekt innej gminy, spoza ZIT."


def test_the_differences_sheet_keeps_texts_starting_like_formulas_as_text(contracted, office, media):
    stranger = list(STRANGER)
    stranger[3] = '@HYPERLINK("http://evil.example";"x")'  # the IZ's export holds what was typed there
    item = _compare(office, _xlsx([OURS, stranger]))
    difference = item.differences.get(kind="not_in_platform")
    recon.difference_confirm(
        actor=office, difference=difference, note='=HYPERLINK("http://evil.example";"x")'
    )
    sheet = load_workbook(io.BytesIO(recon.differences_xlsx(item))).active
    assert not [c for row in sheet.iter_rows() for c in row if c.data_type == "f"]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[1].value == "X/1")
    assert (row[5].data_type, row[5].value) == ("s", '\'@HYPERLINK("http://evil.example";"x")')
    assert (row[7].data_type, row[7].value) == ("s", '\'=HYPERLINK("http://evil.example";"x")')
    eu = next(r for r in sheet.iter_rows(min_row=2) if r[3].value == "Dofinansowanie UE")
    assert [(c.data_type, c.value) for c in eu[4:6]] == [("n", 560000), ("n", 600000)]


def test_only_the_office_reconciles(contracted, office, golina_user, media):
    with pytest.raises(PermissionDenied):
        recon.source_create(actor=golina_user, name="Moje", system="other")
    item = _compare(office, _xlsx([OURS]))
    with pytest.raises(PermissionDenied):
        recon.difference_confirm(actor=golina_user, difference=item.differences.first(), note="Nie.")
    assert Difference.objects.filter(status="open").count() == item.differences.count()


def test_the_pages_upload_map_and_resolve(client, contracted, office, media, golina_user):
    client.force_login(golina_user)
    assert client.get(reverse("contracts:reconciliations")).status_code == 403
    client.force_login(office)
    response = client.post(
        reverse("contracts:reconciliations"),
        {
            "new_source_name": "CST2021",
            "new_source_system": "cst",
            "file": SimpleUploadedFile(
                "eksport.csv", ";".join(HEADER).encode() + b"\n" + ";".join(map(str, OURS)).encode("cp1250")
            ),
        },
    )
    item = Reconciliation.objects.get()
    assert response["Location"] == reverse("contracts:recon_mapping", args=[item.pk])
    page = client.get(response["Location"]).content.decode()
    assert 'value="kwota dofinansowania ue" selected' in page and "Status „Umowa rozwiązana”" in page
    form = {f"col_{k}": v for k, v in recon.guess_mapping(item.columns, {}).items()} | {
        "status_0": "terminated"
    }
    response = client.post(response["Location"], form)
    assert response["Location"] == reverse("contracts:recon", args=[item.pk])
    page = client.get(response["Location"]).content.decode().replace("\xa0", " ").replace("\u202f", " ")
    assert "600 000,00 zł" in page and "Przyjmij wartość z IZ" in page and "Zarejestruj aneks" in page
    signed = item.differences.get(field="signed_on")
    client.post(
        reverse("contracts:recon_difference", args=[item.pk, signed.pk]),
        {"action": "correct", "query": "pokaz=all"},
    )
    signed.refresh_from_db()
    assert signed.status == "corrected"
    resolved = client.get(reverse("contracts:recon", args=[item.pk]) + "?pokaz=resolved").content.decode()
    assert "poprawiono w platformie" in resolved
    sheet = load_workbook(
        io.BytesIO(client.get(reverse("contracts:recon_xlsx", args=[item.pk])).content)
    ).active
    rows = {r[3]: r for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows["Data zawarcia umowy"][4:7] == (
        dt.datetime(2026, 2, 10),
        dt.datetime(2026, 2, 12),
        "poprawiono w platformie",
    )
    assert rows["Dofinansowanie UE"][1:6] == (
        contracted.number,
        "Główny",
        "Dofinansowanie UE",
        560000,
        600000,
    )


def _stored_files(media) -> list:
    """The exports kept in the media folder (other fixtures keep signed documents there)."""
    return [p for p in (media / "reconciliation").rglob("*") if p.is_file()]


def test_a_hostile_export_is_refused_before_it_is_stored(contracted, office, media):
    from core.hostile import billion_laughs

    source = recon.source_create(actor=office, name="LSI – wnioski", system="lsi")
    with pytest.raises(ValidationError) as caught:
        _upload(office, source, billion_laughs())
    assert "DOCTYPE" in str(caught.value)
    assert not Reconciliation.objects.exists() and _stored_files(media) == []


def test_an_export_refused_halfway_is_not_stored(contracted, office, media, settings):
    settings.ZIT_IMPORT_MAX_ROWS = 4  # a CSV declares no size: the header passes, row 5 is found on reading
    source = recon.source_create(actor=office, name="LSI – wnioski", system="lsi")
    content = "\n".join(";".join(map(str, row)) for row in [HEADER, *[OURS] * 5]).encode("cp1250")
    with pytest.raises(ValidationError) as caught:
        _upload(office, source, content, name="eksport.csv")
    assert "można wczytać najwyżej 4" in str(caught.value)
    assert not Reconciliation.objects.exists() and _stored_files(media) == []


def test_a_refused_export_creates_no_new_source_through_the_page(client, contracted, office, media):
    client.force_login(office)
    response = client.post(
        reverse("contracts:reconciliations"),
        {
            "new_source_name": "CST2021",
            "new_source_system": "cst",
            "file": SimpleUploadedFile("eksport.csv", b"Lp.;Numer umowy;Status\n1;U/\x001;x\n"),
        },
    )
    assert response.status_code == 200 and "bajty zerowe" in response.content.decode()
    assert not recon.IzSource.objects.exists() and not Reconciliation.objects.exists()
    assert _stored_files(media) == []


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_a_totals_row_is_not_a_project_and_a_row_without_numbers_is_reported(contracted, office, media):
    totals = ["", "", "", "Razem", "1 000 010,00", "800 010,00", "600 007,00", "", "", "", "", ""]
    blank_keys = [3, "", "", "Projekt bez numerów", "1,00", "1,00", "1,00", "", "", "", "", ""]
    item = _compare(office, _xlsx([OURS, blank_keys, totals]))
    assert item.rows_read == 3 and not item.differences.filter(kind="not_in_platform").exists()
    assert (
        len(item.problems) == 1
        and "wiersz 5" in item.problems[0]
        and "numeru umowy ani wniosku" in item.problems[0]
    )
