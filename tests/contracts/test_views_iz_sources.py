"""The office's pages of the IZ's periodic data: a source defined, its columns mapped, a file previewed and
imported through a background job, the changes shown; the pages are the office's only."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from zit.contracts.models import IzFeed, IzFeedImport
from zit.core.jobs import job_run

from .iz_samples import OPERATIONS_MAPPING, operation, operations_csv
from .test_iz_sources import make_feed


def test_the_office_defines_maps_previews_and_imports(
    client, office, media, django_capture_on_commit_callbacks
):
    client.force_login(office)
    response = client.post(
        reverse("contracts:iz_feeds"),
        {
            "name": "Wykaz FEW",
            "kind": "operations",
            "file_format": "csv",
            "header_row": 1,
            "decimal_format": "comma",
        },
    )
    feed = IzFeed.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "contracts:iz_feed", args=[feed.pk]
    )
    page = client.get(response["Location"]).content.decode()
    assert "Najpierw przypisz kolumny" in page
    data = {"action": "save", "feed-name": "Wykaz FEW", "feed-kind": "operations", "feed-file_format": "csv"}
    data |= {"feed-header_row": 1, "feed-decimal_format": "comma", "feed-url": ""}
    response = client.post(response["Location"], data | {"map-col_title": "Tytuł projektu"})
    assert response.status_code == 200 and "po nim łączymy wiersze" in response.content.decode()
    assert 'value="Tytuł projektu"' in response.content.decode()  # nothing typed is lost
    data |= {f"map-col_{key}": header for key, header in OPERATIONS_MAPPING.items()}
    assert client.post(reverse("contracts:iz_feed", args=[feed.pk]), data).status_code == 302
    upload = SimpleUploadedFile("lista.csv", operations_csv([operation("U/1"), operation("U/2")]))
    response = client.post(reverse("contracts:iz_feed", args=[feed.pk]), {"action": "upload", "file": upload})
    batch = IzFeedImport.objects.get()
    assert response["Location"] == reverse("contracts:iz_preview", args=[batch.pk])
    preview = client.get(response["Location"]).content.decode()
    assert "U/2" in preview and "560\xa0000,00" in preview and "Importuj" in preview
    with django_capture_on_commit_callbacks():
        response = client.post(reverse("contracts:iz_preview", args=[batch.pk]))
    batch.refresh_from_db()
    assert response["Location"] == reverse("core:job", args=[batch.job_id])
    job_run(batch.job_id)
    page = client.get(reverse("contracts:iz_import", args=[batch.pk])).content.decode()
    assert "nowe: 2" in page and "Projekt" in page
    history = client.get(reverse("contracts:iz_feed", args=[feed.pk])).content.decode()
    assert "lista.csv" in history and "zaimportowany" in history


def test_a_wrong_file_keeps_the_form_and_says_why(client, office, media):
    feed = make_feed(office)
    client.force_login(office)
    upload = SimpleUploadedFile("lista.pdf", b"%PDF-1.7")
    response = client.post(reverse("contracts:iz_feed", args=[feed.pk]), {"action": "upload", "file": upload})
    assert response.status_code == 200 and "To źródło przyjmuje pliki CSV" in response.content.decode()
    assert not IzFeedImport.objects.exists()


def test_the_changes_page_filters_by_kind(client, office, media):
    from django.core.files.base import ContentFile

    from zit.contracts import iz_import, iz_sources

    feed = make_feed(office)
    for rows in (
        [operation("U/1"), operation("U/2")],
        [operation("U/1", **{"Dofinansowanie UE (PLN)": "1,00"})],
    ):
        batch = iz_sources.feed_upload(
            actor=office, feed=feed, upload=ContentFile(operations_csv(rows), name="a.csv")
        )
        iz_import.feed_import_run(actor=office, batch=batch)
    client.force_login(office)
    url = reverse("contracts:iz_import", args=[batch.pk])
    page = client.get(url + "?rodzaj=changed").content.decode()
    assert "560\xa0000,00" in page and "1,00" in page and "U/2" not in page
    assert "U/2" in client.get(url + "?rodzaj=removed").content.decode()


def test_a_member_officer_is_refused(client, golina_user, office, media):
    feed = make_feed(office)
    client.force_login(golina_user)
    for url in (reverse("contracts:iz_feeds"), reverse("contracts:iz_feed", args=[feed.pk])):
        assert client.get(url).status_code == 403


def test_fetch_now_starts_a_background_job_that_imports_as_the_office(
    client, office, media, monkeypatch, django_capture_on_commit_callbacks
):
    from zit.contracts import iz_import
    from zit.core import audit
    from zit.core.models import Job

    feed = make_feed(office, url="https://example.org/lista.csv")
    asked = []

    def recorded(url, limit):  # a recorded file stands for the published one; the network is never asked
        asked.append(url)
        return operations_csv([operation("U/1")])

    monkeypatch.setattr(iz_import, "fetch_url", recorded)
    client.force_login(office)
    with django_capture_on_commit_callbacks():
        response = client.post(reverse("contracts:iz_fetch", args=[feed.pk]))
    job = Job.objects.get(kind="contracts.iz_feed_fetch")
    assert response.status_code == 302 and response["Location"] == reverse("core:job", args=[job.pk])
    assert asked == [] and not feed.imports.exists()  # nothing downloaded inside the request
    assert job.created_by_id == office.pk and job.params == {"feed": feed.pk}
    job_run(job.pk)
    job.refresh_from_db()
    assert (
        job.status == "succeeded"
        and job.message == "Pobrano i zaimportowano: nowe 1, zmienione 0, zniknęły 0."
    )
    assert job.result["links"][0]["url"] == reverse("contracts:iz_feed", args=[feed.pk])
    assert asked == [feed.url] and feed.imports.get().created_by_label == audit.actor_label(office)


def test_fetch_now_without_an_address_says_so_and_a_member_officer_is_refused(
    client, office, golina_user, media
):
    from zit.core.models import Job

    feed = make_feed(office)
    client.force_login(office)
    response = client.post(reverse("contracts:iz_fetch", args=[feed.pk]), follow=True)
    assert "To źródło nie ma adresu pliku." in response.content.decode()
    client.force_login(golina_user)
    assert client.post(reverse("contracts:iz_fetch", args=[feed.pk])).status_code == 403
    assert not Job.objects.filter(kind="contracts.iz_feed_fetch").exists()
