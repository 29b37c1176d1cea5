"""The strategy's procedure as the law has it: terms counted from receipt (holidays moved), silence recorded as
the law reads it, the two dates of a version (in force, ZIT strategy), the art. 34 opinions, the assessment's
steps or its waiver, the correspondence log and the package."""

import datetime as dt
import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from zit.core.models import AuditEvent, DecisionReference
from zit.strategy import selectors
from zit.strategy.consultations import consultation_period_set
from zit.strategy.models import ProcedureStep
from zit.strategy.procedure import answering_version_create, procedure_start, procedure_step_save
from zit.strategy.procedure_letters import letter_save, silences_record, step_deadline
from zit.strategy.procedure_rules import consultation_earliest_end
from zit.strategy.services import strategy_create, version_create, version_status_set, version_transition

D = dt.date


@pytest.fixture
def staff(user_for_role):
    return user_for_role("office_staff")


@pytest.fixture
def version(association_data, staff):
    return version_create(
        actor=staff, strategy=strategy_create(actor=staff, title="Strategia"), label="projekt"
    )


def _step(version, kind):
    return ProcedureStep.objects.get(version=version, kind=kind)


def _adopt(version, staff, on=None, in_force_from=None):
    on = on or D(2024, 9, 12)
    procedure_start(actor=staff, version=version)
    consultation_period_set(actor=staff, version=version, opens=D(2024, 7, 4), closes=D(2024, 8, 8))
    version_status_set(actor=staff, version=version, status="consultation")
    decision = DecisionReference.objects.create(
        issuer_kind="association_body",
        issuer_name="Rada Stowarzyszenia",
        kind="uchwała",
        number="X/1/2024",
        date=on,
    )
    return version_transition(
        actor=staff, version=version, name="adopt", decision=decision, in_force_from=in_force_from
    )


def test_the_regional_board_has_30_days_from_receipt_and_a_holiday_moves_the_end(version, staff):
    procedure_start(actor=staff, version=version)
    regional = _step(version, "regional_opinion")
    letter = letter_save(
        actor=staff,
        step=regional,
        addressee="Zarząd Województwa Wielkopolskiego",
        sent_on=D(2024, 10, 1),
        received_on=D(2024, 10, 2),
    )
    # 2 October + 30 days = 1 November (All Saints', a holiday) → 2 November is a Saturday → Monday 4 November
    assert step_deadline(regional) == D(2024, 11, 4)
    states = {s.step.kind: s for s in selectors.procedure_states(version, today=D(2024, 10, 20))}
    assert states["regional_opinion"].deadline == D(2024, 11, 4)
    assert states["regional_opinion"].silence_on == D(2024, 11, 5)
    # sent is not received: the term runs from receipt only
    letter_save(actor=staff, step=regional, letter=letter, received_on=D(2024, 10, 9))
    assert step_deadline(regional) == D(2024, 11, 8)


def test_silence_of_the_regional_board_is_recorded_as_deemed_positive_the_day_after(version, staff):
    procedure_start(actor=staff, version=version)
    regional = _step(version, "regional_opinion")
    letter_save(
        actor=staff,
        step=regional,
        addressee="Zarząd Województwa",
        sent_on=D(2024, 3, 1),
        received_on=D(2024, 3, 4),
    )
    assert step_deadline(regional) == D(2024, 4, 3)
    assert silences_record(today=D(2024, 4, 3)) == 0  # the last day of the term: not yet
    regional.refresh_from_db()
    assert regional.outcome == ""
    assert silences_record(today=D(2024, 4, 4)) == 1
    regional.refresh_from_db()
    assert regional.outcome == "deemed" and regional.completed_on == D(2024, 4, 4)
    assert "uznaje się za zgodny" in regional.note
    assert AuditEvent.objects.filter(action="strategy.procedure_silence", object_id=str(regional.pk)).exists()
    assert silences_record(today=D(2024, 4, 10)) == 0  # recorded once


def test_an_answer_within_the_term_is_not_silence(version, staff):
    procedure_start(actor=staff, version=version)
    regional = _step(version, "regional_opinion")
    letter_save(
        actor=staff,
        step=regional,
        addressee="Zarząd Województwa",
        sent_on=D(2024, 3, 1),
        received_on=D(2024, 3, 4),
        answered_on=D(2024, 3, 20),
    )
    assert silences_record(today=D(2024, 5, 1)) == 0


