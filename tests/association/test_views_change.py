"""The office's page replacing many members' representatives at once: preview, then save; errors keep what
was typed."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from zit.association.models import Body, Member, Person, Representation
from zit.association.services import mandate_create, person_create, representation_create

START = dt.date(2021, 9, 27)
URL = reverse("association:representatives_change")


@pytest.fixture
def setup(association_data, user_for_role, client):
    kramsk, golina = Member.objects.get(slug="kramsk"), Member.objects.get(slug="golina")
    zarzad = Body.objects.get(slug="zarzad")
    people = {}
    for member, first, last in ((kramsk, "Jan", "Kowalski"), (golina, "Anna", "Nowak")):
        person = person_create(actor=None, first_name=first, last_name=last, organisation=member.organisation)
        representation_create(
            actor=None, person=person, member=member, function="head", title="Wójt", start=START
        )
        people[member.slug] = person
    mandate_create(
        actor=None, person=people["kramsk"], body=zarzad, role="president", start=START, member=kramsk
    )
    ewa = person_create(actor=None, first_name="Ewa", last_name="Wolna")
    office = user_for_role("office_staff")
    client.force_login(office)
    return {"kramsk": kramsk, "golina": golina, "people": people, "ewa": ewa, "client": client}


def _query():
    ids = "".join(f"&organ={pk}" for pk in Body.objects.values_list("pk", flat=True))
    return f"?dzien=2024-05-07&funkcja=head&funkcja=delegate{ids}"


def _form_data(html: str) -> dict:
    """The table's fields as the page rendered them: hidden keys, the management form, selected options."""
    data = {}
    for name, value in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', html):
        data[name] = value
    for name in re.findall(r'<select name="(zmiana-\d+-action)"', html):
        data[name] = "keep"
    return data


def _row(html: str, setup, slug: str) -> str:
    key = f"{setup[slug].pk}-{setup['people'][slug].pk}"
    return re.search(rf'name="(zmiana-\d+)-key" value="{key}"', html).group(1)


def test_the_page_asks_for_the_date_first(setup):
    page = setup["client"].get(URL)
    assert page.status_code == 200
    assert 'name="dzien"' in page.content.decode() and "zmiana-TOTAL_FORMS" not in page.content.decode()


def test_preview_then_save(setup):
    client = setup["client"]
    html = client.get(URL + _query()).content.decode()
    assert "Jan Kowalski" in html and "Anna Nowak" in html and "Zarząd: Prezes" in html
    data = _form_data(html)
    jan, anna = _row(html, setup, "kramsk"), _row(html, setup, "golina")
    data |= {
        f"{jan}-action": "replace",
        f"{jan}-first_name": "Piotr",
        f"{jan}-last_name": "Nowy",
        f"{jan}-email": "p.nowy@kramsk.pl",
        f"{anna}-action": "replace",
        f"{anna}-successor": str(setup["ewa"].pk),
    }
    preview = client.post(URL + _query(), data)
    text = preview.content.decode()
    assert preview.status_code == 200 and "Podgląd zmiany" in text
    assert "Funkcje w organach, które zostaną nieobsadzone" in text and "Prezes" in text
    assert not Person.objects.filter(last_name="Nowy").exists()  # nothing written by the preview
    fingerprint = re.search(r'name="podglad" value="([0-9a-f]+)"', text).group(1)

    saved = client.post(URL + _query(), data | {"podglad": fingerprint, "zapisz": "1"}, follow=True)
    assert saved.redirect_chain[-1][1] == 303
    page = saved.content.decode()
    assert "Zapisano zmianę reprezentantów nr ZR-20240507-" in page
    assert "Funkcja Prezes w organie Zarząd jest nieobsadzona od 7 maja 2024" in page
    piotr = Person.objects.get(last_name="Nowy")
    assert piotr.representations.get().start == dt.date(2024, 5, 7)
    assert setup["people"]["kramsk"].representations.get().end == dt.date(2024, 5, 6)
    assert setup["ewa"].representations.get().member == setup["golina"]


