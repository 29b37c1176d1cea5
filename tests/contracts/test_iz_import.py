"""Importing the IZ's periodic data: whole or nothing, what changed since the previous import, the figures
handed to the reconciliation, the recurring fetch from an address (offline it keeps the last import)."""

import pytest
from core.test_safe_fetch import FakeOpener
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.urls import reverse
from projects.test_calls import listed  # noqa: F401 - the fixture

from zit.contracts import iz_import
from zit.contracts import iz_sources as sources
from zit.contracts.models import Difference, IzFeedChange, IzFeedImport, IzFeedRow
from zit.core import audit
from zit.core.importing import ImportRejected
from zit.core.jobs import job_run, recurring_kinds
from zit.core.models import Job

from .iz_samples import operation, operations_csv
from .test_contracts import _sign, selected  # noqa: F401 - fixtures
from .test_iz_sources import make_feed

OURS = "FEWP.03.02-IZ.00-0002/25-00"  # the contract `_sign` records


def _import(office, feed, content, name="lista.csv"):
    batch = sources.feed_upload(actor=office, feed=feed, upload=ContentFile(content, name=name))
    return batch, iz_import.feed_import_run(actor=office, batch=batch)


def test_a_second_import_shows_new_changed_and_disappeared_rows(office, media):
    feed = make_feed(office)
    first, summary = _import(office, feed, operations_csv([operation("U/1"), operation("U/2")]))
    assert (summary.rows, summary.added, summary.changed, summary.removed) == (2, 2, 0, 0)
    second, summary = _import(
        office,
        feed,
        operations_csv(
            [
                operation(
                    "U/1",
                    **{"Dofinansowanie UE (PLN)": "600 000,00", "Data zakończenia projektu": "30.06.2028"},
                ),
                operation("U/3"),
            ]
        ),
    )
    assert (summary.added, summary.changed, summary.removed, summary.unchanged) == (1, 1, 1, 0)
    changes = {(c.kind, c.key, c.field, c.old_value, c.new_value) for c in second.changes.all()}
    assert changes == {
        ("added", "U/3", "", "", ""),
        ("removed", "U/2", "", "", ""),
        ("changed", "U/1", "eu_pln", "560000.00", "600000.00"),
        ("changed", "U/1", "ends_on", "2027-10-31", "2028-06-30"),
    }
    assert second.status == IzFeedImport.Status.DONE and second.mapping == feed.mapping
    assert first.rows.count() == 2 and second.rows.count() == 2  # each import keeps what it read
    with pytest.raises(ValidationError):
        iz_import.feed_import_run(actor=office, batch=second)  # a file is imported once


def test_a_file_with_any_bad_row_writes_nothing_and_names_file_row_and_column(office, media):
    feed = make_feed(office)
    _import(office, feed, operations_csv([operation("U/1")]))
    rows = [
        operation("U/1", **{"Dofinansowanie UE (PLN)": "sporo"}),
        operation("U/2", **{"Data rozpoczęcia projektu": "31.02.2026"}),
        operation("", **{"Tytuł projektu": "Bez numeru"}),
        operation("U/2"),
    ]
    batch = sources.feed_upload(
        actor=office, feed=feed, upload=ContentFile(operations_csv(rows), name="zla.csv")
    )
    with pytest.raises(ImportRejected) as refused:
        iz_import.feed_import_run(actor=office, batch=batch)
    assert [str(p) for p in refused.value.report.problems] == [
        "zla.csv, wiersz 2, pole „Dofinansowanie UE (PLN)”: Nie da się odczytać kwoty „sporo”.",
        "zla.csv, wiersz 3, pole „Data rozpoczęcia projektu”: Nie da się odczytać daty „31.02.2026” "
        "(np. 2024-03-15 albo 15.03.2024).",
        "zla.csv, wiersz 4, pole „Numer umowy”: Brak wartości „numer umowy”: po niej łączymy wiersze.",
        "zla.csv, wiersz 5, pole „Numer umowy”: „U/2” jest już w wierszu 3.",
    ]
    batch.refresh_from_db()
    assert batch.status == IzFeedImport.Status.REJECTED and len(batch.problems) == 4
    assert not IzFeedRow.objects.filter(batch=batch).exists()
    assert not IzFeedChange.objects.filter(batch=batch).exists()


