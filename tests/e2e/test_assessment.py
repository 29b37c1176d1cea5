from decimal import Decimal

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


@pytest.fixture
def assigned(site):
    """The demo round 1/2025 with scoring and criteria; its accepted card assigned to the demo assessor, who
    has not signed the declaration yet."""
    from zit.accounts.models import User
    from zit.assessment import services
    from zit.assessment.criteria import criteria_set_save
    from zit.assessment.demo import CRITERIA
    from zit.projects.demo import load_project_demo
    from zit.projects.models import ProjectCard, Round
    from zit.projects.services import round_save

    load_project_demo()
    past = Round.objects.get(number="1/2025")
    round_save(actor=None, round=past, measures=list(past.measures.all()), scoring=True)
    criteria_set_save(
        actor=None, round=past, pass_threshold=Decimal(40), third_share=Decimal("0.30"), criteria=CRITERIA
    )
    card = ProjectCard.objects.get(round=past, state="accepted")
    return services.assignment_add(actor=None, card=card, assessor=User.objects.get(username="oceniajacy"))


def test_assessor_declares_impartiality_and_scores_a_card(page, site, login, assigned):
    card = assigned.card
    login("oceniajacy")
    page.get_by_role("link", name="Moje oceny").click()  # on the dashboard
    expect(page.locator("h1")).to_have_text("Moje oceny")
    expect(page.locator("main")).not_to_contain_text(card.title)  # nothing of the card before the declaration

    page.get_by_role("link", name="Podpisz oświadczenie o bezstronności").click()
    expect(page.locator("#text-title")).to_have_text("Treść oświadczenia")
    page.get_by_role("button", name="Podpisz oświadczenie").click()
    expect(page.locator(".error-summary")).to_contain_text("Zaznacz, że składasz to oświadczenie.")
    page.get_by_label("Potwierdzam powyższe oświadczenie").check()
    page.get_by_role("button", name="Podpisz oświadczenie").click()
    expect(page.locator(".messages")).to_contain_text("Podpisano oświadczenie dla naboru 1/2025")

    page.get_by_role("link", name=card.number).click()
    expect(page.locator(".lead")).to_contain_text(card.title)
    expect(page.locator("#card-title + dl")).to_contain_text(str(card.beneficiary))
    for n in (1, 2):
        page.get_by_role("group", name=f"{n}. ").get_by_label("tak").check()
    page.get_by_label("3. Wpływ na mobilność").fill("8")
    page.get_by_label("4. Partnerstwo").fill("6")
    page.get_by_label("5. Efektywność kosztowa").fill("2")
    page.get_by_role("button", name="Zapisz szkic").click()
    expect(page.locator(".messages")).to_contain_text("Zapisano szkic oceny")
    expect(page.get_by_label("3. Wpływ na mobilność")).to_have_value("8")

    page.get_by_role("button", name="Złóż ocenę").click()
    summary = page.locator(".error-summary")
    expect(summary).to_contain_text("Uzasadnij ocenę poniżej minimum (3 pkt).")
    for name in ("Zgodność", "Gotowość", "Wpływ", "Partnerstwo", "Efektywność"):
        page.get_by_label(f"Uzasadnienie: {name}").fill(f"Uzasadnienie kryterium {name.lower()} (test).")
    page.get_by_role("button", name="Złóż ocenę").click()
    expect(page.locator(".messages")).to_contain_text(f"Złożono ocenę fiszki {card.number}")
    expect(page.locator("main")).to_contain_text("złożona")

    assigned.refresh_from_db()
    assert assigned.submitted
    page.goto(f"{site}/biuro/ocena/fiszki/{assigned.pk}/")
    expect(page.locator("caption")).to_contain_text("suma ważona 40")  # 3×8 + 2×6 + 2×2