def test_deemed_positive_only_where_the_law_says_so_and_after_the_term(version, staff):
    procedure_start(actor=staff, version=version)
    regional = _step(version, "regional_opinion")
    with pytest.raises(ValidationError) as exc:  # no letter: the term has not started
        procedure_step_save(actor=staff, version=version, step=regional, outcome="deemed")
    assert "doręczenia" in exc.value.message_dict["outcome"][0]
    sea = _step(version, "sea_opinions")
    with pytest.raises(ValidationError) as exc:
        procedure_step_save(actor=staff, version=version, step=sea, outcome="deemed")
    assert "żaden przepis" in exc.value.message_dict["outcome"][0]
    resolution = _step(version, "drafting_resolution")
    with pytest.raises(ValidationError):
        procedure_step_save(actor=staff, version=version, step=resolution, outcome="positive")


def test_letters_keep_their_dates_in_order_and_none_in_the_future(version, staff):
    procedure_start(actor=staff, version=version)
    regional = _step(version, "regional_opinion")
    with pytest.raises(ValidationError) as exc:
        letter_save(
            actor=staff, step=regional, addressee="Zarząd", sent_on=D(2024, 3, 5), received_on=D(2024, 3, 4)
        )
    assert "received_on" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        letter_save(
            actor=staff, step=regional, addressee="Zarząd", sent_on=dt.date.today() + dt.timedelta(days=1)
        )
    assert "sent_on" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        letter_save(
            actor=staff,
            step=regional,
            addressee="Zarząd",
            sent_on=D(2024, 3, 1),
            sent_document=SimpleUploadedFile("pismo.exe", b"MZ"),
        )
    assert "sent_document" in exc.value.message_dict
    assert not regional.letters.exists()  # nothing half-saved


def test_the_consultation_report_is_due_30_days_after_the_consultation(version, staff):
    consultation_period_set(actor=staff, version=version, opens=D(2024, 7, 4), closes=D(2024, 8, 8))
    procedure_start(actor=staff, version=version)
    assert step_deadline(_step(version, "consultation_report")) == D(2024, 9, 9)  # 7 Sep is a Saturday
    # the consultation's own term is a minimum: 35 days from the notice
    assert consultation_earliest_end(D(2026, 12, 2)) == D(2027, 1, 7)  # 6 January, Epiphany, moves it


def test_adoption_sets_in_force_from_and_refuses_a_day_before_the_resolution(version, staff):
    with pytest.raises(ValidationError) as exc:
        _adopt(version, staff, on=D(2024, 9, 12), in_force_from=D(2024, 9, 1))
    assert "in_force_from" in exc.value.message_dict
    version.refresh_from_db()
    assert version.status == "consultation"  # nothing half-saved
    adopted = _adopt_again(version, staff, in_force_from=D(2024, 10, 1))
    assert adopted.in_force_from == D(2024, 10, 1) and adopted.zit_from is None


def _adopt_again(version, staff, in_force_from=None):
    decision = DecisionReference.objects.create(
        issuer_kind="association_body",
        issuer_name="Rada",
        kind="uchwała",
        number="X/2/2024",
        date=D(2024, 9, 12),
    )
    return version_transition(
        actor=staff, version=version, name="adopt", decision=decision, in_force_from=in_force_from
    )


