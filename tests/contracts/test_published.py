import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook
from projects.test_calls import listed  # noqa: F401 - the fixture

from zit.contracts import published, published_import
from zit.contracts.models import PublishedImport, PublishedProject
from zit.contracts.services import amendment_add, contract_terminate, correction_add
from zit.core.importing import ImportRejected
from zit.core.jobs import job_run
from zit.core.models import AuditEvent, Job

from .test_contracts import _amounts, _sign, selected  # noqa: F401 - fixtures

HEADER = [str(h) for _n, h, _w in published.COLUMNS]


def _cell(header: str, row: int = 2) -> str:
    from openpyxl.utils import get_column_letter

    return f"{get_column_letter(HEADER.index(header) + 1)}{row}"


def _row(number, **overrides):
    values = {
        "Nazwa operacji (tytuł projektu)": f"Projekt {number}",
        "Cel operacji i jej osiągnięcia": "Opis.",
        "Kod operacji (numer umowy)": number,
        "Nazwa beneficjenta": "Gmina Rzgów",
        "Fundusz": "EFRR",
        "Program": "Fundusze Europejskie dla Wielkopolski 2021-2027",
        "Priorytet": "",
        "Działanie": "1.3",
        "Całkowity koszt operacji (PLN)": "1 450 000,00",
        "Wydatki kwalifikowalne (PLN)": "1 200 000,00",
        "Dofinansowanie UE (PLN)": "1 020 000,00",
        "Stopa współfinansowania UE (%)": "85,00%",
        "Miejsce realizacji (gminy)": "Rzgów (gmina wiejska)",
        "Data rozpoczęcia": "2025-05-01",
        "Data zakończenia (przewidywana lub faktyczna)": "31.12.2026",
        "Cel szczegółowy": "RSO2.1",
        "Rodzaj interwencji": "045",
    }
    return values | overrides


def _csv(rows, header=HEADER) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(h, "") for h in HEADER])
    return ("\ufeff" + out.getvalue()).encode()


def _import(actor, content: bytes, name="lista.csv", tmp_path=None):
    batch = PublishedImport(file_name=name, file_sha256="", created_by_label="test")
    batch.file.save(name, ContentFile(content), save=False)
    batch.save()
    return batch, published.published_import(actor=actor, batch=batch, path=tmp_path_of(batch))


def tmp_path_of(batch):
    from pathlib import Path

    return Path(batch.file.path)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_a_contract_row_follows_signing_amendments_corrections_and_termination(selected, office, media):  # noqa: F811
    contract = _sign(office, selected)
    row = PublishedProject.objects.get(contract_number=contract.number)
    assert row.origin == "platform" and row.contract == contract
    assert (row.total_pln, row.eligible_pln, row.eu_pln) == (
        Decimal("1000000"),
        Decimal("800000"),
        Decimal("560000"),
    )
    assert row.cofinancing_rate == Decimal("0.7000") and row.place == "Golina (gmina miejsko-wiejska)"
    assert row.programme.startswith("Fundusze Europejskie dla Wielkopolski") and row.measure.startswith("3.2")

    amendment_add(
        actor=office,
        contract=contract,
        number="1",
        signed_on=dt.date(2026, 4, 1),
        reason="Oszczędności po przetargu.",
        document=ContentFile(b"%PDF-1.7\n", name="aneks.pdf"),
        amounts=_amounts(selected, "900000", "700000", "490000"),
    )
    row.refresh_from_db()
    assert (row.total_pln, row.eligible_pln, row.eu_pln) == (
        Decimal("900000"),
        Decimal("700000"),
        Decimal("490000"),
    )

    from zit.core.services import decision_reference_create

    correction_add(
        actor=office,
        contract=contract,
        found_on=dt.date(2026, 5, 1),
        description="Nieprawidłowość.",
        eligible_pln=Decimal("10000.01"),
        eu_pln=Decimal("7000.01"),
        decision=decision_reference_create(
            actor=office,
            issuer_kind="managing_authority",
            issuer_name="IZ",
            kind="pismo",
            number="K/1",
            date=dt.date(2026, 5, 2),
        ),
    )
    row.refresh_from_db()
    assert (row.eligible_pln, row.eu_pln) == (Decimal("689999.99"), Decimal("482999.99"))

    contract_terminate(
        actor=office,
        contract=contract,
        terminated_on=dt.date(2026, 6, 1),
        reason="Rezygnacja.",
        eu_retained_pln=Decimal("1000"),
    )
    row.refresh_from_db()
    assert row.eu_pln == Decimal("1000")


