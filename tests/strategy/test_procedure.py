import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from zit.core.models import DecisionReference
from zit.strategy import selectors
from zit.strategy.models import ProcedureStep
from zit.strategy.procedure import procedure_start, procedure_step_save
from zit.strategy.services import strategy_create, version_create


@pytest.fixture
def staff(user_for_role):
    return user_for_role("office_staff")


@pytest.fixture
def version(association_data, staff):
    return version_create(
        actor=staff, strategy=strategy_create(actor=staff, title="Strategia"), label="projekt"
    )


def test_standard_steps_and_no_second_list(version, staff):
    steps = procedure_start(actor=staff, version=version)
    kinds = [s.kind for s in steps]
    assert kinds[0] == "drafting_resolution"
    # the assessment's own steps, the regional board, then the Rada, then the two art. 34 opinions
    assert {"sea_scope", "sea_participation", "sea_opinions", "sea_summary", "regional_opinion"} <= set(kinds)
    assert kinds[-3:] == ["adoption", "iz_opinion", "ministry_opinion"]
    # neighbouring gminas and Wody Polskie are consulted in the consultation, not in separate opinion steps
    assert "opinion" not in kinds and "Wód Polskich" in steps[kinds.index("consultation")].title
    with pytest.raises(ValidationError):
        procedure_start(actor=staff, version=version)


def test_consultation_must_last_35_days(version, staff):
    procedure_start(actor=staff, version=version)
    consultation = ProcedureStep.objects.get(version=version, kind="consultation")
    with pytest.raises(ValidationError) as exc:
        procedure_step_save(
            actor=staff,
            version=version,
            step=consultation,
            started_on=dt.date(2024, 7, 4),
            completed_on=dt.date(2024, 8, 6),
        )
    # 35 days from the notice, the notice's day not counted (art. 111 § 2 k.c.): 4 July → 8 August at the earliest
    assert "najwcześniej 8 sierpnia 2024" in exc.value.message_dict["completed_on"][0]
    with pytest.raises(ValidationError):
        procedure_step_save(
            actor=staff,
            version=version,
            step=consultation,
            started_on=dt.date(2024, 7, 4),
            completed_on=dt.date(2024, 8, 7),
        )
    # 4 July – 8 August 2024, as the Konin update was consulted
    procedure_step_save(
        actor=staff,
        version=version,
        step=consultation,
        started_on=dt.date(2024, 7, 4),
        completed_on=dt.date(2024, 8, 8),
    )
    consultation.refresh_from_db()
    assert consultation.completed_on == dt.date(2024, 8, 8)
    with pytest.raises(ValidationError) as exc:
        procedure_step_save(
            actor=staff,
            version=version,
            step=consultation,
            started_on=dt.date(2026, 12, 1),
            due_on=dt.date(2026, 12, 20),
            completed_on=None,
        )
    assert "due_on" in exc.value.message_dict


def test_resolution_steps_need_the_resolution(version, staff):
    procedure_start(actor=staff, version=version)
    step = ProcedureStep.objects.get(version=version, kind="drafting_resolution")
    with pytest.raises(ValidationError) as exc:
        procedure_step_save(actor=staff, version=version, step=step, completed_on=dt.date(2022, 3, 1))
    assert "decision" in exc.value.message_dict
    decision = DecisionReference.objects.create(
        issuer_kind="association_body",
        issuer_name="Rada",
        kind="uchwała",
        number="3/2022",
        date=dt.date(2022, 3, 1),
    )
    procedure_step_save(
        actor=staff, version=version, step=step, completed_on=dt.date(2022, 3, 1), decision=decision
    )


def test_deadlines_warn_two_weeks_ahead_and_when_late(version, staff):
    procedure_start(actor=staff, version=version)
    today = dt.date(2026, 11, 26)
    opinion = ProcedureStep.objects.filter(version=version, kind="sea_summary").first()
    procedure_step_save(actor=staff, version=version, step=opinion, due_on=today + dt.timedelta(days=10))
    regional = ProcedureStep.objects.get(version=version, kind="regional_opinion")
    procedure_step_save(actor=staff, version=version, step=regional, due_on=today - dt.timedelta(days=3))
    states = {s.step.pk: s for s in selectors.procedure_states(version, today=today)}
    assert states[opinion.pk].status == "soon" and states[opinion.pk].days_left == 10
    assert states[regional.pk].status == "late" and states[regional.pk].days_late == 3


def test_only_staff_change_the_procedure(version, user_for_role):
    with pytest.raises(PermissionDenied):
        procedure_start(actor=user_for_role("body_secretary"), version=version)


def test_procedure_pages(version, staff, client):
    client.force_login(staff)
    assert client.post(reverse("strategy:procedure", args=[version.pk])).status_code == 302
    page = client.get(reverse("strategy:procedure", args=[version.pk])).content.decode()
    assert "Opinia Zarządu Województwa Wielkopolskiego" in page
    step = ProcedureStep.objects.get(version=version, kind="adoption")
    response = client.post(
        reverse("strategy:procedure_step", args=[version.pk, step.pk]),
        {
            "kind": "adoption",
            "title": step.title,
            "completed_on": "2024-09-12",
            "decision_number": "XII/45/2024",
            "decision_date": "2024-09-12",
            "decision_body": "Rada Stowarzyszenia",
        },
    )
    assert response.status_code == 303
    step.refresh_from_db()
    assert step.decision.number == "XII/45/2024" and step.completed_on == dt.date(2024, 9, 12)


