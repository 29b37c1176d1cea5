"""Who may act on a progress report in each of its states."""

from types import SimpleNamespace

from zit.contracts.lifecycles import REPORT
from zit.contracts.models import ProgressReport


def test_the_report_offers_what_the_lifecycle_allows_each_role(office, golina_user, kleczew_user, golina):
    report = SimpleNamespace(
        status=ProgressReport.Status.DRAFT,
        contract=SimpleNamespace(card=SimpleNamespace(beneficiary_id=golina.pk)),
    )
    assert REPORT.may(golina_user, report, "submit")
    assert not REPORT.may(kleczew_user, report, "submit")
    assert not REPORT.may(office, report, "submit")
    report.status = ProgressReport.Status.SUBMITTED
    assert REPORT.may(office, report, "accept") and REPORT.may(office, report, "return")
    assert not REPORT.may(golina_user, report, "accept")
    assert REPORT.transition("return").reason_required