def test_the_art_34_opinions_come_after_adoption_and_make_the_zit_strategy(version, staff):
    procedure_start(actor=staff, version=version)
    iz = _step(version, "iz_opinion")
    with pytest.raises(ValidationError) as exc:  # before the Rada adopted it
        procedure_step_save(actor=staff, version=version, step=iz, started_on=D(2024, 9, 1))
    assert "najpierw przyjmij" in exc.value.message_dict["started_on"][0]
    ProcedureStep.objects.filter(version=version).delete()
    version = _adopt(version, staff, on=D(2024, 9, 12))
    assert version.in_force_from == D(2024, 9, 12)  # the resolution's day, by default
    iz, minister = _step(version, "iz_opinion"), _step(version, "ministry_opinion")
    with pytest.raises(ValidationError) as exc:
        procedure_step_save(
            actor=staff, version=version, step=iz, started_on=D(2024, 9, 1), completed_on=D(2024, 10, 1)
        )
    assert "wcześniejsza niż uchwała" in exc.value.message_dict["started_on"][0]
    iz.refresh_from_db()
    with pytest.raises(ValidationError) as exc:  # no verdict
        procedure_step_save(actor=staff, version=version, step=iz, completed_on=D(2024, 10, 1))
    assert "outcome" in exc.value.message_dict
    procedure_step_save(
        actor=staff, version=version, step=iz, completed_on=D(2024, 10, 1), outcome="positive"
    )
    version.refresh_from_db()
    assert version.zit_from is None  # the minister's opinion is still missing
    procedure_step_save(
        actor=staff, version=version, step=minister, completed_on=D(2024, 11, 15), outcome="positive"
    )
    version.refresh_from_db()
    assert version.zit_from == D(2024, 11, 15)  # the last required positive opinion
    assert selectors.zit_version_on(version.strategy, D(2024, 11, 14)) is None
    assert selectors.zit_version_on(version.strategy, D(2024, 11, 15)) == version
    # a negative one takes the status away and opens a version that answers it
    procedure_step_save(actor=staff, version=version, step=minister, outcome="negative")
    version.refresh_from_db()
    assert version.zit_from is None
    answer = answering_version_create(actor=staff, step=minister)
    assert answer.responds_to == minister and answer.based_on == version and answer.status == "draft"
    with pytest.raises(ValidationError):
        answering_version_create(actor=staff, step=minister)
    with pytest.raises(ValidationError):
        answering_version_create(actor=staff, step=iz)  # positive: nothing to answer


def test_the_assessment_can_be_waived_only_for_a_minor_change_of_an_adopted_strategy(version, staff):
    with pytest.raises(ValidationError) as exc:
        procedure_start(actor=staff, version=version, sea_waiver=True)
    assert "niewielkiej zmianie" in exc.value.message_dict["sea_waiver"][0]
    assert not version.procedure_steps.exists()
    adopted = _adopt(version, staff)
    update = version_create(actor=staff, strategy=adopted.strategy, label="aktualizacja", based_on=adopted)
    kinds = [s.kind for s in procedure_start(actor=staff, version=update, sea_waiver=True)]
    assert "sea_waiver" in kinds and not {"sea_scope", "sea_opinions", "sea_summary"} & set(kinds)


def test_public_participation_in_the_assessment_lasts_21_days(version, staff):
    procedure_start(actor=staff, version=version)
    step = _step(version, "sea_participation")
    with pytest.raises(ValidationError) as exc:
        procedure_step_save(
            actor=staff, version=version, step=step, started_on=D(2024, 7, 4), completed_on=D(2024, 7, 24)
        )
    assert "najwcześniej do 25 lipca 2024" in exc.value.message_dict["completed_on"][0]
    procedure_step_save(
        actor=staff, version=version, step=step, started_on=D(2024, 7, 4), completed_on=D(2024, 7, 25)
    )


