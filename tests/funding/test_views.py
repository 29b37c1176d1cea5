import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from zit.funding.models import AllocationLine, Indicator, Obligation, RateRule

PASSWORD = "demo-haslo-2026"
STAFF_PAGES = ["/biuro/program/", "/biuro/porozumienie/", "/biuro/kursy/", "/biuro/wskazniki/"]
EDIT_PAGES = [
    "/biuro/program/edycja/",
    "/biuro/program/dzialania/nowe/",
    "/biuro/program/priorytety/nowy/",
    "/biuro/porozumienie/edycja/",
    "/biuro/porozumienie/podzial/",
    "/biuro/porozumienie/obowiazki/nowy/",
    "/biuro/kursy/nowy/",
    "/biuro/kursy/reguly/envelope/",
    "/biuro/wskazniki/nowy/",
    "/biuro/finanse/import/",
]


@pytest.fixture
def client_for(funding_demo, settings):
    settings.AXES_ENABLED = False

    def make(username):
        client = Client()
        if username:
            assert client.login(username=username, password=PASSWORD)
        return client

    return make


def test_public_money_page_shows_the_envelope_in_eur_and_pln(client_for):
    page = client_for(None).get(reverse("portal:money"))
    html = page.content.decode()
    assert page.status_code == 200
    assert "19\u00a0800\u00a0000,00\u00a0EUR" in html
    assert "zł" in html and "kurs średni NBP" in html  # no EC rate loaded: the fallback is named
    assert "dane demonstracyjne" in html  # the split is demo data
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in html and "<title" in html
    assert "3.2 Rozwój zrównoważonej mobilności miejskiej w ramach ZIT" in html
    assert "Obowiązki" not in html  # obligations are for staff


def test_public_money_page_without_a_split_says_so(client_for):
    AllocationLine.objects.all().delete()
    html = client_for(None).get(reverse("portal:money")).content.decode()
    assert "nie wprowadzono jeszcze" in html and "<svg" not in html


@pytest.mark.parametrize("user", ["biuro", "admin", "zarzad", "komisja", "sekretarz"])
def test_staff_and_bodies_read_the_programme_pages(client_for, user):
    client = client_for(user)
    for path in STAFF_PAGES:
        assert client.get(path).status_code == 200, path


@pytest.mark.parametrize("user", ["gmina", "beneficjent", "oceniajacy"])
def test_others_do_not_see_the_office_funding_pages(client_for, user):
    client = client_for(user)
    for path in STAFF_PAGES + EDIT_PAGES:
        assert client.get(path).status_code == 403, path


@pytest.mark.parametrize("user", ["zarzad", "komisja", "sekretarz"])
def test_only_the_office_edits(client_for, user):
    client = client_for(user)
    for path in EDIT_PAGES:
        assert client.get(path).status_code == 403, path
    assert "Edytuj podział" not in client.get(reverse("funding:agreement")).content.decode()


def test_edit_pages_open_for_the_office(client_for):
    client = client_for("biuro")
    for path in EDIT_PAGES:
        assert client.get(path).status_code == 200, path


def _split_post(lines, total="19800000,00"):
    data = {"total_eur": total, "line-TOTAL_FORMS": str(len(lines) + 1), "line-INITIAL_FORMS": "0"}
    for i, (measure, amount) in enumerate(lines):
        data |= {f"line-{i}-measure": str(measure.pk), f"line-{i}-fund": "", f"line-{i}-amount_eur": amount}
    return data


def test_split_form_shows_the_difference_and_keeps_the_input(client_for):
    from zit.funding.models import Measure

    m32, m107 = Measure.objects.get(number="3.2"), Measure.objects.get(number="10.7")
    client = client_for("biuro")
    response = client.post(reverse("funding:split_edit"), _split_post([(m32, "10000000"), (m107, "9000000")]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "brakuje" in html and "800\u00a0000,00\u00a0EUR" in html
    assert 'value="9000000"' in html  # what was typed is still there
    assert AllocationLine.objects.filter(is_demo=True).count() == 5  # the old split is untouched
    response = client.post(
        reverse("funding:split_edit"), _split_post([(m32, "10000000"), (m107, "9 800 000,00")])
    )
    assert response.status_code == 303
    assert AllocationLine.objects.count() == 2 and not AllocationLine.objects.filter(is_demo=True).exists()


def test_import_page_shows_the_validation_report(client_for):
    upload = SimpleUploadedFile(
        "kursy.csv", b"date,rate\n2025-03-03,4.18\n2025-13-01,abc\n", content_type="text/csv"
    )
    response = client_for("biuro").post(
        reverse("funding:import"), {"kind": "rates", "series": "ec_monthly", "file": upload}
    )
    html = response.content.decode()
    assert "Nic nie zapisano" in html and '<td class="num">3</td>' in html and "„abc” nie jest liczbą" in html
    upload = SimpleUploadedFile("kursy.csv", b"date,rate\n2025-03-03,4.18\n", content_type="text/csv")
    html = (
        client_for("biuro")
        .post(reverse("funding:import"), {"kind": "rates", "series": "ec_monthly", "file": upload})
        .content.decode()
    )
    assert "Zaimportowano" in html and "Nowe: 1" in html


def test_a_sheet_with_a_doctype_is_refused_with_the_reason_and_writes_nothing(client_for):
    from core.hostile import billion_laughs

    from zit.funding.models import ExchangeRate

    before = ExchangeRate.objects.count()
    upload = SimpleUploadedFile("kursy.xlsx", billion_laughs())
    response = client_for("biuro").post(
        reverse("funding:import"), {"kind": "rates", "series": "ec_monthly", "file": upload}
    )
    html = response.content.decode()
    assert response.status_code == 200 and "Nic nie zapisano" in html and "DOCTYPE" in html
    assert ExchangeRate.objects.count() == before


def test_indicator_catalogue_filters_and_exports(client_for):
    client = client_for("biuro")
    html = client.get(reverse("funding:indicators") + "?q=cycling").content.decode()
    assert "RCO58" in html and "RCO01" not in html
    html = client.get(reverse("funding:indicators") + "?rodzaj=result&bez_nazwy_pl=1").content.decode()
    assert "RCR01" in html and "RCO58" not in html
    response = client.get(reverse("funding:indicators") + "?fundusz=ESF%2B&format=csv")
    # the Excel variant: a byte-order mark and semicolons, never a BOM with commas
    assert response.content.startswith("\ufeffcode;kind;origin;".encode())
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][0] == "code" and len(rows) == 1 + Indicator.objects.filter(fund_scope="ESF+").count()


def test_the_indicator_csv_keeps_names_starting_like_formulas_as_text(client_for):
    client = client_for("biuro")
    Indicator.objects.filter(code="RCO58").update(
        name_pl='=HYPERLINK("http://evil.example";"x")', unit_pl="-km"
    )
    response = client.get(reverse("funding:indicators") + "?q=RCO58&format=csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"), newline=""), delimiter=";"))
    row = dict(zip(rows[0], next(r for r in rows if r[0] == "RCO58"), strict=True))
    assert (row["name_pl"], row["unit_pl"]) == ('\'=HYPERLINK("http://evil.example";"x")', "'-km")


