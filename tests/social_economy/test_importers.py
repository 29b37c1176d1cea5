"""Import from CSV and XLSX: a clean file, a messy one as offices save it, every error by row and column with
nothing written, and a re-import that updates instead of duplicating."""

from __future__ import annotations

import io

import pytest

from zit.core.importing import ImportRejected
from zit.organisations.models import Organisation
from zit.social_economy import importers
from zit.social_economy.models import Entity

from .conftest import nip

pytestmark = pytest.mark.django_db

HEADER = "nazwa;nip;regon;krs;rodzaj;gmina;kod_pocztowy;przedsiebiorstwo_spoleczne;status_od;uslugi;dlugosc;szerokosc"


def _csv(*lines: str, header: str = HEADER) -> bytes:
    return ("\n".join([header, *lines]) + "\n").encode()


def test_a_clean_file_is_previewed_then_written(woes, association_data):
    content = _csv(
        f"Spółdzielnia A;{nip(1)};;0000123456;spółdzielnia socjalna;Ślesin;62-561;tak;15.03.2024;Catering;18,31;52,37",
        f"WTZ B;{nip(2)};;;WTZ;3010013;;nie;;Ceramika;;",
    )
    preview = importers.parse("pes.csv", content, actor=woes)
    assert preview.ok, preview.problems
    assert [r.action for r in preview.rows] == ["create", "create"]
    assert not Entity.objects.exists()  # a preview writes nothing
    counts = importers.confirm(actor=woes, name="pes.csv", content=content)
    assert counts == {"created": 2, "updated": 0, "unchanged": 0}
    a = Entity.objects.get(organisation__nip=nip(1))
    assert a.kind == "social_cooperative" and a.social_enterprise and a.organisation.gmina.terc == "3010123"
    assert a.lat == pytest.approx(52.37) and a.state == Entity.State.DRAFT


def test_a_messy_file_as_excel_saves_it_is_read(woes, association_data):
    header = "Nazwa;NIP;Rodzaj;Gmina;Usługi"
    content = (
        "\r\n".join(
            [
                header,
                f"  Fundacja C ;{nip(3)[:3]}-{nip(3)[3:6]}-{nip(3)[6:8]}-{nip(3)[8:]};Fundacja;KONIN ;x",
                ";;;;",
            ]
        )
        + "\r\n"
    ).encode("cp1250")
    preview = importers.parse("pes.csv", content, actor=woes)
    assert preview.ok, preview.problems
    assert preview.rows[0].fields["nip"] == nip(3)
    assert preview.rows[0].fields["name"] == "Fundacja C"


def test_every_problem_is_reported_by_row_and_column_and_nothing_is_written(woes, association_data):
    content = _csv(
        "Zły NIP;1234567890;;;fundacja;Konin;;;;Usługi;;",
        f"Zły REGON;{nip(5)};123456789;;fundacja;Konin;;;;Usługi;;",
        f"Zły KRS;{nip(6)};;123;fundacja;Konin;;;;Usługi;;",
        f"Zły rodzaj;{nip(7)};;;spółka z o.o.;Konin;;;;Usługi;;",
        f"Zła gmina;{nip(8)};;;fundacja;Poznań;;;;Usługi;;",
        f"Dobry;{nip(9)};;;fundacja;Konin;;;;Usługi;;",
        f"Dubel;{nip(9)};;;fundacja;Konin;;;;Usługi;;",
    )
    preview = importers.parse("pes.csv", content, actor=woes)
    found = {(p.row, p.field) for p in preview.problems}
    assert {(2, "nip"), (3, "regon"), (4, "krs"), (5, "rodzaj"), (6, "gmina"), (8, "nip")} <= found
    messages = " ".join(p.message for p in preview.problems)
    assert "cyfrę kontrolną" in messages and "Nieznany rodzaj" in messages and "Nieznana gmina" in messages
    with pytest.raises(ImportRejected):
        importers.confirm(actor=woes, name="pes.csv", content=content)
    assert not Entity.objects.exists() and not Organisation.objects.filter(nip=nip(9)).exists()


def test_rules_of_the_directory_are_reported_in_the_preview(woes, association_data):
    Organisation.objects.create(name="Gmina X", kind="local_government", nip=nip(11))
    preview = importers.parse(
        "pes.csv", _csv(f"Gmina jako PES;{nip(11)};;;fundacja;Konin;;;;Usługi;;"), actor=woes
    )
    assert [(p.row, p.field) for p in preview.problems] == [(2, "nip")]


def test_missing_columns_are_named(woes, association_data):
    with pytest.raises(ImportRejected) as exc:
        importers.parse("pes.csv", b"nazwa;gmina\nA;Konin\n", actor=woes)
    assert {p.field for p in exc.value.report.problems} == {"nip", "rodzaj"}


def test_reimport_updates_by_nip_instead_of_duplicating(woes, association_data):
    first = _csv(f"Spółdzielnia A;{nip(1)};;;spółdzielnia socjalna;Konin;;;;Catering;;")
    importers.confirm(actor=woes, name="a.csv", content=first)
    again = importers.confirm(actor=woes, name="a.csv", content=first)
    assert again == {"created": 0, "updated": 0, "unchanged": 1}
    changed = _csv(f"Spółdzielnia A;{nip(1)};;;spółdzielnia socjalna;Konin;;;;Catering i sprzątanie;;")
    preview = importers.parse("a.csv", changed, actor=woes)
    assert [r.action for r in preview.rows] == ["update"]
    assert importers.confirm(actor=woes, name="a.csv", content=changed)["updated"] == 1
    assert Entity.objects.count() == 1
    assert Entity.objects.get().services == "Catering i sprzątanie"


def test_the_xlsx_template_reads_back_as_an_empty_clean_file(woes, association_data):
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(importers.template_xlsx()))
    assert [c.value for c in book["podmioty"][1]] == [c[0] for c in importers.COLUMNS]
    sheet = book["podmioty"]
    sheet.append([f"Z wzoru {nip(21)}", nip(21), "", "", "CIS", "Kramsk"])
    out = io.BytesIO()
    book.save(out)
    preview = importers.parse("wzor.xlsx", out.getvalue(), actor=woes)
    assert preview.ok, preview.problems
    assert preview.rows[0].fields["kind"] == "cis"


def test_the_csv_template_has_the_columns(association_data):
    text = importers.template_csv().decode("utf-8-sig")
    assert text.splitlines()[0].split(";") == [c[0] for c in importers.COLUMNS]
