import datetime as dt
import io
from decimal import Decimal

from contracts.test_contracts import _sign
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from monitoring.helpers import progress_report
from zit.contracts.durability import contract_settle
from zit.core.inbox import items_for
from zit.core.jobs import job_run, job_start
from zit.core.models import Job, Notice
from zit.core.notices import notices_deliver
from zit.funding.models import Obligation
from zit.funding.selectors import agreement_current
from zit.monitoring.warnings import decommitment_deadline, warnings


def _rules(today):
    return sorted(w.rule for w in warnings(today=today))


def _spend(contract, amount, *, year=2026, accept=True, period=(dt.date(2026, 3, 1), dt.date(2026, 12, 31))):
    return progress_report(contract, period=period, spent=[(year, "works", amount)], accept=accept)


def test_the_n_plus_3_deadlines_and_the_end_of_the_period():
    assert decommitment_deadline(2023) == dt.date(2026, 12, 31)
    assert decommitment_deadline(2025) == dt.date(2028, 12, 31)
    assert decommitment_deadline(2026) == dt.date(2029, 12, 31)  # n+3 for 2021–2026 (art. 105 ust. 1)
    assert decommitment_deadline(2027) == dt.date(2029, 12, 31)


def test_money_at_risk_is_flagged_a_year_before_its_deadline(selected, office):
    contract = _sign(office, selected)  # EU 280 000 planned for 2026 and 280 000 for 2027
    assert "decommitment" not in _rules(dt.date(2028, 12, 30))  # 366 days before 2029-12-31
    assert "decommitment" in _rules(dt.date(2028, 12, 31))
    risk = [w for w in warnings(today=dt.date(2029, 1, 1)) if w.rule == "decommitment"]
    assert len(risk) == 1 and risk[0].due_on == dt.date(2029, 12, 31)
    assert "280 000,00" in risk[0].detail.replace("\xa0", " ")
    _spend(contract, Decimal("400000"))  # 70% of it is EU: 280 000, the whole 2026 tranche
    # the 2027 tranche shares the deadline (the end of 2029), so the warning now asks for both
    risk = [w for w in warnings(today=dt.date(2029, 1, 1)) if w.rule == "decommitment"]
    assert len(risk) == 1 and "560 000,00" in risk[0].detail.replace("\xa0", " ")


def test_spending_behind_the_plan_of_past_years(selected, office):
    contract = _sign(office, selected)  # eligible 400 000 planned for 2026
    assert "spending_behind" not in _rules(dt.date(2026, 12, 31))  # 2026 is not over
    assert "spending_behind" in _rules(dt.date(2027, 2, 1))
    _spend(contract, Decimal("319999.99"), period=(dt.date(2026, 3, 1), dt.date(2026, 6, 30)))
    assert "spending_behind" in _rules(dt.date(2027, 2, 1))
    _spend(contract, Decimal("5000"), period=(dt.date(2027, 1, 1), dt.date(2027, 1, 31)), year=2027)
    assert "spending_behind" in _rules(dt.date(2027, 2, 1))  # spent in 2027 does not cover 2026
    _spend(contract, Decimal("0.01"), period=(dt.date(2026, 7, 1), dt.date(2026, 12, 31)))  # 80% exactly
    assert "spending_behind" not in _rules(dt.date(2027, 2, 1))


def test_milestones_reports_endings_settlement_and_durability(selected, office):
    contract = _sign(office, selected)  # milestone due 2026-06-30, ends 2027-10-31
    assert "milestone_overdue" in _rules(dt.date(2026, 7, 1))
    assert "milestone_overdue" not in _rules(dt.date(2026, 6, 30))
    assert "contract_ending" in _rules(dt.date(2027, 8, 2)) and "contract_ending" not in _rules(
        dt.date(2027, 8, 1)
    )
    assert "settlement_overdue" in _rules(dt.date(2027, 11, 1))
    report = _spend(contract, Decimal("1000"), accept=False)
    assert "report_waiting" not in _rules(timezone.localdate())
    type(report).objects.filter(pk=report.pk).update(submitted_at=timezone.now() - dt.timedelta(days=15))
    assert "report_waiting" in _rules(timezone.localdate())
    contract_settle(
        actor=office,
        contract=contract,
        final_payment_on=dt.date(2026, 2, 28),
        durability_years=5,
        reference="IZ-PK/1",
        confirmed=True,
        reason="IZ rozliczyła projekt przed końcem realizacji.",
    )
    found = [w for w in warnings(today=dt.date(2028, 3, 1)) if w.rule == "durability_missing"]
    assert [w.detail for w in found] == [
        "Brak oświadczenia o trwałości za 2026 r.",
        "Brak oświadczenia o trwałości za 2027 r.",
    ]
    assert "settlement_overdue" not in _rules(dt.date(2028, 3, 1))


