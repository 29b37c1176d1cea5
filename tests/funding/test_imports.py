import io
from decimal import Decimal

import pytest
from openpyxl import Workbook

from zit.core.importing import ImportRejected
from zit.core.models import AuditEvent
from zit.core.tables import read_table
from zit.funding.catalogues import indicators_import, rates_import
from zit.funding.models import Agreement, AllocationLine, ExchangeRate, Indicator, Measure
from zit.funding.services import allocations_import, measures_import


@pytest.fixture
def staff(user_for_role):
    return user_for_role("office_staff")


def _csv(name, text, encoding="utf-8"):
    return read_table(name, text.encode(encoding))


def _xlsx(name, rows):
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return read_table(name, out.getvalue())


def _problems(exc):
    return [(p.row, p.field) for p in exc.value.report.problems]


def test_measures_from_csv_add_and_update(funding_data, staff):
    programme = Measure.objects.first().programme
    table = _csv(
        "dzialania.csv",
        "number,name_pl,fund,max_cofinancing_rate,zit,source\n"
        "3.1,Transport publiczny,EFRR,85%,tak,SZOP 2025\n"
        "3.2,,EFRR,0.85,,SZOP 2025\n",
    )
    counts = measures_import(actor=staff, programme=programme, table=table)
    assert counts == {"created": 1, "updated": 1}
    new = Measure.objects.get(number="3.1")
    assert (new.max_cofinancing_rate, new.is_zit, new.fund.code) == (Decimal("0.85"), True, "EFRR")
    kept = Measure.objects.get(number="3.2")
    assert (
        kept.name_pl == "Rozwój zrównoważonej mobilności miejskiej w ramach ZIT"
    )  # empty cell keeps the name
    assert AuditEvent.objects.filter(action="funding.measures_import", actor_id=staff.pk).exists()


def test_bad_measures_file_reports_every_problem_and_writes_nothing(funding_data, staff):
    programme = Measure.objects.first().programme
    before = Measure.objects.count()
    table = _csv(
        "dzialania.csv",
        "number,name_pl,fund,max_cofinancing_rate,zit\n"
        "3.1,Dobre,EFRR,0.85,nie\n"
        "trzy,Zły numer,EFRR,,\n"
        "3.3,Zły fundusz,EFX,,\n"
        "3.4,Zły poziom,EFRR,150%,\n"
        "3.1,Powtórzony,EFRR,,\n"
        "3.5,Złe tak/nie,EFRR,,może\n",
    )
    with pytest.raises(ImportRejected) as exc:
        measures_import(actor=staff, programme=programme, table=table)
    assert _problems(exc) == [
        (3, "number"),
        (4, "fund"),
        (5, "max_cofinancing_rate"),
        (6, "number"),
        (7, "zit"),
    ]
    assert Measure.objects.count() == before


def test_indicators_from_xlsx_keep_polish_names_on_reimport(funding_data, staff):
    Indicator.objects.filter(code="RCO58").update(name_pl="Wspierana infrastruktura rowerowa")
    table = _xlsx(
        "wskazniki.xlsx",
        [
            ["code", "kind", "name_en", "name_pl", "unit_en", "origin", "additive"],
            ["RCO 58", "output", "Dedicated cycling infrastructure supported", None, "km", None, None],
            ["ZIT01", "result", None, "Pasażerowie komunikacji miejskiej", None, "strategy", "nie"],
        ],
    )
    assert indicators_import(actor=staff, table=table) == {"created": 1, "updated": 1}
    assert Indicator.objects.get(code="RCO58").name_pl == "Wspierana infrastruktura rowerowa"
    own = Indicator.objects.get(code="ZIT01")
    assert (own.origin, own.kind, own.additive) == ("strategy", "result", False)


def test_bad_indicators_are_reported_with_row_and_column(funding_data, staff):
    count = Indicator.objects.count()
    table = _csv(
        "wskazniki.csv",
        "code,kind,name_en,origin\nRCO58,output,Cycling,\n!!,output,X,\nRCO01,outcome,Y,\nZIT02,output,Z,nasz\n,result,,\nRCO58,output,Again,\n",
    )
    with pytest.raises(ImportRejected) as exc:
        indicators_import(actor=staff, table=table)
    assert _problems(exc) == [(3, "code"), (4, "kind"), (5, "origin"), (6, "name_en"), (7, "code")]
    assert Indicator.objects.count() == count
    assert Indicator.objects.get(code="RCO58").name_en == "Dedicated cycling infrastructure supported"


def test_rates_from_polish_excel_csv(funding_data, staff):
    table = _csv(
        "kursy.csv", "date;rate;table\n2025-03-17;4,1839;KE 03/2025\n01.04.2025;4,2012;KE 04/2025\n", "cp1250"
    )
    assert rates_import(actor=staff, series="ec_monthly", table=table) == {"created": 2, "updated": 0}
    assert (
        ExchangeRate.objects.filter(series="ec_monthly").order_by("rate_date").first().rate_date.isoformat()
        == "2025-03-01"
    )


