"""The association's reporting year: the deadlines and their legal bases, the services (opening, documents,
filing) with their permissions and refusals, the approval resolution's effect and the inbox."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone
from factories.accounts import UserFactory
from factories.governance import ResolutionFactory

from governance.meeting_fixtures import *  # noqa: F403
from governance.test_resolutions import adopt, draft
from zit.core.models import AuditEvent
from zit.governance import public_documents, resolutions, year_rules, years
from zit.governance.inbox import year_steps_missing
from zit.governance.models import AssociationYear, PublicDocument, Resolution, ResolutionKind

# the year just ended, whatever today is: the approval resolution is adopted today by the meeting fixture
LAST = timezone.localdate().year - 1


def pdf(name="sprawozdanie.pdf"):
    return ContentFile(b"%PDF-1.4 test", name=name)


def upload(year, step=year_rules.STATEMENT, actor=None, today=None, **fields):
    fields.setdefault("title", f"Sprawozdanie finansowe za {year} r.")
    fields.setdefault("prepared_by", "Anna Księgowa, główna księgowa")
    return years.year_document_upload(actor=actor, year=year, step=step, file=pdf(), today=today, **fields)


# --- deadlines


def test_the_statement_is_due_on_31_march_and_its_basis_is_quoted():
    assert year_rules.statement_due(2030) == dt.date(2031, 3, 31)
    assert year_rules.step_due(year_rules.STATEMENT, 2030) == dt.date(2031, 3, 31)
    basis = year_rules.STATEMENT_BASIS
    assert basis.citation == "art. 52 ust. 1 ustawy z dnia 29 września 1994 r. o rachunkowości"
    assert basis.quote.startswith("Kierownik jednostki zapewnia sporządzenie rocznego sprawozdania")


def test_the_approval_is_due_on_30_june_even_on_a_sunday_and_is_marked_for_verification():
    due = year_rules.approval_due(2023)
    assert due == dt.date(2024, 6, 30) and due.weekday() == 6  # a Sunday: not moved to 1 July
    assert year_rules.step_due(year_rules.BOARD_REPORT, 2023) == due  # due before the approval
    # once the Rada approved on 15 May, the report and the opinion were due by then
    assert year_rules.step_due(year_rules.AUDIT_OPINION, 2023, dt.date(2024, 5, 15)) == dt.date(2024, 5, 15)
    assert year_rules.step_due(year_rules.APPROVAL, 2023, dt.date(2024, 5, 15)) == due
    assert year_rules.APPROVAL_BASIS.citation == (
        "art. 53 ust. 1 ustawy z dnia 29 września 1994 r. o rachunkowości – do weryfikacji "
        "(źródło: gazetaprawna.pl, rp.pl)"
    )


def test_the_filing_is_due_10_days_after_the_approval_resolution():
    assert year_rules.filing_due(None) is None
    assert year_rules.filing_due(dt.date(2031, 5, 25)) == dt.date(2031, 6, 4)
    assert year_rules.step_due(year_rules.FILING, 2030, dt.date(2031, 6, 30)) == dt.date(2031, 7, 10)
    assert "do weryfikacji (źródło: prawo.pl, 2020)" in year_rules.FILING_BASIS.citation
    assert "art. 27 ust. 2" in year_rules.FILING_BASIS.citation


# --- the services


def test_a_year_opens_once_and_only_after_it_ended(association_data, office):
    with pytest.raises(ValidationError) as exc:
        years.year_open(actor=office, year=2031, today=dt.date(2031, 12, 31))
    assert "jeszcze się nie skończył" in exc.value.message_dict["year"][0]
    assert not AssociationYear.objects.exists()
    first = years.year_open(actor=office, year=2031, today=dt.date(2032, 1, 1))
    again = years.year_open(actor=office, year=2031, today=dt.date(2032, 1, 1))
    assert first == again
    assert AuditEvent.objects.filter(action="governance.year_open").count() == 1


def test_a_document_is_published_in_the_register_and_linked(
    association_data, office, settings, tmp_path, client
):
    settings.MEDIA_ROOT = tmp_path
    document = upload(LAST, actor=office, description="Bilans, rachunek wyników i informacja dodatkowa.")
    record = AssociationYear.objects.get(year=LAST)
    assert record.financial_statement == document and document.category == PublicDocument.Category.BUDGET
    assert document.is_published and document.prepared_by == "Anna Księgowa, główna księgowa"
    report = upload(LAST, step=year_rules.BOARD_REPORT, actor=office, title="Sprawozdanie Zarządu")
    assert report.category == PublicDocument.Category.REPORT
    assert AuditEvent.objects.filter(action="governance.year_document", object_id=str(record.pk)).count() == 2
    page = client.get(f"/dokumenty/{document.pk}/")
    assert page.status_code == 200 and "Anna Księgowa" in page.content.decode()  # with its metryczka


def test_bad_documents_are_refused_with_nothing_saved(association_data, office, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with pytest.raises(ValidationError) as exc:
        upload(2031, actor=office, today=dt.date(2031, 6, 1))
    assert "jeszcze się nie skończył" in exc.value.messages[0]
    with pytest.raises(ValidationError) as exc:
        upload(LAST, actor=office, prepared_on=dt.date(LAST, 12, 31))
    assert "po dniu bilansowym" in exc.value.message_dict["prepared_on"][0]
    with pytest.raises(ValidationError) as exc:
        upload(LAST, actor=office, prepared_by=" ")
    assert "prepared_by" in exc.value.message_dict
    assert not PublicDocument.objects.exists()
    assert not AssociationYear.objects.filter(financial_statement__isnull=False).exists()


def test_a_document_is_replaced_only_after_its_withdrawal(association_data, office, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    first = upload(LAST, actor=office)
    with pytest.raises(ValidationError) as exc:
        upload(LAST, actor=office, title="Druga wersja")
    assert "najpierw wycofaj" in exc.value.messages[0]
    public_documents.document_withdraw(actor=office, document=first, reason="Błąd w bilansie.")
    second = upload(LAST, actor=office, title="Sprawozdanie poprawione")
    assert AssociationYear.objects.get(year=LAST).financial_statement == second


def test_only_governance_managers_write(association_data, board, office, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with pytest.raises(PermissionDenied):
        years.year_open(actor=board, year=LAST)
    with pytest.raises(PermissionDenied):
        upload(LAST, actor=board)
    with pytest.raises(PermissionDenied):
        years.year_filing_record(actor=board, year=LAST, filed_on=dt.date(LAST + 1, 5, 1), reference="UPO 1")
    assert not AssociationYear.objects.exists() and not PublicDocument.objects.exists()
    secretary = UserFactory(roles=[("body_secretary", None)])
    assert years.year_open(actor=secretary, year=LAST).year == LAST


# --- the approval resolution and its effect


def test_an_approval_draft_is_refused_while_the_statement_is_missing(
    rada, meeting, office, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    with pytest.raises(ValidationError) as exc:
        draft(rada, meeting, kind=ResolutionKind.ACCOUNTS_APPROVAL, fiscal_year=LAST)
    assert "nie zostało jeszcze dodane" in exc.value.message_dict["fiscal_year"][0]
    with pytest.raises(ValidationError) as exc:
        draft(rada, meeting, kind=ResolutionKind.ACCOUNTS_APPROVAL, fiscal_year=LAST + 1)
    assert "jeszcze się nie skończył" in exc.value.message_dict["fiscal_year"][0]
    assert not Resolution.objects.filter(kind=ResolutionKind.ACCOUNTS_APPROVAL).exists()


def test_the_effect_waits_without_a_statement_and_links_the_year_once_it_is_there(
    rada, meeting, office, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    statement = upload(LAST, actor=office)
    resolution = draft(rada, meeting, kind=ResolutionKind.ACCOUNTS_APPROVAL, fiscal_year=LAST)
    public_documents.document_withdraw(actor=office, document=statement, reason="Błąd.")
    from governance.test_resolutions import vote_all
    from zit.governance import votes

    adopted = votes.vote_close(actor=office, vote=vote_all(resolution, actor=office))
    assert adopted.is_adopted and adopted.effect == Resolution.Effect.PENDING
    assert "nie zostało jeszcze dodane" in adopted.effect_note
    assert AssociationYear.objects.get(year=LAST).approval is None

    upload(LAST, actor=office, title="Sprawozdanie poprawione")
    applied = resolutions.resolution_effect_apply(actor=office, resolution=adopted)
    assert applied.effect == Resolution.Effect.APPLIED
    record = AssociationYear.objects.get(year=LAST)
    assert record.approval == adopted
    assert AuditEvent.objects.filter(action="governance.year_approve", object_id=str(record.pk)).exists()
    with pytest.raises(ValidationError) as exc:  # an approved statement is not replaced
        upload(LAST, actor=office, title="Jeszcze inne")
    assert "jest już zatwierdzone" in exc.value.messages[0]
    with pytest.raises(ValidationError) as exc:  # nor approved twice
        draft(rada, meeting, kind=ResolutionKind.ACCOUNTS_APPROVAL, fiscal_year=LAST, subject="drugie")
    assert f"uchwałą nr {adopted.number}" in exc.value.message_dict["fiscal_year"][0]


def test_the_filing_follows_the_approval(rada, meeting, office, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    today = timezone.localdate()
    with pytest.raises(ValidationError) as exc:
        years.year_filing_record(actor=office, year=LAST, filed_on=today, reference="UPO 1")
    assert "nie jest jeszcze zatwierdzone" in exc.value.messages[0]
    upload(LAST, actor=office)
    approval = adopt(rada, meeting, actor=office, kind=ResolutionKind.ACCOUNTS_APPROVAL, fiscal_year=LAST)
    assert approval.effect == Resolution.Effect.APPLIED
    with pytest.raises(ValidationError) as exc:
        years.year_filing_record(
            actor=office, year=LAST, filed_on=approval.adopted_on - dt.timedelta(days=1), reference="UPO 1"
        )
    assert "wcześniejsza niż zatwierdzenie" in exc.value.message_dict["filed_on"][0]
    with pytest.raises(ValidationError) as exc:
        years.year_filing_record(actor=office, year=LAST, filed_on=today, reference=" ")
    assert "reference" in exc.value.message_dict
    assert AssociationYear.objects.get(year=LAST).filed_on is None
    record = years.year_filing_record(actor=office, year=LAST, filed_on=today, reference="UPO 123")
    assert (record.filed_on, record.filing_reference) == (today, "UPO 123")
    assert AuditEvent.objects.filter(action="governance.year_filing").count() == 1


def test_the_new_kind_is_in_the_migration(db):
    loader = MigrationLoader(None, ignore_no_migrations=True)
    before = loader.project_state(("governance", "0008_effect_appliers_setting"))
    after = loader.project_state(("governance", "0009_reporting_year"))

    def kinds(state, model):
        return dict(state.models["governance", model].fields["kind"].choices)

    assert "accounts_approval" not in kinds(before, "resolution")
    assert kinds(after, "resolution")["accounts_approval"] == "zatwierdzenie sprawozdania finansowego"
    assert "accounts_approval" in kinds(after, "votingrule")
    assert after.models["governance", "associationyear"].fields["year"].unique


# --- the inbox


def _keys(items, year):
    return {i.key.rsplit(":", 1)[1]: i.due for i in items if i.key.startswith(f"governance.year:{year}:")}


def test_the_missing_steps_wait_from_1_january_until_done(
    association_data, office, board, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    assert _keys(year_steps_missing(office, dt.date(2030, 12, 31)), 2030) == {}
    waiting = _keys(year_steps_missing(office, dt.date(2031, 1, 1)), 2030)
    june = dt.date(2031, 6, 30)
    assert waiting == {
        "statement": dt.date(2031, 3, 31),
        "board_report": june,
        "audit_opinion": june,
        "approval": june,
    }  # the filing waits only once the statement is approved
    assert year_steps_missing(board, dt.date(2031, 1, 1)) == []

    later = dt.date(2031, 7, 2)
    for step in year_rules.DOCUMENT_STEPS:
        upload(2030, step=step, actor=office, today=later, title=f"Dokument {step}")
    record = AssociationYear.objects.get(year=2030)
    record.approval = ResolutionFactory(
        adopted=True, kind=ResolutionKind.ACCOUNTS_APPROVAL, fiscal_year=2030, adopted_on=dt.date(2031, 6, 25)
    )
    record.save()
    assert _keys(year_steps_missing(office, later), 2030) == {"filing": dt.date(2031, 7, 5)}
    record.filed_on, record.filing_reference = dt.date(2031, 7, 1), "UPO"
    record.save()
    assert _keys(year_steps_missing(office, later), 2030) == {}
    assert _keys(year_steps_missing(office, dt.date(2032, 1, 2)), 2030) == {}


def test_the_guide_quotes_the_same_legal_bases():
    from pathlib import Path

    guide = (Path(__file__).resolve().parents[2] / "docs" / "przewodnik.md").read_text(encoding="utf-8")
    for step in year_rules.STEPS:
        assert step.basis.citation in guide, step.key
    assert f"> {year_rules.STATEMENT_BASIS.quote}" in guide
