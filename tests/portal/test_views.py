import re

import pytest
from django.test import Client

PASSWORD = "demo-haslo-2026"


@pytest.fixture
def client_for(demo, settings):
    settings.AXES_ENABLED = False

    def make(username: str | None) -> Client:
        client = Client()
        if username:
            assert client.login(username=username, password=PASSWORD)
        return client

    return make


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/czlonkowie/",
        "/czlonkowie/konin/",
        "/czlonkowie/powiat-koninski/",
        "/obszar/",
        "/organy/",
        "/kontakt/",
        "/deklaracja-dostepnosci/",
        "/zrodla-danych/",
        "/zrodla-danych/granice/",
        "/zrodla-danych/statystyki/",
        "/konto/logowanie/",
    ],
)
def test_public_pages_answer_in_polish(client_for, path):
    response = client_for(None).get(path)
    assert response.status_code == 200
    assert response.headers["Content-Language"] == "pl"
    assert '<html lang="pl">' in response.text


def test_browser_language_is_ignored_but_the_chosen_one_is_kept(client_for):
    client = client_for(None)
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="en").headers["Content-Language"] == "pl"
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    response = client.get("/czlonkowie/")
    assert response.headers["Content-Language"] == "en"
    assert '<html lang="en">' in response.text


def test_home_map_has_fifteen_gminas_as_links_in_svg_and_geojson(client_for):
    html = client_for(None).get("/").text
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert len(re.findall(r'<a href="/gminy/\d{7}/"', svg)) == 15
    assert html.count('"type": "Feature"') == 15
    assert "Kazimierz Biskupi" in svg


def test_gmina_page_redirects_to_its_member_and_unknown_code_is_404(client_for):
    client = client_for(None)
    response = client.get("/gminy/3010052/")
    assert response.status_code == 302 and response.url == "/czlonkowie/kramsk/"
    assert client.get("/gminy/3099999/").status_code == 404


def test_member_page_shows_values_with_date_and_source_and_no_data_where_missing(client_for):
    html = client_for(None).get("/czlonkowie/kramsk/").text
    row = re.search(r"Liczba ludności</th>(.*?)</tr>", html, re.S).group(1)
    assert "brak danych" in row
    row = re.search(r"Powierzchnia</th>(.*?)</tr>", html, re.S).group(1)
    assert "132" in row and "powiat.konin.pl" in row
    golina = client_for(None).get("/czlonkowie/golina/").text
    row = re.search(r"Liczba ludności</th>(.*?)</tr>", golina, re.S).group(1)
    assert "12\u00a0079" in row and "31 grudnia 2019" in row


def test_member_page_marks_demo_people(client_for):
    html = client_for(None).get("/czlonkowie/konin/").text
    assert "Jan Przykładowy" in html and "dane demonstracyjne" in html
    assert "example.invalid" not in html  # contact details are not public


def test_area_page_says_what_the_legal_basis_lacks(client_for):
    html = client_for(None).get("/obszar/").text
    assert "Zarząd Województwa Wielkopolskiego" in html
    assert "numer: brak danych" in html
    assert "3 października 2023" in html


def test_area_svg_download(client_for):
    response = client_for(None).get("/obszar/mapa.svg")
    assert response.status_code == 200 and response["Content-Type"] == "image/svg+xml"
    assert response.content.count(b"<path") == 15


def test_404_is_helpful(client_for):
    response = client_for(None).get("/brak-strony/")
    assert response.status_code == 404
    assert "Nie znaleziono strony" in response.text


def test_500_page_renders_without_database(rf):
    from zit.portal.views import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500 and "Coś poszło nie tak" in response.content.decode()


@pytest.mark.parametrize(
    ("username", "expected"),
    [
        ("admin", "Dziennik zmian"),
        ("biuro", "Import obszaru"),
        ("sekretarz", "Organy Stowarzyszenia"),
        ("gmina", "Gmina Ślesin"),
        ("beneficjent", "Przedsiębiorstwo Komunalne Przykład"),
        ("oceniajacy", "Ocena projektów"),
        ("zarzad", "Organy Stowarzyszenia"),
        ("komisja", "Dziennik zmian"),
    ],
)
def test_dashboard_per_role(client_for, username, expected):
    response = client_for(username).get("/konto/")
    assert response.status_code == 200
    assert expected in response.text


