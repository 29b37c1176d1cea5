import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from zit.core.models import AuditEvent
from zit.strategy.consultations import (
    comment_moderate,
    comment_respond,
    comment_submit,
    consultation_period_set,
)
from zit.strategy.models import Comment, StrategyVersion, Undertaking
from zit.strategy.reference import load_strategy

PASSWORD = "demo-haslo-2026"


@pytest.fixture
def consulted(funding_demo, settings):
    settings.AXES_ENABLED = False
    load_strategy()
    version = StrategyVersion.objects.get(status="consultation")
    today = timezone.localdate()
    consultation_period_set(
        actor=None, version=version, opens=today - dt.timedelta(days=5), closes=today + dt.timedelta(days=40)
    )
    return version


@pytest.fixture
def staff():
    from zit.accounts.models import User

    return User.objects.get(username="biuro")


def _p2(version):
    return Undertaking.objects.get(version=version, code="P2")


def test_period_must_be_35_days(consulted, staff):
    with pytest.raises(ValidationError):
        consultation_period_set(
            actor=staff, version=consulted, opens=dt.date(2024, 7, 4), closes=dt.date(2024, 8, 6)
        )


def test_comment_waits_for_moderation_and_keeps_no_personal_data_in_the_log(consulted, staff):
    comment = comment_submit(
        version=consulted,
        target_key=_p2(consulted).key,
        text="Proszę dodać drogę rowerową do Gosławic.",
        author_name="Jan Mieszkaniec",
        email="jan@example.invalid",
    )
    assert comment.status == "pending" and comment.target_label.startswith("przedsięwzięcie P2")
    event = AuditEvent.objects.get(action="strategy.comment_submit")
    assert "Mieszkaniec" not in str(event.after) and "example" not in str(event.after)
    with pytest.raises(ValidationError):
        comment_respond(actor=staff, comment=comment, response="accepted", text="Uwzględniono w wersji 3.")
    comment_moderate(actor=staff, comment=comment, publish=True)
    comment_respond(actor=staff, comment=comment, response="partly", text="Dodano odcinek do granicy gminy.")
    comment.refresh_from_db()
    assert (comment.status, comment.response) == ("published", "partly")


def test_comments_only_while_open_valid_and_a_flood_parked(consulted):
    from zit.core.public_forms import Sender

    with pytest.raises(ValidationError):
        comment_submit(version=consulted, target_key="ogolna", text="za krótko")
    with pytest.raises(ValidationError):
        comment_submit(version=consulted, target_key="nie-ma-takiego", text="Uwaga do nieistniejącej części.")
    sender = Sender(address="198.51.100.9")
    for i in range(5):
        comment = comment_submit(
            version=consulted, target_key="ogolna", text=f"Uwaga ogólna numer {i}.", sender=sender
        )
        assert comment.status == "pending"
    sixth = comment_submit(
        version=consulted, target_key="ogolna", text="Szósta uwaga w minutę.", sender=sender
    )
    assert sixth.status == "parked"  # kept for the moderator, not refused, not published
    with pytest.raises(ValidationError):
        comment_submit(
            version=consulted,
            target_key="ogolna",
            text="Po terminie konsultacji.",
            today=consulted.consultation_closes + dt.timedelta(days=1),
        )


def test_rejection_needs_a_reason_and_staff_only(consulted, staff, user_for_role):
    comment = comment_submit(version=consulted, target_key="ogolna", text="Kup tanie zegarki tutaj!!!")
    with pytest.raises(ValidationError):
        comment_moderate(actor=staff, comment=comment, publish=False)
    with pytest.raises(PermissionDenied):
        comment_moderate(actor=user_for_role("board_member"), comment=comment, publish=True)
    comment_moderate(actor=staff, comment=comment, publish=False, note="spam")
    assert Comment.objects.get().status == "rejected"


def test_public_form_traps_bots_and_never_publishes(consulted):
    client = Client()
    page = client.get(reverse("portal:strategy"), {"wersja": consulted.number})
    form = page.context["comment_form"]
    started = form.initial["started"]
    data = {
        "wersja": str(consulted.number),
        "target_key": "ogolna",
        "text": "Proszę o więcej zieleni w centrum Konina.",
        "started": started,
        "homepage": "",
    }
    client.post(reverse("portal:strategy_comment"), data)  # sent too fast: treated as a bot
    assert not Comment.objects.exists()
    client.post(reverse("portal:strategy_comment"), data | {"homepage": "http://spam.example"})
    assert not Comment.objects.exists()