def test_office_fills_in_a_polish_indicator_name(client_for):
    rco = Indicator.objects.get(code="RCO58")
    data = {
        "code": "RCO58",
        "origin": "eu_common",
        "kind": "output",
        "name_pl": "Wspierana infrastruktura rowerowa",
        "name_en": rco.name_en,
        "unit_pl": "km",
        "unit_en": "km",
        "additive": "on",
        "active": "on",
    }
    assert client_for("biuro").post(reverse("funding:indicator_edit", args=[rco.pk]), data).status_code == 303
    rco.refresh_from_db()
    assert rco.name_pl == "Wspierana infrastruktura rowerowa"


def test_obligation_marked_done_and_reopened(client_for):
    obligation = Obligation.objects.filter(completed_on=None).first()
    client = client_for("biuro")
    assert (
        client.post(
            reverse("funding:obligation_complete", args=[obligation.pk]), {"completed_on": "2026-11-20"}
        ).status_code
        == 303
    )
    obligation.refresh_from_db()
    assert obligation.completed_on.isoformat() == "2026-11-20"
    assert "Wykonane (1)" in client.get(reverse("funding:agreement") + "?status=done").content.decode()
    client.post(reverse("funding:obligation_complete", args=[obligation.pk]), {"reopen": "1"})
    obligation.refresh_from_db()
    assert obligation.completed_on is None


def test_rule_form_and_converter(client_for):
    client = client_for("biuro")
    response = client.post(
        reverse("funding:rule_edit", args=["envelope"]),
        {"series": "nbp_a", "fallback_series": "", "note": "Porozumienie § 3"},
    )
    assert response.status_code == 303
    assert RateRule.objects.get(purpose="envelope").series == "nbp_a"
    html = client.get(
        reverse("funding:rates") + "?amount=100&currency=EUR&on=2025-03-31&purpose=envelope"
    ).content.decode()
    assert "418,39\u00a0zł" in html
    html = client.get(
        reverse("funding:rates") + "?amount=100&currency=EUR&on=2020-01-01&purpose=envelope"
    ).content.decode()
    assert "Brak kursu EUR na dzień 2020-01-01" in html


def test_split_is_all_or_nothing_with_every_error_on_its_row(client_for):
    """One bad row among many: nothing saved, each problem next to its row and in the summary, all typed
    values kept."""
    from zit.funding.models import Fund, Measure

    m32, m107, m13 = (Measure.objects.get(number=n) for n in ("3.2", "10.7", "1.3"))
    fst = Fund.objects.get(code="FST")
    client = client_for("biuro")
    data = _split_post([(m32, "10000000"), (m107, "9800000"), (m13, "-5")])
    data["line-0-fund"] = str(fst.pk)  # 3.2 is financed from EFRR
    html = client.post(reverse("funding:split_edit"), data).content.decode()
    assert "Popraw błędy w formularzu" in html
    assert "Wiersz 1, Fundusz: Działanie 3.2 jest finansowane z" in html
    assert "Wiersz 3, Kwota (EUR): Działanie 1.3: kwota musi być większa od zera." in html
    assert html.count('class="row-error"') == 2
    assert 'value="10000000"' in html and 'value="9800000"' in html and 'value="-5"' in html
    assert AllocationLine.objects.filter(is_demo=True).count() == 5  # the old split is untouched


def test_adding_rows_keeps_what_was_typed_and_saves_nothing(client_for):
    from zit.funding.models import Measure

    m32 = Measure.objects.get(number="3.2")
    client = client_for("biuro")
    data = _split_post([(m32, "123")]) | {"dodaj_wiersze": "1"}
    response = client.post(reverse("funding:split_edit"), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="123"' in html and 'name="line-3-amount_eur"' in html  # two rows more than the two sent
    assert "Nic jeszcze nie zapisano" in html
    assert AllocationLine.objects.filter(is_demo=True).count() == 5
