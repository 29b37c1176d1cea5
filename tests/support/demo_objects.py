"""The demo platform with one object of every kind a page shows, for the tests that visit every URL: the
accessibility check (tests/e2e/test_accessibility.py) and the permission matrix (tests/security/).

`load_platform()` loads the reference data and the demo accounts; `demo_ids()` then makes the objects and returns
their ids (some nested per area). Files (the signed document's draft) go to MEDIA_ROOT: point it at a temporary
directory first.
"""

from __future__ import annotations

import datetime as dt
import io

from django.core.management import call_command


def load_platform() -> None:
    """The Konin area, the association, the programme layer, the demo accounts and the strategy."""
    from zit.portal.demo import load_demo
    from zit.strategy.reference import load_strategy

    for command in ("load_area", "load_association", "load_funding"):
        args = ["konin"] if command == "load_area" else []
        call_command(command, *args, stdout=io.StringIO())
    load_demo()
    load_strategy()
    _privacy_register()


def _privacy_register() -> None:
    """The register's first entries, as migration privacy 0002 writes them: a test that empties the database
    (a browser test) removes what migrations wrote."""
    from zit.privacy.models import ProcessingActivity, ProcessingActivityVersion
    from zit.privacy.seed import seed

    seed(ProcessingActivity, ProcessingActivityVersion)
    _file_plan()


def _file_plan() -> None:
    """The draft file plan, as migration records 0002 writes it (the same reason as the register above)."""
    import importlib

    from django.apps import apps

    importlib.import_module("zit.records.migrations.0002_demo_file_plan").seed(apps, None)


def demo_ids() -> dict:
    """Every object the pages need, made through the services; their ids by name."""
    from zit.accounts.models import User
    from zit.association.models import Body, Mandate, Member, Person, Representation
    from zit.core.jobs import job_start
    from zit.core.models import AuditEvent
    from zit.funding.models import Indicator, Measure, Obligation, Priority
    from zit.organisations.models import Organisation
    from zit.strategy.models import StrategyVersion, Undertaking
    from zit.strategy.procedure import procedure_start
    from zit.strategy.procedure_letters import letter_save
    from zit.territory.models import AreaVersion, Observation

    job = job_start(actor=User.objects.get(username="biuro"), kind="core.clear_sessions", title="Test")
    member = Member.objects.get(slug="kramsk")
    return {
        "member": member.pk,
        "org": member.organisation_id,
        "person": Person.objects.first().pk,
        "body": Body.objects.get(slug="zarzad").pk,
        "version": AreaVersion.objects.first().pk,
        "job": job.pk,
        "event": AuditEvent.objects.filter(object_type="organisations.organisation").first().pk,
        "observation": Observation.objects.get(unit__terc="3010052", variable__code="area_km2").pk,
        "demo_org": Organisation.objects.get(is_demo=True).pk,
        "mandate": Mandate.objects.first().pk,
        "priority": Priority.objects.first().pk,
        "measure": Measure.objects.first().pk,
        "obligation": Obligation.objects.first().pk,
        "indicator": Indicator.objects.first().pk,
        "strategy_version": StrategyVersion.objects.get(status="draft").pk,
        "undertaking": Undertaking.objects.first().pk,
        "consulted": _open_consultation(),
        "step": (
            step := procedure_start(actor=None, version=StrategyVersion.objects.get(status="draft"))[0]
        ).pk,
        "letter": letter_save(
            actor=None, step=step, addressee="Zarząd Województwa", sent_on=dt.date(2024, 3, 1)
        ).pk,
        "representation": Representation.objects.first().pk,
        "signed": _signed_document(member.organisation),
        **_project_cards(),
        **_assessment(),
        "information_requests": _information_requests(),
        **_information_complaint(),
        "governance": _governance(),
        "catalogue_project": _catalogue(),
        **_fees(),
        "pes": _social_economy(),
        **_iz_data(),
    }