def test_csv_export_opens_in_a_polish_excel(media, office):
    _import(
        office, _csv([_row("U/1"), _row("U/2", **{"Nazwa operacji (tytuł projektu)": "Droga; „Ślesin”"})])
    )
    data = b"".join(published.csv_lines(PublishedProject.objects.order_by("contract_number")))
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == HEADER
    assert rows[1][HEADER.index("Całkowity koszt operacji (PLN)")] == "1450000,00"
    assert rows[1][HEADER.index("Stopa współfinansowania UE (%)")] == "85,00%"
    assert rows[2][HEADER.index("Nazwa operacji (tytuł projektu)")] == "Droga; „Ślesin”"


def test_exported_csv_and_xlsx_import_back_unchanged(media, office):
    _import(office, _csv([_row(f"U/{i}") for i in range(5)]))
    rows = PublishedProject.objects.order_by("contract_number")
    _batch, again = _import(office, b"".join(published.csv_lines(rows)), name="eksport.csv")
    assert (again.created, again.updated, again.unchanged) == (0, 0, 5)
    path = published.xlsx_file(rows)
    sheet = load_workbook(path, read_only=True).worksheets[0]
    assert [c.value for c in next(sheet.iter_rows(max_row=1))] == HEADER
    _batch, from_xlsx = _import(office, path.read_bytes(), name="eksport.xlsx")
    path.unlink()
    assert (from_xlsx.created, from_xlsx.updated, from_xlsx.unchanged) == (0, 0, 5)


LINK = '=HYPERLINK("http://evil.example";"x")'
# a header -> what was typed into it: every way a spreadsheet starts a formula
TYPED = {
    "Nazwa operacji (tytuł projektu)": LINK,
    "Cel operacji i jej osiągnięcia": "+ opis",
    "Nazwa beneficjenta": "-5",
    "Miejsce realizacji (gminy)": "@SUMA(A1:A9)",
}