def test_a_save_of_something_not_previewed_shows_the_preview_again(setup):
    client = setup["client"]
    html = client.get(URL + _query()).content.decode()
    jan = _row(html, setup, "kramsk")
    data = _form_data(html) | {f"{jan}-action": "replace", f"{jan}-successor": str(setup["ewa"].pk)}
    page = client.post(URL + _query(), data | {"podglad": "0" * 32, "zapisz": "1"})
    assert page.status_code == 200 and "Po podglądzie zmieniono wybór" in page.content.decode()
    assert not Representation.objects.filter(end__isnull=False).exists()


def test_a_mandate_recorded_after_the_preview_asks_for_a_new_preview(setup):
    """The preview showed what Jan held; a mandate given to him afterwards would be ended unseen, so the
    confirmation shows the new preview instead of saving."""
    client = setup["client"]
    html = client.get(URL + _query()).content.decode()
    jan = _row(html, setup, "kramsk")
    data = _form_data(html) | {f"{jan}-action": "replace", f"{jan}-successor": str(setup["ewa"].pk)}
    preview = client.post(URL + _query(), data).content.decode()
    fingerprint = re.search(r'name="podglad" value="([0-9a-f]+)"', preview).group(1)
    mandate_create(
        actor=None,
        person=setup["people"]["kramsk"],
        body=Body.objects.get(slug="komisja-rewizyjna"),
        role="member",
        start=START,
        member=setup["kramsk"],
    )
    page = client.post(URL + _query(), data | {"podglad": fingerprint, "zapisz": "1"})
    assert page.status_code == 200 and "Po podglądzie zmieniono wybór" in page.content.decode()
    assert not Representation.objects.filter(end__isnull=False).exists()


def test_errors_keep_what_was_typed_and_are_summarised(setup):
    client = setup["client"]
    html = client.get(URL + _query()).content.decode()
    jan, anna = _row(html, setup, "kramsk"), _row(html, setup, "golina")
    data = _form_data(html) | {
        f"{jan}-action": "replace",
        f"{jan}-first_name": "Piotr",
        f"{jan}-email": "p.nowy@kramsk.pl",
        f"{anna}-action": "end",
    }
    page = client.post(URL + _query(), data | {"zapisz": "1", "podglad": "x"})
    text = page.content.decode()
    assert page.status_code == 200
    assert "Popraw błędy w formularzu" in text
    assert "Podaj nazwisko nowej osoby." in text
    assert 'value="Piotr"' in text and 'value="p.nowy@kramsk.pl"' in text
    assert re.search(rf'<select name="{anna}-action"[^>]*>.*?<option value="end" selected>', text, re.S)
    assert "Podgląd zmiany" not in text
    assert not Person.objects.filter(first_name="Piotr").exists()


def test_service_errors_land_on_the_rows(setup):
    client = setup["client"]
    html = client.get(URL + _query()).content.decode()
    jan, anna = _row(html, setup, "kramsk"), _row(html, setup, "golina")
    ewa = str(setup["ewa"].pk)
    data = _form_data(html) | {
        f"{jan}-action": "replace",
        f"{jan}-successor": ewa,
        f"{anna}-action": "replace",
        f"{anna}-successor": ewa,
    }
    text = client.post(URL + _query(), data).content.decode()
    assert "Popraw błędy w formularzu" in text
    assert text.count("Ta sama osoba jest wskazana dla kilku członków") >= 2
    assert "Podgląd zmiany" not in text


@pytest.mark.parametrize("role", ["body_secretary", "board_member"])
def test_other_roles_get_403(setup, user_for_role, client, role):
    client.force_login(user_for_role(role))
    assert client.get(URL + _query()).status_code == 403
    assert (
        client.post(URL + _query(), {"zmiana-TOTAL_FORMS": "0", "zmiana-INITIAL_FORMS": "0"}).status_code
        == 403
    )
    assert not Representation.objects.filter(end__isnull=False).exists()