def _iz_data() -> dict[str, int]:
    """A demo source of the IZ's periodic data imported twice (so the second shows changes) and a file
    waiting in its preview."""
    from django.core.files.base import ContentFile

    from zit.contracts import iz_import, iz_sources

    header = "Numer umowy;Tytuł projektu;Dofinansowanie UE (PLN)\n"
    feed = iz_sources.feed_save(
        actor=None,
        data={"name": "Kwoty na projekt (demo)", "kind": "amounts", "file_format": "csv", "is_demo": True},
        mapping={"contract_number": "Numer umowy", "title": "Tytuł projektu", "eu_pln": "Dofinansowanie UE"},
    )
    ids = {"iz_feed": feed.pk}
    for name, body in (
        ("kwoty-1.csv", "DEMO/1;Projekt demonstracyjny 1;100,00\nDEMO/2;Projekt demonstracyjny 2;50,00\n"),
        ("kwoty-2.csv", "DEMO/1;Projekt demonstracyjny 1;120,00\nDEMO/3;Projekt demonstracyjny 3;70,00\n"),
        ("kwoty-3.csv", "DEMO/1;Projekt demonstracyjny 1;130,00\n"),
    ):
        batch = iz_sources.feed_upload(
            actor=None, feed=feed, upload=ContentFile((header + body).encode(), name=name)
        )
        if name != "kwoty-3.csv":
            iz_import.feed_import_run(actor=None, batch=batch)
            ids["iz_import"] = batch.pk
    ids["iz_preview"] = batch.pk
    return ids


def _social_economy() -> dict[str, int]:
    """The demo directory: a published, a draft and a withdrawn entry, a new request, an offer section."""
    from zit.social_economy.demo import load_social_economy_demo
    from zit.social_economy.models import Entity, ListingRequest, SupportOffer

    load_social_economy_demo()
    return {
        state: Entity.objects.filter(state=state).order_by("pk").first().pk
        for state in ("published", "draft", "withdrawn")
    } | {
        "request": ListingRequest.objects.filter(status="new").first().pk,
        "offer": SupportOffer.objects.first().pk,
    }


def _fees() -> dict[str, int]:
    """The demo fee rule adopted by the demo Rada, assessed and paid (run after `_governance`, which loads
    the governance demo); a draft rule for the next year."""
    import datetime as dt
    from decimal import Decimal

    from zit.association.models import Member
    from zit.fees.demo import demo_rule
    from zit.fees.models import BankStatement, FeePayment
    from zit.fees.rules import fee_rule_save

    rule = demo_rule()
    draft = fee_rule_save(
        actor=None,
        year=2027,
        fixed_amount=Decimal("1000"),
        per_inhabitant=Decimal("0.5"),
        population_date=dt.date(2026, 12, 31),
    )
    return {
        "fee_rule": rule.pk,
        "fee_draft": draft.pk,
        "fee_member": Member.objects.get(slug="kleczew").pk,
        "fee_statement": BankStatement.objects.get().pk,
        "fee_payment": FeePayment.objects.filter(member__isnull=False).first().pk,
    }


def _catalogue() -> str:
    """The catalogue rebuilt from the demo cards and an imported row whose place names no gmina (for the
    office's list of them); the key of a project with a location."""
    import datetime as dt
    from decimal import Decimal

    from zit.contracts.models import PublishedProject
    from zit.opendata.models import CatalogueProject
    from zit.opendata.refresh import catalogue_refresh

    PublishedProject.objects.create(
        contract_number="FEWP.01.01-IZ.00-0999/25",
        origin=PublishedProject.Origin.IMPORT,
        title="Projekt spoza obszaru (demo)",
        beneficiary="Beneficjent (demo)",
        fund="EFRR",
        programme="Fundusze Europejskie dla Wielkopolski 2021-2027",
        total_pln=Decimal("1000.00"),
        eligible_pln=Decimal("1000.00"),
        eu_pln=Decimal("850.00"),
        cofinancing_rate=Decimal("0.8500"),
        place="Poznań, powiat koniński",
        starts_on=dt.date(2025, 1, 1),
        ends_on=dt.date(2027, 12, 31),
        is_demo=True,
    )
    catalogue_refresh()
    return CatalogueProject.objects.filter(geometry__isnull=False).order_by("id").first().key