def test_a_file_whose_layout_changed_is_refused_naming_the_missing_header(office, media):
    feed = make_feed(office)
    header = [h if h != "Numer umowy" else "Nr umowy/decyzji" for h in operations_csv([]).decode().split(";")]
    content = operations_csv([operation("U/1")], header=[h.strip() for h in header])
    batch = sources.feed_upload(actor=office, feed=feed, upload=ContentFile(content, name="nowy.csv"))
    with pytest.raises(ImportRejected) as refused:
        iz_import.feed_import_run(actor=office, batch=batch)
    assert str(refused.value.report.problems[0]) == (
        "nowy.csv, wiersz 1, pole „Numer umowy”: W wierszu nagłówka nie ma kolumny „Numer umowy” przypisanej do "
        "pola „numer umowy”."
    )


def test_claims_are_keyed_by_contract_and_claim(office, media):
    feed = make_feed(
        office,
        name="Wnioski o płatność",
        kind="claims",
        mapping={
            "contract_number": "Numer umowy",
            "claim_number": "Numer wniosku o płatność",
            "paid_pln": "Kwota wypłacona",
        },
    )
    header = ["Numer umowy", "Numer wniosku o płatność", "Kwota wypłacona"]
    rows = [
        {"Numer umowy": "U/1", "Numer wniosku o płatność": "WNP-1", "Kwota wypłacona": "10,00"},
        {"Numer umowy": "U/1", "Numer wniosku o płatność": "WNP-2", "Kwota wypłacona": "20,00"},
    ]
    batch, summary = _import(office, feed, operations_csv(rows, header=header))
    assert summary.rows == 2 and set(batch.rows.values_list("key", flat=True)) == {
        "U/1 / WNP-1",
        "U/1 / WNP-2",
    }
    assert [values["paid_pln"] for _f, _b, values in iz_import.iz_figures("u/1")] == ["10.00", "20.00"]


def test_only_the_office_imports(office, golina_user, media):
    feed = make_feed(office)
    batch = sources.feed_upload(
        actor=office, feed=feed, upload=ContentFile(operations_csv([operation("U/1")]), name="a.csv")
    )
    with pytest.raises(PermissionDenied):
        iz_import.feed_import_run(actor=golina_user, batch=batch)


def test_imported_amounts_become_the_iz_side_of_the_reconciliation(selected, office, media):  # noqa: F811
    _sign(office, selected)  # the platform: EU 560 000,00
    feed = make_feed(office)
    rows = [operation(OURS, **{"Dofinansowanie UE (PLN)": "600 000,00"}), operation("SPOZA/ZIT/1")]
    batch, _summary = _import(office, feed, operations_csv(rows))
    batch.refresh_from_db()
    reconciliation = batch.reconciliation
    assert reconciliation is not None and reconciliation.status == "done"
    assert reconciliation.source == feed.__class__.objects.get(pk=feed.pk).reconciliation_source
    assert reconciliation.rows_read == 1  # a programme-wide list: only the platform's projects are compared
    found = {(d.kind, d.field, d.platform_value, d.iz_value) for d in reconciliation.differences.all()}
    assert (Difference.Kind.VALUE, "eu_pln", "560000.00", "600000.00") in found
    assert not any(d.reference == "SPOZA/ZIT/1" for d in reconciliation.differences.all())


def test_the_office_imports_through_a_background_job(office, media, django_capture_on_commit_callbacks):
    feed = make_feed(office)
    batch = sources.feed_upload(
        actor=office, feed=feed, upload=ContentFile(operations_csv([operation("U/1")]), name="a.csv")
    )
    with django_capture_on_commit_callbacks():
        batch = iz_import.feed_import_start(actor=office, batch=batch)
    assert batch.status == IzFeedImport.Status.RUNNING
    job_run(batch.job_id)
    job = Job.objects.get(pk=batch.job_id)
    batch.refresh_from_db()
    assert job.status == "succeeded" and "nowe: 1" in job.message and batch.status == IzFeedImport.Status.DONE


