"""The public catalogue: Polish search (inflection, diacritics, typos on PostgreSQL), facets with counts,
shareable filters, the project page, the map's clusters, sitemap and robots."""

from decimal import Decimal

import pytest
from core.test_jobs import dummy_backend  # noqa: F401
from django.urls import reverse
from projects.test_demo_social import social_demo  # noqa: F401 - the fixture

from zit.opendata.models import CatalogueGmina, CatalogueGoal, CatalogueProject
from zit.opendata.refresh import derive_columns
from zit.opendata.search import index_text, lemmas, search
from zit.territory.models import AdministrativeUnit


def add(
    title,
    *,
    summary="",
    gminas=(),
    goals=(),
    status="running",
    fund="EFRR",
    year=2026,
    point=None,
    eu="1000",
    social=False,
):
    project = CatalogueProject.objects.create(
        key=f"test-{CatalogueProject.objects.count() + 1}",
        title=title,
        summary=summary,
        beneficiary="Gmina testowa",
        status=status,
        fund=fund,
        measure="3.2",
        year=year,
        eu_pln=Decimal(eu),
        total_pln=Decimal(eu) * 2,
        lon=point[0] if point else None,
        lat=point[1] if point else None,
        geometry={"type": "Point", "coordinates": list(point)} if point else None,
        search_lemmas=index_text(title, summary, " ".join(u.name for u in gminas)),
        social=social,
    )
    for unit in gminas:
        CatalogueGmina.objects.create(project=project, unit=unit)
    for code, goal_title in goals:
        CatalogueGoal.objects.create(project=project, code=code, title=goal_title)
    derive_columns(project, gmina_tercs=[u.terc for u in gminas], goal_codes=[c for c, _t in goals])
    project.save()
    return project


@pytest.fixture
def corpus(area):
    slesin = AdministrativeUnit.objects.get(terc="3010123")
    kleczew = AdministrativeUnit.objects.get(terc="3010043")
    return {
        "droga": add("Przebudowa drogi gminnej w Ślesinie", gminas=[slesin], goals=[("C2", "Dostępność")]),
        "szkola": add("Termomodernizacja szkół podstawowych", gminas=[kleczew], status="listed", fund="FST"),
        "rower": add(
            "Ścieżka rowerowa Kleczew – Ślesin",
            gminas=[slesin, kleczew],
            goals=[("C2", "Dostępność")],
            year=2025,
            point=(18.3, 52.37),
            social=True,
        ),
    }


def titles(query):
    return {p.title for p in search(CatalogueProject.objects.all(), query)}


def test_lemmas_meet_across_inflection_and_diacritics():
    assert lemmas("przebudowy dróg gminnych w Ślesinie") == lemmas("Przebudowa drogi gminnej Ślesin")
    assert "konin" in lemmas("projekty w Koninie")  # a place, not horse meat


def test_inflected_words_find_the_project(corpus):
    assert titles("drogi w Ślesinie") == {"Przebudowa drogi gminnej w Ślesinie"}
    assert titles("drogi w slesinie") == {"Przebudowa drogi gminnej w Ślesinie"}  # without Polish letters
    assert titles("termomodernizacji szkoły") == {"Termomodernizacja szkół podstawowych"}
    assert titles("Ślesin") == {"Przebudowa drogi gminnej w Ślesinie", "Ścieżka rowerowa Kleczew – Ślesin"}
    assert titles("rowerowej Kleczewie") == {"Ścieżka rowerowa Kleczew – Ślesin"}
    assert titles("basen") == set()


def test_konin_in_any_form_finds_the_town_not_horse_meat(area):
    """The lemmatiser takes "Konin" for a form of "konina": the town's name in the nominative then missed the
    projects "w Koninie", and the other way round."""
    add("Rewitalizacja centrum w Koninie")
    add("Ścieżka rowerowa Konin – Ślesin")
    both = {"Rewitalizacja centrum w Koninie", "Ścieżka rowerowa Konin – Ślesin"}

    assert titles("Konin") == both
    assert titles("Koninie") == both
    assert titles("rewitalizacja Konin") == {"Rewitalizacja centrum w Koninie"}


