import pytest

from zit.projects.models import CardPartner, SocialClause


@pytest.fixture
def social_demo(funding_demo, settings, tmp_path):
    """The demo projects with their social dimension, in the public catalogue."""
    from zit.opendata.refresh import catalogue_refresh
    from zit.projects.demo import load_project_demo
    from zit.projects.demo_social import load_social_demo
    from zit.strategy.reference import load_strategy

    settings.MEDIA_ROOT = tmp_path
    load_strategy()
    load_project_demo()
    created = load_social_demo()
    catalogue_refresh()
    return created


def test_the_demo_is_labelled_and_loads_once(social_demo):
    from zit.projects.demo_social import PES_NAME, load_social_demo

    assert social_demo == SocialClause.objects.count() == 8
    assert load_social_demo() == 0
    assert all("(demo)" in c.subject and c.card.is_demo for c in SocialClause.objects.select_related("card"))
    partner = CardPartner.objects.get(organisation__name=PES_NAME, card__state="listed_main")
    assert partner.organisation.is_demo
    assert partner.organisation.social_economy_entity.kind == "social_cooperative"
    # the budget still adds up to the card's totals after the PES joined a listed card
    card = partner.card
    assert sum(line.total_pln for line in card.budget_lines.all()) == card.total_pln
    assert sum(line.eu_pln for line in card.budget_lines.all()) == card.eu_pln
    from zit.opendata.models import CatalogueProject

    # in the catalogue: the listed card with the PES partner and clauses, the two contracted ones with clauses
    assert set(CatalogueProject.objects.filter(social=True).values_list("key", flat=True)) == {
        "fiszka-1-2025-001",
        "fiszka-1-2025-014",
        "fiszka-1-2025-015",
    }
    assert set(SocialClause.objects.values_list("state", flat=True)) == {
        "planned",
        "announced",
        "awarded",
        "cancelled",
    }


def test_the_demo_pes_coexists_with_an_entity_made_elsewhere(funding_demo):
    from zit.organisations.models import Organisation
    from zit.projects.demo_social import PES_NAME, demo_pes
    from zit.social_economy.models import Entity

    made = Organisation.objects.create(name=PES_NAME, kind="social_economy", is_demo=True)
    Entity.objects.create(organisation=made, kind="cis", description="Opis z innego wczytania (demo).")
    assert demo_pes() == made
    assert Entity.objects.get(organisation=made).kind == "cis"  # left as it was
