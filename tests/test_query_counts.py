"""Every list page and API collection costs the same number of queries whatever its number of rows.

For each list (HTML page, feed or API collection), the test signs in as a role that sees it, requests it with
the rows the fixtures made, adds more rows with the factories, requests it again and compares the number of
queries (both requests warmed up once, so caches are equally full). A count that grows with the rows is an
N+1 in the page's selector: fix it there (select_related, prefetch_related, an annotation).

`test_every_list_page_is_covered` finds the list-type URLs by name (plural names, `list`, feeds and the like)
and fails on one that is neither in CASES nor in NOT_LISTS, so a new list page comes with its check.
One test walks all the lists: the reference data then loads once.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from factories import (
    assessment,
    association,
    contracts,
    core,
    fees,
    funding,
    governance,
    monitoring,
    opendata,
    organisations,
    projects,
    public_information,
    records,
    social_economy,
    strategy,
    territory,
)

MORE = 3  # rows added between the two requests


@dataclass
class Case:
    add: Callable[[dict, int], list[str]] | None  # makes n more rows; returns texts the page then shows
    role: str | None = "office_admin"  # None: anonymous (public pages, the API)
    args: Callable[[dict], list] = field(default=lambda ctx: [])
    query: str = ""
    # for lists of bundled reference rows (real TERC units, the strategy): no rows are added, the second
    # request asks for a longer page of them instead
    more_query: str = ""


def _each(make, text: Callable = str):
    def add(ctx, n):
        return [text(make(ctx)) for _ in range(n)]

    return add


def _processing_activity(ctx):
    from zit.privacy.models import ProcessingActivity

    n = next(_samples)
    return ProcessingActivity.objects.create(
        key=f"czynnosc-{n}",
        name=f"Czynność wzorcowa {n}",
        purposes="Cel.",
        legal_basis="Art. 6 ust. 1 lit. c RODO.",
        data_subjects="Osoby.",
        data_categories="Imię i nazwisko.",
        recipients="Nikt.",
        retention="Rok.",
        erasure_rules=["strategy.commenters"],
        security_measures="Hasła.",
    )


def _published_entity(ctx):
    return social_economy.EntityFactory(published=True)


def _card(ctx):
    return projects.ProjectCardFactory(round=ctx["round"], state="submitted")


_samples = itertools.count(1)


def _sample_organisation(ctx):
    """An organisation a search finds among the many the other factories make."""
    n = next(_samples)  # with a KRS entry: the API publishes only organisations of public record
    return organisations.OrganisationFactory(name=f"Organizacja wzorcowa {n}", krs=f"{n:010d}")


def _scored_card(ctx):
    return projects.ProjectCardFactory(round=ctx["scored_round"])


def _catalogue_row(ctx):
    return opendata.CatalogueProjectFactory(lon=18.25, lat=52.22)


def _strategy_indicator(ctx):
    """An indicator on a goal of the version the API publishes (the loaded strategy)."""
    from zit.opendata.rows import strategy_version

    version = strategy_version()
    return strategy.TargetIndicatorFactory(version=version, goal=version.goals.order_by("pk").first())


def _progress_undertaking_key(ctx) -> str:
    """An undertaking of the version the public reads (the loaded strategy)."""
    from zit.portal.progress import version_public

    if "undertaking_key" not in ctx:
        ctx["undertaking_key"] = version_public().undertakings.order_by("order", "code").first().key
    return ctx["undertaking_key"]


def _undertaking_project(ctx):
    """A contract (with a correction and noted progress) whose card serves the undertaking and is public."""
    from zit.projects.models import CardUndertaking

    contract = _contract(ctx)
    CardUndertaking.objects.create(card=contract.card, key=_progress_undertaking_key(ctx))
    return opendata.CatalogueProjectFactory(card=contract.card)


def _fee_assessment(ctx):
    return fees.FeeAssessmentFactory(rule=ctx["fee_rule"])


def _fee_arrears(ctx):
    """A member who owes the year's fee after its due date, reminded once already."""
    assessment = _fee_assessment(ctx)
    fees.FeeReminderFactory(member=assessment.member, year=assessment.year)
    return assessment