def test_the_recurring_fetch_imports_a_new_file_and_offline_keeps_the_last_import(office, media, monkeypatch):
    assert "contracts.iz_feeds_fetch" in recurring_kinds()
    feed = make_feed(office, url="https://example.org/lista.csv")
    recorded = operations_csv([operation("U/1")])  # a recorded file stands for the published one
    monkeypatch.setattr(iz_import, "fetch_url", lambda url, limit: recorded)
    note = iz_import.feeds_fetch()[feed.name]
    assert note == "Pobrano i zaimportowano: nowe 1, zmienione 0, zniknęły 0."
    batch = feed.imports.get()
    assert batch.origin == "url" and batch.status == "done" and batch.created_by_label
    assert iz_import.feed_fetch(actor=None, feed=feed) == "Plik pod adresem bez zmian od ostatniego importu."

    def offline(url, limit):
        raise iz_import.FetchFailed("brak sieci")

    monkeypatch.setattr(iz_import, "fetch_url", offline)
    note = iz_import.feed_fetch(actor=office, feed=feed)
    feed.refresh_from_db()
    assert note.startswith("Bez połączenia z adresem źródła: brak sieci; zostaje ostatni import z ")
    assert feed.fetch_note == note and feed.imports.count() == 1


def test_a_fetched_file_that_is_too_large_or_not_https_is_refused(monkeypatch):
    from zit.core import safe_fetch

    monkeypatch.setattr(safe_fetch, "resolve", lambda host: ["93.184.215.14"])
    monkeypatch.setattr(safe_fetch, "_opener", lambda: FakeOpener(b"x" * 5000))
    with pytest.raises(iz_import.FetchFailed, match="większy niż dopuszczalne 1000"):
        iz_import.fetch_url("https://example.org/a.csv", 1000)
    with pytest.raises(iz_import.FetchFailed, match="https://"):
        iz_import.fetch_url("file:///etc/passwd", 1000)
    with pytest.raises(iz_import.FetchFailed, match="https://"):
        iz_import.fetch_url("http://127.0.0.1/a.csv", 1000)
    with pytest.raises(iz_import.FetchFailed, match="sieci wewnętrznej"):
        iz_import.fetch_url("https://10.0.0.1/a.csv", 1000)


def test_only_the_office_fetches_a_source_and_it_is_recorded_as_theirs(
    office, user_for_role, media, monkeypatch
):
    feed = make_feed(office, url="https://example.org/lista.csv")
    monkeypatch.setattr(iz_import, "fetch_url", lambda url, limit: operations_csv([operation("U/1")]))
    with pytest.raises(PermissionDenied):
        iz_import.feed_fetch(actor=user_for_role("board_member"), feed=feed)
    with pytest.raises(PermissionDenied):
        iz_import.feed_fetch_start(actor=user_for_role("board_member"), feed=feed)
    assert not feed.imports.exists() and not Job.objects.filter(kind="contracts.iz_feed_fetch").exists()
    iz_import.feed_fetch(actor=office, feed=feed)
    assert feed.imports.get().created_by_label == audit.actor_label(office)  # not "the system"


def test_the_card_shows_the_office_what_the_iz_says_of_its_contract(
    client,
    selected,  # noqa: F811
    office,
    golina_user,
    media,
):
    _sign(office, selected)
    feed = make_feed(office)
    _import(office, feed, operations_csv([operation(OURS, **{"Dofinansowanie UE (PLN)": "600 000,00"})]))
    client.force_login(office)
    page = client.get(reverse("projects:card", args=[selected.pk])).content.decode()
    assert "Dane IZ o tej umowie" in page and "600\xa0000,00" in page and feed.name in page
    assert iz_import.iz_card_figures(user=golina_user, card=selected) == []