@pytest.mark.postgres
def test_a_typo_finds_the_project_on_postgresql(corpus):
    assert titles("Termomodernizajca") == {"Termomodernizacja szkół podstawowych"}


def test_facets_count_what_each_value_would_show(client, corpus):
    page = client.get(reverse("portal:projects") + "?fundusz=EFRR").content.decode()
    assert "Znalezione projekty: 2" in page
    # the fund facet counts over the other filters only: FST still offered with its count
    assert 'FST <span class="count">(1)</span>' in page
    assert 'Ślesin <span class="count">(2)</span>' in page
    narrowed = client.get(reverse("portal:projects") + "?fundusz=EFRR&gmina=3010043&q=rower").content.decode()
    assert "Znaleziono 1 projekt" in narrowed and "Ścieżka rowerowa Kleczew – Ślesin" in narrowed
    assert 'name="gmina" value="3010043"' in narrowed  # the chosen facets stay when the words change


@pytest.mark.parametrize(
    "query",
    [
        "q=Ślesin",
        "q=Ślesin&gmina=3010043",
        "q=Ślesin&fundusz=EFRR&rok=2025",
        "q=Ślesin&cel=C2&stan=running",
        "q=szkoły&gmina=3010123",
        "q=Ślesin&spoleczny=tak",
        "q=Ślesin&spoleczny=tak&gmina=3010043",
    ],
)
def test_a_search_counts_its_facets_as_the_database_would(corpus, query):
    """The one-pass count of a search's hits gives what a query per facet gives."""
    from django.http import QueryDict

    from zit.portal import catalogue

    filters = catalogue.Filters.from_query(QueryDict(query))
    in_python = catalogue._facets_of_hits(filters)
    shown = catalogue.projects_for_catalogue(filters)
    in_sql = catalogue._facets_in_sql(filters) | {"count": shown.count(), "totals": catalogue.totals(shown)}
    assert in_python == in_sql
    assert in_python["count"] == len({p.pk for p in shown})


def test_the_search_index_follows_every_write_on_sqlite(corpus):
    """Migrations that rebuild the table on SQLite must keep the triggers that feed the full-text index."""
    from django.db import connection

    if connection.vendor != "sqlite":
        return  # PostgreSQL indexes the column itself
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'opendata_search_%'"
        )
        assert {row[0] for row in cursor.fetchall()} == {
            "opendata_search_ai",
            "opendata_search_ad",
            "opendata_search_au",
        }
    corpus["szkola"].search_lemmas = index_text("Basen miejski")
    corpus["szkola"].save()
    assert titles("basen") == {"Termomodernizacja szkół podstawowych"}


def test_search_page_and_empty_state(client, corpus):
    page = client.get(reverse("portal:projects") + "?q=drogi+w+%C5%9Alesinie").content.decode()
    assert "Przebudowa drogi gminnej w Ślesinie" in page and "Termomodernizacja" not in page
    assert (
        "Nie ma projektów spełniających te warunki"
        in client.get(reverse("portal:projects") + "?q=basen").content.decode()
    )
    assert (
        client.get(reverse("portal:projects") + "?rok=abc&sortuj=zle").status_code == 200
    )  # bad parameters are ignored


def test_project_page_with_its_facts_and_metadata(client, corpus):
    rower = corpus["rower"]
    page = client.get(reverse("portal:project", args=[rower.key])).content.decode()
    assert "Ścieżka rowerowa Kleczew – Ślesin" in page and "C2 Dostępność" in page
    assert 'property="og:title"' in page and '"@type": "Project"' in page and '"latitude": 52.37' in page
    assert client.get(reverse("portal:project", args=["nie-ma-takiego"])).status_code == 404