def _contract(ctx):
    """A contract in force with a correction and an accepted report of expenditure and indicator values."""
    contract = contracts.ContractFactory()
    contracts.CorrectionFactory(contract=contract)
    contracts.ProgressReportFactory(contract=contract, noted=True)
    return contract


def _contract_warned(ctx):
    """A contract whose milestone is overdue and whose progress information waits for the office to take note."""
    contract = contracts.ContractFactory()
    contracts.ProgressReportFactory(
        contract=contract,
        submitted=True,
        submitted_at=timezone.now() - dt.timedelta(days=30),
    )
    return contract


def _social_project(ctx):
    """A contracted card with a partner and a reserved contract awarded, both social-economy entities."""
    clause = projects.SocialClauseFactory(awarded=True)
    projects.CardPartnerFactory(card=clause.card, organisation=social_economy.EntityFactory().organisation)
    return clause


def _progress_count(ctx):
    """How many projects the strategy's target of the contracts' indicator counts (the API's `projects`)."""
    from zit.contracts.models import ContractIndicator

    targets = ContractIndicator.objects.filter(
        indicator__code=contracts.STRATEGY_INDICATOR, contract__terminated_on__isnull=True
    )
    return f'"projects": {targets.count()}'


def _published_opinion(ctx):
    """An issued compliance opinion in a call whose rules let it be published once issued."""
    from django.db.models import Max

    from zit.projects.models import ComplianceOpinion

    card = projects.ProjectCardFactory()
    call = projects.CallFactory(opinions_published="after_issue")
    sequence = (ComplianceOpinion.objects.filter(year=2026).aggregate(m=Max("sequence"))["m"] or 0) + 1
    return ComplianceOpinion.objects.create(
        card=card,
        call=call,
        year=2026,
        sequence=sequence,
        state="issued",
        compliant=True,
        issued_on=dt.date(2026, 6, 1),
        created_by_label="biuro",
    )


def _all(make, texts: Callable[[dict], list[str]]):
    """For lists of figures, not of rows: the texts are read once all the rows are made."""

    def add(ctx, n):
        for _ in range(n):
            make(ctx)
        return texts(ctx)

    return add


def _iz_feed(ctx):
    """The one source whose history of imports grows."""
    if "iz_feed" not in ctx:
        ctx["iz_feed"] = contracts.IzFeedFactory()
    return ctx["iz_feed"]


FEE_YEAR = 2026