@pytest.mark.parametrize(
    ("username", "path", "status"),
    [
        ("oceniajacy", "/biuro/czlonkowie/", 403),
        ("gmina", "/biuro/czlonkowie/", 403),
        ("beneficjent", "/biuro/osoby/", 403),
        ("zarzad", "/biuro/dziennik/", 403),
        ("komisja", "/biuro/dziennik/", 200),
        ("biuro", "/biuro/obszar/import/", 200),
        ("sekretarz", "/biuro/obszar/", 403),
        (None, "/biuro/czlonkowie/", 302),
    ],
)
def test_office_pages_need_the_right_role(client_for, username, path, status):
    assert client_for(username).get(path).status_code == status


def test_member_officer_sees_only_own_organisation(client_for):
    from zit.organisations.models import Organisation

    client = client_for("gmina")
    own = Organisation.objects.get(name="Gmina Ślesin")
    other = Organisation.objects.get(name="Gmina Kramsk")
    assert client.get(f"/biuro/organizacje/{own.pk}/").status_code == 200
    assert client.get(f"/biuro/organizacje/{other.pk}/").status_code == 403
    listing = client.get("/biuro/organizacje/").text
    assert "Gmina Ślesin" in listing and "Gmina Kramsk" not in listing
    assert client.post(f"/biuro/organizacje/{other.pk}/edycja/", {"name": "X"}).status_code == 403


def test_admin_site_only_for_office_administrators(client_for):
    assert client_for("admin").get("/admin/").status_code == 200
    assert client_for("biuro").get("/admin/").status_code == 302  # to the admin login


def test_bad_nip_keeps_the_input_and_saves_nothing(client_for):
    from zit.association.models import Member

    member = Member.objects.get(slug="kramsk")
    data = {
        "member-name": "Gmina Kramsk",
        "member-number": 10,
        "org-name": "Gmina Kramsk",
        "org-kind": "local_government",
        "org-nip": "1234563219",
        "org-city": "Kramsk nowa",
    }
    response = client_for("biuro").post(f"/biuro/czlonkowie/{member.pk}/edycja/", data)
    assert response.status_code == 200
    assert "błędną cyfrę kontrolną" in response.text
    assert 'value="Kramsk nowa"' in response.text
    member.organisation.refresh_from_db()
    assert member.organisation.city == ""


def test_password_reset_sends_a_polish_message(client_for, mailoutbox):
    response = client_for(None).post("/konto/haslo/reset/", {"email": "biuro@example.invalid"})
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    assert "/konto/haslo/reset/" in mailoutbox[0].body and "nowe hasło" in mailoutbox[0].body


@pytest.mark.parametrize(
    "path", ["/biuro/zadania/999999/", "/biuro/dziennik/999999/", "/biuro/organizacje/999999/"]
)
def test_unknown_ids_are_404_not_500(client_for, path):
    assert client_for("admin").get(path).status_code == 404


def test_staff_adds_a_body_that_the_statute_names(client_for):
    from zit.association.models import Body
    from zit.core.models import AuditEvent

    data = {
        "name": "Walne Zebranie",
        "kind": "assembly",
        "description": "",
        "quorum": "0,50",
        "majority": "simple",
        "qualified_fraction": "",
        "order": 5,
    }
    response = client_for("sekretarz").post("/biuro/organy/nowy/", data)
    assert response.status_code == 302
    body = Body.objects.get(name="Walne Zebranie")
    assert body.slug == "walne-zebranie"
    assert AuditEvent.objects.filter(action="association.body_create", object_id=str(body.pk)).exists()
    again = client_for("sekretarz").post("/biuro/organy/nowy/", data)
    assert again.status_code == 200 and Body.objects.filter(name="Walne Zebranie").count() == 1
    assert client_for("zarzad").post("/biuro/organy/nowy/", data).status_code == 403


def test_admin_role_change_is_audited_and_audit_log_is_read_only(client_for):
    from zit.accounts.models import User
    from zit.core.models import AuditEvent

    admin_client = client_for("admin")
    target = User.objects.get(username="oceniajacy")
    page = admin_client.get(f"/admin/accounts/user/{target.pk}/change/")
    assert page.status_code == 200
    event = AuditEvent.objects.first()
    assert admin_client.get(f"/admin/core/auditevent/{event.pk}/change/").status_code == 200
    assert admin_client.post(f"/admin/core/auditevent/{event.pk}/delete/", {"post": "yes"}).status_code == 403
    assert AuditEvent.objects.filter(pk=event.pk).exists()
