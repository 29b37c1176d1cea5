import datetime as dt
from decimal import Decimal

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_the_office_sees_a_members_share_change_when_a_card_is_listed(page, site, login):
    from zit.association.models import Member
    from zit.core.models import DecisionReference
    from zit.funding.models import AllocationLine
    from zit.funding.selectors import agreement_current
    from zit.funding.shares import TableRow, allocation_key_adopt
    from zit.projects.demo import load_project_demo
    from zit.projects.list_shares import office_table
    from zit.projects.models import ListEntry, ProjectCard

    load_project_demo()
    accepted = ProjectCard.objects.get(state="accepted", round__number="1/2025")
    member = Member.objects.get(organisation=accepted.beneficiary)
    login("biuro")
    page.goto(f"{site}/biuro/projekty/lista/")
    page.get_by_label("Data kursu euro").fill("2025-03-31")
    page.get_by_role("button", name="Utwórz wersję roboczą").click()
    expect(page.locator("h1")).to_contain_text("wersja 2")
    taken = sum(e.eu_eur for e in ListEntry.objects.filter(version__number=2, position="main"))
    AllocationLine.objects.filter(measure=accepted.measure, fund=accepted.fund).update(
        amount_eur=taken + 1_000_000
    )
    # the Rada's key gives the member EUR 100,000 more than it has listed: the card does not fit in it
    agreement = agreement_current()
    listed = office_table(agreement).of(member).listed_eur
    share = listed + Decimal("100000")
    rows = [
        TableRow(m, amount_eur=share if m == member else Decimal(0))
        for m in Member.objects.exclude(kind=Member.Kind.CITY)
    ]
    rows.append(TableRow(Member.objects.get(kind=Member.Kind.CITY), amount_eur=agreement.total_eur - share))
    decision = DecisionReference.objects.create(
        issuer_kind=DecisionReference.IssuerKind.ASSOCIATION_BODY,
        issuer_name="Rada Stowarzyszenia",
        number="4/2025",
        date=dt.date(2025, 1, 10),
    )
    allocation_key_adopt(
        actor=None,
        agreement=agreement,
        method="negotiated",
        valid_from=dt.date(2025, 1, 10),
        decision=decision,
        table=rows,
    )

    page.goto(f"{site}/biuro/projekty/udzialy-czlonkow/")
    row = page.locator(f"#member-{member.slug}")
    expect(row).to_contain_text("100 000,00 EUR")  # free before the card
    page.goto(f"{site}/biuro/projekty/lista/")
    page.get_by_role("link", name="wersja 2").click()
    page.get_by_label("Fiszka").select_option(value=str(accepted.pk))
    page.get_by_role("radio", name="podstawowa").check()
    page.get_by_role("button", name="Dodaj do listy").click()
    expect(page.locator(".error-summary")).to_contain_text(f"przekracza udział członka {member}")
    page.get_by_label("Fiszka").select_option(value=str(accepted.pk))
    page.get_by_role("radio", name="podstawowa").check()
    page.get_by_label("Uzasadnienie przekroczenia udziału członka").fill("Projekt kluczowy dla obszaru.")
    page.get_by_role("button", name="Dodaj do listy").click()
    expect(page.locator(".messages")).to_contain_text("Dodano")

    entry = ListEntry.objects.get(version__number=2, card=accepted)
    page.goto(f"{site}/biuro/projekty/udzialy-czlonkow/")
    row = page.locator(f"#member-{member.slug}")
    expect(row).to_contain_text("przekroczony")
    page.get_by_role("link", name=str(member)).click()
    expect(page.locator("#member-listed")).to_contain_text(
        f"{listed + entry.eu_eur:,.2f}".replace(",", " ").replace(".", ",")
    )
    expect(page.locator("#member-free")).to_contain_text("udział przekroczony")
    expect(page.locator("main")).to_contain_text("Projekt kluczowy dla obszaru.")
