"""The accessibility statement, the easy-to-read information and the sign-language page: the office's writes
(permission, audit, validation) and what the public pages show."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.factories.accounts import UserFactory
from zit.core.models import AuditEvent
from zit.portal import selectors, services, statement_defaults
from zit.portal.models import AccessibilityStatement

pytestmark = pytest.mark.django_db

# The sections the statement must have (ustawa o dostępności cyfrowej, art. 10; the technical conditions'
# structure) and the ones added for the building, the interpreter and the easy-to-read information.
SECTIONS = [
    "a11y-podmiot",
    "a11y-url",
    "a11y-data-publikacja",
    "a11y-data-aktualizacja",
    "a11y-status",
    "a11y-przygotowanie",
    "a11y-data-sporzadzenie",
    "a11y-data-przeglad",
    "a11y-kontakt",
    "a11y-procedura",
    "a11y-architektura",
    "a11y-tlumacz",
    "a11y-aplikacje",
    "a11y-informacje",
    "a11y-podstawa",
]


@pytest.fixture
def office():
    return UserFactory(roles=[("office_staff", None)])


@pytest.fixture
def fresh():
    """No saved statement: the page shows the defaults and the first save creates the row."""
    AccessibilityStatement.objects.all().delete()


def _client(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def test_the_first_save_creates_the_statement_and_is_audited(office, fresh):
    today = timezone.localdate()
    saved = services.statement_update(
        actor=office, reviewed_on=today, known_problems="Wykresy nie mają opisu tekstowego."
    )
    assert AccessibilityStatement.objects.count() == 1
    assert saved.reviewed_on == today and saved.prepared_on == statement_defaults.PREPARED_ON
    event = AuditEvent.objects.get(action="portal.statement_update", object_id=str(saved.pk))
    assert event.before is None
    assert event.after["known_problems"] == "Wykresy nie mają opisu tekstowego."


def test_a_change_is_audited_with_before_and_after_and_no_change_writes_no_event(office, fresh):
    services.statement_update(actor=office, architecture="Wejście od ulicy, bez progów.")
    services.statement_update(actor=office, architecture="Winda przy wejściu głównym.")
    services.statement_update(actor=office, architecture="Winda przy wejściu głównym.")
    events = list(AuditEvent.objects.filter(action="portal.statement_update").order_by("pk"))
    assert len(events) == 2
    assert events[1].before["architecture"] == "Wejście od ulicy, bez progów."
    assert events[1].after["architecture"] == "Winda przy wejściu głównym."


@pytest.mark.parametrize("role", ["body_secretary", "board_member", "assessor"])
def test_only_the_office_edits_the_statement(role, fresh):
    user = UserFactory(roles=[(role, None)])
    with pytest.raises(PermissionDenied):
        services.statement_update(actor=user, architecture="Cokolwiek.")
    assert not AccessibilityStatement.objects.exists()
    assert _client(user).get(reverse("portal:statement_edit")).status_code == 403


def test_an_unknown_field_is_a_programming_error(office):
    with pytest.raises(TypeError):
        services.statement_update(actor=office, colour="red")


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        (
            {"prepared_on": dt.date(2026, 3, 1), "reviewed_on": dt.date(2026, 2, 1)},
            "reviewed_on",
            "Przegląd nie może być wcześniejszy",
        ),
        ({"reviewed_on": dt.date(2100, 1, 1)}, "reviewed_on", "nie może być późniejsza niż dzisiejsza"),
        ({"compliance": "full"}, "known_problems", "Strona z niezgodnościami nie jest zgodna"),
        (
            {"compliance": "none", "known_problems": "", "exemptions": "  \n"},
            "known_problems",
            "wymień niezgodności lub wyłączenia",
        ),
        ({"method": "audit", "audit_url": ""}, "audit_url", "podaj adres raportu"),
        ({"pjm_link": "https://wideo.example/pjm", "pjm_text": ""}, "pjm_text", "odpowiednik"),
        ({"easy_read": "   "}, "easy_read", "wymagana przez prawo"),
        (
            {"pjm_video": SimpleUploadedFile("film.avi", b"x"), "pjm_text": "Treść."},
            "pjm_video",
            "MP4 lub WebM",
        ),
    ],
)
def test_validation_names_the_field_in_polish(office, fresh, fields, field, message):
    with pytest.raises(ValidationError) as caught:
        services.statement_update(actor=office, **fields)
    assert message in " ".join(caught.value.message_dict[field])
    assert not AccessibilityStatement.objects.exists()


def test_a_fully_compliant_site_may_list_exemptions_only(office, fresh):
    saved = services.statement_update(actor=office, compliance="full", known_problems="")
    assert saved.compliance == "full" and saved.exemption_lines


def test_the_statement_shows_every_section_with_the_defaults(fresh, association_data):
    page = _client().get(reverse("portal:accessibility")).content.decode()
    for section in SECTIONS:
        assert f'id="{section}"' in page, section
    assert "częściowo zgodna z ustawą" in page
    assert "ul. płk. Witolda Sztarka 1, 62-500 Konin" in page
    assert "do uzupełnienia" in page
    assert "7 dni" in page and "2 miesiące" in page and "Rzecznika Praw Obywatelskich" in page
    assert reverse("portal:easy_read") in page and reverse("portal:sign_language") in page


def test_the_statement_shows_the_office_edits(office, fresh, association_data):
    services.statement_update(
        actor=office,
        compliance="none",
        prepared_on=dt.date(2025, 3, 20),
        reviewed_on=dt.date(2026, 3, 30),
        known_problems="Formularz uwag nie ogłasza błędów czytnikom ekranu.\nFilmy nie mają napisów.",
        exemptions="",
        architecture="Wejście od ulicy bez progów.\nWinda do biura na 2. piętrze.",
        sign_language="Tłumacz PJM na wizytę zgłoszoną 3 dni robocze wcześniej.",
        method="audit",
        audit_url="https://audyt.example/raport.pdf",
    )
    page = _client().get(reverse("portal:accessibility")).content.decode()
    assert "jest niezgodna z ustawą" in page
    assert "<li>Formularz uwag nie ogłasza błędów czytnikom ekranu.</li>" in page
    assert "<li>Filmy nie mają napisów.</li>" in page
    assert 'id="a11y-wylaczenia"' not in page  # nothing to list
    assert "<p>Winda do biura na 2. piętrze.</p>" in page
    assert "3 dni robocze" in page
    assert '<span id="a11y-data-sporzadzenie">2025-03-20</span>' in page
    assert '<span id="a11y-data-przeglad">2026-03-30</span>' in page
    assert 'href="https://audyt.example/raport.pdf"' in page


def test_the_office_edits_through_its_page(office, fresh, association_data):
    client = _client(office)
    page = client.get(reverse("portal:statement_edit"))
    assert page.status_code == 200
    data = {
        name: value
        for name, value in page.context["form"].initial.items()
        if name != "pjm_video" and value is not None
    }
    data |= {
        "prepared_on": "2026-01-05",
        "reviewed_on": "2026-01-05",
        "architecture": "Pochylnia przy wejściu.",
    }
    bad = client.post(reverse("portal:statement_edit"), data | {"reviewed_on": "2025-12-31"})
    assert bad.status_code == 200 and "reviewed_on" in bad.context["form"].errors
    assert not AccessibilityStatement.objects.exists()
    assert client.post(reverse("portal:statement_edit"), data).status_code == 303
    assert "Pochylnia przy wejściu." in _client().get(reverse("portal:accessibility")).content.decode()


def test_the_edit_page_warns_when_the_yearly_review_is_overdue(office, fresh, association_data):
    services.statement_update(actor=office, prepared_on=dt.date(2024, 3, 1), reviewed_on=dt.date(2024, 3, 1))
    page = _client(office).get(reverse("portal:statement_edit")).content.decode()
    assert "ponad rok temu" in page
    services.statement_update(actor=office, reviewed_on=timezone.localdate())
    assert "ponad rok temu" not in _client(office).get(reverse("portal:statement_edit")).content.decode()


def test_the_easy_read_page_and_its_text_file(fresh, association_data):
    page = _client().get(reverse("portal:easy_read")).content.decode()
    assert "<h2>Kim jesteśmy</h2>" in page
    assert "<li>Mapę naszego obszaru.</li>" in page
    assert reverse("portal:easy_read_text") in page
    download = _client().get(reverse("portal:easy_read_text"))
    assert download["Content-Type"] == "text/plain; charset=utf-8"
    assert "attachment" in download["Content-Disposition"]
    text = download.content.decode("utf-8")
    assert text.startswith("Informacje o Stowarzyszeniu w tekście łatwym do czytania\n")
    assert "Kim jesteśmy\n------------" in text and "* Mapę naszego obszaru." in text
    assert "##" not in text and "<" not in text


def test_the_easy_read_text_keeps_to_short_sentences():
    """Easy-to-read Polish: one idea per sentence, so no line of the text runs long."""
    for block in selectors.easy_read_blocks(statement_defaults.EASY_READ):
        for line in block.lines:
            assert len(line.split()) <= 12, line


def test_the_office_text_is_escaped_on_the_easy_read_page(office, fresh, association_data):
    services.statement_update(actor=office, easy_read="## Nagłówek\n\nZdanie z <script>alert(1)</script>.")
    page = _client().get(reverse("portal:easy_read")).content.decode()
    assert "<h2>Nagłówek</h2>" in page
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page


def test_easy_read_blocks():
    blocks = selectors.easy_read_blocks("## Tytuł\n\nJedno zdanie.\nDrugie zdanie.\n\n- punkt\n- drugi\n\n\n")
    assert [(b.kind, b.lines) for b in blocks] == [
        ("heading", ["Tytuł"]),
        ("paragraph", ["Jedno zdanie.", "Drugie zdanie."]),
        ("list", ["punkt", "drugi"]),
    ]


def test_the_sign_language_page_without_a_recording(fresh, association_data):
    page = _client().get(reverse("portal:sign_language")).content.decode()
    assert "przygotowujemy" in page and "<video" not in page
    assert _client().get(reverse("portal:sign_language_video")).status_code == 404


def test_the_office_attaches_a_recording_with_its_text(office, fresh, association_data, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    services.statement_update(
        actor=office,
        pjm_video=SimpleUploadedFile("pjm.mp4", b"\x00\x00\x00\x18ftypmp42", content_type="video/mp4"),
        pjm_link="https://wideo.example/pjm",
        pjm_text="Jesteśmy Stowarzyszeniem Aglomeracji Konińskiej.",
    )
    page = _client().get(reverse("portal:sign_language")).content.decode()
    assert "<video" in page and 'type="video/mp4"' in page
    assert 'href="https://wideo.example/pjm"' in page
    assert "Jesteśmy Stowarzyszeniem Aglomeracji Konińskiej." in page
    video = _client().get(reverse("portal:sign_language_video"))
    assert video.status_code == 200 and b"".join(video.streaming_content).startswith(b"\x00\x00\x00\x18ftyp")
    # removing the file (the form's "clear") keeps the link and the text
    services.statement_update(actor=office, pjm_video=False)
    assert not AccessibilityStatement.objects.get().pjm_video
    assert _client().get(reverse("portal:sign_language_video")).status_code == 404


def test_the_footer_links_the_easy_read_and_sign_language_pages(association_data):
    page = _client().get(reverse("portal:home")).content.decode()
    assert reverse("portal:easy_read") in page and reverse("portal:sign_language") in page


def test_a_recording_over_the_size_limit_is_refused(office, fresh, monkeypatch):
    monkeypatch.setattr(services, "PJM_VIDEO_MAX_BYTES", 10)
    with pytest.raises(ValidationError) as caught:
        services.statement_update(
            actor=office, pjm_video=SimpleUploadedFile("pjm.webm", b"x" * 11), pjm_text="Treść nagrania."
        )
    assert "najwyżej 50 MB" in " ".join(caught.value.message_dict["pjm_video"])
