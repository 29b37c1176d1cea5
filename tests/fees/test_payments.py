"""Payments: bank statements as banks export them, matching, review, dedupe on re-import, balances."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from zit.core.importing import ImportRejected
from zit.fees.accounts import balances, member_account, totals
from zit.fees.models import FeeAssessment, FeePayment
from zit.fees.payments import payment_add, payment_assign, payment_mark_not_fee, payments_rematch
from zit.fees.statements import statement_held_confirm, statement_import

# Golina 12 079 × 0,50 + 1 000 = 7 039,50; Kleczew 9 908 → 5 954,00; Ślesin 13 992 → 7 996,00;
# the county 20 000,00; the city 71 427,00.
CSV_CP1250 = (
    "Wyciąg z rachunku nr PL61 1090 1014 0000 0712 1981 2874\r\n"
    "Stowarzyszenie Aglomeracji Konińskiej;Okres: 01.03.2026 - 31.03.2026\r\n"
    "\r\n"
    "Data operacji;Data waluty;Nadawca / Odbiorca;Rachunek kontrahenta;Tytuł;Kwota;Waluta;Id transakcji\r\n"
    '03.03.2026;03.03.2026;URZĄD GMINY GOLINA;PL27114020040000300201355387;  skladka   czlonkowska sKL/2026/03 ;"7 039,50";PLN;TX-1001\r\n'
    '05.03.2026;05.03.2026;Urząd Miejski w Kleczewie;PL83101010230000261395100000;Skladka czlonkowska gmina kleczw 2026;"1 000,00";PLN;TX-1002\r\n'
    '06.03.2026;06.03.2026;Urząd;PL11;skladka NIP 665-123-45-67;"8 500,00";PLN;TX-1003\r\n'
    '07.03.2026;07.03.2026;STAROSTWO POWIATOWE W KONINIE;PL22;skladka na rok 2026;"20 000,00";PLN;TX-1004\r\n'
    '09.03.2026;09.03.2026;Firma Cateringowa Sp. z o.o.;PL33;zwrot za catering;"350,00";PLN;TX-1005\r\n'
    '10.03.2026;10.03.2026;Dostawca;PL44;Faktura 12/2026;"-250,00";PLN;TX-1006\r\n'
    ';;;;Saldo końcowe;"12 345,67";PLN;\r\n'
).encode("cp1250")

MT940 = """:20:STMT260331
:25:/PL61109010140000071219812874
:28C:00012/001
:60F:C260301PLN10000,00
:61:2603120312C5954,00S051NONREF//BR2603120001
:86:051^00PRZELEW PRZYCHODZACY^20SKLADKA CZLONKOWSKA 2026 GMI
^21NA KLECZEW RESZTA^3010201000^31123456789
^32URZAD MIEJSKI W KLE^33CZEWIE^38PL83101010230000261395100000
:61:2603130313C71427,00S051NONREF//BR2603130002
:86:051^00PRZELEW^20Składka członkowska Miasto Konin
^21 SKL/2026/01^32MIASTO KONIN
:61:2603140314D120,00S073NONREF//BR2603140003
:86:073^00OPLATA^20Prowizja bankowa
:62F:C260331PLN87261,00
-
"""


@pytest.fixture
def nips(members):
    golina, slesin = members["golina"].organisation, members["slesin"].organisation
    golina.nip, slesin.nip = "6652000001", "6651234567"
    golina.save()
    slesin.save()


def _by_title(fragment: str) -> FeePayment:
    return FeePayment.objects.get(title__icontains=fragment)


def test_messy_cp1250_csv_is_matched(adopted_2026, members, nips, office):
    statement = statement_import(actor=office, file_name="wyciag-marzec.csv", content=CSV_CP1250)
    assert (statement.format, statement.lines, statement.credits) == ("csv", 6, 5)
    assert statement.new_payments == 5 and statement.matched == 4

    golina = _by_title("sKL/2026/03")
    assert golina.member == members["golina"] and golina.year == 2026
    assert golina.amount == Decimal("7039.50")
    assert "numer składki" in golina.match_note and "zgodna" in golina.match_note

    kleczew = _by_title("kleczw")  # a typo in the title, a partial payment
    assert kleczew.member == members["kleczew"] and "częściowa" in kleczew.match_note

    slesin = _by_title("665-123-45-67")  # by NIP, and more than due
    assert slesin.member == members["slesin"] and "nadpłata" in slesin.match_note

    county = FeePayment.objects.get(payer_name="STAROSTWO POWIATOWE W KONINIE")
    assert county.member == members["powiat-koninski"]  # not the city of Konin

    catering = _by_title("catering")
    assert catering.status == FeePayment.Status.UNMATCHED and catering.member is None
    assert not FeePayment.objects.filter(amount__lt=0).exists()  # debits are not payments


def test_reimporting_a_statement_books_nothing_twice(adopted_2026, office):
    statement_import(actor=office, file_name="a.csv", content=CSV_CP1250)
    again = statement_import(actor=office, file_name="a-kopia.csv", content=CSV_CP1250)
    assert again.new_payments == 0 and again.duplicates == 5
    statement_import(actor=office, file_name="b.sta", content=MT940.encode("utf-8"))
    again = statement_import(actor=office, file_name="b.sta", content=MT940.encode("cp1250"))
    assert again.new_payments == 0 and again.duplicates == 2
    assert FeePayment.objects.count() == 7


def test_two_equal_lines_without_a_bank_reference_stay_two_once_confirmed(adopted_2026, office):
    header = "Data księgowania;Kontrahent;Tytuł;Kwota\n"
    line = '15.04.2026;Gmina Wilczyn;Składka SKL/2026/16 rata;"1 000,00"\n'
    content = (header + line + line).encode("utf-8")
    first = statement_import(actor=office, file_name="raty.csv", content=content)
    assert (first.new_payments, first.held) == (1, 1)  # the second waits: it may be the same line twice
    statement_held_confirm(actor=office, statement=first, line_ids=[first.held_lines.get().pk])
    assert FeePayment.objects.count() == 2
    assert statement_import(actor=office, file_name="raty.csv", content=content).duplicates == 2


def test_mt940_with_multi_line_fields(adopted_2026, members, office):
    statement = statement_import(actor=office, file_name="wyciag.mt940", content=MT940.encode("utf-8"))
    assert (statement.format, statement.lines, statement.credits, statement.matched) == ("mt940", 3, 2, 2)
    kleczew = FeePayment.objects.get(amount=Decimal("5954.00"))
    assert kleczew.title == "SKLADKA CZLONKOWSKA 2026 GMINA KLECZEW RESZTA"
    assert kleczew.payer_name == "URZAD MIEJSKI W KLECZEWIE"
    assert kleczew.payer_account == "PL83101010230000261395100000"
    assert kleczew.booked_on == dt.date(2026, 3, 12) and kleczew.bank_reference == "BR2603120001"
    assert kleczew.member == members["kleczew"]
    konin = FeePayment.objects.get(amount=Decimal("71427.00"))
    assert konin.member == members["konin"] and "numer składki" in konin.match_note


def test_similar_names_are_told_apart_by_the_amount_or_left_for_review(adopted_2026, members, office):
    county = payment_add(
        actor=office, booked_on=dt.date(2026, 4, 1), amount=Decimal("20000.00"), title="składka Konin"
    )
    assert county.member == members["powiat-koninski"] and "kwota" in county.match_note
    unsure = payment_add(
        actor=office, booked_on=dt.date(2026, 4, 1), amount=Decimal("500.00"), title="składka Konin"
    )
    assert unsure.status == FeePayment.Status.UNMATCHED
    assert "Miasto Konin" in unsure.match_note and "Powiat Koniński" in unsure.match_note
    old_town = payment_add(
        actor=office,
        booked_on=dt.date(2026, 4, 1),
        amount=Decimal("100.00"),
        title="GMINA STARE  MIASTO skladka",
    )
    assert old_town.member == members["stare-miasto"]


def test_a_statement_with_an_unreadable_line_books_nothing(adopted_2026, office):
    content = "Data operacji;Tytuł;Kwota\n01.03.2026;SKL/2026/03;abc\n32.13.2026;x;1,00\n".encode()
    with pytest.raises(ImportRejected) as caught:
        statement_import(actor=office, file_name="zly.csv", content=content)
    assert [p.row for p in caught.value.report.problems] == [2, 3]
    assert not FeePayment.objects.exists()


def test_review_assigns_or_marks_not_fee(adopted_2026, members, office, board):
    statement_import(actor=office, file_name="a.csv", content=CSV_CP1250)
    catering = _by_title("catering")
    with pytest.raises(ValidationError):
        payment_mark_not_fee(actor=office, payment=catering, note="  ")
    payment_mark_not_fee(actor=office, payment=catering, note="Zwrot kosztów spotkania")
    catering.refresh_from_db()
    assert catering.status == FeePayment.Status.NOT_FEE
    payment_assign(actor=office, payment=catering, member=members["wilczyn"], year=2026)
    catering.refresh_from_db()
    assert (catering.member, catering.status) == (members["wilczyn"], FeePayment.Status.MATCHED)
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        payment_assign(actor=board, payment=catering, member=members["golina"], year=2026)


def test_payments_before_assessments_are_matched_again_later(
    rule_2026, decision, all_populated, members, office
):
    from zit.fees.rules import assessments_generate, fee_rule_adopt

    early = payment_add(
        actor=office, booked_on=dt.date(2026, 1, 5), amount=Decimal("100.00"), title="SKL/2026/03"
    )
    assert early.status == FeePayment.Status.UNMATCHED  # no assessment with that number yet
    assessments_generate(actor=office, rule=fee_rule_adopt(actor=office, rule=rule_2026, decision=decision()))
    assert payments_rematch(actor=office) == 1
    early.refresh_from_db()
    assert early.member == members["golina"]


def test_balances_and_arrears(adopted_2026, members, nips, office, board, settings):
    from django.utils import timezone

    statement_import(actor=office, file_name="a.csv", content=CSV_CP1250)
    rows = {b.member.slug: b for b in balances(user=board, year=2026)}
    assert rows["golina"].due == 0 and rows["golina"].state == "opłacona"
    assert rows["kleczew"].due == Decimal("4954.00")
    assert rows["slesin"].due == Decimal("-504.00") and rows["slesin"].state == "nadpłata"
    past_due = timezone.localdate() > dt.date(2026, 3, 31)
    assert rows["kleczew"].in_arrears is past_due
    sums = totals(list(rows.values()))
    assert sums.paid == Decimal("36539.50")
    assert sums.assessed == sum(
        (a.amount for a in FeeAssessment.objects.filter(status="current")), Decimal(0)
    )
    account = member_account(user=board, member=members["kleczew"])
    assert [b.year for b in account.balances] == [2026] and account.owed == Decimal("4954.00")


def test_manual_payment_checks(adopted_2026, members, office):
    with pytest.raises(ValidationError) as caught:
        payment_add(
            actor=office, booked_on=dt.date(2026, 1, 5), amount=Decimal("0"), member=members["golina"]
        )
    assert "amount" in caught.value.error_dict
    payment = payment_add(
        actor=office,
        booked_on=dt.date(2026, 1, 5),
        amount=Decimal("10.00"),
        member=members["golina"],
        title="gotówka",
    )
    assert (payment.member, payment.year, payment.source) == (members["golina"], 2026, "manual")