def test_obligations_of_the_agreement(funding_data, office):
    agreement = agreement_current()
    Obligation.objects.create(
        agreement=agreement,
        kind="report",
        title="Sprawozdanie roczne",
        due_on=dt.date(2026, 3, 31),
        responsible=office,
    )
    assert _rules(dt.date(2026, 3, 1)) == ["obligation_due"]
    assert _rules(dt.date(2026, 4, 1)) == ["obligation_late"]
    assert warnings(today=dt.date(2026, 4, 1))[0].severity == "high"


def test_the_warnings_wait_in_the_inbox_and_reach_the_common_digest(
    funding_data, user_for_role, golina_user, settings
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    staff, board = user_for_role("office_staff"), user_for_role("board_member")
    staff.email = "biuro@example.org"
    staff.save()
    today = timezone.localdate()
    Obligation.objects.create(
        agreement=agreement_current(),
        kind="report",
        title="Sprawozdanie roczne",
        due_on=today - dt.timedelta(days=1),
        responsible=staff,
    )
    found = [item for src, item in items_for(user=staff, today=today) if src.key == "monitoring.warnings"]
    assert len(found) == 1 and found[0].title == "Pilne: Sprawozdanie roczne"
    assert found[0].url == reverse("funding:agreement") and found[0].overdue(today)
    assert [i.key for s, i in items_for(user=board, today=today) if s.key == "monitoring.warnings"] == [
        found[0].key
    ]  # the board watches the programme too
    assert not [s for s, i in items_for(user=golina_user, today=today) if s.key == "monitoring.warnings"]
    # the common digest: a notice once, then the e-mail by the person's preference (daily by default)
    morning = timezone.make_aware(dt.datetime.combine(today, dt.time(8, 0)))
    notices_deliver(now=morning, today=today)
    notice = Notice.objects.get(recipient=staff, source="monitoring.warnings")
    assert notice.title == "Pilne: Sprawozdanie roczne" and notice.mailed_at == morning
    assert [m.to for m in mail.outbox] == [["biuro@example.org"]]
    assert (
        "Sprawozdanie roczne" in mail.outbox[0].body and reverse("funding:agreement") in mail.outbox[0].body
    )
    job = job_start(actor=None, kind="core.notices", title="Powiadomienia")  # the recurring job does the same
    job_run(job.pk)
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED
    assert Notice.objects.filter(recipient=staff, source="monitoring.warnings").count() == 1  # told once
    assert len(mail.outbox) == 1  # nothing new: nothing sent
    assert not Job.objects.filter(kind="monitoring.weekly_digest").exists()  # the old weekly mail is gone
    assert Job.objects.filter(kind="core.notices", status=Job.Status.QUEUED).exists()  # the next run


def test_the_pages_are_for_staff_and_the_board_and_tables_download(
    client, selected, office, user_for_role, golina_user
):
    contract = _sign(office, selected)
    client.force_login(golina_user)
    assert client.get(reverse("monitoring:dashboard")).status_code == 403
    client.force_login(user_for_role("board_member"))
    page = client.get(reverse("monitoring:dashboard"))
    assert page.status_code == 200 and "Gmina Golina" in page.content.decode()
    assert client.get(reverse("monitoring:warnings")).status_code == 200
    drill = client.get(
        f"{reverse('monitoring:projects')}?beneficjent={contract.card.beneficiary_id}"
    ).content.decode()
    assert contract.number in drill
    csv_file = client.get(reverse("monitoring:download", args=["beneficjenci", "csv"]))
    text = csv_file.content.decode("utf-8-sig")
    assert text.splitlines()[1].startswith("Gmina Golina;;;;560000,00;")  # no list column per beneficiary
    xlsx = load_workbook(
        io.BytesIO(client.get(reverse("monitoring:download", args=["koperty", "xlsx"])).content)
    ).active
    assert xlsx["A1"].value == "Grupa" and xlsx["E1"].value == "W umowach (PLN)"
    assert client.get(reverse("monitoring:download", args=["inne", "csv"])).status_code == 404


def test_money_of_an_envelope_not_yet_on_the_main_list(listed, funding_demo):
    from zit.funding.models import AllocationLine

    lines = list(AllocationLine.objects.all())
    found = [w for w in warnings(today=dt.date(2026, 11, 26)) if w.rule == "envelope_headroom"]
    assert len(found) == len(lines) - sum(
        1 for w in [] if w
    )  # every envelope of the demo split has money left
    main, _reserve = listed
    entry = main.list_entries.get(position="main")
    line = next(x for x in lines if x.measure_id == main.measure_id and x.fund_id == main.fund_id)
    ours = next(w for w in found if w.title.startswith(line.measure.number))
    free = (line.amount_eur - entry.eu_eur).quantize(Decimal("0.01"))
    assert format(free, ",.2f").replace(",", " ").replace(".", ",") in ours.detail.replace("\xa0", " ")