def test_map_points_and_clusters(client, corpus, monkeypatch):
    from zit.portal import map_views

    data = client.get(reverse("portal:map_points") + "?bbox=17,51,19,53&zoom=10").json()
    assert data["numberMatched"] == 1 and data["features"][0]["properties"]["key"] == corpus["rower"].key
    assert (
        client.get(reverse("portal:map_points") + "?bbox=17,51,19,53&zoom=10&q=basen").json()["numberMatched"]
        == 0
    )
    assert client.get(reverse("portal:map_points") + "?bbox=19,53,17,51").status_code == 400
    for i in range(5):
        add(f"Projekt {i}", point=(18.30 + i * 0.001, 52.37))
    monkeypatch.setattr(map_views, "MAX_POINTS", 3)
    clustered = client.get(reverse("portal:map_points") + "?bbox=17,51,19,53&zoom=8").json()
    assert all(f["properties"]["cluster"] for f in clustered["features"])
    assert sum(f["properties"]["count"] for f in clustered["features"]) == 6


HUGE = "99999999999999999999"  # past the 64-bit range of both databases


@pytest.mark.parametrize(
    "url",
    [
        f"{reverse('portal:projects')}?strona={HUGE}",
        reverse("portal:projects") + "?strona=-1",
        reverse("portal:projects") + "?strona=²",
        f"{reverse('portal:projects')}?rok={HUGE}",
        reverse("portal:projects") + "?rok=²",  # a digit to str.isdigit(), not to int()
        f"{reverse('portal:map_points')}?zoom={HUGE}",
        reverse("portal:map_points") + "?zoom=²",
        f"{reverse('portal:strategy')}?wersja={HUGE}",
        reverse("portal:strategy") + "?wersja=²",
    ],
)
def test_odd_numbers_in_the_address_are_ignored_not_an_error(client, corpus, url):
    assert client.get(url).status_code == 200


def test_a_page_past_the_end_shows_the_last_page(client, corpus):
    page = client.get(f"{reverse('portal:projects')}?strona={HUGE}").content.decode()
    assert "Przebudowa drogi gminnej w Ślesinie" in page


def test_map_page_has_a_table_alternative(client, corpus):
    page = client.get(reverse("portal:map") + "?fundusz=EFRR").content.decode()
    assert "Dofinansowanie UE w gminach" in page and "Ślesin" in page
    assert "Mapa pokazuje projekty spełniające wybrane filtry" in page


def test_sitemap_and_robots(client, corpus):
    index = client.get("/sitemap.xml").content.decode()
    assert "sitemap-projekty.xml" in index
    projects = client.get("/sitemap-projekty.xml").content.decode()
    assert reverse("portal:project", args=[corpus["droga"].key]) in projects
    robots = client.get("/robots.txt").content.decode()
    assert "Disallow: /biuro/" in robots and "Sitemap: http://testserver/sitemap.xml" in robots


def test_the_catalogue_is_rebuilt_from_the_platform(funding_demo):
    from zit.opendata.refresh import catalogue_refresh
    from zit.projects.demo import load_project_demo
    from zit.projects.models import ProjectCard
    from zit.strategy.reference import load_strategy

    load_strategy()
    load_project_demo()
    count = catalogue_refresh()
    public = ProjectCard.objects.filter(
        state__in=[
            "listed_main",
            "listed_reserve",
            "application_filed",
            "opinion_issued",
            "selected",
            "contracted",
            "terminated",
        ]
    )
    assert CatalogueProject.objects.filter(card__isnull=False).count() == public.count()
    assert count >= public.count()
    assert not CatalogueProject.objects.filter(card__state="draft").exists()
    for project in CatalogueProject.objects.prefetch_related("gmina_links__unit", "goal_links"):
        assert project.gmina_codes.split() == sorted({link.unit.terc for link in project.gmina_links.all()})
        assert project.goal_codes.split() == sorted({link.code for link in project.goal_links.all()})
        if project.lon is not None:
            assert project.min_lon <= project.lon <= project.max_lon


