import re
import time

import pytest
from django.test import Client
from django.urls import reverse

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
        reverse("portal:home"),
        reverse("portal:members"),
        reverse("portal:member", args=["konin"]),
        reverse("portal:member", args=["powiat-koninski"]),
        reverse("portal:area"),
        reverse("portal:bodies"),
        reverse("portal:contact"),
        reverse("portal:accessibility"),
        reverse("portal:sources"),
        reverse("portal:source", args=["granice"]),
        reverse("portal:source", args=["statystyki"]),
        reverse("accounts:login"),
    ],
)
def test_public_pages_answer_in_polish(client_for, path):
    response = client_for(None).get(path)
    assert response.status_code == 200
    assert response.headers["Content-Language"] == "pl"
    assert '<html lang="pl">' in response.text


def test_browser_language_is_ignored_but_the_chosen_one_is_kept(client_for):
    client = client_for(None)
    assert client.get(reverse("portal:home"), HTTP_ACCEPT_LANGUAGE="en").headers["Content-Language"] == "pl"
    switched = client.post(reverse("set_language"), {"language": "en", "next": reverse("portal:home")})
    assert switched["Location"] == "/en/"
    response = client.get(
        reverse("portal:members"), follow=True
    )  # the plain address moves to /en/czlonkowie/
    assert response.redirect_chain == [("/en/czlonkowie/", 302)]
    assert response.headers["Content-Language"] == "en"
    assert '<html lang="en">' in response.text


def test_home_map_has_fifteen_gminas_as_links_in_svg_and_geojson(client_for):
    html = client_for(None).get(reverse("portal:home")).text
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert len(re.findall(r'<a href="/gminy/\d{7}/"', svg)) == 15
    assert html.count('"type": "Feature"') == 15
    assert "Kazimierz Biskupi" in svg


def test_gmina_page_redirects_to_its_member_and_unknown_code_is_404(client_for):
    client = client_for(None)
    response = client.get(reverse("portal:gmina", args=["3010052"]))
    assert response.status_code == 302 and response.url == reverse("portal:member", args=["kramsk"])
    assert client.get(reverse("portal:gmina", args=["3099999"])).status_code == 404


def test_member_page_shows_values_with_date_and_source_and_no_data_where_missing(client_for):
    html = client_for(None).get(reverse("portal:member", args=["kramsk"])).text
    row = re.search(r"Liczba ludności</th>(.*?)</tr>", html, re.S).group(1)
    assert "brak danych" in row
    row = re.search(r"Powierzchnia</th>(.*?)</tr>", html, re.S).group(1)
    assert "132" in row and "powiat.konin.pl" in row
    golina = client_for(None).get(reverse("portal:member", args=["golina"])).text
    row = re.search(r"Liczba ludności</th>(.*?)</tr>", golina, re.S).group(1)
    assert "12\u00a0079" in row and "31 grudnia 2019" in row


def test_member_page_marks_demo_people(client_for):
    html = client_for(None).get(reverse("portal:member", args=["konin"])).text
    assert "Jan Przykładowy" in html and "dane demonstracyjne" in html
    assert "example.invalid" not in html  # contact details are not public


def test_area_page_says_what_the_legal_basis_lacks(client_for):
    html = client_for(None).get(reverse("portal:area")).text
    assert "Zarząd Województwa Wielkopolskiego" in html
    assert "numer: brak danych" in html
    assert "3 października 2023" in html


def test_area_svg_download(client_for):
    response = client_for(None).get(reverse("portal:area_svg"))
    assert response.status_code == 200 and response["Content-Type"] == "image/svg+xml"
    assert response.content.count(b"<path") == 15


def test_404_is_helpful(client_for):
    response = client_for(None).get("/brak-strony/")
    assert response.status_code == 404
    assert "Nie znaleziono strony" in response.text


def test_500_page_renders_without_database(rf):
    from zit.portal.views import server_error

    response = server_error(rf.get(reverse("portal:home")))
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
    response = client_for(username).get(reverse("accounts:dashboard"))
    assert response.status_code == 200
    assert expected in response.text


