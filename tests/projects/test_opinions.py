"""Compliance opinions: several per card, each on the strategy and list versions of its day, a checklist
versioned per call, the IZ's request and deadline, the IZ's own decision after a negative opinion, numbering per
year, the public register's rule, and bad input refused with nothing saved."""

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from docx import Document

from zit.core.models import AuditEvent
from zit.core.signed import signed_document_for, signed_document_upload
from zit.projects import calls, opinions
from zit.projects.models import Call, ComplianceOpinion, OpinionAnswer

from .test_calls import _call, listed  # noqa: F401 - the fixture

DAY = dt.date(2026, 6, 10)


@pytest.fixture
def filed(listed, office, measure):  # noqa: F811
    main, _reserve = listed
    return calls.application_file(
        actor=office, card=main, call=_call(office, measure), application_number="A-2"
    )


def _answers(card, answer="met", justification="Zob. wniosek."):
    checklist = opinions.checklist_current(card.call)
    return [opinions.AnswerInput(c.pk, answer, justification) for c in checklist.criteria.all()]


def _prepare(office, card, *, compliant=True, today=DAY, **extra):
    extra.setdefault("answers", _answers(card, "met" if compliant else "not_met"))
    return opinions.opinion_prepare(actor=office, card=card, compliant=compliant, today=today, **extra)


def _sign_and_issue(office, opinion):
    document = signed_document_for(subject=opinion, kind=opinions.OPINION_KIND)
    signed_document_upload(
        actor=office, document=document, file=ContentFile(b"%PDF-1.7\nskan\n", name="o.pdf")
    )
    return opinions.opinion_issue(actor=office, opinion=opinion)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_an_opinion_rests_on_the_zit_strategy_and_the_list_and_cites_its_bases(filed, office):
    opinions.signatories_save(actor=office, signatories="Jan Kowalski, Prezes Zarządu")
    Call.objects.filter(pk=filed.call_id).update(agreement_clause="§ 5 ust. 2", zit_criterion="kryterium 7")
    filed.refresh_from_db()
    opinion = _prepare(
        office,
        filed,
        requested_on=dt.date(2026, 6, 1),
        due_on=dt.date(2026, 6, 15),
        request_reference="DPR.1",
    )
    assert opinion.number == "1/2026" and (opinion.year, opinion.sequence) == (2026, 1)
    assert opinion.strategy_version.zit_from <= DAY and opinion.list_version.is_approved
    assert opinion.call == filed.call and opinion.application_number == "A-2"
    assert opinion.answers.count() == 6 and opinion.checklist.number == 1
    with pytest.raises(ValidationError, match="wgraj podpisaną"):
        opinions.opinion_issue(actor=office, opinion=opinion)
    document = signed_document_for(subject=opinion, kind=opinions.OPINION_KIND)
    doc = Document(io.BytesIO(document.draft.read()))
    text = "\n".join(p.text for p in doc.paragraphs) + "\n".join(
        c.text for t in doc.tables for r in t.rows for c in r.cells
    )
    for expected in (
        "Opinia nr 1/2026",
        "art. 29 rozporządzenia",
        "Dz.U. 2022 poz. 1079",
        "do weryfikacji",
        "§ 5 ust. 2",
        "kryterium 7",
        f"wersja {opinion.strategy_version.number}",
        "Jan Kowalski, Prezes Zarządu",
        "Projekt jest zgodny ze Strategią ZIT.",
        "DPR.1",
    ):
        assert expected in text, expected
    letter = Document(io.BytesIO(opinions.cover_letter_docx(opinion)))
    assert "opinię nr 1/2026" in "\n".join(p.text for p in letter.paragraphs)
    opinion = _sign_and_issue(office, opinion)
    assert opinion.issued and opinion.card.state == "opinion_issued"


def test_several_opinions_on_one_card_and_the_iz_decides_after_a_negative_one(filed, office):
    first = _sign_and_issue(office, _prepare(office, filed, compliant=False))
    filed.refresh_from_db()
    assert filed.state == "opinion_negative"
    assert str(filed.get_state_display()) == "opinia negatywna – decyzja należy do IZ"
    # after the IZ's corrections round, a second opinion on the corrected application
    second = _prepare(office, filed, application_version="2", today=DAY + dt.timedelta(days=5))
    second = _sign_and_issue(office, second)
    filed.refresh_from_db()
    assert filed.state == "opinion_issued" and filed.opinions.count() == 2
    assert [o.number for o in opinions.opinions_of(filed)] == ["2/2026", "1/2026"]
    assert first.application_version == "" and second.application_version == "2"
    # the IZ's decision is the IZ's: its reference, date and source are required and kept with the opinion
    with pytest.raises(ValidationError) as exc:
        calls.application_outcome(
            actor=office, card=filed, selected=True, decided_on=None, reference="", source=""
        )
    assert {"decided_on", "reference", "source"} <= set(exc.value.message_dict)
    card = calls.application_outcome(
        actor=office,
        card=filed,
        selected=True,
        decided_on=DAY + dt.timedelta(days=20),
        reference="DPR-II.433.9.2026",
        source="pismo IZ",
    )
    assert card.state == "selected"
    second.refresh_from_db()
    assert second.iz_decision == "selected" and second.iz_decision_source == "pismo IZ"