def _governance() -> dict:
    """The demo meetings (one held and published, one to come), a meeting in progress with a live vote, a
    draft resolution, a published document, the reporting year of the demo and a voting rule."""
    import datetime as dt

    from django.utils import timezone

    from zit.association.models import Body
    from zit.governance import meetings, resolutions, votes
    from zit.governance.demo import load_governance_demo
    from zit.governance.models import Meeting, PublicDocument, Resolution, VotingRule

    load_governance_demo()
    rada = Body.objects.get(slug="rada")
    past = Meeting.objects.filter(is_demo=True, status="closed", number="demo 2/2026").get()
    upcoming = Meeting.objects.filter(is_demo=True, status="planned").get()
    running = meetings.meeting_save(
        actor=None, body=rada, starts_at=timezone.now() - dt.timedelta(minutes=30), place="Konin, sala 2"
    )
    meetings.meeting_open(actor=None, meeting=running)
    for seat in meetings.meeting_seats(running)[:10]:
        meetings.attendance_record(
            actor=None, meeting=running, seat=seat.key, present=seat.representative is not None
        )
    voting = resolutions.resolution_save(
        actor=None, body=rada, kind="other", subject="zmiany planu pracy", text="Tekst."
    )
    meetings.agenda_item_save(actor=None, meeting=running, title="Zmiana planu pracy", resolution=voting)
    vote = votes.vote_start(actor=None, resolution=voting)
    first = vote.ballots.exclude(choice="absent").first()
    votes.ballot_record(actor=None, vote=vote, seat=first.seat, choice="for")
    draft = resolutions.resolution_save(
        actor=None, body=rada, kind="discharge", fiscal_year=2025, subject="absolutorium", text="Tekst."
    )
    adopted = Resolution.objects.filter(status="adopted", published_at__isnull=False).first()
    return {
        "past": past.pk,
        "next": upcoming.pk,
        "open": running.pk,
        "voting": voting.pk,
        "draft": draft.pk,
        "adopted": adopted.pk,
        "public_resolution": f"/uchwaly/{adopted.body.slug}/{adopted.year}/{adopted.sequence}/",
        "document": PublicDocument.objects.get(title="Plan pracy Rady Stowarzyszenia (demo)").pk,
        "year": 2025,  # the demo's reporting year: its documents are in, the approval is not
        "rule": VotingRule.objects.create(body=rada, kind="fee_rule", majority="absolute").pk,
        **_advisory_opinion(rada),
    }


def _advisory_opinion(rada) -> dict[str, int]:
    """The working group's opinion (with remarks and a document) on an annual report, and the Rada's draft
    resolution on that report, whose page shows the opinion."""
    from django.core.files.base import ContentFile
    from django.utils import timezone

    from zit.association.models import Body
    from zit.governance import opinions, resolutions
    from zit.monitoring.models import AnnualReport

    report = AnnualReport.objects.create(
        year=2024, as_of=timezone.localdate(), status="ready", created_by_label="demo", is_demo=True
    )
    opinion = opinions.advisory_opinion_record(
        actor=None,
        body=Body.objects.get(slug="grupa-robocza"),
        subject=report,
        given_on=timezone.localdate(),
        outcome="pozytywna z uwagami",
        text="Uzupełnić opis wskaźników rezultatu.",
        file=ContentFile(b"%PDF-1.4 opinia", name="opinia.pdf"),
        prepared_by="Przewodniczący grupy roboczej",
        is_demo=True,
    )
    on_report = resolutions.resolution_save(
        actor=None, body=rada, kind="annual_report", annual_report=report, subject="raportu", text="Tekst."
    )
    return {"opinion": opinion.pk, "on_report": on_report.pk}


