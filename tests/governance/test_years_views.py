"""The reporting year's pages: the list and the year page for readers and the office, the upload and filing
forms (errors in Polish, typed values kept, nothing half-saved), and the approval in the public register."""

import datetime as dt

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from governance.meeting_fixtures import *  # noqa: F403
from governance.test_resolutions import adopt
from zit.association.models import Member
from zit.core.signed import signed_document_upload
from zit.governance import resolutions, year_rules, years
from zit.governance.demo import sample_pdf
from zit.governance.models import AssociationYear, PublicDocument, ResolutionKind

LAST = timezone.localdate().year - 1


def _statement(actor):
    return years.year_document_upload(
        actor=actor,
        year=LAST,
        step=year_rules.STATEMENT,
        title=f"Sprawozdanie finansowe za {LAST} r.",
        file=SimpleUploadedFile("s.pdf", b"%PDF-1.4 test"),
        prepared_by="Anna Księgowa",
    )


def test_who_sees_the_pages_and_only_an_ended_year_has_one(
    client, association_data, office, board, user_for_role
):
    officer = user_for_role("member_officer", Member.objects.get(slug="slesin").organisation)
    urls = [reverse("governance:years"), reverse("governance:year", args=[LAST])]
    assert client.get(urls[0]).status_code == 302
    client.force_login(officer)
    assert {client.get(url).status_code for url in urls} == {403}
    client.force_login(board)  # a reader: the page is shown, nothing is written
    page = client.get(urls[1]).content.decode()
    assert f"31 marca {LAST + 1}" in page and f"30 czerwca {LAST + 1}" in page
    assert "art. 52 ust. 1 ustawy z dnia 29 września 1994 r. o rachunkowości" in page
    assert "do weryfikacji (źródło: gazetaprawna.pl, rp.pl)" in page
    assert "Opublikuj i dołącz" not in page and not AssociationYear.objects.exists()
    assert client.post(reverse("governance:year_filing", args=[LAST])).status_code == 403
    client.force_login(
        office
    )  # the office sees the forms; reading still writes nothing (the upload opens it)
    page = client.get(urls[1]).content.decode()
    assert "Opublikuj i dołącz" in page and not AssociationYear.objects.exists()
    client.get(reverse("governance:year", args=[LAST - 20]))  # an old year looked at is not opened either
    assert not AssociationYear.objects.exists()
    assert client.get(reverse("governance:year", args=[LAST + 1])).status_code == 404
    listing = client.get(urls[0]).content.decode()
    assert (
        f'href="/biuro/organy/rok-sprawozdawczy/{LAST}/"' in listing and "Sprawozdanie finansowe" in listing
    )


def test_an_upload_with_errors_keeps_what_was_typed(client, association_data, office, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(office)
    url = reverse("governance:year_document", args=[LAST, "statement"])
    data = {
        "statement-title": "Sprawozdanie finansowe wpisane ręcznie",
        "statement-prepared_by": "Anna Księgowa, główna księgowa",
        "statement-prepared_on": f"{LAST}-12-30",
        "statement-description": "Bilans i rachunek wyników",
    }
    response = client.post(url, data | {"statement-file": SimpleUploadedFile("s.pdf", b"%PDF-1.4 x")})
    page = response.content.decode()
    assert response.status_code == 200 and "po dniu bilansowym" in page
    assert "Sprawozdanie finansowe wpisane ręcznie" in page and "Bilans i rachunek wyników" in page
    assert not PublicDocument.objects.exists()
    response = client.post(url, data | {"statement-prepared_on": ""})  # no file
    assert response.status_code == 200 and "Anna Księgowa, główna księgowa" in response.content.decode()
    response = client.post(
        url,
        data | {"statement-prepared_on": "", "statement-file": SimpleUploadedFile("s.pdf", b"%PDF-1.4 x")},
    )
    assert response.status_code == 303
    record = AssociationYear.objects.get(year=LAST)
    assert record.financial_statement.title == "Sprawozdanie finansowe wpisane ręcznie"
    page = client.get(reverse("governance:year", args=[LAST])).content.decode()
    assert f'href="/dokumenty/{record.financial_statement.pk}/"' in page
    assert client.post(reverse("governance:year_document", args=[LAST, "nieznany"])).status_code == 404


def test_the_year_page_shows_the_resolutions_and_takes_the_filing(
    client, rada, meeting, office, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    _statement(office)
    approval = adopt(rada, meeting, actor=office, kind=ResolutionKind.ACCOUNTS_APPROVAL, fiscal_year=LAST)
    discharge = adopt(
        rada, meeting, actor=office, kind=ResolutionKind.DISCHARGE, fiscal_year=LAST, subject="absolutorium"
    )
    client.force_login(office)
    page = client.get(reverse("governance:year", args=[LAST])).content.decode()
    assert f"Zatwierdzone uchwałą nr {approval.number}" in page
    assert "Udzielono absolutorium" in page and f"uchwała nr {discharge.number}" in page
    url = reverse("governance:year_filing", args=[LAST])
    early = (approval.adopted_on - dt.timedelta(days=1)).isoformat()
    response = client.post(url, {"filing-filed_on": early, "filing-reference": "UPO-77"})
    assert response.status_code == 200 and "wcześniejsza niż zatwierdzenie" in response.content.decode()
    assert "UPO-77" in response.content.decode() and AssociationYear.objects.get(year=LAST).filed_on is None
    today = timezone.localdate().isoformat()
    assert client.post(url, {"filing-filed_on": today, "filing-reference": "UPO-77"}).status_code == 303
    assert AssociationYear.objects.get(year=LAST).filing_reference == "UPO-77"


def test_the_approval_is_in_the_public_register_by_its_kind(
    client, rada, meeting, office, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    _statement(office)
    approval = adopt(
        rada,
        meeting,
        actor=office,
        kind=ResolutionKind.ACCOUNTS_APPROVAL,
        fiscal_year=LAST,
        subject=f"zatwierdzenia sprawozdania finansowego za {LAST} r.",
    )
    document = resolutions.resolution_document_generate(actor=office, resolution=approval)
    signed_document_upload(actor=office, document=document, file=ContentFile(sample_pdf("u"), name="u.pdf"))
    resolutions.resolution_publish(actor=office, resolution=approval, prepared_by="Sylwia Sekretarz")
    listing = client.get("/uchwaly/?sprawa=accounts_approval").content.decode()
    assert "zatwierdzenie sprawozdania finansowego" in listing  # the kind among the filter's choices
    assert f"zatwierdzenia sprawozdania finansowego za {LAST} r." in listing
    assert "zatwierdzenia sprawozdania" not in client.get("/uchwaly/?sprawa=discharge").content.decode()