def test_public_form_accepts_a_human_comment(consulted, settings):
    settings.ZIT_PUBLIC_FORM_MIN_SECONDS = 0
    client = Client()
    started = (
        client.get(reverse("portal:strategy"), {"wersja": consulted.number})
        .context["comment_form"]
        .initial["started"]
    )
    response = client.post(
        reverse("portal:strategy_comment"),
        {
            "wersja": str(consulted.number),
            "target_key": _p2(consulted).key,
            "text": "Proszę przedłużyć trasę do Ślesina.",
            "started": started,
            "homepage": "",
            "organisation": "Stowarzyszenie Rowerowe",
        },
    )
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert comment.status == "pending" and comment.organisation == "Stowarzyszenie Rowerowe"
    assert (
        "Proszę przedłużyć"
        not in client.get(reverse("portal:strategy"), {"wersja": consulted.number}).content.decode()
    )  # not before moderation
    bad = client.post(
        reverse("portal:strategy_comment"),
        {
            "wersja": str(consulted.number),
            "target_key": "ogolna",
            "text": "krótko",
            "started": started,
            "homepage": "",
        },
    )
    assert bad.status_code == 400 and "co najmniej 10 znakach" in bad.content.decode()


def test_staff_page_moderates_responds_and_exports(consulted, staff):
    comment = comment_submit(
        version=consulted,
        target_key="ogolna",
        text="Strategia pomija seniorów.",
        organisation="Rada Seniorów",
    )
    client = Client()
    client.force_login(staff)
    url = reverse("strategy:consultation", args=[consulted.pk])
    assert "Strategia pomija seniorów." in client.get(url).content.decode()
    client.post(f"{url}uwagi/{comment.pk}/", {"action": "publish"})
    client.post(
        f"{url}uwagi/{comment.pk}/",
        {
            "action": "respond",
            "response": "accepted",
            "response_text": "Dodano kierunek działań dla seniorów.",
        },
    )
    csv_text = client.get(url + "?format=csv").content.decode("utf-8-sig")
    assert "Rada Seniorów" in csv_text and "uwzględniona" in csv_text and "Dodano kierunek" in csv_text
    assert (
        "Rada Seniorów"
        in Client().get(reverse("portal:strategy"), {"wersja": consulted.number}).content.decode()
    )


def test_the_report_in_csv_keeps_texts_starting_like_formulas_as_text(consulted, staff):
    import csv
    import io

    link = '=HYPERLINK("http://evil.example";"x")'
    comment = comment_submit(version=consulted, target_key="ogolna", text=link, organisation="@Rada Seniorów")
    comment_moderate(actor=staff, comment=comment, publish=True)
    comment_respond(actor=staff, comment=comment, response="rejected", text="-5 to za mało na uzasadnienie.")
    client = Client()
    client.force_login(staff)
    content = client.get(reverse("strategy:consultation", args=[consulted.pk]) + "?format=csv").content
    assert content.startswith("\ufeffLp.;".encode())  # the Excel variant: BOM and semicolons
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline=""), delimiter=";"))
    row = next(r for r in rows[1:] if "HYPERLINK" in r[3])
    assert (row[0], row[1], row[3], row[6]) == (
        "1",
        "'@Rada Seniorów",
        "'" + link,
        "'-5 to za mało na uzasadnienie.",
    )


def test_opinion_of_a_body_is_recorded_with_its_source_and_reported(consulted, staff):
    import io
    import subprocess
    import tempfile

    from docx import Document

    from zit.strategy.consultations import opinion_record
    from zit.strategy.documents import consultation_report_docx, consultation_report_pdf

    with pytest.raises(ValidationError) as exc:
        opinion_record(
            actor=staff, version=consulted, target_key="ogolna", organisation="", source="", text="krótko"
        )
    assert {"organisation", "source", "text"} <= set(exc.value.message_dict)
    opinion = opinion_record(
        actor=staff,
        version=consulted,
        target_key="ogolna",
        organisation="Wody Polskie, RZGW w Poznaniu (demo)",
        source="pismo PO.RUZ.1.2024 z 2024-07-30 (demo)",
        text="Brak uwag do projektu w zakresie gospodarki wodnej.",
    )
    assert opinion.status == "published"
    comment_respond(
        actor=staff,
        comment=opinion,
        response="accepted",
        text="Przyjęto do wiadomości; bez zmian w projekcie.",
    )
    docx = Document(io.BytesIO(consultation_report_docx(consulted)))
    cells = [c.text for row in docx.tables[0].rows for c in row.cells]
    assert any("Wody Polskie" in c and "PO.RUZ.1.2024" in c for c in cells) and "uwzględniona" in cells
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(consultation_report_pdf(consulted))
        f.flush()
        assert (
            "Tagged:          yes"
            in subprocess.run(["pdfinfo", f.name], capture_output=True, text=True).stdout
        )
        text = subprocess.run(["pdftotext", f.name, "-"], capture_output=True, text=True).stdout
    assert "Raport z konsultacji" in text and "Wody Polskie" in text