def _information_requests() -> dict[str, int]:
    """The demo requests, one page per request (every state, one overdue, one due soon); `received` is an
    open one, whose step forms are checked."""
    from zit.public_information.demo import load_requests_demo

    found = {f"{r.state}-{r.pk}": r.pk for r in load_requests_demo()}
    return found | {"received": min(pk for key, pk in found.items() if key.startswith("received-"))}


def _information_complaint() -> dict[str, int]:
    """The demo complaint to the court, still to be forwarded (its form is checked), and its request."""
    from zit.public_information.models import InactionComplaint

    complaint = InactionComplaint.objects.filter(request__is_demo=True).order_by("pk").first()
    return {"information_complaint": complaint.pk, "information_complaint_request": complaint.request_id}


def _project_cards() -> dict[str, int]:
    """The demo rounds and cards, plus a draft of Ślesin (the demo member officer's gmina) in the open round."""
    from zit.organisations.models import Organisation
    from zit.projects.demo import load_project_demo
    from zit.projects.demo_social import load_social_demo
    from zit.projects.models import ProjectCard, Round, SocialClause
    from zit.projects.services import card_create

    load_project_demo()
    load_social_demo()
    open_round = Round.objects.filter(is_demo=True).order_by("-opens_on").first()
    draft = card_create(
        actor=None,
        round=open_round,
        beneficiary=Organisation.objects.get(name="Gmina Ślesin"),
        title="Szkic do sprawdzenia stron (demo)",
        summary="Opis.",
        measure=open_round.measures.first(),
    )
    from zit.funding.selectors import agreement_current
    from zit.projects import lists

    approved = lists.ListVersion.objects.get(status="approved")
    draft_list = lists.list_version_create(
        actor=None, agreement=agreement_current(), rate_date=approved.rate_date
    )
    from zit.contracts.models import Correction, Reconciliation
    from zit.projects.models import Call, ComplianceOpinion, ScheduleVersion

    running = ProjectCard.objects.get(state="contracted", contract__final_payment_on__isnull=True)
    return {
        "listed_card": ProjectCard.objects.filter(state="listed_main").first().pk,
        "filed_card": ProjectCard.objects.filter(state="application_filed").first().pk,
        "opined_card": ProjectCard.objects.filter(state="opinion_issued").first().pk,
        "draft_opinion": ComplianceOpinion.objects.filter(state="draft").first().pk,
        "issued_opinion": ComplianceOpinion.objects.filter(state="issued").first().pk,
        "selected_card": ProjectCard.objects.filter(state="selected").first().pk,
        "contracted_card": running.pk,
        "correction": Correction.objects.first().pk,
        **_reports(running),
        "reconciliation": Reconciliation.objects.get().pk,
        "call": Call.objects.first().pk,
        "approved_list": approved.pk,
        "draft_list": draft_list.pk,
        "round": open_round.pk,
        "draft_card": draft.pk,
        "submitted_card": ProjectCard.objects.filter(state="submitted").first().pk,
        "open_clause": SocialClause.objects.get(card=running, state="announced").pk,
        "schedule_version": ScheduleVersion.objects.last().pk,  # the older demo version of the IZ's schedule
    }


def _reports(card) -> dict[str, int]:
    """The demo contract's submitted progress report, plus a draft for the next period; the demo member
    officer also acts for the contracted gmina here, so the beneficiary's forms are checked. The contract is
    then settled, so the durability section and its forms are checked too."""
    import datetime as dt

    from zit.accounts.models import RoleAssignment, User
    from zit.contracts import reports
    from zit.contracts.durability import contract_settle

    RoleAssignment.objects.create(
        user=User.objects.get(username="gmina"), role="member_officer", organisation=card.beneficiary
    )
    contract = card.contract
    submitted = contract.reports.get(status="submitted")
    draft = reports.report_create(
        actor=None,
        contract=contract,
        period_from=submitted.period_to + dt.timedelta(days=1),
        period_to=submitted.period_to + dt.timedelta(days=31),
    )
    contract_settle(
        actor=None,
        contract=contract,
        final_payment_on=submitted.period_to + dt.timedelta(days=40),
        durability_years=5,
        reference="IZ-PK/demo",
        confirmed=True,
        reason="Płatność końcowa przekazana przez IZ (demo).",
    )
    return {"submitted_report": submitted.pk, "draft_report": draft.pk}


