import contextlib
import datetime as dt
import io
import json
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command

from zit.core.models import AuditEvent, DecisionReference
from zit.territory.areas import BUNDLED_AREAS
from zit.territory.importers import parse_area
from zit.territory.models import AdministrativeUnit, AreaVersion, FunctionalArea, Observation, Variable
from zit.territory.selectors import area_current_version
from zit.territory.services import area_import, area_version_legal_basis_update, observation_save

SQUARE = [[18.0, 52.0], [18.1, 52.0], [18.1, 52.1], [18.0, 52.1], [18.0, 52.0]]


def _counts():
    counts = {
        model.__name__: model.objects.count()
        for model in (AdministrativeUnit, Observation, AreaVersion, FunctionalArea, DecisionReference)
    }
    # Each import run is itself recorded ("territory.area_import"); every other event is a change of data.
    counts["changes"] = AuditEvent.objects.exclude(action="territory.area_import").count()
    return counts


def _load_konin() -> str:
    out = io.StringIO()
    call_command("load_area", "konin", stdout=out)
    return out.getvalue()


def _bundled_parsed():
    bundle = BUNDLED_AREAS["konin"]
    return parse_area(
        [(p.name, p.read_bytes()) for p in bundle.geojson], (bundle.csv.name, bundle.csv.read_bytes())
    )


def _observation(terc: str, variable: str) -> Observation:
    return Observation.objects.get(unit__terc=terc, variable__code=variable)


@pytest.mark.django_db
def test_load_area_is_idempotent():
    first = _load_konin()
    counts = _counts()
    second = _load_konin()
    assert _counts() == counts
    assert AuditEvent.objects.filter(action="territory.area_import").count() == 2
    assert counts["AdministrativeUnit"] == 17
    assert counts["Observation"] == 45
    assert counts["AreaVersion"] == 1
    assert "Nowe jednostki: 17" in first
    assert "Nowe jednostki: 0, bez zmian: 17" in second
    assert "nowe wartości statystyk: 0, bez zmian: 45" in second


def test_loaded_area_version(area):
    assert area.number == 1
    assert area.valid_from == dt.date(2023, 10, 3)
    assert area.valid_to is None
    assert area.gminas.count() == 15
    assert area.legal_basis.issuer_kind == "voivodeship_board"
    assert not area.legal_basis.is_complete  # number and date of the resolution are not in the sources


def test_loaded_units_hierarchy(area):
    konin = AdministrativeUnit.objects.get(terc="3062011")
    golina = AdministrativeUnit.objects.get(terc="3010013")
    assert konin.city_with_county_rights and konin.parent.terc == "30"
    assert not golina.city_with_county_rights and golina.parent.terc == "3010"
    assert golina.gmina_type == "3"
    assert golina.bbox is not None
    assert golina.geometry_source_key == "granice"


def test_values_with_no_data_are_absent_not_zero(area):
    assert not Observation.objects.filter(unit__terc="3010052", variable__code="population").exists()
    assert not Observation.objects.filter(unit__terc="3062011", variable__code="solectwa").exists()
    assert not Observation.objects.filter(value=0).exists()
    assert _observation("3010052", "solectwa").value == 30


def test_staff_correction_is_audited_with_before_and_after(area, user_for_role):
    staff = user_for_role("office_staff")
    obs = _observation("3062011", "population")
    observation_save(
        actor=staff,
        unit=obs.unit,
        variable=obs.variable,
        value=Decimal("71500"),
        reference_date=obs.reference_date,
        date_precision="year",
        source_url="",
        source_note="Korekta według BDL GUS",
        observation=obs,
    )
    assert _observation("3062011", "population").value == Decimal("71500")
    event = AuditEvent.objects.get(action="territory.observation_update", object_id=str(obs.pk))
    assert event.actor_id == staff.pk
    assert Decimal(event.before["value"]) == Decimal("71427")
    assert Decimal(event.after["value"]) == Decimal("71500")
    assert event.after["source_note"] == "Korekta według BDL GUS"


def test_staff_adds_a_missing_value(area, user_for_role):
    staff = user_for_role("office_staff")
    kramsk = AdministrativeUnit.objects.get(terc="3010052")
    obs = observation_save(
        actor=staff,
        unit=kramsk,
        variable=Variable.objects.get(code="population"),
        value=Decimal("10800"),
        reference_date=dt.date(2024, 12, 31),
        date_precision="day",
        source_url="https://kramsk.pl/o-gminie.html",
        source_note="",
    )
    assert obs.pk is not None
    assert AuditEvent.objects.filter(action="territory.observation_create", object_id=str(obs.pk)).exists()


