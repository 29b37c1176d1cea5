"""Resolutions: numbering, the roll call and its result, adoption acting on other apps, amendment and repeal."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from governance.meeting_fixtures import *  # noqa: F403
from governance.meeting_fixtures import open_meeting
from zit.association.models import Body, Member
from zit.core.models import AuditEvent
from zit.governance import meetings, resolutions, votes
from zit.governance.models import Ballot, BoardDischarge, Resolution, ResolutionKind, Vote


def draft(body, meeting=None, **fields):
    fields.setdefault("kind", ResolutionKind.OTHER)
    fields.setdefault("subject", "przyjęcia planu pracy")
    fields.setdefault("text", "Przyjmuje się plan pracy.\n\nWykonanie powierza się Zarządowi.")
    resolution = resolutions.resolution_save(actor=None, body=body, **fields)
    if meeting is not None:
        meetings.agenda_item_save(
            actor=None, meeting=meeting, title=resolution.subject, resolution=resolution
        )
        resolution.refresh_from_db()
    return resolution


def vote_all(resolution, choice=Ballot.Choice.FOR, actor=None, mode=Vote.Mode.LIVE, others=None):
    vote = votes.vote_start(actor=actor, resolution=resolution, mode=mode)
    for ballot in vote.ballots.exclude(choice=Ballot.Choice.ABSENT):
        votes.ballot_record(
            actor=actor, vote=vote, seat=ballot.seat, choice=(others or {}).get(ballot.seat, choice)
        )
    return vote


def adopt(body, meeting, actor=None, **fields):
    resolution = draft(body, meeting, **fields)
    return votes.vote_close(actor=actor, vote=vote_all(resolution, actor=actor))


def test_numbering_runs_per_body_and_year_in_the_polish_form(meeting, rada):
    first = adopt(rada, meeting)
    second = adopt(rada, meeting, subject="zmiany siedziby biura")
    board = Body.objects.get(slug="zarzad")
    assert (first.number, second.number) == (f"1/{first.year}", f"2/{first.year}")
    assert resolutions.full_title(second) == (
        f"Uchwała nr 2/{second.year} Rady Stowarzyszenia Aglomeracji Konińskiej z dnia "
        f"{second.adopted_on.day} {_month(second.adopted_on)} {second.year} r. w sprawie zmiany siedziby biura"
    )
    assert second.decision.number == second.number and second.decision.issuer_name == "Rada Stowarzyszenia"
    # another body starts its own series; the names come from the data
    board.name_genitive = "Zarządu"
    board.save()
    unsaved = Resolution(body=board, subject="x", year=2026, sequence=1, adopted_on=dt.date(2026, 6, 6))
    assert resolutions.full_title(unsaved).startswith(
        "Uchwała nr 1/2026 Zarządu Stowarzyszenia Aglomeracji Konińskiej z dnia 6 czerwca 2026 r."
    )


def _month(day):
    return ["stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia", "września",
            "października", "listopada", "grudnia"][day.month - 1]  # fmt: skip


def test_a_rejected_resolution_gets_no_number(meeting, rada):
    resolution = draft(rada, meeting)
    vote = vote_all(resolution, Ballot.Choice.AGAINST)
    rejected = votes.vote_close(actor=None, vote=vote)
    assert rejected.status == Resolution.Status.REJECTED
    assert rejected.number == "" and rejected.decision is None
    assert adopt(rada, meeting).number.startswith("1/")


def test_a_number_from_the_minutes_is_kept_and_cannot_repeat(rada):
    # a meeting entered afterwards: its agenda and attendance first, then the votes from the signed minutes
    meeting = open_meeting(rada, hours_ago=30)
    first = draft(rada, meeting)
    second = draft(rada, meeting, subject="inna sprawa")
    meetings.meeting_close(actor=None, meeting=meeting)
    year = meetings.meeting_day(meeting).year
    resolution = votes.vote_close(actor=None, vote=vote_all(first, mode=Vote.Mode.MINUTES), number=12)
    assert resolution.number == f"12/{year}"
    vote = vote_all(second, mode=Vote.Mode.MINUTES)
    with pytest.raises(ValidationError) as exc:
        votes.vote_close(actor=None, vote=vote, number=12)
    assert f"12/{year} już jest" in str(exc.value)
    assert votes.vote_close(actor=None, vote=vote).number == f"13/{year}"


def test_live_votes_need_the_meeting_open(rada):
    planned = meetings.meeting_save(
        actor=None, body=rada, starts_at=dt.datetime(2030, 1, 10, 10, tzinfo=dt.UTC), place="Konin"
    )
    resolution = draft(rada, planned)
    with pytest.raises(ValidationError, match="otwartym posiedzeniu"):
        votes.vote_start(actor=None, resolution=resolution)
    with pytest.raises(ValidationError, match="na bieżąco, czy z protokołu"):
        votes.vote_start(actor=None, resolution=resolution, mode="by-post")
    with pytest.raises(ValidationError, match="po posiedzeniu"):
        votes.vote_start(actor=None, resolution=resolution, mode=Vote.Mode.MINUTES)


def test_the_roll_call_starts_from_the_attendance_and_must_be_complete(rada):
    konin = Member.objects.get(slug="konin")
    meeting = open_meeting(rada, absent={f"m:{konin.pk}"})
    vote = votes.vote_start(actor=None, resolution=draft(rada, meeting))
    ballots = {b.seat: b for b in vote.ballots.all()}
    assert len(ballots) == 16
    assert ballots[f"m:{konin.pk}"].choice == Ballot.Choice.ABSENT
    assert sum(1 for b in ballots.values() if b.choice == "") == 14  # present, not yet voted
    with pytest.raises(ValidationError, match="Nie zapisano głosu: Powiat Koniński"):
        votes.vote_close(actor=None, vote=vote)


def test_a_seat_without_a_representative_votes_only_through_a_named_person(
    meeting, rada, member_without_representative
):
    vote = votes.vote_start(actor=None, resolution=draft(rada, meeting))
    seat = f"m:{member_without_representative.pk}"
    with pytest.raises(ValidationError) as exc:
        votes.ballot_record(actor=None, vote=vote, seat=seat, choice=Ballot.Choice.FOR)
    assert "Gmina Wierzbinek nie ma przedstawiciela" in exc.value.message_dict["person"][0]
    ballot = votes.ballot_record(actor=None, vote=vote, seat=seat, choice=Ballot.Choice.ABSENT)
    assert ballot.person is None


def test_a_set_of_ballots_is_recorded_all_or_none_with_every_wrong_seat_named(
    meeting, rada, secretary, member_without_representative
):
    from zit.association.services import person_create

    vote = votes.vote_start(actor=None, resolution=draft(rada, meeting))
    nobody = f"m:{member_without_representative.pk}"
    present = [b.seat for b in vote.ballots.exclude(choice=Ballot.Choice.ABSENT)]
    changes = [votes.BallotChange(seat, Ballot.Choice.FOR) for seat in present]
    middle = len(changes) // 2
    changes.insert(middle, votes.BallotChange(nobody, Ballot.Choice.FOR))
    changes.append(votes.BallotChange("m:0", Ballot.Choice.AGAINST))
    with pytest.raises(ValidationError) as exc:
        votes.ballots_record(actor=secretary, vote=vote, changes=changes)
    errors = exc.value.message_dict
    assert set(errors) == {nobody, "m:0"}  # every wrong row, not only the first
    assert "Gmina Wierzbinek nie ma przedstawiciela" in errors[nobody][0]
    assert "nie zasiada w organie" in errors["m:0"][0]
    # nothing recorded, not even the rows before the wrong one
    assert set(vote.ballots.values_list("choice", flat=True)) == {"", Ballot.Choice.ABSENT}
    assert not AuditEvent.objects.filter(action="governance.ballot").exists()

    substitute = person_create(
        actor=None,
        first_name="Zofia",
        last_name="Zastępcza",
        organisation=member_without_representative.organisation,
    )
    changes[middle] = votes.BallotChange(nobody, Ballot.Choice.FOR, substitute)
    recorded = votes.ballots_record(actor=secretary, vote=vote, changes=changes[:-1])
    assert len(recorded) == len(present) + 1
    assert vote.ballots.get(seat=nobody).person == substitute
    assert set(vote.ballots.values_list("choice", flat=True)) == {Ballot.Choice.FOR}
    # one audit event per ballot, as when the seats are recorded one by one
    assert AuditEvent.objects.filter(action="governance.ballot").count() == len(present) + 1
    assert votes.vote_close(actor=secretary, vote=vote).status == Resolution.Status.ADOPTED


def test_recording_a_set_of_ballots_needs_the_governance_permission(meeting, rada, user_for_role):
    vote = votes.vote_start(actor=None, resolution=draft(rada, meeting))
    seat = vote.ballots.exclude(choice=Ballot.Choice.ABSENT).first().seat
    officer = user_for_role("member_officer", Member.objects.get(slug="slesin").organisation)
    with pytest.raises(PermissionDenied):
        votes.ballots_record(actor=officer, vote=vote, changes=[votes.BallotChange(seat, Ballot.Choice.FOR)])
    assert not vote.ballots.filter(choice=Ballot.Choice.FOR).exists()


def test_a_member_who_left_cannot_vote(rada):
    golina = Member.objects.get(slug="golina")
    from zit.association.services import membership_end

    membership_end(actor=None, member=golina, end=dt.date.today() - dt.timedelta(days=10))
    meeting = open_meeting(rada)
    vote = votes.vote_start(actor=None, resolution=draft(rada, meeting))
    assert vote.ballots.count() == 15
    with pytest.raises(ValidationError, match="nie zasiada w organie"):
        votes.ballot_record(actor=None, vote=vote, seat=f"m:{golina.pk}", choice=Ballot.Choice.FOR)


def test_closing_freezes_the_result_with_its_explanation(meeting, rada):
    vote = vote_all(draft(rada, meeting))
    resolution = votes.vote_close(actor=None, vote=vote)
    vote.refresh_from_db()
    assert (vote.composition, vote.present, vote.votes_for) == (16, 15, 15)
    assert vote.adopted and "Uchwała została podjęta." in vote.explanation
    with pytest.raises(ValidationError, match="zamknięte"):
        votes.ballot_record(
            actor=None, vote=vote, seat=vote.ballots.first().seat, choice=Ballot.Choice.AGAINST
        )
    with pytest.raises(ValidationError, match="już głosowano"):
        resolutions.resolution_save(actor=None, body=rada, resolution=resolution, subject="inna", text="x")
    assert AuditEvent.objects.filter(action="governance.vote_close", object_id=str(resolution.pk)).exists()


def test_the_secretary_runs_votes_but_a_member_officer_cannot(meeting, rada, secretary, user_for_role):
    officer = user_for_role("member_officer", Member.objects.get(slug="slesin").organisation)
    with pytest.raises(PermissionDenied):
        resolutions.resolution_save(actor=officer, body=rada, kind="other", subject="x", text="y")
    resolution = adopt(rada, meeting, actor=secretary)
    assert resolution.status == Resolution.Status.ADOPTED


# --- effects


def test_adopting_the_project_list_approves_it(
    listed, rada, office, round_, golina_user, golina, measure, strategy
):
    from projects.test_lists import accepted_card

    from zit.funding.selectors import agreement_current
    from zit.projects import lists
    from zit.projects.models import ListVersion

    third = accepted_card(round_, golina_user, golina, measure, strategy, office, "Trzeci")
    version = lists.list_version_create(
        actor=office, agreement=agreement_current(), rate_date=dt.date(2026, 3, 2)
    )
    lists.list_annex_update_set(actor=office, version=version, significant=False)
    lists.list_entry_add(actor=office, version=version, card=third, position="main")
    meeting = open_meeting(rada)
    resolution = adopt(
        rada, meeting, actor=office, kind=ResolutionKind.SAVINGS_REALLOCATION, list_version=version
    )
    version.refresh_from_db()
    third.refresh_from_db()
    assert resolution.effect == Resolution.Effect.APPLIED
    assert version.status == ListVersion.Status.APPROVED and version.decision == resolution.decision
    assert third.state == "listed_main"


def test_an_effect_the_secretary_may_not_apply_waits_for_the_office(listed, rada, office, secretary):
    from zit.funding.selectors import agreement_current
    from zit.projects import lists

    # a new version starts from the approved one, with its entries
    version = lists.list_version_create(
        actor=office, agreement=agreement_current(), rate_date=dt.date(2026, 3, 2)
    )
    lists.list_annex_update_set(actor=office, version=version, significant=False)
    assert version.entries.count() == 2
    meeting = open_meeting(rada)
    resolution = adopt(rada, meeting, actor=secretary, kind=ResolutionKind.PROJECT_LIST, list_version=version)
    assert resolution.status == Resolution.Status.ADOPTED and resolution.effect == Resolution.Effect.PENDING
    assert "pracownik biura" in resolution.effect_note
    version.refresh_from_db()
    assert version.status == "draft"
    applied = resolutions.resolution_effect_apply(actor=office, resolution=resolution)
    version.refresh_from_db()
    assert applied.effect == Resolution.Effect.APPLIED and version.status == "approved"
    with pytest.raises(ValidationError, match="nie ma skutku"):
        resolutions.resolution_effect_apply(actor=office, resolution=applied)


def test_strategy_procedure_and_adoption(rada, office):
    from zit.strategy.consultations import consultation_period_set
    from zit.strategy.models import ProcedureStep, StrategyVersion
    from zit.strategy.services import strategy_create, version_create, version_status_set

    version = version_create(
        actor=office, strategy=strategy_create(actor=office, title="Strategia"), label="projekt"
    )
    meeting = open_meeting(rada)
    procedure = adopt(
        rada, meeting, actor=office, kind=ResolutionKind.STRATEGY_PROCEDURE, strategy_version=version
    )
    step = ProcedureStep.objects.get(version=version, kind=ProcedureStep.Kind.DRAFTING_RESOLUTION)
    assert procedure.effect == Resolution.Effect.APPLIED
    assert step.decision == procedure.decision and step.completed_on == procedure.adopted_on
    # adoption: refused by the strategy app while the consultation runs, applied once it has ended
    consultation_period_set(
        actor=office,
        version=version,
        opens=dt.date.today() - dt.timedelta(days=40),
        closes=dt.date.today() + dt.timedelta(days=3),
    )
    version_status_set(actor=office, version=version, status="consultation")
    adoption = adopt(
        rada, meeting, actor=office, kind=ResolutionKind.STRATEGY_ADOPTION, strategy_version=version
    )
    assert adoption.effect == Resolution.Effect.PENDING and "Konsultacje trwają" in adoption.effect_note
    StrategyVersion.objects.filter(pk=version.pk).update(
        consultation_closes=dt.date.today() - dt.timedelta(days=1)
    )
    resolutions.resolution_effect_apply(actor=office, resolution=adoption)
    version.refresh_from_db()
    assert version.status == StrategyVersion.Status.ADOPTED and version.adopted_by == adoption.decision


def test_membership_join_and_leave(rada, office):
    golina = Member.objects.get(slug="golina")
    meeting = open_meeting(rada)
    leave_on = dt.date.today() + dt.timedelta(days=30)
    leave = adopt(
        rada, meeting, actor=office, kind=ResolutionKind.MEMBER_LEAVE, member=golina, effective_on=leave_on
    )
    period = golina.periods.get()
    assert leave.effect == Resolution.Effect.APPLIED
    assert (period.end, period.left_by) == (leave_on, leave.decision)
    with pytest.raises(ValidationError) as exc:
        draft(rada, meeting, kind=ResolutionKind.MEMBER_JOIN, member=golina, effective_on=leave_on)
    assert "jest już członkiem" in exc.value.message_dict["member"][0]
    back = adopt(
        rada,
        meeting,
        actor=office,
        kind=ResolutionKind.MEMBER_JOIN,
        member=golina,
        effective_on=leave_on + dt.timedelta(days=1),
    )
    assert golina.periods.filter(joined_by=back.decision).exists()


def test_discharge_is_recorded_granted_or_refused(meeting, rada):
    granted = adopt(rada, meeting, kind=ResolutionKind.DISCHARGE, fiscal_year=2025)
    assert BoardDischarge.objects.get(resolution=granted).granted is True
    refused = draft(
        rada, meeting, kind=ResolutionKind.DISCHARGE, fiscal_year=2024, subject="absolutorium za 2024"
    )
    votes.vote_close(actor=None, vote=vote_all(refused, Ballot.Choice.AGAINST))
    discharge = BoardDischarge.objects.get(resolution=refused)
    assert (discharge.year, discharge.granted) == (2024, False)


def test_annual_report_is_accepted_by_resolution(meeting, rada, office):
    from zit.monitoring.models import AnnualReport

    report = AnnualReport.objects.create(
        year=2025, as_of=dt.date(2025, 12, 31), status="ready", created_by_label="t"
    )
    resolution = adopt(rada, meeting, actor=office, kind=ResolutionKind.ANNUAL_REPORT, annual_report=report)
    report.refresh_from_db()
    assert report.approved_by == resolution.decision
    with pytest.raises(ValidationError) as exc:
        draft(rada, meeting, kind=ResolutionKind.ANNUAL_REPORT, annual_report=report)
    assert "już przyjęte" in exc.value.message_dict["annual_report"][0]


def test_each_kind_names_what_it_needs(rada):
    with pytest.raises(ValidationError) as exc:
        draft(rada, kind=ResolutionKind.MEMBER_JOIN)
    assert set(exc.value.message_dict) == {"member", "effective_on"}
    with pytest.raises(ValidationError) as exc:
        draft(rada, kind=ResolutionKind.PROJECT_LIST)
    assert "wersja listy projektów" in exc.value.message_dict["list_version"][0]


def test_amendment_and_repeal_link_resolutions(meeting, rada):
    original = adopt(rada, meeting)
    with pytest.raises(ValidationError) as exc:
        draft(rada, meeting, kind=ResolutionKind.REPEAL, repeals=draft(rada, subject="projekt"))
    assert "tylko podjętą" in exc.value.message_dict["repeals"][0]
    amendment = adopt(rada, meeting, kind=ResolutionKind.AMENDMENT, amends=original, subject="zmiany uchwały")
    repeal = adopt(rada, meeting, kind=ResolutionKind.REPEAL, repeals=original, subject="uchylenia uchwały")
    assert list(original.amended_by.all()) == [amendment]
    assert list(original.repealed_by.all()) == [repeal]


def test_signed_document_flow_then_publication(meeting, rada, secretary):
    from django.core.files.base import ContentFile

    from zit.core.signed import signed_document_upload
    from zit.governance.demo import sample_pdf

    resolution = adopt(rada, meeting, actor=secretary)
    with pytest.raises(ValidationError, match="podpisaną uchwałę"):
        resolutions.resolution_publish(actor=secretary, resolution=resolution, prepared_by="Jan Kowalski")
    document = resolutions.resolution_document_generate(actor=secretary, resolution=resolution)
    assert document.draft.name.endswith(".docx")
    signed_document_upload(
        actor=secretary, document=document, file=ContentFile(sample_pdf("x"), name="u.pdf")
    )
    with pytest.raises(ValidationError, match="zablokowany"):
        resolutions.resolution_document_generate(actor=secretary, resolution=resolution)
    with pytest.raises(ValidationError) as exc:
        resolutions.resolution_publish(actor=secretary, resolution=resolution, prepared_by=" ")
    assert "prepared_by" in exc.value.message_dict
    published = resolutions.resolution_publish(
        actor=secretary, resolution=resolution, prepared_by="Jan Kowalski, sekretarz"
    )
    assert published.published_at is not None and published.prepared_on == published.adopted_on


def test_resolution_docx_is_in_the_usual_form(meeting, rada):
    import io

    from docx import Document

    from zit.governance.documents import resolution_docx

    resolution = adopt(rada, meeting, justification="Bo tak trzeba.")
    text = "\n".join(p.text for p in Document(io.BytesIO(resolution_docx(resolution))).paragraphs)
    assert f"Uchwała nr {resolution.number} Rady Stowarzyszenia Aglomeracji Konińskiej" in text
    assert "w sprawie przyjęcia planu pracy" in text
    assert "§ 1" in text and "§ 3" in text and "wchodzi w życie z dniem podjęcia" in text
    assert "Przewodniczący Rady" in text and "Uzasadnienie do uchwały" in text
    assert "Wynik głosowania: za – 15" in text


def test_the_fee_rule_comes_into_force_by_resolution_and_supersedes_the_earlier_one(
    meeting, rada, office, secretary
):
    from decimal import Decimal

    from zit.fees.models import FeeRule
    from zit.fees.rules import fee_rule_save

    first = fee_rule_save(
        actor=office, year=2027, fixed_amount=Decimal("1000"), population_date=dt.date(2026, 12, 31)
    )
    adopted = adopt(rada, meeting, actor=office, kind=ResolutionKind.FEE_RULE, fee_rule=first)
    first.refresh_from_db()
    assert adopted.effect == Resolution.Effect.APPLIED
    assert (first.status, first.adopted_by) == (FeeRule.Status.ADOPTED, adopted.decision)
    second = fee_rule_save(
        actor=office, year=2027, fixed_amount=Decimal("1200"), population_date=dt.date(2026, 12, 31)
    )
    # the secretary may record the vote but not change the fees: the effect waits for the office
    waiting = adopt(
        rada,
        meeting,
        actor=secretary,
        kind=ResolutionKind.FEE_RULE,
        fee_rule=second,
        subject="zmiany składek",
    )
    assert waiting.effect == Resolution.Effect.PENDING
    resolutions.resolution_effect_apply(actor=office, resolution=waiting)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (FeeRule.Status.SUPERSEDED, FeeRule.Status.ADOPTED)


def test_a_closed_vote_is_told_again_from_its_frozen_figures(meeting, rada):
    resolution = adopt(rada, meeting)
    vote = resolution.vote
    retold = votes.closed_tally(vote)
    assert retold.adopted == vote.adopted
    assert retold.lines[:2] == vote.explanation.splitlines()[:2]  # composition and quorum, word for word


def test_paragraphs_typed_in_a_browser_become_sections(rada):
    resolution = draft(rada, text="Pierwszy.\r\n\r\nDrugi.\r\nciąg dalszy.")
    assert resolution.text == "Pierwszy.\n\nDrugi.\nciąg dalszy."
    assert resolutions.paragraphs(resolution.text) == ["Pierwszy.", "Drugi.\nciąg dalszy."]


def test_an_agenda_item_stays_while_its_vote_runs(meeting, rada):
    resolution = draft(rada, meeting)
    votes.vote_start(actor=None, resolution=resolution)
    with pytest.raises(ValidationError, match="trwa głosowanie"):
        meetings.agenda_item_delete(actor=None, item=resolution.agenda_item)


def test_seats_nobody_checked_are_recorded_by_hand_not_as_absent(rada):
    meeting = meetings.meeting_save(
        actor=None, body=rada, starts_at=dt.datetime(2026, 1, 10, 10, tzinfo=dt.UTC), place="Konin"
    )
    meetings.meeting_open(actor=None, meeting=meeting)
    konin = Member.objects.get(slug="konin")
    meetings.attendance_record(actor=None, meeting=meeting, seat=f"m:{konin.pk}", present=False)
    assert meetings.attendance_all_present(actor=None, meeting=meeting) == 14  # 16 less Konin and Wierzbinek
    golina = Member.objects.get(slug="golina")
    meetings.attendance_record(actor=None, meeting=meeting, seat=f"m:{golina.pk}", present=False)
    vote = votes.vote_start(actor=None, resolution=draft(rada, meeting))
    choices = {b.member.slug: b.choice for b in vote.ballots.select_related("member")}
    assert choices["konin"] == choices["golina"] == Ballot.Choice.ABSENT
    assert choices["wierzbinek"] == Ballot.Choice.ABSENT  # recorded absent: nobody could be present
    assert choices["kramsk"] == ""


def test_a_substitute_from_the_members_office_can_sit_for_it(meeting, rada, member_without_representative):
    from zit.association.services import person_create

    substitute = person_create(
        actor=None,
        first_name="Zofia",
        last_name="Zastępcza",
        organisation=member_without_representative.organisation,
    )
    assert substitute in votes.member_choices_for_seat(member_without_representative)
    vote = votes.vote_start(actor=None, resolution=draft(rada, meeting))
    seat = f"m:{member_without_representative.pk}"
    ballot = votes.ballot_record(
        actor=None, vote=vote, seat=seat, choice=Ballot.Choice.FOR, person=substitute
    )
    assert ballot.person == substitute