def _assessment() -> dict[str, int]:
    """The demo scoring of round 1/2025 (two assessors, closed), and scoring switched on in the open demo
    round: the second demo assessor declared and has a draft to fill, the first has not declared yet, so both
    empty forms are checked. A third assessor on the same card was given a role at its applicant after the
    assignment, so the blocked card page and the office's flag are checked too."""
    from decimal import Decimal

    from zit.accounts.models import User
    from zit.accounts.services import role_assign, user_create
    from zit.assessment import services
    from zit.assessment.criteria import criteria_set_save
    from zit.assessment.demo import CRITERIA, load_assessment_demo
    from zit.assessment.models import Assignment
    from zit.projects.models import ProjectCard, Round
    from zit.projects.services import round_save

    load_assessment_demo()
    scored = Round.objects.get(number="1/2025")
    undeclared = Round.objects.filter(is_demo=True).exclude(pk=scored.pk).get()
    round_save(actor=None, round=undeclared, measures=list(undeclared.measures.all()), scoring=True)
    criteria_set_save(
        actor=None,
        round=undeclared,
        pass_threshold=Decimal(40),
        third_share=Decimal("0.30"),
        criteria=CRITERIA,
    )
    second = User.objects.get(username="oceniajacy2")
    services.declaration_sign(actor=second, round=undeclared, organisations=[], confirmed=True)
    card = ProjectCard.objects.filter(round=undeclared, state="accepted").first()
    draft = services.assignment_add(actor=None, card=card, assessor=second)
    tied = user_create(
        actor=None,
        username="oceniajacy3",
        password="demo-haslo-2026",
        first_name="Oskar",
        last_name="Oceniający",
        roles=[("assessor", None)],
    )
    services.declaration_sign(actor=tied, round=undeclared, organisations=[], confirmed=True)
    blocked = services.assignment_add(actor=None, card=card, assessor=tied)
    role_assign(actor=None, user=tied, role="member_officer", organisation=card.beneficiary)
    return {
        "scored_round": scored.pk,
        "undeclared_round": undeclared.pk,
        "assignment": Assignment.objects.filter(card__round=scored, assessor__username="oceniajacy")
        .first()
        .pk,
        "draft_assignment": draft.pk,
        "blocked_assignment": blocked.pk,
    }


def _signed_document(organisation) -> int:
    """An unsigned document with its draft, so the upload form is checked."""
    from zit.core.roles import Perm
    from zit.core.signed import signed_document_draft

    return signed_document_draft(
        actor=None,
        subject=organisation,
        kind="tests.statement",
        title="Oświadczenie (test dostępności)",
        content=b"PK\x03\x04",
        filename="oswiadczenie.docx",
        read_perm=Perm.ORGANISATION_VIEW,
        write_perm=Perm.ORGANISATION_EDIT,
        organisation_id=organisation.pk,
    ).pk


def _open_consultation() -> int:
    """The demo version open for comments, with one answered comment, so the form and the list are checked."""
    import datetime as dt

    from django.utils import timezone

    from zit.strategy.consultations import (
        comment_moderate,
        comment_respond,
        comment_submit,
        consultation_period_set,
    )
    from zit.strategy.models import StrategyVersion

    version = StrategyVersion.objects.get(status="consultation")
    today = timezone.localdate()
    consultation_period_set(actor=None, version=version, opens=today, closes=today + dt.timedelta(days=40))
    comment = comment_submit(
        version=version, target_key="ogolna", text="Uwaga przykładowa (demo) do sprawdzenia strony."
    )
    comment_moderate(actor=None, comment=comment, publish=True)
    comment_respond(actor=None, comment=comment, response="accepted", text="Odpowiedź przykładowa (demo).")
    return version.pk