def test_step_document_is_downloadable_by_staff_and_bodies(
    version, staff, client, user_for_role, settings, tmp_path
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    procedure_start(actor=staff, version=version)
    step = ProcedureStep.objects.get(version=version, kind="regional_opinion")
    procedure_step_save(
        actor=staff, version=version, step=step, document=SimpleUploadedFile("opinia.pdf", b"%PDF-1.4 opinia")
    )
    client.force_login(user_for_role("board_member"))
    assert b"opinia" in b"".join(client.get(reverse("strategy:step_file", args=[step.pk])).streaming_content)
    client.force_login(
        user_for_role("member_officer", organisation=None) if False else user_for_role("assessor")
    )
    assert client.get(reverse("strategy:step_file", args=[step.pk])).status_code == 403


def test_consultation_step_and_period_stay_in_step(version, staff):
    from zit.strategy.consultations import consultation_period_set

    consultation_period_set(
        actor=staff, version=version, opens=dt.date(2024, 7, 4), closes=dt.date(2024, 8, 8)
    )
    procedure_start(actor=staff, version=version)
    step = ProcedureStep.objects.get(version=version, kind="consultation")
    assert (step.started_on, step.due_on, step.completed_on) == (
        dt.date(2024, 7, 4),
        dt.date(2024, 8, 8),
        dt.date(2024, 8, 8),  # a period in the past is a finished step
    )
    # the step moved: the version's period follows
    procedure_step_save(
        actor=staff,
        version=version,
        step=step,
        started_on=dt.date(2024, 7, 10),
        completed_on=dt.date(2024, 8, 20),
    )
    version.refresh_from_db()
    assert (version.consultation_opens, version.consultation_closes) == (
        dt.date(2024, 7, 10),
        dt.date(2024, 8, 20),
    )
    # the period moved: the step follows
    consultation_period_set(
        actor=staff, version=version, opens=dt.date(2024, 9, 1), closes=dt.date(2024, 10, 10)
    )
    step.refresh_from_db()
    assert (step.started_on, step.due_on) == (dt.date(2024, 9, 1), dt.date(2024, 10, 10))


def test_adoption_reuses_the_resolution_of_the_adoption_step(version, staff):
    from zit.strategy.consultations import consultation_period_set
    from zit.strategy.services import version_status_set

    procedure_start(actor=staff, version=version)
    consultation_period_set(
        actor=staff, version=version, opens=dt.date(2024, 7, 4), closes=dt.date(2024, 8, 8)
    )
    version_status_set(actor=staff, version=version, status="consultation")
    resolution = DecisionReference.objects.create(
        issuer_kind="association_body",
        issuer_name="Rada Stowarzyszenia",
        number="7/2026",
        date=dt.date(2026, 1, 5),
    )
    adoption = ProcedureStep.objects.get(version=version, kind="adoption")
    procedure_step_save(
        actor=staff, version=version, step=adoption, completed_on=dt.date(2026, 1, 5), decision=resolution
    )
    other = DecisionReference.objects.create(
        issuer_kind="association_body", issuer_name="Rada", number="8/2026"
    )
    with pytest.raises(ValidationError) as exc:
        version_status_set(actor=staff, version=version, status="adopted", decision=other)
    assert "nr 7/2026" in exc.value.message_dict["decision"][0]
    version_status_set(actor=staff, version=version, status="adopted")
    version.refresh_from_db()
    assert version.status == "adopted" and version.adopted_by == resolution
    # the adopted version's consultation is history: its step cannot drift from the recorded period
    consultation = ProcedureStep.objects.get(version=version, kind="consultation")
    with pytest.raises(ValidationError) as exc:
        procedure_step_save(
            actor=staff,
            version=version,
            step=consultation,
            started_on=dt.date(2025, 6, 1),
            completed_on=dt.date(2025, 7, 31),
        )
    assert "od 4 lipca 2024 do 8 sierpnia 2024" in exc.value.message_dict["started_on"][0]


def test_adoption_with_a_typed_resolution_completes_the_adoption_step(version, staff, client):
    from zit.strategy.services import version_status_set

    procedure_start(actor=staff, version=version)
    version_status_set(actor=staff, version=version, status="consultation")
    client.force_login(staff)
    page = client.get(reverse("strategy:version_status", args=[version.pk])).content.decode()
    assert 'name="decision_number"' in page  # no resolution in the procedure yet: it is asked for
    response = client.post(
        reverse("strategy:version_status", args=[version.pk]),
        {
            "status": "adopted",
            "decision_number": "XII/40/2026",
            "decision_date": "2026-01-05",
            "decision_body": "Rada Stowarzyszenia",
        },
    )
    assert response.status_code == 303
    adoption = ProcedureStep.objects.get(version=version, kind="adoption")
    assert adoption.decision.number == "XII/40/2026" and adoption.completed_on == dt.date(2026, 1, 5)
    version.refresh_from_db()
    assert version.adopted_by == adoption.decision