def test_the_iz_may_reject_after_a_negative_opinion(filed, office):
    from zit.projects.services import card_transition

    _sign_and_issue(office, _prepare(office, filed, compliant=False))
    filed.refresh_from_db()
    # the card's bare buttons cannot record the IZ's decision without its date, reference and source
    for name in ("select", "reject"):
        with pytest.raises(ValidationError, match="Zapisz rozstrzygnięcie IZ"):
            card_transition(actor=office, card=filed, name=name, reason="IZ odrzuciła")
    filed.refresh_from_db()
    assert filed.state == "opinion_negative"
    card = calls.application_outcome(
        actor=office,
        card=filed,
        selected=False,
        decided_on=DAY + dt.timedelta(days=3),
        reference="DPR-II.433.10.2026",
        source="lista na stronie IZ",
    )
    assert card.state == "rejected"
    assert "DPR-II.433.10.2026" in card.transitions.first().reason


def test_numbers_run_per_year(filed, office):
    Call.objects.filter(pk=filed.call_id).update(closes_on=dt.date(2027, 3, 1))
    filed.refresh_from_db()
    a = _sign_and_issue(office, _prepare(office, filed, today=dt.date(2026, 12, 30)))
    b = _sign_and_issue(office, _prepare(office, filed, today=dt.date(2026, 12, 31)))
    c = _prepare(office, filed, today=dt.date(2027, 1, 2))
    assert [a.number, b.number, c.number] == ["1/2026", "2/2026", "1/2027"]
    assert opinions.opinions_public(query="1/2027").count() == 0  # a draft is never public


def test_a_new_checklist_version_leaves_issued_opinions_as_they_were(filed, office):
    opinion = _sign_and_issue(office, _prepare(office, filed))
    texts = list(opinion.answers.values_list("criterion_text", flat=True))
    second = opinions.checklist_version_create(
        actor=office,
        call=filed.call,
        criteria=["Nowe kryterium A.", "Nowe kryterium B."],
        note="zmiana regulaminu",
    )
    assert second.number == 2 and opinions.checklist_current(filed.call) == second
    opinion.refresh_from_db()
    assert list(opinion.answers.values_list("criterion_text", flat=True)) == texts
    again = _prepare(office, filed, answers=_answers(filed))
    assert list(again.answers.values_list("criterion_text", flat=True)) == [
        "Nowe kryterium A.",
        "Nowe kryterium B.",
    ]
    with pytest.raises(ValidationError):
        opinions.checklist_version_create(actor=office, call=filed.call, criteria=["  "])


def test_bad_input_is_refused_and_nothing_is_saved(filed, office):
    events = AuditEvent.objects.count()
    # a criterion without its justification
    answers = _answers(filed)
    answers[2].justification = " "
    with pytest.raises(ValidationError) as exc:
        _prepare(office, filed, answers=answers)
    assert f"justification_{answers[2].criterion_id}" in exc.value.message_dict
    # the IZ's request after its own deadline; the opinion before the request
    with pytest.raises(ValidationError) as exc:
        _prepare(office, filed, requested_on=dt.date(2026, 6, 5), due_on=dt.date(2026, 6, 1))
    assert "wcześniejszy niż prośba IZ" in exc.value.message_dict["due_on"][0]
    with pytest.raises(ValidationError) as exc:
        _prepare(office, filed, requested_on=DAY + dt.timedelta(days=1))
    assert "nie może być wcześniejsza niż prośba IZ" in exc.value.message_dict["requested_on"][0]
    # a positive opinion with an unmet criterion
    with pytest.raises(ValidationError, match="kryterium jest niespełnione"):
        _prepare(office, filed, answers=_answers(filed, "not_met"))
    # the call's results are out: no more opinions on its applications (the intake's end alone does not close it:
    # the IZ asks after the intake)
    Call.objects.filter(pk=filed.call_id).update(results_on=dt.date(2026, 6, 20))
    with pytest.raises(ValidationError, match="rozstrzygnięto 20 czerwca 2026"):
        _prepare(office, filed, today=dt.date(2026, 7, 1))
    Call.objects.filter(pk=filed.call_id).update(results_on=None)
    # no version is the ZIT strategy that day
    with pytest.raises(ValidationError, match="żadna wersja strategii nie jest Strategią ZIT"):
        Call.objects.filter(pk=filed.call_id).update(opens_on=dt.date(2024, 1, 1))
        _prepare(office, filed, today=dt.date(2024, 6, 1))
    assert ComplianceOpinion.objects.count() == 0 and OpinionAnswer.objects.count() == 0
    assert AuditEvent.objects.count() == events