CASES: dict[str, Case] = {
    # the office
    "association:members": Case(_each(lambda ctx: association.MemberFactory(), lambda m: m.name)),
    "association:organisations": Case(_each(_sample_organisation, lambda o: o.name), query="?q=wzorcowa"),
    "association:people": Case(_each(lambda ctx: association.PersonFactory(), lambda p: p.last_name)),
    "association:bodies": Case(_each(lambda ctx: association.MandateFactory().body, lambda b: b.name)),
    "core:audit": Case(_each(lambda ctx: core.AuditEventFactory(), lambda e: e.object_repr)),
    "core:jobs": Case(_each(lambda ctx: core.JobFactory(), lambda j: j.title)),
    "notices:list": Case(
        _each(lambda ctx: core.NoticeFactory(recipient=ctx["users"]["office_admin"]), lambda n: n.title)
    ),
    "funding:rates": Case(
        _each(lambda ctx: funding.ExchangeRateFactory(), lambda r: r.table), query="?seria=nbp_a"
    ),
    "funding:indicators": Case(
        _each(lambda ctx: funding.IndicatorFactory(), lambda i: i.code), query="?q=Wska%C5%BAnik+testowy"
    ),
    "strategy:versions": Case(_each(lambda ctx: strategy.StrategyVersionFactory(), lambda v: v.label)),
    "projects:rounds": Case(_each(lambda ctx: projects.RoundFactory(), lambda r: r.title)),
    "projects:cards": Case(_each(_card, lambda c: c.title)),
    "projects:cards_in_round": Case(_each(_card, lambda c: c.title), args=lambda ctx: [ctx["round"].pk]),
    "governance:meetings": Case(_each(lambda ctx: governance.MeetingFactory(), lambda m: m.place)),
    "governance:resolutions": Case(_each(lambda ctx: governance.ResolutionFactory(), lambda r: r.subject)),
    "social_economy:entities": Case(
        _each(lambda ctx: social_economy.EntityFactory(), lambda e: e.organisation.name)
    ),
    "social_economy:requests": Case(
        _each(lambda ctx: social_economy.ListingRequestFactory(), lambda r: r.name)
    ),
    "social_economy:offer": Case(_each(lambda ctx: social_economy.SupportOfferFactory(), lambda o: o.title)),
    "governance:documents": Case(_each(lambda ctx: governance.PublicDocumentFactory(), lambda d: d.title)),
    "governance:opinions": Case(_each(lambda ctx: governance.AdvisoryOpinionFactory(), lambda o: o.text)),
    "governance:years": Case(_each(lambda ctx: governance.AssociationYearFactory(), lambda y: f">{y.year}<")),
    "governance:voting_rules": Case(_each(lambda ctx: governance.VotingRuleFactory(), lambda r: r.body.name)),
    "public_information:list": Case(
        _each(lambda ctx: public_information.InformationRequestFactory(), lambda r: r.number)
    ),
    "records:disposals": Case(_each(lambda ctx: records.DisposalListFactory(), lambda d: d.number)),
    "records:holds": Case(_each(lambda ctx: records.RetentionHoldFactory(), lambda h: h.reason)),
    "projects:calls": Case(_each(lambda ctx: projects.CallFactory(), lambda c: c.number)),
    "projects:lists": Case(_each(lambda ctx: projects.ListVersionFactory(), lambda v: f"{v.number}")),
    "projects:list": Case(
        _each(
            lambda ctx: projects.ListEntryFactory(version=ctx["list"], card=_card(ctx)),
            lambda e: e.card.title,
        ),
        args=lambda ctx: [ctx["list"].pk],
    ),
    "assessment:assignments": Case(
        _each(lambda ctx: assessment.AssignmentFactory(card=_scored_card(ctx)), lambda a: a.card.title),
        args=lambda ctx: [ctx["scored_round"].pk],
    ),
    "assessment:ranking": Case(
        _each(lambda ctx: assessment.AssignmentFactory(card=_scored_card(ctx)), lambda a: a.card.title),
        args=lambda ctx: [ctx["scored_round"].pk],
    ),
    "assessment:mine": Case(
        _each(
            lambda ctx: assessment.AssignmentFactory(
                card=_scored_card(ctx), assessor=ctx["users"]["assessor"]
            ),
            lambda a: a.card.title,
        ),
        role="assessor",
    ),
    "territory:diagnosis": Case(_each(lambda ctx: territory.ObservationFactory().variable, lambda v: v.name)),
    "opendata_office:unplaced": Case(
        _each(
            lambda ctx: opendata.CatalogueProjectFactory(unplaced_places=["Wólka Testowa"]), lambda p: p.title
        )
    ),
    "fees:rules": Case(
        _each(lambda ctx: fees.FeeRuleKindRateFactory(rule__adopted=True).rule, lambda r: str(r))
    ),
    "fees:assessments": Case(_each(_fee_assessment, lambda a: a.member.name), query=f"?rok={FEE_YEAR}"),
    "fees:payments": Case(_each(lambda ctx: fees.FeePaymentFactory(matched=True), lambda p: p.payer_name)),
    "fees:review": Case(_each(lambda ctx: fees.FeePaymentFactory(from_bank=True), lambda p: p.payer_name)),
    "fees:statements": Case(_each(lambda ctx: fees.HeldBankLineFactory().statement, lambda s: s.file_name)),
    "fees:reminders": Case(_each(_fee_arrears, lambda a: a.member.name), query=f"?rok={FEE_YEAR}"),
    "monitoring:reports": Case(_each(lambda ctx: monitoring.AnnualReportFactory(), lambda r: str(r.year))),
    "monitoring:projects": Case(_each(_contract, lambda c: c.number)),
    "monitoring:warnings": Case(_each(_contract_warned, lambda c: c.card.title)),
    "monitoring:indicators": Case(_each(_contract, lambda c: c.number)),
    # the page shows sums, not the projects: no text of a row to look for
    "monitoring:social": Case(_all(_social_project, lambda ctx: [])),
    "contracts:published_imports": Case(
        _each(lambda ctx: contracts.PublishedImportFactory(), lambda b: b.file_name)
    ),
    "contracts:reconciliations": Case(
        _each(lambda ctx: contracts.DifferenceFactory().reconciliation, lambda r: r.file_name)
    ),
    # the public site
    "portal:projects": Case(
        _each(lambda ctx: opendata.CatalogueProjectFactory(), lambda p: p.title), role=None
    ),
    # sums of the contracts, not rows of them: no text of a row to look for
    "portal:progress": Case(_all(_undertaking_project, lambda ctx: []), role=None),
    "portal:progress_money": Case(_all(_contract, lambda ctx: []), role=None),
    "portal:progress_undertaking": Case(
        _each(_undertaking_project, lambda p: p.title),
        role=None,
        args=lambda ctx: [_progress_undertaking_key(ctx)],
    ),
    "portal:opinions": Case(_each(_published_opinion, lambda o: o.card.title), role=None),
    "portal:bip_register_year": Case(
        _each(lambda ctx: public_information.InformationRequestFactory(), lambda r: r.number),
        role=None,
        args=lambda ctx: [2031],
    ),
    "portal:map_points": Case(_each(_catalogue_row, lambda p: p.key), role=None),
    "register:resolutions": Case(
        _each(lambda ctx: governance.ResolutionFactory(published=True), lambda r: r.subject), role=None
    ),
    "register:resolutions_feed": Case(
        _each(lambda ctx: governance.ResolutionFactory(published=True), lambda r: r.subject), role=None
    ),
    "register:meetings_ics": Case(
        _each(lambda ctx: governance.MeetingFactory(published=True), lambda m: str(m.uid)), role=None
    ),
    "register:documents": Case(
        _each(lambda ctx: governance.PublicDocumentFactory(published=True), lambda d: d.title), role=None
    ),
    "published:list": Case(
        _each(lambda ctx: contracts.PublishedProjectFactory(), lambda p: p.title), role=None
    ),
    "portal:members": Case(
        _each(lambda ctx: association.MembershipPeriodFactory().member, lambda m: m.name), role=None
    ),
    "portal:bodies": Case(_each(lambda ctx: association.MandateFactory().body, lambda b: b.name), role=None),
    "register:meetings": Case(
        _each(
            lambda ctx: governance.MeetingFactory(published=True),
            lambda m: reverse("register:meeting", args=[m.pk]),
        ),
        role=None,
    ),
    "pes:directory": Case(_each(_published_entity, lambda e: e.organisation.name), role=None),
    "pes:support": Case(
        _each(lambda ctx: social_economy.SupportOfferFactory(), lambda o: o.title), role=None
    ),
    "opendata_dcat:projects_feed": Case(
        _each(lambda ctx: opendata.CatalogueProjectFactory(), lambda p: p.title), role=None
    ),
    # the API
    "api-v1:gminas": Case(None, role=None, query="?limit=2", more_query="?limit=20"),
    "api-v1:undertakings": Case(None, role=None, query="?limit=2", more_query="?limit=20"),
    "ogc:items": Case(None, role=None, args=lambda ctx: ["gminas"], query="?limit=2", more_query="?limit=20"),
    "api-v1:envelopes": Case(
        _each(lambda ctx: funding.AllocationLineFactory(), lambda a: a.measure.number), role=None
    ),
    "api-v1:members": Case(  # the fees' rows add members too: one page holds them all
        _each(lambda ctx: association.MemberFactory(), lambda m: m.slug), role=None, query="?limit=500"
    ),
    "api-v1:organisations": Case(
        _each(_sample_organisation, lambda o: o.name), role=None, query="?q=wzorcowa"
    ),
    "api-v1:projects": Case(
        _each(lambda ctx: opendata.CatalogueProjectFactory(), lambda p: p.key), role=None
    ),
    "api-v1:resolutions": Case(
        _each(lambda ctx: governance.ResolutionFactory(published=True), lambda r: r.subject), role=None
    ),
    "api-v1:entities": Case(_each(_published_entity, lambda e: e.organisation.name), role=None),
    "api-v1:strategy_indicators": Case(_each(_strategy_indicator, lambda i: i.key), role=None),
    "api-v1:progress": Case(
        _all(_contract, lambda ctx: [_progress_count(ctx)]), role=None, query="?source=strategy"
    ),
    "api-v1:areas": Case(_each(lambda ctx: territory.AreaVersionFactory().area, lambda a: a.code), role=None),
    "contracts:iz_feeds": Case(_each(lambda ctx: contracts.IzFeedFactory(), lambda f: f.name)),
    "contracts:iz_feed": Case(
        _each(lambda ctx: contracts.IzFeedImportFactory(feed=_iz_feed(ctx)), lambda b: b.file_name),
        args=lambda ctx: [_iz_feed(ctx).pk],
    ),
    "monitoring:iz_figures": Case(
        _each(lambda ctx: monitoring.IzIndicatorFigureFactory(), lambda f: f.source)
    ),
    "privacy:activities": Case(_each(_processing_activity, lambda a: a.name)),
}