@pytest.mark.parametrize(
    ("username", "path", "status"),
    [
        ("oceniajacy", reverse("association:members"), 403),
        ("gmina", reverse("association:members"), 403),
        ("beneficjent", reverse("association:people"), 403),
        ("zarzad", reverse("core:audit"), 403),
        ("komisja", reverse("core:audit"), 200),
        ("biuro", reverse("territory:import"), 200),
        ("sekretarz", reverse("territory:area"), 403),
        (None, reverse("association:members"), 302),
    ],
)
def test_office_pages_need_the_right_role(client_for, username, path, status):
    assert client_for(username).get(path).status_code == status


def test_member_officer_sees_only_own_organisation(client_for):
    from zit.organisations.models import Organisation

    client = client_for("gmina")
    own = Organisation.objects.get(name="Gmina Ślesin")
    other = Organisation.objects.get(name="Gmina Kramsk")
    assert client.get(reverse("association:organisation", args=[own.pk])).status_code == 200
    assert client.get(reverse("association:organisation", args=[other.pk])).status_code == 403
    listing = client.get(reverse("association:organisations")).text
    assert "Gmina Ślesin" in listing and "Gmina Kramsk" not in listing
    assert (
        client.post(reverse("association:organisation_edit", args=[other.pk]), {"name": "X"}).status_code
        == 403
    )


def test_admin_site_only_for_office_administrators(client_for):
    assert client_for("admin").get(reverse("admin:index")).status_code == 200
    assert client_for("biuro").get(reverse("admin:index")).status_code == 302  # to the admin login


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
    response = client_for("biuro").post(reverse("association:member_edit", args=[member.pk]), data)
    assert response.status_code == 200
    assert "błędną cyfrę kontrolną" in response.text
    assert 'value="Kramsk nowa"' in response.text
    member.organisation.refresh_from_db()
    assert member.organisation.city == ""


def test_password_reset_sends_a_polish_message(client_for, mailoutbox):
    from zit.core.public_forms import form_token

    started = form_token("accounts.password_reset", issued_at=time.time() - 30)
    response = client_for(None).post(
        reverse("accounts:password_reset"), {"email": "biuro@example.invalid", "started": started}
    )
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    assert reverse("accounts:password_reset") in mailoutbox[0].body and "nowe hasło" in mailoutbox[0].body