def test_repeated_requests_answer_not_modified(client, corpus):
    first = client.get(reverse("portal:projects") + "?q=Ślesin")
    stamp = first["Last-Modified"]
    assert (
        client.get(reverse("portal:projects") + "?q=Ślesin", HTTP_IF_MODIFIED_SINCE=stamp).status_code == 304
    )
    assert (
        client.get(reverse("portal:map_points") + "?zoom=9", HTTP_IF_MODIFIED_SINCE=stamp).status_code == 304
    )
    import datetime as dt

    from django.utils import timezone

    changed = add("Nowy projekt")  # HTTP dates have whole seconds: the change is dated a little later
    CatalogueProject.objects.filter(pk=changed.pk).update(updated_at=timezone.now() + dt.timedelta(seconds=5))
    assert (
        client.get(reverse("portal:projects") + "?q=Ślesin", HTTP_IF_MODIFIED_SINCE=stamp).status_code == 200
    )


def test_counts_are_kept_per_catalogue_version(client, corpus, django_assert_max_num_queries):
    client.get(reverse("portal:projects") + "?fundusz=EFRR")
    # the version (for Last-Modified, then for the cache), the site header, the page's ids, its rows
    with django_assert_max_num_queries(5):
        page = client.get(reverse("portal:projects") + "?fundusz=EFRR").content.decode()
    assert "Znalezione projekty: 2" in page
    add("Przebudowa drogi w Kleczewie", fund="EFRR")  # a new version of the catalogue: counted again
    assert (
        "Znalezione projekty: 3" in client.get(reverse("portal:projects") + "?fundusz=EFRR").content.decode()
    )


def test_the_project_page_shows_progress_and_the_resolution_approving_its_list(
    client, funding_demo, settings, tmp_path
):
    """The demo Rada's resolution is not about the list; a published resolution approving a list version
    with the card links from the project's page."""
    from django.core.files.base import ContentFile

    from zit.association.models import Body
    from zit.core.signed import signed_document_upload
    from zit.funding.selectors import agreement_current
    from zit.governance import meetings, resolutions, votes
    from zit.governance.demo import _representatives, sample_pdf
    from zit.governance.models import Ballot
    from zit.opendata.refresh import catalogue_refresh
    from zit.projects import lists
    from zit.projects.demo import load_project_demo
    from zit.projects.models import ProjectCard
    from zit.strategy.reference import load_strategy

    settings.MEDIA_ROOT = tmp_path
    load_strategy()
    load_project_demo()
    _representatives()
    rada = Body.objects.get(slug="rada")
    approved = lists.ListVersion.objects.get(status="approved")
    version = lists.list_version_create(
        actor=None, agreement=agreement_current(), rate_date=approved.rate_date
    )
    lists.list_annex_update_set(actor=None, version=version, significant=False)
    from governance.meeting_fixtures import open_meeting

    meeting = open_meeting(rada)
    resolution = resolutions.resolution_save(
        actor=None,
        body=rada,
        kind="project_list",
        list_version=version,
        subject="zatwierdzenia listy",
        text="Tekst.",
    )
    meetings.agenda_item_save(actor=None, meeting=meeting, title="Lista", resolution=resolution)
    vote = votes.vote_start(actor=None, resolution=resolution)
    for ballot in vote.ballots.exclude(choice=Ballot.Choice.ABSENT):
        votes.ballot_record(actor=None, vote=vote, seat=ballot.seat, choice=Ballot.Choice.FOR)
    resolution = votes.vote_close(actor=None, vote=vote)
    version.refresh_from_db()
    assert resolution.effect == "applied" and version.is_approved  # the register's resolution approved it
    document = resolutions.resolution_document_generate(actor=None, resolution=resolution)
    signed_document_upload(actor=None, document=document, file=ContentFile(sample_pdf("x"), name="u.pdf"))
    resolutions.resolution_publish(actor=None, resolution=resolution, prepared_by="Biuro")
    catalogue_refresh()
    listed = version.entries.first().card
    page = client.get(reverse("portal:project", args=[listed.catalogue_entry.key])).content.decode()
    assert f"Uchwała nr {resolution.number} Rady w sprawie zatwierdzenia listy" in page
    running = ProjectCard.objects.get(state="contracted", contract__final_payment_on__isnull=True)
    entry = running.catalogue_entry
    assert entry.spent_pln is not None and entry.spent_pln > 0  # the demo's noted progress information
    assert (
        "Postęp: dofinansowanie wykazane w informacjach o postępie"
        in client.get(reverse("portal:project", args=[entry.key])).content.decode()
    )