# list-type names (by the pattern below) that are not lists of rows the database grows, and why
NOT_LISTS = {
    "core:trust_list": "the trusted certificates are read in one query with nothing related per row",
    "funding:shares": "one row per member of the association (the key's shares), not a growing list",
    "portal:member_shares": "one row per member of the association; the list's entries are prefetched",
    "projects:member_shares": "one row per member of the association; the list's entries are prefetched",
    "accounts:recovery_codes": "the user's own ten recovery codes",
    "projects:card_answers": "a form: one answer per question of the round",
    "projects:opinion_signatories": "a form: who signs the compliance opinions",
    "projects:card_partners": "a form of the card",
    "projects:card_indicators": "a form of the card",
    "projects:card_undertakings": "a form of the card",
    "projects:round_questions": "a form of the round",
    "governance:meeting_invitations": "a form sending the invitations of one meeting",
    "portal:sources": "the bundled list of data sources (a file, not rows)",
    "ogc:conformance": "the fixed list of conformance classes",
    "territory:statistics": "one gmina's variables (a fixed catalogue)",
    "territory:legal_basis": "a form of one area version",
    "strategy:version_status": "one version's state",
    "pes:thanks": "the page after the listing form",
    "crawlers:robots": "robots.txt",
    "register:meeting_minutes": "one meeting's minutes (a file)",
    "governance:meeting_ics": "one meeting's invitation (iCalendar)",
    "monitoring:gminas": "one row per gmina of the area: the bundled units, not rows the platform grows",
    "opendata:datasets": "the fixed list of the platform's data sets",
    "ogc:collections": "the fixed list of OGC collections",
    "projects:notifications": "one rule per event of a card's lifecycle: a fixed set",
    "notices:settings": "a form: the person's one choice of delivery",
    "governance:settings": "a form: the one row of governance's settings",
    "contracts:iz_preview": "the first five rows of one file, as the import will read them",
    "monitoring:milestones": "one block per milestone of the agreement, in a fixed number of queries (test_milestones)",
    "monitoring:sources": "one row per kind of funding source: a fixed set",
    "projects:card_sources": "a form of the card",
    "api-v1:zit_indicators": "the four ZIT indicators: a fixed set of counts, not rows",
    "privacy:rules": "one row per erasure rule the apps declare in code: a fixed set",
    "records:kinds": "the fixed registry of document kinds (zit.records.kinds), with the file plan in one query",
}