def test_bad_rates_write_nothing(funding_data, staff):
    count = ExchangeRate.objects.count()
    table = _csv(
        "kursy.csv",
        "date,rate\n2025-03-03,4.18\n2025-03-20,4.19\n2025-13-01,4.2\n2025-05-01,42\n2025-06-01,\n",
    )
    with pytest.raises(ImportRejected) as exc:
        rates_import(actor=staff, series="ec_monthly", table=table)
    assert _problems(exc) == [(3, "date"), (4, "date"), (5, "rate"), (6, "rate")]
    assert ExchangeRate.objects.count() == count


def test_allocation_import_checks_the_sum_and_the_measures(funding_data, staff):
    agreement = Agreement.objects.get()
    bad = _csv("podzial.csv", "measure,fund,amount_eur\n3.2,EFRR,10000000\n9.9,,1000\n1.3,EFX,5\n")
    with pytest.raises(ImportRejected) as exc:
        allocations_import(actor=staff, agreement=agreement, table=bad)
    assert _problems(exc) == [(None, "amount_eur"), (3, "measure"), (4, "fund")]  # the sum too, at once
    short = _csv("podzial.csv", "measure,amount_eur\n3.2,10000000\n10.7,9000000\n")
    with pytest.raises(ImportRejected) as exc:
        allocations_import(actor=staff, agreement=agreement, table=short)
    assert "brakuje" in exc.value.report.problems[0].message
    assert not AllocationLine.objects.exists()
    good = _csv("podzial.csv", 'measure,amount_eur\n3.2,"10 000 000,00"\n10.7,9800000\n')
    assert len(allocations_import(actor=staff, agreement=agreement, table=good)) == 2


def test_unreadable_files_are_refused_clearly():
    with pytest.raises(ImportRejected) as exc:
        read_table("dane.pdf", b"%PDF-1.4")
    assert "CSV lub XLSX" in exc.value.report.problems[0].message
    with pytest.raises(ImportRejected):
        read_table("dane.xlsx", b"not a zip")
    with pytest.raises(ImportRejected) as exc:
        read_table("dane.csv", b"", required=("code",))
    assert "pusty" in exc.value.report.problems[0].message
    with pytest.raises(ImportRejected) as exc:
        read_table("dane.csv", b"name\nx\n", required=("code",))
    assert exc.value.report.problems[0].field == "code"


def test_import_needs_office_rights(funding_data, user_for_role):
    from django.core.exceptions import PermissionDenied

    table = _csv("kursy.csv", "date,rate\n2025-03-03,4.18\n")
    with pytest.raises(PermissionDenied):
        rates_import(actor=user_for_role("board_member"), series="nbp_a", table=table)


def test_allocation_file_reports_duplicates_wrong_funds_and_the_sum_together(funding_data, staff):
    table = _csv("podzial.csv", "measure,fund,amount_eur\n3.2,EFRR,10000000\n3.2,EFRR,1000\n6.10,FST,5\n")
    with pytest.raises(ImportRejected) as exc:
        allocations_import(actor=staff, agreement=Agreement.objects.get(), table=table)
    assert _problems(exc) == [(None, "amount_eur"), (3, "measure"), (4, "fund")]


def test_extra_cells_are_reported_not_misread():
    with pytest.raises(ImportRejected) as exc:
        _csv("podzial.csv", "measure,fund,amount_eur\n10.1,FST,1 000,5\n")
    assert exc.value.report.problems[0].row == 2 and "cudzysłowie" in exc.value.report.problems[0].message


def test_measures_import_uses_the_form_rules(funding_data, staff):
    from zit.funding.services import allocation_split_replace

    programme = Measure.objects.first().programme
    allocation_split_replace(
        actor=staff,
        agreement=Agreement.objects.get(),
        lines=[(Measure.objects.get(number="2.10"), None, Decimal("19800000"))],
    )
    table = _csv(
        "dzialania.csv",
        "level,number,name_pl,fund,zit\npriority,3.2,Zły priorytet,,\nmeasure,5,Złe działanie,,\nmeasure,2.10,,FST,\nmeasure,3.2,,,nie\n",
    )
    with pytest.raises(ImportRejected) as exc:
        measures_import(actor=staff, programme=programme, table=table)
    assert _problems(exc) == [(2, "number"), (3, "number")]
    table = _csv("dzialania.csv", "number,fund,zit\n2.10,FST,\n3.2,,nie\n")
    with pytest.raises(ImportRejected) as exc:
        measures_import(actor=staff, programme=programme, table=table)
    assert _problems(exc) == [(2, "fund")]
    assert Measure.objects.get(number="2.10").fund.code == "EFRR"
    measures_import(actor=staff, programme=programme, table=_csv("d.csv", "number,zit\n3.2,nie\n"))
    assert not Measure.objects.get(number="3.2").is_zit


def test_indicator_import_cannot_turn_an_eu_indicator_into_something_else(funding_data, staff):
    table = _csv(
        "w.csv",
        "code,kind,name_en,origin,additive\nRCO58,result,Cycling,strategy,\nZIT09,output,X,strategy,może\n,output,Bez kodu,programme,\n",
    )
    with pytest.raises(ImportRejected) as exc:
        indicators_import(actor=staff, table=table)
    assert _problems(exc) == [(2, "kind"), (2, "origin"), (3, "additive"), (4, "code")]
    assert Indicator.objects.get(code="RCO58").kind == "output"
