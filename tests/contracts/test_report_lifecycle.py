"""Who may act on progress information in each of its states: the beneficiary passes it on (first or after a
question), the office takes note or asks; nothing is accepted or returned."""

from types import SimpleNamespace

from zit.contracts.lifecycles import REPORT
from zit.contracts.models import ProgressReport

S = ProgressReport.Status


def test_progress_information_offers_what_the_lifecycle_allows_each_role(
    office, golina_user, kleczew_user, golina
):
    report = SimpleNamespace(
        status=S.DRAFT,
        contract=SimpleNamespace(card=SimpleNamespace(beneficiary_id=golina.pk)),
    )
    assert REPORT.may(golina_user, report, "pass_on")
    assert not REPORT.may(kleczew_user, report, "pass_on")
    assert not REPORT.may(office, report, "pass_on")
    report.status = S.SUBMITTED
    assert REPORT.may(office, report, "note") and REPORT.may(office, report, "ask")
    assert not REPORT.may(golina_user, report, "note") and not REPORT.may(golina_user, report, "ask")
    assert REPORT.transition("ask").reason_required
    report.status = S.QUESTION  # the beneficiary answers by passing it on again
    assert REPORT.may(golina_user, report, "pass_on") and not REPORT.may(office, report, "note")


def test_nothing_is_accepted_or_returned():
    names = {t.name for t in REPORT.transitions}
    assert names == {"pass_on", "note", "ask"}
    assert set(S.values) == {"draft", "submitted", "question", "noted"}
    assert REPORT.final == frozenset({S.NOTED})
    assert [g.__name__ for g in REPORT.transition("pass_on").guards] == ["report_narrative"]