# list pages not checked yet, and why (to be emptied)
PENDING: dict[str, str] = {}

# N+1s found by this test in code another change is moving (governance): each resolution's title reads the
# association's profile (`governance.resolutions.issuer` calls `association_profile()` per row). Listed so the
# test stays green until that is fixed; the test fails once they no longer grow, to be taken off this list.
REPORTED_N_PLUS_ONE: dict[str, str] = {}

LIST_NAME = re.compile(r"(s|_list|:list|directory|mine|review|offer|unplaced|ranking|_feed|_ics)$")


def _named_urls(patterns=None, namespace=""):
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin":
                continue  # Django's own admin
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _named_urls(entry.url_patterns, ns)
        elif isinstance(entry, URLPattern) and entry.name:
            yield namespace + entry.name


def list_names() -> set[str]:
    return {name for name in _named_urls() if LIST_NAME.search(name)}


def test_every_list_page_is_covered():
    names = list_names()
    unlisted = names - set(CASES) - set(NOT_LISTS) - set(PENDING)
    assert not unlisted, f"list pages without a query-count check (add them to CASES): {sorted(unlisted)}"
    stale = (set(CASES) | set(NOT_LISTS) | set(PENDING)) - set(_named_urls())
    assert not stale, f"no such URL names: {sorted(stale)}"