@pytest.mark.parametrize("note", ["", "   "])
def test_a_value_needs_a_source(area, user_for_role, note):
    obs = _observation("3062011", "population")
    with pytest.raises(ValidationError) as exc:
        observation_save(
            actor=user_for_role("office_staff"),
            unit=obs.unit,
            variable=obs.variable,
            value=Decimal("1"),
            reference_date=obs.reference_date,
            date_precision="year",
            source_url="",
            source_note=note,
            observation=obs,
        )
    assert "source_url" in exc.value.message_dict
    assert _observation("3062011", "population").value == Decimal("71427")


def test_negative_value_is_refused(area, user_for_role):
    obs = _observation("3062011", "population")
    with pytest.raises(ValidationError):
        observation_save(
            actor=user_for_role("office_staff"),
            unit=obs.unit,
            variable=obs.variable,
            value=Decimal("-1"),
            reference_date=obs.reference_date,
            date_precision="year",
            source_url="https://example.invalid/",
            source_note="",
            observation=obs,
        )


def test_observation_of_another_unit_is_refused(area, user_for_role):
    obs = _observation("3062011", "population")
    golina = AdministrativeUnit.objects.get(terc="3010013")
    with pytest.raises(ValidationError):
        observation_save(
            actor=user_for_role("office_staff"),
            unit=golina,
            variable=obs.variable,
            value=Decimal("5"),
            reference_date=obs.reference_date,
            date_precision="year",
            source_url="https://example.invalid/",
            source_note="",
            observation=obs,
        )
    assert _observation("3062011", "population").value == Decimal("71427")


def test_assessor_cannot_correct_values(area, user_for_role):
    obs = _observation("3062011", "population")
    with pytest.raises(PermissionDenied):
        observation_save(
            actor=user_for_role("assessor"),
            unit=obs.unit,
            variable=obs.variable,
            value=Decimal("1"),
            reference_date=obs.reference_date,
            date_precision="year",
            source_url="https://example.invalid/",
            source_note="",
            observation=obs,
        )


def test_assessor_cannot_import(area, user_for_role):
    with pytest.raises(PermissionDenied):
        area_import(
            actor=user_for_role("assessor"),
            parsed=_bundled_parsed(),
            area_code="konin",
            area_name="x",
            valid_from=dt.date(2026, 1, 1),
            legal_basis={"issuer_kind": "voivodeship_board", "issuer_name": "ZWW"},
        )


def test_import_with_other_gmina_set_makes_a_new_version(area, user_for_role):
    parsed = _bundled_parsed()
    del parsed.units["3010142"]  # Wilczyn leaves the area
    summary = area_import(
        actor=user_for_role("office_staff"),
        parsed=parsed,
        area_code="konin",
        area_name="Obszar",
        valid_from=dt.date(2026, 1, 1),
        legal_basis={
            "issuer_kind": "voivodeship_board",
            "issuer_name": "Zarząd Województwa",
            "number": "12/2026",
        },
    )
    assert summary.version_created
    assert summary.units_created == 0
    first, second = AreaVersion.objects.filter(area__code="konin").order_by("number")
    assert first.valid_to == dt.date(2025, 12, 31)
    assert first.gminas.count() == 15
    assert second.number == 2 and second.valid_to is None
    assert second.gminas.count() == 14
    assert not second.gminas.filter(terc="3010142").exists()
    assert second.legal_basis.number == "12/2026"
    assert area_current_version() == second


def test_new_version_never_ends_the_previous_one_before_it_began(area, user_for_role):
    """A resolution dated before the current version began must not leave version 1 ending (2019-12-31)
    before it starts (2023-10-03): the import may be refused, but no version may have valid_to < valid_from."""
    parsed = _bundled_parsed()
    del parsed.units["3010142"]
    with contextlib.suppress(ValidationError):
        area_import(
            actor=user_for_role("office_staff"),
            parsed=parsed,
            area_code="konin",
            area_name="Obszar",
            valid_from=dt.date(2020, 1, 1),
            legal_basis={"issuer_kind": "voivodeship_board", "issuer_name": "ZWW"},
        )
    for version in AreaVersion.objects.all():
        assert version.valid_to is None or version.valid_to >= version.valid_from, version


def test_import_with_same_gmina_set_keeps_the_version(area, user_for_role):
    summary = area_import(
        actor=user_for_role("office_staff"),
        parsed=_bundled_parsed(),
        area_code="konin",
        area_name="Obszar",
        valid_from=dt.date(2026, 1, 1),
        legal_basis={"issuer_kind": "voivodeship_board", "issuer_name": "ZWW"},
    )
    assert not summary.version_created
    assert AreaVersion.objects.count() == 1
    assert area_current_version().valid_to is None