@pytest.mark.parametrize(
    "path",
    [
        reverse("core:job", args=[999999]),
        reverse("core:audit_event", args=[999999]),
        reverse("association:organisation", args=[999999]),
    ],
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
    assert client_for("sekretarz").post(reverse("association:body_new"), data).status_code == 403
    response = client_for("biuro").post(reverse("association:body_new"), data)
    assert response.status_code == 303
    body = Body.objects.get(name="Walne Zebranie")
    assert body.slug == "walne-zebranie"
    assert AuditEvent.objects.filter(action="association.body_create", object_id=str(body.pk)).exists()
    again = client_for("biuro").post(reverse("association:body_new"), data)
    assert again.status_code == 200 and Body.objects.filter(name="Walne Zebranie").count() == 1
    assert client_for("zarzad").post(reverse("association:body_new"), data).status_code == 403


def test_admin_role_change_is_audited_and_audit_log_is_read_only(client_for):
    from zit.accounts.models import User
    from zit.core.models import AuditEvent

    admin_client = client_for("admin")
    target = User.objects.get(username="oceniajacy")
    page = admin_client.get(reverse("admin:accounts_user_change", args=[target.pk]))
    assert page.status_code == 200
    event = AuditEvent.objects.first()
    assert admin_client.get(reverse("admin:core_auditevent_change", args=[event.pk])).status_code == 200
    assert (
        admin_client.post(
            reverse("admin:core_auditevent_delete", args=[event.pk]), {"post": "yes"}
        ).status_code
        == 403
    )
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_body_form_shows_every_rule_error_at_once(client_for):
    data = {"name": "", "kind": "assembly", "quorum": "5", "majority": "qualified", "qualified_fraction": ""}
    page = client_for("biuro").post(reverse("association:body_new"), data)
    assert page.status_code == 200
    errors = page.context["form"].errors
    assert {"name", "quorum", "qualified_fraction"} <= set(errors)


def test_organisation_form_shows_number_errors_with_other_errors(client_for):
    data = {"name": "", "kind": "company", "nip": "1234567890", "regon": "123", "email": "zly"}
    page = client_for("biuro").post(reverse("association:organisation_new"), data)
    errors = page.context["form"].errors
    assert {"name", "nip", "regon", "email"} <= set(errors)


def test_member_officer_cannot_rename_their_organisation(client_for):
    from zit.accounts.models import User
    from zit.organisations.models import Organisation

    officer = User.objects.get(username="gmina")
    org = Organisation.objects.get(pk=officer.role_assignments.get().organisation_id)
    page = client_for("gmina").get(reverse("association:organisation_edit", args=[org.pk]))
    assert page.context["form"].fields["name"].disabled
    data = {f: getattr(org, f) or "" for f in ("short_name", "street", "postal_code", "city", "website")}
    data |= {"name": "Inna nazwa", "kind": org.kind, "email": "urzad@slesin.example.pl", "phone": ""}
    client_for("gmina").post(reverse("association:organisation_edit", args=[org.pk]), data)
    org.refresh_from_db()
    assert org.name != "Inna nazwa" and org.email == "urzad@slesin.example.pl"


def test_board_member_sees_people_but_not_their_contacts(client_for):
    from zit.association.models import Person

    person = Person.objects.exclude(email="").first()
    assert person.email not in client_for("zarzad").get(reverse("association:people")).content.decode()
    assert (
        person.email
        not in client_for("zarzad").get(reverse("association:person", args=[person.pk])).content.decode()
    )
    assert (
        person.email
        in client_for("biuro").get(reverse("association:person", args=[person.pk])).content.decode()
    )


def test_gmina_officer_menu_has_no_forbidden_links(client_for):
    response = client_for("gmina").get(reverse("association:people"))
    page = response.content.decode()
    assert response.status_code == 200 and reverse("association:organisations") in page
    assert reverse("association:bodies") not in page


def test_secretary_ends_a_mandate_from_the_bodies_page(client_for):
    from zit.association.models import Mandate

    mandate = Mandate.objects.filter(end=None).first()
    secretary = client_for("sekretarz")
    assert (
        reverse("association:mandate_end", args=[mandate.pk])
        in secretary.get(reverse("association:bodies")).content.decode()
    )
    bad = secretary.post(reverse("association:mandate_end", args=[mandate.pk]), {"end": "1990-01-01"})
    assert bad.status_code == 200 and bad.context["form"].errors
    ok = secretary.post(reverse("association:mandate_end", args=[mandate.pk]), {"end": "2026-06-30"})
    assert ok.status_code == 303
    mandate.refresh_from_db()
    assert mandate.end.isoformat() == "2026-06-30"
    assert (
        client_for("zarzad")
        .post(reverse("association:mandate_end", args=[mandate.pk]), {"end": "2026-07-01"})
        .status_code
        == 403
    )


def test_office_fills_in_the_contact_and_accessibility_data(client_for):
    data = {
        "name": "Stowarzyszenie Aglomeracja Konińska",
        "street": "pl. Wolności 1",
        "postal_code": "62-500",
        "city": "Konin",
        "email": "biuro@przyklad.pl",
        "phone": "63 240 11 22",
        "accessibility_coordinator": "Koordynator ds. dostępności",
        "accessibility_email": "dostepnosc@przyklad.pl",
        "accessibility_phone": "abc",
    }
    staff = client_for("biuro")
    bad = staff.post(reverse("association:profile"), data)
    assert bad.status_code == 200 and "accessibility_phone" in bad.context["form"].errors
    assert "biuro@przyklad.pl" not in client_for(None).get(reverse("portal:contact")).content.decode()
    assert (
        staff.post(
            reverse("association:profile"), data | {"accessibility_phone": "+48 632 401 122"}
        ).status_code
        == 303
    )
    assert "biuro@przyklad.pl" in client_for(None).get(reverse("portal:contact")).content.decode()
    statement = client_for(None).get(reverse("portal:accessibility")).content.decode()
    assert "dostepnosc@przyklad.pl" in statement and "Koordynator ds. dostępności" in statement
    assert client_for("sekretarz").post(reverse("association:profile"), data).status_code == 403
