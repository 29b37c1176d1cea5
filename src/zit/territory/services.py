"""Writes to the territory: area imports, statistic corrections, area versions and their legal basis."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from zit.core import audit
from zit.core.models import DecisionReference
from zit.core.roles import Perm, require
from zit.core.services import decision_reference_create
from zit.territory.importers import ParsedArea
from zit.territory.models import AdministrativeUnit, AreaVersion, FunctionalArea, Observation, Variable

VARIABLES = [
    # code, name, English name, unit, decimal places
    ("area_km2", "Powierzchnia", "Area", "km²", 2),
    ("population", "Liczba ludności", "Population", "osób", 0),
    ("solectwa", "Liczba sołectw", "Village administrative units", "", 0),
]


def variables_ensure() -> dict[str, Variable]:
    result = {}
    for order, (code, name, name_en, unit, places) in enumerate(VARIABLES):
        result[code], _created = Variable.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "name_en": name_en,
                "unit": unit,
                "decimal_places": places,
                "order": order,
            },
        )
    return result


@dataclass
class ImportSummary:
    units_created: int = 0
    units_kept: int = 0
    observations_created: int = 0
    observations_kept: int = 0
    version_created: bool = False

    def as_dict(self) -> dict[str, Any]:
        return self.__dict__ | {
            "message": _(
                "Nowe jednostki: %(uc)d, bez zmian: %(uk)d; nowe wartości statystyk: %(oc)d, "
                "bez zmian: %(ok)d."
            )
            % {
                "uc": self.units_created,
                "uk": self.units_kept,
                "oc": self.observations_created,
                "ok": self.observations_kept,
            },
        }


def _parent_for(terc: str, level: str, by_terc: dict[str, AdministrativeUnit]) -> AdministrativeUnit | None:
    if level == "gmina":
        return by_terc.get(terc[:4]) or by_terc.get(terc[:2])
    if level == "powiat":
        return by_terc.get(terc[:2])
    return None


@transaction.atomic
def area_import(
    *,
    actor: Any,
    parsed: ParsedArea,
    area_code: str,
    area_name: str,
    valid_from: dt.date,
    legal_basis: dict[str, Any],
    geometry_source: str = "",
    geometry_source_key: str = "",
    progress: Callable[[int, int, str], None] | None = None,
) -> ImportSummary:
    """Create what is missing and keep what exists, so a repeated import changes nothing and staff
    corrections survive. A new area version is made only when the set of gminas differs from the current one."""
    if actor is not None:
        require(actor, Perm.TERRITORY_EDIT)
    summary = ImportSummary()
    variables = variables_ensure()
    by_terc = {u.terc: u for u in AdministrativeUnit.objects.filter(terc__in=parsed.units)}
    order = {"voivodeship": 0, "powiat": 1, "gmina": 2}
    ordered = sorted(parsed.units.values(), key=lambda u: (order[u.level], u.terc))
    for index, item in enumerate(ordered):
        unit = by_terc.get(item.terc)
        if unit is None:
            unit = AdministrativeUnit(terc=item.terc, level=item.level, name=item.name)
            unit.parent = _parent_for(item.terc, item.level, by_terc)
            unit.seat = item.seat
            unit.gmina_type = item.gmina_type if item.level == "gmina" else ""
            unit.city_with_county_rights = item.level == "gmina" and int(item.terc[2:4]) >= 61
            if item.geometry:
                unit.geometry = item.geometry
                unit.min_lon, unit.min_lat, unit.max_lon, unit.max_lat = item.bbox
                unit.geometry_source = geometry_source
                unit.geometry_source_key = geometry_source_key
            unit.full_clean()
            unit.save()
            by_terc[item.terc] = unit
            summary.units_created += 1
            audit.record(actor=actor, action="territory.unit_create", obj=unit, after=audit.snapshot(unit))
        else:
            summary.units_kept += 1
        existing = {(o.variable_id, o.reference_date) for o in unit.observations.all()}
        for stat in item.statistics:
            variable = variables[stat.variable]
            if (variable.pk, stat.reference_date) in existing:
                summary.observations_kept += 1
                continue
            Observation.objects.create(
                unit=unit,
                variable=variable,
                value=stat.value,
                reference_date=stat.reference_date,
                date_precision=stat.precision,
                source_url=stat.source_url,
                source_note=stat.source_note,
            )
            summary.observations_created += 1
        if progress:
            progress(index + 1, len(ordered), item.name)

    area, _created = FunctionalArea.objects.get_or_create(code=area_code, defaults={"name": area_name})
    gmina_ids = {by_terc[u.terc].pk for u in parsed.gminas}
    current = area.versions.order_by("-number").first()
    if current is None or set(current.gminas.values_list("pk", flat=True)) != gmina_ids:
        if current is not None and valid_from <= current.valid_from:
            raise ValidationError(
                {
                    "valid_from": _(
                        "Nowa wersja obszaru musi obowiązywać od daty późniejszej niż obecna (%(d)s)."
                    )
                    % {"d": current.valid_from.isoformat()}
                }
            )
        decision = decision_reference_create(actor=actor, **legal_basis)
        if current is not None and current.valid_to is None:
            current.valid_to = valid_from - dt.timedelta(days=1)
            current.save(update_fields=["valid_to"])
        version = AreaVersion.objects.create(
            area=area,
            number=(current.number + 1) if current else 1,
            valid_from=valid_from,
            legal_basis=decision,
        )
        version.gminas.set(gmina_ids)
        summary.version_created = True
        audit.record(
            actor=actor,
            action="territory.area_version_create",
            obj=version,
            after={"gminas": sorted(gmina_ids), "valid_from": valid_from, "legal_basis_id": decision.pk},
        )
    audit.record(actor=actor, action="territory.area_import", obj=area, after=summary.as_dict())
    return summary


OBSERVATION_FIELDS = ("value", "reference_date", "date_precision", "source_url", "source_note")


@transaction.atomic
def observation_save(
    *,
    actor: Any,
    unit: AdministrativeUnit,
    variable: Variable,
    value: Decimal | None,
    reference_date: dt.date | None,
    date_precision: str,
    source_url: str,
    source_note: str,
    observation: Observation | None = None,
) -> Observation:
    """Correct a value or add a new one. A value always carries its source: a URL or a note."""
    require(actor, Perm.TERRITORY_EDIT)
    if value is not None and not (source_url or source_note.strip()):
        raise ValidationError({"source_url": _("Podaj źródło wartości: adres strony albo opis w uwagach.")})
    if value is not None and value < 0:
        raise ValidationError({"value": _("Wartość nie może być ujemna.")})
    before = audit.snapshot(observation) if observation else None
    obs = observation or Observation(unit=unit, variable=variable)
    if obs.unit_id != unit.pk or obs.variable_id != variable.pk:
        raise ValidationError(_("Ta wartość należy do innej jednostki lub zmiennej."))
    obs.value, obs.reference_date, obs.date_precision = value, reference_date, date_precision
    obs.source_url, obs.source_note = source_url, source_note
    obs.full_clean()
    obs.save()
    audit.record(
        actor=actor,
        action="territory.observation_update" if before else "territory.observation_create",
        obj=obs,
        before=before,
        after=audit.snapshot(obs),
    )
    return obs


@transaction.atomic
def area_version_legal_basis_update(
    *,
    actor: Any,
    version: AreaVersion,
    number: str,
    date: dt.date | None,
    title: str,
    url: str,
    note: str,
) -> DecisionReference:
    require(actor, Perm.TERRITORY_EDIT)
    decision = DecisionReference.objects.select_for_update().get(pk=version.legal_basis_id)
    before = audit.snapshot(decision)
    decision.number, decision.date, decision.title, decision.url, decision.note = (
        number,
        date,
        title,
        url,
        note,
    )
    decision.full_clean()
    decision.save()
    audit.record(
        actor=actor,
        action="territory.legal_basis_update",
        obj=decision,
        before=before,
        after=audit.snapshot(decision),
    )
    return decision


VARIABLE_FIELDS = (
    "name",
    "name_en",
    "unit",
    "decimal_places",
    "additive",
    "per_capita",
    "source",
    "description",
)


@transaction.atomic
def variable_save(*, actor: Any, variable: Variable | None = None, code: str = "", **fields: Any) -> Variable:
    """Create a statistical variable (its code is fixed once created) or correct its description."""
    require(actor, Perm.TERRITORY_EDIT)
    from django.utils.text import slugify

    before = audit.snapshot(variable) if variable else None
    if variable is None:
        code = slugify(code or fields.get("name", ""))[:50]
        if not code:
            raise ValidationError({"name": _("Podaj nazwę zmiennej.")})
        if Variable.objects.filter(code=code).exists():
            raise ValidationError(
                {"name": _("Zmienna o takiej nazwie już jest: wybierz ją z listy albo zmień nazwę.")}
            )
        variable = Variable(code=code, order=(Variable.objects.count() + 1) * 10)
    for name, value in fields.items():
        if name not in VARIABLE_FIELDS:
            raise TypeError(f"Unknown field: {name}")
        setattr(variable, name, value if value is not None else "")
    if variable.decimal_places is None or variable.decimal_places > 2:
        raise ValidationError({"decimal_places": _("Od 0 do 2 miejsc po przecinku.")})
    variable.full_clean()
    variable.save()
    after = audit.snapshot(variable)
    if before is None or audit.changed(before, after):
        action = "territory.variable_update" if before else "territory.variable_create"
        audit.record(actor=actor, action=action, obj=variable, before=before, after=after)
    return variable


@transaction.atomic
def statistics_import(
    *, actor: Any, variable: Variable, table: Any, source_url: str = "", source_note: str = ""
) -> dict[str, int]:
    """Yearly values of one variable for the gminas, from a BDL export or the same layout typed by hand
    (territory/bdl.py). Each value is dated 31 December of its year with year precision and carries the
    source given; an existing value for the same gmina and year is replaced, and the old one stays in the
    audit log."""
    from zit.territory.bdl import parse_bdl

    require(actor, Perm.TERRITORY_EDIT)
    if not (source_url or source_note.strip()):
        raise ValidationError({"source_url": _("Podaj źródło danych: adres strony albo opis.")})
    gminas = {u.terc: u for u in AdministrativeUnit.objects.filter(level=AdministrativeUnit.Level.GMINA)}
    values, unit_of_measure = parse_bdl(table, {terc: u.name for terc, u in gminas.items()})
    existing = {
        (o.unit_id, o.reference_date): o
        for o in Observation.objects.filter(variable=variable, unit__in=gminas.values())
    }
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    for item in values:
        unit = gminas[item.unit_terc]
        day = dt.date(item.year, 12, 31)
        obs = existing.get((unit.pk, day))
        if (
            obs
            and obs.value == item.value
            and obs.source_url == source_url
            and obs.source_note == source_note
        ):
            counts["unchanged"] += 1
            continue
        counts["updated" if obs else "created"] += 1
        obs = obs or Observation(unit=unit, variable=variable, reference_date=day)
        obs.value, obs.date_precision = item.value, Observation.DatePrecision.YEAR
        obs.source_url, obs.source_note = source_url, source_note
        obs.save()
    if unit_of_measure and not variable.unit:
        variable.unit = unit_of_measure[:50]
        variable.save(update_fields=["unit"])
    audit.record(
        actor=actor,
        action="territory.statistics_import",
        obj=variable,
        after={"file": table.file, "source_url": source_url, "source_note": source_note, **counts},
    )
    return counts