def test_reimport_keeps_staff_corrections(area, user_for_role):
    obs = _observation("3062011", "population")
    observation_save(
        actor=user_for_role("office_staff"),
        unit=obs.unit,
        variable=obs.variable,
        value=Decimal("71500"),
        reference_date=obs.reference_date,
        date_precision="year",
        source_url="https://bdl.stat.gov.pl/",
        source_note="",
        observation=obs,
    )
    _load_konin()
    assert _observation("3062011", "population").value == Decimal("71500")


def _write(path, data: bytes):
    path.write_bytes(data)
    return str(path)


def test_import_area_command_with_bad_files_writes_nothing(area, tmp_path):
    before, audit_before = _counts(), AuditEvent.objects.count()
    bad = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"teryt": "3011012", "name": "Dobra"},
                "geometry": {"type": "Polygon", "coordinates": [SQUARE]},
            },
            {
                "type": "Feature",
                "properties": {"teryt": "3011016", "name": "Zła"},
                "geometry": {"type": "Polygon", "coordinates": [SQUARE]},
            },
        ],
    }
    geo = _write(tmp_path / "obszar.geojson", json.dumps(bad).encode())
    stats = _write(tmp_path / "dane.csv", b"teryt,name,population\n3011012,Dobra,xyz\n")
    with pytest.raises(CommandError) as exc:
        call_command(
            "import_area",
            "--code",
            "kolo",
            "--name",
            "Obszar Koła",
            "--geojson",
            geo,
            "--csv",
            stats,
            "--valid-from",
            "2026-01-01",
        )
    message = str(exc.value)
    assert "obszar.geojson, wiersz 2, pole „teryt”" in message
    assert "dane.csv, wiersz 2, pole „population”" in message
    assert _counts() == before
    assert AuditEvent.objects.count() == audit_before
    assert not FunctionalArea.objects.filter(code="kolo").exists()


def test_import_area_command_missing_file(db, tmp_path):
    with pytest.raises(CommandError) as exc:
        call_command(
            "import_area",
            "--code",
            "kolo",
            "--name",
            "Obszar Koła",
            "--geojson",
            str(tmp_path / "brak.geojson"),
            "--valid-from",
            "2026-01-01",
        )
    assert "brak.geojson" in str(exc.value)


def test_import_area_command_creates_an_area(db, tmp_path):
    geo = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"teryt": "3011012", "name": "Dobra"},
                "geometry": {"type": "Polygon", "coordinates": [SQUARE]},
            },
        ],
    }
    path = _write(tmp_path / "obszar.geojson", json.dumps(geo).encode())
    call_command(
        "import_area",
        "--code",
        "kolo",
        "--name",
        "Obszar Koła",
        "--geojson",
        path,
        "--valid-from",
        "2026-01-01",
        "--resolution-number",
        "7/2026",
        stdout=io.StringIO(),
    )
    version = area_current_version(area_code="kolo")
    assert version.number == 1
    assert list(version.gminas.values_list("terc", flat=True)) == ["3011012"]
    assert version.legal_basis.number == "7/2026"


def test_legal_basis_update(area, user_for_role):
    staff = user_for_role("office_staff")
    decision = area_version_legal_basis_update(
        actor=staff,
        version=area,
        number="1234/2023",
        date=dt.date(2023, 9, 14),
        title="w sprawie obszaru ZIT",
        url="https://bip.umww.pl/uchwala-1234",
        note="",
    )
    assert decision.pk == area.legal_basis_id
    current = area_current_version()
    assert current.legal_basis.number == "1234/2023"
    assert current.legal_basis.is_complete
    event = AuditEvent.objects.get(action="territory.legal_basis_update")
    assert event.before["number"] == "" and event.after["number"] == "1234/2023"
    assert event.after["date"] == "2023-09-14"
    assert event.actor_id == staff.pk


def test_legal_basis_update_validates_url(area, user_for_role):
    with pytest.raises(ValidationError):
        area_version_legal_basis_update(
            actor=user_for_role("office_staff"),
            version=area,
            number="1",
            date=None,
            title="",
            url="nie adres",
            note="",
        )
    assert area_current_version().legal_basis.number == ""


def test_legal_basis_update_needs_permission(area, user_for_role):
    with pytest.raises(PermissionDenied):
        area_version_legal_basis_update(
            actor=user_for_role("body_secretary"),
            version=area,
            number="1",
            date=None,
            title="",
            url="",
            note="",
        )