def test_public_downloads_keep_texts_starting_like_formulas_as_text(client, media, office):
    _import(office, _csv([_row("U/1", **TYPED)]))
    # a tab or a carriage return first, as an older list may have left them (the import strips them)
    PublishedProject.objects.update(programme="\t=1+1", priority="\r=1+1")
    typed = TYPED | {"Program": "\t=1+1", "Priorytet": "\r=1+1"}

    text = b"".join(client.get(reverse("published:csv")).streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    row = dict(zip(HEADER, rows[1], strict=True))
    assert {h: row[h] for h in typed} == {h: "'" + v for h, v in typed.items()}
    assert (row["Całkowity koszt operacji (PLN)"], row["Stopa współfinansowania UE (%)"]) == (
        "1450000,00",
        "85,00%",
    )

    response = client.get(reverse("published:xlsx"))
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    cells = dict(zip(HEADER, sheet[2], strict=True))
    assert {h: (cells[h].data_type, cells[h].value) for h in typed} == {
        h: ("s", "'" + v) for h, v in typed.items()
    }
    amount = cells["Całkowity koszt operacji (PLN)"]
    assert (amount.data_type, amount.value) == ("n", 1450000)
    assert cells["Data rozpoczęcia"].is_date


def test_texts_starting_like_formulas_import_back_unchanged(media, office):
    _import(office, _csv([_row("U/1", **TYPED), _row("U/2", **{"Nazwa operacji (tytuł projektu)": "-"})]))
    rows = PublishedProject.objects.order_by("contract_number")
    _batch, again = _import(office, b"".join(published.csv_lines(rows)), name="eksport.csv")
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    path = published.xlsx_file(rows)
    _batch, from_xlsx = _import(office, path.read_bytes(), name="eksport.xlsx")
    path.unlink()
    assert (from_xlsx.created, from_xlsx.updated, from_xlsx.unchanged) == (0, 0, 2)
    assert PublishedProject.objects.get(contract_number="U/1").title == LINK


def test_import_upserts_by_contract_number_and_leaves_platform_contracts_alone(selected, office, media):  # noqa: F811
    contract = _sign(office, selected)
    _import(office, _csv([_row("U/1"), _row("U/2")]))
    changed = _row("U/2", **{"Całkowity koszt operacji (PLN)": "1 500 000,00"})
    ours = _row(contract.number, **{"Nazwa operacji (tytuł projektu)": "Inny tytuł"})
    batch, summary = _import(office, _csv([_row("U/1"), changed, _row("U/3"), ours]))
    assert (summary.created, summary.updated, summary.unchanged, summary.skipped) == (1, 1, 1, 1)
    assert PublishedProject.objects.get(contract_number="U/2").total_pln == Decimal("1500000")
    assert PublishedProject.objects.get(contract_number=contract.number).title == selected.title
    batch.refresh_from_db()
    assert batch.status == "done" and contract.number in batch.notices[0]
    assert AuditEvent.objects.filter(action="contracts.published_import").count() == 2


def test_renamed_headers_of_older_lists_are_understood(media, office):
    header = [
        "Nazwa projektu",
        "Opis projektu",
        "Nr umowy",
        "Beneficjent",
        "Fundusz",
        "Program operacyjny",
        "Oś priorytetowa",
        "Działanie",
        "Całkowita wartość projektu",
        "Koszty kwalifikowalne",
        "Kwota dofinansowania UE",
        "Poziom dofinansowania",
        "Miejsce realizacji",
        "Data rozpoczęcia",
        "Data zakończenia",
    ]
    book = Workbook()
    sheet = book.active
    sheet.append(["Lista projektów – stan na 30.09.2026"])
    sheet.append(header)
    sheet.append(
        [
            "Projekt",
            "",
            "U/9",
            "Gmina",
            "EFRR",
            "FEW",
            "",
            "",
            1000,
            800,
            680,
            0.85,
            "Konin",
            dt.datetime(2025, 1, 1),
            dt.datetime(2025, 12, 31),
        ]
    )
    out = io.BytesIO()
    book.save(out)
    _batch, summary = _import(office, out.getvalue(), name="lista.xlsx")
    row = PublishedProject.objects.get(contract_number="U/9")
    assert summary.created == 1 and row.eu_pln == Decimal("680") and row.ends_on == dt.date(2025, 12, 31)


def test_a_bad_list_writes_nothing_and_reports_every_problem(media, office):
    _import(office, _csv([_row("U/1")]))
    rows = [
        _row("U/2"),  # a good row before the bad ones is not written either
        _row("U/3", **{"Całkowity koszt operacji (PLN)": "dużo"}),
        _row("U/4", **{"Dofinansowanie UE (PLN)": "1 300 000,00"}),
        _row("U/5", **{"Stopa współfinansowania UE (%)": "50%"}),
        _row("U/6", **{"Data zakończenia (przewidywana lub faktyczna)": "2024-01-01"}),
        _row("U/2"),
        _row("", **{"Nazwa operacji (tytuł projektu)": ""}),
    ]
    with pytest.raises(ImportRejected) as exc:
        _import(office, _csv(rows))
    problems = {(p.row, p.field): p.message for p in exc.value.report.problems}
    assert "to nie kwota" in problems[(3, "wartość projektu")]
    assert "większe niż wydatki" in problems[(4, "dofinansowanie UE")]
    assert (
        "50,00%" in problems[(5, "poziom dofinansowania")]
        and "85,00%" in problems[(5, "poziom dofinansowania")]
    )
    assert "przed rozpoczęciem" in problems[(6, "data zakończenia")]
    assert "wierszu 2" in problems[(7, "numer umowy")]
    assert problems[(8, "tytuł projektu")] == "Pole jest wymagane."
    assert list(PublishedProject.objects.values_list("contract_number", flat=True)) == ["U/1"]


def test_a_list_without_the_required_columns_is_refused(media, office):
    with pytest.raises(ImportRejected) as exc:
        _import(
            office,
            _csv([], header=["Nazwa operacji (tytuł projektu)", "Kod operacji (numer umowy)", "Fundusz"]),
        )
    assert "Brak kolumny „Nazwa beneficjenta”" in str(exc.value)


def test_only_the_office_imports(media, golina_user):
    with pytest.raises(PermissionDenied):
        _import(golina_user, _csv([_row("U/1")]))


def test_the_office_imports_through_a_background_job_and_the_public_reads_the_list(client, media, office):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(office)
    response = client.post(
        reverse("contracts:published_imports"),
        {"file": SimpleUploadedFile("lista.csv", _csv([_row("U/1"), _row("U/2", **{"Fundusz": "FST"})]))},
    )
    job = Job.objects.get(kind="contracts.published_import")
    assert response.status_code == 302 and response["Location"] == reverse("core:job", args=[job.pk])
    job_run(job.pk)
    job.refresh_from_db()
    assert job.status == "succeeded" and "Dodano: 2" in job.message
    client.logout()
    page = client.get(reverse("published:list") + "?fundusz=FST")
    assert (
        page.status_code == 200
        and "Projekt U/2" in page.content.decode()
        and "Projekt U/1" not in page.content.decode()
    )
    download = client.get(reverse("published:csv") + "?q=U/1")
    body = b"".join(download.streaming_content).decode("utf-8-sig")
    assert download["Content-Type"].startswith("text/csv") and body.count("\r\n") == 2
    xlsx = client.get(reverse("published:xlsx"))
    sheet = load_workbook(io.BytesIO(b"".join(xlsx.streaming_content))).active
    assert sheet.max_row == 3 and sheet[_cell("Stopa współfinansowania UE (%)")].number_format == "0.00%"


def test_a_rejected_import_job_keeps_the_report(client, media, office):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(office)
    client.post(
        reverse("contracts:published_imports"),
        {"file": SimpleUploadedFile("lista.csv", _csv([_row("U/1", **{"Fundusz": ""})]))},
    )
    job = Job.objects.get(kind="contracts.published_import")
    job_run(job.pk)
    job.refresh_from_db()
    batch = PublishedImport.objects.get()
    assert job.status == "failed" and batch.status == "rejected" and batch.rows_read == 1
    assert "wiersz 2" in batch.problems[0] and "fundusz" in batch.problems[0]
    page = client.get(reverse("contracts:published_imports")).content.decode()
    assert "odrzucony" in page and "Pole jest wymagane." in page


def _stored_files(media) -> list:
    return [p for p in (media / "published").rglob("*") if p.is_file()]


def test_a_hostile_list_is_refused_at_upload_and_nothing_is_kept(client, media, office):
    from core.hostile import declaring
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(office)
    response = client.post(
        reverse("contracts:published_imports"),
        {"file": SimpleUploadedFile("lista.xlsx", declaring("A1:C2000000"))},
    )
    page = response.content.decode()
    assert response.status_code == 200 and "A1:C2000000" in page
    assert not PublishedImport.objects.exists() and not Job.objects.exists()
    assert _stored_files(media) == []


def test_a_list_the_job_refuses_keeps_its_report_but_not_its_file(client, media, office, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.ZIT_IMPORT_MAX_ROWS = 5  # the header passes at upload; row 6 is found by the job
    client.force_login(office)
    rows = [_row(f"U/{i}") for i in range(8)]
    client.post(reverse("contracts:published_imports"), {"file": SimpleUploadedFile("lista.csv", _csv(rows))})
    job = Job.objects.get(kind="contracts.published_import")
    job_run(job.pk)
    job.refresh_from_db()
    batch = PublishedImport.objects.get()
    assert job.status == "failed" and batch.status == "rejected"
    assert "wiersz 6" in batch.problems[0] and "można wczytać najwyżej 5" in batch.problems[0]
    assert not batch.file and _stored_files(media) == [] and not PublishedProject.objects.exists()


def test_the_whole_list_in_xlsx_is_built_once_per_version_and_long_selections_get_csv(
    client, media, office, monkeypatch
):
    _import(office, _csv([_row("U/1"), _row("U/2")]))
    first = published.full_xlsx()
    assert published.full_xlsx() == first  # the same version: not rebuilt
    _import(office, _csv([_row("U/1", **{"Całkowity koszt operacji (PLN)": "1 500 000,00"}), _row("U/2")]))
    second = published.full_xlsx()
    assert second != first and not first.exists()
    response = client.get(reverse("published:xlsx"))
    assert (
        load_workbook(io.BytesIO(b"".join(response.streaming_content)))
        .active[_cell("Całkowity koszt operacji (PLN)")]
        .value
        == 1500000
    )
    monkeypatch.setattr(published, "XLSX_LIMIT", 1)
    page = client.get(reverse("published:xlsx") + "?q=U/")
    assert page.status_code == 200 and "Za dużo wierszy" in page.content.decode()
    assert reverse("published:csv") + "?q=U%2F" in page.content.decode()


def test_a_very_bad_list_lists_the_first_problems_and_counts_the_rest(media, office, monkeypatch):
    monkeypatch.setattr(published_import, "MAX_PROBLEMS", 2)
    rows = [_row(f"U/{i}", **{"Całkowity koszt operacji (PLN)": "dużo"}) for i in range(4)]
    with pytest.raises(ImportRejected) as exc:
        _import(office, _csv(rows))
    assert exc.value.rows_read == 4 and exc.value.unlisted == 2
    text = published.problems_text(exc.value)
    assert len(text) == 3 and text[-1].startswith("Dalsze problemy, niewymienione tutaj: 2.")
