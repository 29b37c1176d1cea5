import pytest
from django.test import Client
from django.urls import reverse

from zit.strategy.models import Goal, StrategyVersion, Undertaking
from zit.strategy.reference import load_strategy

PASSWORD = "demo-haslo-2026"


@pytest.fixture
def client_for(funding_demo, settings):
    settings.AXES_ENABLED = False
    load_strategy()

    def make(username):
        client = Client()
        if username:
            assert client.login(username=username, password=PASSWORD)
        return client

    return make


@pytest.fixture
def version():
    return StrategyVersion.objects.get(status="draft")


def test_demo_strategy_has_the_real_title_and_says_it_is_demo(client_for, version):
    html = client_for("biuro").get(reverse("strategy:version", args=[version.pk])).content.decode()
    assert "Strategia ZIT 2030" in html and "dane demonstracyjne" in html
    assert "<strong>P2</strong> Sieć dróg rowerowych" in html and "RCO58" in html
    assert "Spójność: braki" in html


@pytest.mark.parametrize(
    "user, status",
    [
        ("zarzad", 200),
        ("komisja", 200),
        ("sekretarz", 200),
        ("gmina", 403),
        ("beneficjent", 403),
        (None, 302),
    ],
)
def test_who_reads_the_strategy_drafts(client_for, version, user, status):
    assert client_for(user).get(reverse("strategy:version", args=[version.pk])).status_code == status


def test_board_cannot_edit(client_for, version):
    client = client_for("zarzad")
    assert client.get(reverse("strategy:item_new", args=[version.pk, "cele"])).status_code == 403
    assert (
        "Dodaj cel strategiczny"
        not in client.get(reverse("strategy:version", args=[version.pk])).content.decode()
    )


def test_staff_adds_a_goal_and_sees_form_errors_first(client_for, version):
    client = client_for("biuro")
    bad = client.post(
        reverse("strategy:item_new", args=[version.pk, "cele"]),
        {"code": "C1", "title": "Duplikat", "dimension": "social"},
    )
    assert bad.status_code == 200 and "code" in bad.context["form"].errors
    ok = client.post(
        reverse("strategy:item_new", args=[version.pk, "cele"]),
        {"code": "C3", "title": "Usługi społeczne", "dimension": "social"},
    )
    assert ok.status_code == 303
    assert Goal.objects.filter(version=version, code="C3").exists()


def test_new_version_then_compare_and_adopted_is_frozen(client_for, version):
    client = client_for("biuro")
    StrategyVersion.objects.filter(status="consultation").update(status="superseded")
    page = client.get(reverse("strategy:version", args=[version.pk])).content.decode()
    assert 'data-action="start_consultation"' in page  # the lifecycle's button, not a list of states
    assert (
        client.post(
            reverse("strategy:version_transition", args=[version.pk, "start_consultation"])
        ).status_code
        == 303
    )
    response = client.post(reverse("strategy:version_status", args=[version.pk]), {"status": "adopted"})
    assert response.status_code == 200 and "decision_number" in response.context["form"].errors
    response = client.post(
        reverse("strategy:version_status", args=[version.pk]),
        {
            "status": "adopted",
            "decision_number": "XII/45/2024",
            "decision_date": "2024-09-12",
            "decision_body": "Rada Stowarzyszenia",
        },
    )
    assert response.status_code == 303
    version.refresh_from_db()
    assert version.status == "adopted" and version.adopted_by.number == "XII/45/2024"
    frozen = client.post(
        reverse("strategy:item_new", args=[version.pk, "cele"]),
        {"code": "C9", "title": "Za późno", "dimension": "social"},
    )
    assert frozen.status_code == 200 and not Goal.objects.filter(code="C9").exists()
    assert client.post(reverse("strategy:version_new"), {"label": "aktualizacja 2024"}).status_code == 303
    new = StrategyVersion.objects.get(number=version.number + 1)
    p2 = Undertaking.objects.get(version=new, code="P2")
    client.post(reverse("strategy:item_delete", args=[new.pk, "przedsiewziecia", p2.pk]))
    html = client.get(f"{reverse('strategy:compare')}?a={version.pk}&b={new.pk}").content.decode()
    assert "usunięta" in html and "P2 Sieć dróg rowerowych" in html


def test_coherence_page_lists_gaps_and_the_matrix(client_for, version):
    html = client_for("komisja").get(reverse("strategy:coherence", args=[version.pk])).content.decode()
    assert "Żadne przedsięwzięcie nie obejmuje gminy" in html and "Macierz powiązań" in html