def test_the_register_publishes_by_the_call_rule(filed, office):
    opinion = _sign_and_issue(office, _prepare(office, filed))
    call = filed.call
    assert call.opinions_published == Call.OpinionsPublished.AFTER_RESULTS
    assert not opinions.opinion_published(opinion, today=DAY)  # no results yet
    Call.objects.filter(pk=call.pk).update(results_on=DAY + dt.timedelta(days=30))
    assert not opinions.opinion_published(opinion, today=DAY + dt.timedelta(days=29))
    assert opinions.opinion_published(opinion, today=DAY + dt.timedelta(days=30))
    Call.objects.filter(pk=call.pk).update(opinions_published=Call.OpinionsPublished.NEVER)
    assert not opinions.opinion_published(opinion, today=DAY + dt.timedelta(days=30))
    Call.objects.filter(pk=call.pk).update(opinions_published=Call.OpinionsPublished.AFTER_ISSUE)
    page = Client().get(reverse("portal:opinions"), {"q": filed.title[:8]}).content.decode()
    assert opinion.number in page
    page = Client().get(reverse("portal:opinions"), {"q": "nic takiego"}).content.decode()
    assert opinion.number not in page


def test_the_inbox_warns_of_the_iz_deadline(filed, office):
    from zit.projects.inbox import opinions_due

    opinion = _prepare(office, filed, requested_on=dt.date(2026, 6, 1), due_on=dt.date(2026, 6, 12))
    items = {i.key: i for i in opinions_due(office, DAY)}
    item = items[f"projects.opinion_draft:{opinion.pk}"]
    assert item.due == dt.date(2026, 6, 12) and item.days_left(DAY) == 2
    assert item.overdue(dt.date(2026, 6, 13))
    assert f"projects.opinion:{filed.pk}" not in items  # begun: the draft stands for it


def test_signatories_are_the_office_s_setting_with_audit(office, golina_user):

    with pytest.raises(ValidationError):
        opinions.signatories_save(actor=office, signatories="Jan Kowalski")  # no function
    setting = opinions.signatories_save(
        actor=office, signatories="Jan Kowalski, Członek Zarządu\nAnna Nowak, Członek Zarządu"
    )
    assert setting.lines() == ["Jan Kowalski, Członek Zarządu", "Anna Nowak, Członek Zarządu"]
    assert AuditEvent.objects.filter(action="projects.opinion_signatories").count() == 1


def test_opinion_pages(filed, office, golina_user):
    client = Client()
    client.force_login(office)
    page = client.get(reverse("projects:card_opinion", args=[filed.pk])).content.decode()
    assert "Projekt jest realizowany na obszarze ZIT" in page
    checklist = opinions.checklist_current(filed.call)
    data = {"compliant": "1"}
    for c in checklist.criteria.all():
        data[f"answer_{c.pk}"] = "met"
        data[f"justification_{c.pk}"] = "Tak."
    data[f"justification_{c.pk}"] = ""
    response = client.post(reverse("projects:card_opinion", args=[filed.pk]), data)
    assert response.status_code == 200 and "Uzasadnij ocenę kryterium" in response.content.decode()
    assert response.content.decode().count("Tak.</textarea>") == 5  # what was typed stays
    applicant = Client()
    applicant.force_login(golina_user)
    assert applicant.get(reverse("projects:card_opinion", args=[filed.pk])).status_code == 403
    assert client.get(reverse("projects:opinion_signatories")).status_code == 200