def test_report_downloads_for_staff(consulted, staff):
    client = Client()
    client.force_login(staff)
    url = reverse("strategy:consultation", args=[consulted.pk])
    assert client.get(url + "?format=pdf")["Content-Type"] == "application/pdf"
    assert client.get(url + "?format=docx").status_code == 200
    response = client.post(
        url,
        {
            "form": "opinion",
            "target_key": "ogolna",
            "organisation": "Gmina Zagórów (demo)",
            "source": "pismo z 2024-08-01 (demo)",
            "text": "Prosimy o uwzględnienie połączeń z Zagórowem.",
        },
    )
    assert (
        response.status_code == 303 and Comment.objects.filter(organisation="Gmina Zagórów (demo)").exists()
    )


def test_comment_goes_to_the_version_shown_and_names_stay_private(consulted, settings):
    settings.ZIT_PUBLIC_FORM_MIN_SECONDS = 0
    client = Client()
    started = (
        client.get(reverse("portal:strategy"), {"wersja": consulted.number})
        .context["comment_form"]
        .initial["started"]
    )
    client.post(
        reverse("portal:strategy_comment"),
        {
            "wersja": str(consulted.number),
            "target_key": "ogolna",
            "text": "Uwaga od osoby prywatnej (test).",
            "started": started,
            "homepage": "",
            "author_name": "Jan Kowalski",
        },
    )
    comment = Comment.objects.get(version=consulted)
    assert comment.author_name == "Jan Kowalski" and comment.author_display == "osoba prywatna"
    draft = StrategyVersion.objects.get(status="draft")
    response = client.post(
        reverse("portal:strategy_comment"),
        {
            "wersja": str(draft.number),
            "target_key": "ogolna",
            "text": "Uwaga do wersji roboczej.",
            "started": started,
            "homepage": "",
        },
    )
    assert response.status_code == 302 and Comment.objects.count() == 1  # drafts take no comments


def test_a_fast_sender_keeps_the_text_and_is_told(consulted):
    client = Client()
    started = (
        client.get(reverse("portal:strategy"), {"wersja": consulted.number})
        .context["comment_form"]
        .initial["started"]
    )
    response = client.post(
        reverse("portal:strategy_comment"),
        {
            "wersja": str(consulted.number),
            "target_key": "ogolna",
            "text": "Wklejona uwaga, wysłana od razu.",
            "started": started,
            "homepage": "",
        },
    )
    html = response.content.decode()
    assert response.status_code == 400 and "kilka sekund" in html and "Wklejona uwaga" in html
    assert not Comment.objects.exists()


def test_behind_the_proxy_one_visitors_flood_does_not_close_the_consultation_to_others(consulted, settings):
    settings.ZIT_PUBLIC_FORM_MIN_SECONDS = 0
    settings.TRUSTED_PROXIES = ["10.0.0.5"]

    def send(client, visitor: str, n: int):
        started = (
            client.get(reverse("portal:strategy"), {"wersja": consulted.number})
            .context["comment_form"]
            .initial["started"]
        )
        return client.post(
            reverse("portal:strategy_comment"),
            {
                "wersja": str(consulted.number),
                "target_key": "ogolna",
                "text": f"Uwaga numer {n} w sprawie zieleni.",
                "started": started,
                "homepage": "",
            },
            REMOTE_ADDR="10.0.0.5",
            HTTP_X_FORWARDED_FOR=visitor,
        )

    flooder, neighbour = Client(), Client()
    for n in range(5):
        assert send(flooder, "198.51.100.1", n).status_code == 302
    parked = send(flooder, "198.51.100.1", 6)
    assert parked.status_code == 302
    assert "czeka na sprawdzenie przez moderatora" in flooder.get(parked.url).content.decode()
    assert send(neighbour, "198.51.100.2", 7).status_code == 302
    assert Comment.objects.filter(version=consulted, status="pending").count() == 6
    assert Comment.objects.get(status="parked").text == "Uwaga numer 6 w sprawie zieleni."