def test_the_catalogue_follows_the_platform_every_hour(funding_demo, dummy_backend):  # noqa: F811
    """A card that reaches the list after the last rebuild appears once the recurring job has run."""
    from zit.core.jobs import handler_for, job_start, recurring_kinds
    from zit.projects.demo import load_project_demo
    from zit.strategy.reference import load_strategy

    assert recurring_kinds()["opendata.catalogue_refresh"].total_seconds() == 3600
    load_strategy()
    load_project_demo()
    assert CatalogueProject.objects.count() == 0
    job = job_start(actor=None, kind="opendata.catalogue_refresh", title="Odświeżenie katalogu")
    result = handler_for("opendata.catalogue_refresh")(job, lambda *a, **k: None)
    assert result["projects"] == CatalogueProject.objects.count() > 0


def test_the_project_page_shows_its_social_dimension(client, social_demo):  # noqa: F811
    page = client.get(reverse("portal:project", args=["fiszka-1-2025-001"])).content.decode()
    assert "Wymiar społeczny" in page
    assert "Spółdzielnia Socjalna „Zielona Przystań” (demo)</span> (spółdzielnia socjalna)" in page
    assert "zamówienie zastrzeżone (art. 94 Pzp)" in page
    running = client.get(reverse("portal:project", args=["fiszka-1-2025-014"])).content.decode()
    assert "udzielone zamówienie: 112\xa0800,00\xa0zł" in running
    assert "(podmiot ekonomii społecznej)" in running
    assert 'zrezygnowano: <span lang="pl">Oznakowanie wykona gmina' in running
    # a project without a social dimension shows no empty section
    assert (
        "Wymiar społeczny"
        not in client.get(reverse("portal:project", args=["fiszka-1-2025-002"])).content.decode()
    )


def test_the_social_facet_narrows_to_projects_with_a_pes_partner_or_a_clause(client, db):
    add("Przebudowa drogi w Golinie")
    add("Przebudowa drogi w Kleczewie", social=True)
    add("Ścieżka rowerowa", social=True, fund="EFS+")
    page = client.get(reverse("portal:projects")).content.decode()
    assert "Wymiar społeczny" in page
    assert (
        'partner – podmiot ekonomii społecznej lub klauzula społeczna <span class="count">(2)</span>' in page
    )
    assert (
        "Znalezione projekty: 2" in client.get(reverse("portal:projects") + "?spoleczny=tak").content.decode()
    )
    # a search counts its hits in Python: the same facet, the same narrowing
    searched = client.get(reverse("portal:projects") + "?q=drogi").content.decode()
    assert 'lub klauzula społeczna <span class="count">(1)</span>' in searched
    assert (
        "Znaleziono 1 projekt"
        in client.get(reverse("portal:projects") + "?q=drogi&spoleczny=tak").content.decode()
    )
    assert (
        "Znalezione projekty: 3"
        in client.get(reverse("portal:projects") + "?spoleczny=cokolwiek").content.decode()
    )


def test_a_deep_page_shows_the_right_projects_in_order(client, area):
    for number in range(45):
        add(f"Projekt numer {number:02d}", year=2020 + number % 5)
    expected = [p.title for p in CatalogueProject.objects.order_by("-year", "-id")][40:45]
    page = client.get(reverse("portal:projects") + "?strona=3").content.decode()
    positions = [page.index(title) for title in expected]
    assert positions == sorted(positions)
    assert all(
        title not in page
        for title in [p.title for p in CatalogueProject.objects.order_by("-year", "-id")][:40]
    )
    by_title = client.get(reverse("portal:projects") + "?strona=2&sortuj=tytul").content.decode()
    assert (
        "Projekt numer 20" in by_title
        and "Projekt numer 39" in by_title
        and "Projekt numer 40" not in by_title
    )