def test_the_office_versions_a_call_checklist_on_its_page(filed, office):
    client = Client()
    client.force_login(office)
    url = reverse("projects:call_checklist", args=[filed.call_id])
    assert "Projekt jest zintegrowany" in client.get(url).content.decode()
    response = client.post(url, {"criteria": "Kryterium A.\n\nKryterium B.\n", "note": "regulamin v2"})
    assert response.status_code == 303
    checklist = opinions.checklist_current(filed.call)
    assert checklist.number == 2 and [c.text for c in checklist.criteria.all()] == [
        "Kryterium A.",
        "Kryterium B.",
    ]


def test_a_new_opinion_while_one_is_in_preparation_opens_that_one(filed, office):
    draft = _prepare(office, filed)
    client = Client()
    client.force_login(office)
    response = client.get(reverse("projects:card_opinion", args=[filed.pk]))
    assert response.status_code == 302 and response["Location"] == reverse(
        "projects:opinion_edit", args=[draft.pk]
    )
    with pytest.raises(ValidationError, match="w przygotowaniu"):
        _prepare(office, filed)


def test_cards_rejected_by_an_old_negative_opinion_go_back_to_the_iz_decision(filed, office):
    import importlib

    from django.apps import apps

    from zit.projects.models import CardTransition, ProjectCard

    step = importlib.import_module(
        "zit.projects.migrations.0019_negative_opinions_leave_the_decision_to_the_iz"
    )
    ProjectCard.objects.filter(pk=filed.pk).update(state="rejected")
    CardTransition.objects.create(
        card=filed,
        name="reject",
        from_state="opinion_issued",
        to_state="rejected",
        reason="Negatywna opinia o zgodności ze Strategią ZIT (OZ/2026/001): brak na liście",
        actor_label="biuro",
    )
    step.forward(apps, None)
    filed.refresh_from_db()
    assert filed.state == "opinion_negative"
    assert "decyzję podejmuje IZ" in filed.transitions.first().reason
    step.backward(apps, None)
    filed.refresh_from_db()
    assert filed.state == "rejected"
    # a rejection the IZ decided on its own stays
    CardTransition.objects.create(
        card=filed,
        name="reject",
        from_state="opinion_issued",
        to_state="rejected",
        reason="IZ: wniosek odrzucony",
    )
    step.forward(apps, None)
    filed.refresh_from_db()
    assert filed.state == "rejected"


def test_the_iz_request_is_recorded_before_the_opinion_and_its_deadline_is_in_the_inbox(filed, office):
    from zit.projects.inbox import opinions_due

    with pytest.raises(ValidationError) as exc:
        opinions.opinion_request_record(
            actor=office, card=filed, requested_on=dt.date(2026, 6, 5), due_on=dt.date(2026, 6, 1), today=DAY
        )
    assert "wcześniejszy niż prośba IZ" in exc.value.message_dict["due_on"][0]
    filed.refresh_from_db()
    assert filed.opinion_requested_on is None  # nothing half-saved
    opinions.opinion_request_record(
        actor=office,
        card=filed,
        requested_on=dt.date(2026, 6, 2),
        due_on=dt.date(2026, 6, 16),
        reference="DPR-II.433.1.2026",
        today=DAY,
    )
    assert AuditEvent.objects.filter(action="projects.opinion_request", object_id=str(filed.pk)).exists()
    items = {i.key: i for i in opinions_due(office, DAY)}
    assert items[f"projects.opinion_request:{filed.pk}"].due == dt.date(2026, 6, 16)
    assert f"projects.opinion:{filed.pk}" not in items  # one item per card
    # the opinion form starts from the recorded request
    client = Client()
    client.force_login(office)
    page = client.get(reverse("projects:card_opinion", args=[filed.pk])).content.decode()
    assert 'value="DPR-II.433.1.2026"' in page and 'value="2026-06-16"' in page
    # once the opinion is begun, the draft's item takes over
    _prepare(office, filed, requested_on=dt.date(2026, 6, 2), due_on=dt.date(2026, 6, 16))
    items = {i.key: i for i in opinions_due(office, DAY)}
    assert f"projects.opinion_request:{filed.pk}" not in items


def test_the_iz_request_page_keeps_what_was_typed(filed, office):
    client = Client()
    client.force_login(office)
    url = reverse("projects:card_opinion_request", args=[filed.pk])
    response = client.post(url, {"reference": "DPR.7", "requested_on": "2026-06-05", "due_on": "2026-06-01"})
    page = response.content.decode()
    assert response.status_code == 200 and 'value="DPR.7"' in page and "wcześniejszy niż prośba IZ" in page
    response = client.post(url, {"reference": "DPR.7", "requested_on": "2026-06-01", "due_on": "2026-06-15"})
    assert response.status_code == 303