def _queries(client: Client, url: str) -> tuple[list[str], str]:
    client.get(url)  # warm-up: caches, sessions, content types
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, f"{url}: HTTP {response.status_code}"
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return [q["sql"] for q in queries.captured_queries], body.decode()


def _repeated(before: list[str], after: list[str]) -> str:
    """The query shape that runs more often after the rows were added (numbers blanked): the N+1 to fix."""
    shape = Counter(re.sub(r"\b\d+\b", "?", sql) for sql in after)
    shape.subtract(re.sub(r"\b\d+\b", "?", sql) for sql in before)
    sql, extra = shape.most_common(1)[0]
    return f"{extra} more times: {sql[:300]}"


@pytest.fixture
def world(funding_data, user_for_role, tmp_path, settings):
    """The reference data, the strategy, two rows of every kind, and a client per role."""
    from zit.strategy.reference import load_strategy

    settings.MEDIA_ROOT = tmp_path
    settings.AXES_ENABLED = False
    load_strategy()
    ctx = {
        "round": projects.RoundFactory(),
        "scored_round": assessment.CriteriaSetFactory().round,
        "list": projects.ListVersionFactory(),
        "fee_rule": fees.FeeRuleFactory(year=FEE_YEAR, adopted=True),
        "clients": {None: Client()},
        "users": {},
    }
    for role in {case.role for case in CASES.values()} - {None}:
        ctx["users"][role] = user_for_role(role)
        ctx["clients"][role] = Client()
        ctx["clients"][role].force_login(ctx["users"][role])
    # the assessor signed the round's declaration: their list then names the cards
    assessment.DeclarationFactory(round=ctx["scored_round"], assessor=ctx["users"]["assessor"])
    for case in CASES.values():
        if case.add:
            case.add(ctx, 2)
    return ctx


def test_list_queries_do_not_grow_with_rows(world):
    grown, unseen = [], []
    for name, case in CASES.items():
        url = reverse(name, args=case.args(world)) + case.query
        client = world["clients"][case.role]
        before, _ = _queries(client, url)
        if case.add:
            texts = case.add(world, MORE)
            after, body = _queries(client, url)
        else:
            texts = []
            after, body = _queries(client, reverse(name, args=case.args(world)) + case.more_query)
        if name in REPORTED_N_PLUS_ONE:
            if len(after) == len(before):
                grown.append(f"{name}: no longer grows, take it off REPORTED_N_PLUS_ONE")
        elif len(after) != len(before):
            grown.append(
                f"{name}: {len(before)} queries, {len(after)} with {MORE} more rows; {_repeated(before, after)}"
            )
        missing = [t for t in texts if t not in body]
        if missing:
            unseen.append(f"{name}: the new rows are not on the page ({missing[:2]})")
    assert not (unseen or grown), "\n".join(
        unseen + ["N+1, the number of queries grows with the rows:"] + grown if grown else unseen
    )
