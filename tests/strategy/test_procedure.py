import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from zit.core.models import DecisionReference
from zit.strategy import selectors
from zit.strategy.models import ProcedureStep
from zit.strategy.services import procedure_start, procedure_step_save, strategy_create, version_create


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
    assert (
        kinds[0] == "drafting_resolution"
        and kinds[-1] == "adoption"
        and "sea" in kinds
        and "regional_opinion" in kinds
    )
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
    assert "tu trwają 34" in exc.value.message_dict["completed_on"][0]
    # 4 July – 8 August 2024, as the Konin update was consulted: 36 days
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
    opinion = ProcedureStep.objects.filter(version=version, kind="opinion").first()
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
    assert client.post(f"/biuro/strategia/wersje/{version.pk}/procedura/").status_code == 302
    page = client.get(f"/biuro/strategia/wersje/{version.pk}/procedura/").content.decode()
    assert "Opinia Zarządu Województwa Wielkopolskiego" in page
    step = ProcedureStep.objects.get(version=version, kind="adoption")
    response = client.post(
        f"/biuro/strategia/wersje/{version.pk}/procedura/krok/{step.pk}/",
        {
            "kind": "adoption",
            "title": step.title,
            "completed_on": "2024-09-12",
            "decision_number": "XII/45/2024",
            "decision_date": "2024-09-12",
            "decision_body": "Rada Stowarzyszenia",
        },
    )
    assert response.status_code == 302
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
    assert b"opinia" in b"".join(client.get(f"/biuro/strategia/procedura/pliki/{step.pk}/").streaming_content)
    client.force_login(
        user_for_role("member_officer", organisation=None) if False else user_for_role("assessor")
    )
    assert client.get(f"/biuro/strategia/procedura/pliki/{step.pk}/").status_code == 403