def test_document_must_be_pdf_or_docx(client_for, version, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    client = client_for("biuro")
    bad = client.post(
        reverse("strategy:version_document", args=[version.pk]),
        {"document": SimpleUploadedFile("s.exe", b"MZ")},
    )
    assert bad.status_code == 200 and "document" in bad.context["form"].errors
    good = client.post(
        reverse("strategy:version_document", args=[version.pk]),
        {"document": SimpleUploadedFile("strategia.pdf", b"%PDF-1.4"), "note": "tekst przyjęty"},
    )
    assert good.status_code == 303
    version.refresh_from_db()
    assert version.document.name.endswith(".pdf") and version.document_note == "tekst przyjęty"


def test_public_sees_the_published_version_not_the_draft(client_for, version):
    # the adopted demo version is the default; the update in consultation is one link away
    consulted = StrategyVersion.objects.get(status="consultation")
    html = client_for(None).get(reverse("portal:strategy"), {"wersja": consulted.number}).content.decode()
    assert "projekt do konsultacji" in html and "zmiany po konsultacjach" not in html
    assert "wersja robocza" not in html
    assert 'id="p-' in html and "strategy-map-title" in html and "dane demonstracyjne" in html
    assert (
        "Sieć dróg rowerowych"
        in client_for(None).get(reverse("portal:strategy") + "?q=rowerowych").content.decode()
    )
    draft = client_for(None).get(f"{reverse('portal:strategy')}?wersja={version.number}").content.decode()
    assert "wersja robocza" not in draft and "zmiany po konsultacjach" not in draft
    assert (
        client_for(None).get(reverse("strategy:version", args=[version.pk])).status_code == 302
    )  # drafts need a login


def test_public_page_without_a_published_version(client_for):
    StrategyVersion.objects.filter(status__in=["consultation", "adopted"]).update(status="draft")
    html = client_for(None).get(reverse("portal:strategy")).content.decode()
    assert "nie jest jeszcze opublikowana" in html


def test_public_page_shows_chapters_with_a_comment_link_each(client_for):
    from zit.strategy.models import Chapter

    consulted = StrategyVersion.objects.get(status="consultation")
    chapter = Chapter.objects.get(version=consulted, kind="cooperation")
    Chapter.objects.filter(pk=chapter.pk).update(
        text="Zasady:\n\n- **jawność** decyzji\n- <script>alert(1)</script> [tu](javascript:alert(1))"
    )
    html = client_for(None).get(reverse("portal:strategy"), {"wersja": consulted.number}).content.decode()
    assert f'id="r-{chapter.key}"' in html and "<strong>jawność</strong>" in html
    assert "<script>alert" not in html and 'href="javascript' not in html
    assert f'href="?wersja={consulted.number}&amp;dotyczy={chapter.key}#uwagi"' in html
    form = (
        client_for(None)
        .get(f"{reverse('portal:strategy')}?wersja={consulted.number}&dotyczy={chapter.key}")
        .content.decode()
    )
    # the chapters are under "Rozdziały strategii"
    assert f'<option value="{chapter.key}" selected>zasady współpracy</option>' in form
    operational = consulted.operational_goals.first()
    assert '<optgroup label="Cele operacyjne">' in form
    assert f'<option value="{operational.key}">{operational.code} {operational.title}</option>' in form


def test_undertaking_form_orders_gminas_in_polish_and_offers_a_partner_search(client_for, version):
    html = (
        client_for("biuro")
        .get(reverse("strategy:item_new", args=[version.pk, "przedsiewziecia"]))
        .content.decode()
    )
    gminas = html[html.index('id="id_gminas"') :]
    assert gminas.index("Stare Miasto") < gminas.index("Ślesin") < gminas.index("Wierzbinek")
    assert 'class="filterable-choices"' in html and "zit/choice-filter.js" in html


def test_the_public_page_shows_the_zit_strategy_and_announces_its_updates_consultation(client_for):
    adopted = StrategyVersion.objects.get(status="adopted")
    consulted = StrategyVersion.objects.get(status="consultation")
    html = client_for(None).get(reverse("portal:strategy")).content.decode()
    # the adopted demo version is in force and is the ZIT strategy after both art. 34 opinions
    assert f"Wersja {adopted.number}:" in html and "Strategia ZIT od" in html
    assert 'id="consultation-elsewhere"' in html and f'href="?wersja={consulted.number}"' in html
    html = client_for(None).get(reverse("portal:strategy"), {"wersja": consulted.number}).content.decode()
    assert 'id="consultation-elsewhere"' not in html
    # the links to comment on a part keep the version being consulted
    assert f"?wersja={consulted.number}&amp;dotyczy=" in html