def test_the_page_cites_each_basis_and_the_package_holds_the_documents(
    version, staff, client, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    procedure_start(actor=staff, version=version)
    regional = _step(version, "regional_opinion")
    letter_save(
        actor=staff,
        step=regional,
        addressee="Zarząd Województwa Wielkopolskiego",
        sent_on=D(2024, 3, 1),
        received_on=D(2024, 3, 4),
        sent_document=SimpleUploadedFile("wniosek.pdf", b"%PDF-1.4 wniosek"),
    )
    procedure_step_save(
        actor=staff,
        version=version,
        step=_step(version, "drafting_resolution"),
        completed_on=D(2024, 1, 10),
        decision=DecisionReference.objects.create(
            issuer_kind="association_body",
            issuer_name="Rada",
            kind="uchwała",
            number="I/1/2024",
            date=D(2024, 1, 10),
        ),
        document=SimpleUploadedFile("uchwala.pdf", b"%PDF-1.4 uchwala"),
    )
    client.force_login(staff)
    page = client.get(reverse("strategy:procedure", args=[version.pk])).content.decode()
    assert "art. 10g ust. 4a" in page and "art. 34" in page and "do weryfikacji" in page
    assert "3 kwietnia 2024" in page  # the regional board's term, 30 days from receipt
    response = client.get(reverse("strategy:package", args=[version.pk]))
    assert response["Content-Type"] == "application/zip"
    names = zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    assert names[0] == "00-wniosek-o-opinie.docx"
    assert any(n.endswith(".pdf") and n.startswith("02-uchwa") for n in names)
    assert any("pismo" in n and n.endswith(".pdf") for n in names)
    from docx import Document

    cover = Document(io.BytesIO(zipfile.ZipFile(io.BytesIO(response.content)).read(names[0])))
    text = "\n".join(p.text for p in cover.paragraphs)
    assert "art. 34" in text and "Załączniki" in text


def test_the_inbox_shows_the_term_counted_from_receipt(version, staff):
    from zit.core.inbox import items_for

    procedure_start(actor=staff, version=version)
    regional = _step(version, "regional_opinion")
    letter_save(
        actor=staff,
        step=regional,
        addressee="Zarząd Województwa",
        sent_on=D(2024, 3, 1),
        received_on=D(2024, 3, 4),
    )
    found = {item.key: item for _source, item in items_for(user=staff, today=D(2024, 3, 25))}
    assert found[f"strategy.procedure:{regional.pk}"].due == D(2024, 4, 3)
    # the consultation's minimum end is not a deadline: no inbox item for it
    consultation = _step(version, "consultation")
    assert f"strategy.procedure:{consultation.pk}" not in found


def test_both_art_34_opinions_are_required_and_letters_for_them_follow_the_adoption(version, staff):
    version = _adopt(version, staff, on=D(2024, 9, 12))
    iz = _step(version, "iz_opinion")
    with pytest.raises(ValidationError) as exc:
        letter_save(actor=staff, step=iz, addressee="IZ FEW 2021+", sent_on=D(2024, 9, 1))
    assert "wcześniejsza niż uchwała" in exc.value.message_dict["sent_on"][0]
    _step(version, "ministry_opinion").delete()  # a procedure without the minister's step
    procedure_step_save(
        actor=staff, version=version, step=iz, completed_on=D(2024, 10, 1), outcome="positive"
    )
    version.refresh_from_db()
    assert version.zit_from is None  # one opinion alone never makes the ZIT strategy
    iz.refresh_from_db()
    with pytest.raises(ValidationError) as exc:  # a done art. 34 step keeps its kind
        procedure_step_save(actor=staff, version=version, step=iz, kind="other")
    assert "kind" in exc.value.message_dict


def test_deemed_positive_is_refused_on_a_new_step_and_after_an_answer_in_time(version, staff):
    procedure_start(actor=staff, version=version)
    with pytest.raises(ValidationError) as exc:
        procedure_step_save(
            actor=staff, version=version, kind="regional_opinion", title="Opinia ZW", outcome="deemed"
        )
    assert "doręczenia" in exc.value.message_dict["outcome"][0]
    regional = _step(version, "regional_opinion")
    letter_save(
        actor=staff,
        step=regional,
        addressee="Zarząd Województwa",
        sent_on=D(2024, 3, 1),
        received_on=D(2024, 3, 4),
        answered_on=D(2024, 3, 28),
    )
    with pytest.raises(ValidationError) as exc:
        procedure_step_save(actor=staff, version=version, step=regional, outcome="deemed")
    assert "wpłynęła w terminie" in exc.value.message_dict["outcome"][0]


def test_a_changed_letter_is_audited_and_the_package_stays_polish(version, staff, client):
    from django.utils import translation

    from zit.strategy.procedure_package import package_zip

    procedure_start(actor=staff, version=version)
    regional = _step(version, "regional_opinion")
    letter = letter_save(actor=staff, step=regional, addressee="Zarząd Województwa", sent_on=D(2024, 3, 1))
    client.force_login(staff)
    url = reverse("strategy:letter", args=[version.pk, regional.pk, letter.pk])
    response = client.post(
        url, {"addressee": "Zarząd Województwa", "sent_on": "2024-03-01", "received_on": "2024-03-04"}
    )
    assert response.status_code == 303
    event = AuditEvent.objects.filter(action="strategy.letter_update", object_id=str(letter.pk)).get()
    assert event.after["received_on"] == "2024-03-04" and event.before["received_on"] is None
    with translation.override("en"):
        archive = zipfile.ZipFile(io.BytesIO(package_zip(version)))
    from docx import Document

    text = "\n".join(
        p.text for p in Document(io.BytesIO(archive.read("00-wniosek-o-opinie.docx"))).paragraphs
    )
    assert "Przebieg procedury" in text and "Załączniki" in text
