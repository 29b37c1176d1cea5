from __future__ import annotations

import uuid
from pathlib import Path

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext_noop
from django.utils.translation import gettext as _

from zit.core.form_flow import submit
from zit.core.formatting import with_data
from zit.core.jobs import job_start
from zit.core.roles import Perm, require
from zit.core.views_helpers import apply_errors, whole_number
from zit.territory import selectors, services
from zit.territory.forms import AreaImportForm, LegalBasisForm, ObservationForm
from zit.territory.models import AdministrativeUnit, AreaVersion, Observation, Variable


@login_required
def area(request):
    require(request.user, Perm.TERRITORY_EDIT)
    return render(
        request,
        "staff/area.html",
        {
            "versions": selectors.area_versions(),
            "areas": selectors.areas(),
            "current": selectors.area_current_version(),
        },
    )


@login_required
def legal_basis_edit(request, pk: int):
    require(request.user, Perm.TERRITORY_EDIT)
    version = get_object_or_404(AreaVersion.objects.select_related("legal_basis", "area"), pk=pk)
    decision = version.legal_basis
    form = LegalBasisForm(
        request.POST or None,
        initial={
            "number": decision.number,
            "date": decision.date,
            "title": decision.title,
            "url": decision.url,
            "note": decision.note,
        },
    )
    done = submit(
        request,
        form,
        lambda: services.area_version_legal_basis_update(
            actor=request.user, version=version, **form.cleaned_data
        ),
        success=reverse("territory:area"),
        message=_("Zapisano podstawę prawną wersji %(n)d.") % {"n": version.number},
    )
    if done:
        return done
    return render(
        request,
        "staff/form_page.html",
        {
            "form": form,
            "title": with_data(_("Podstawa prawna: %(v)s"), v=version),
            "intro": _("Uchwała Zarządu Województwa Wielkopolskiego, która wyznacza obszar w tej wersji."),
            "submit": _("Zapisz"),
            "back": ("territory:area", None),
        },
    )


@login_required
def unit_statistics(request, terc: str):
    require(request.user, Perm.TERRITORY_EDIT)
    unit = get_object_or_404(AdministrativeUnit, terc=terc)
    return render(
        request,
        "staff/unit_statistics.html",
        {
            "unit": unit,
            "statistics": selectors.unit_statistics(unit=unit),
        },
    )


@login_required
def observation_edit(request, terc: str, variable: str, pk: int | None = None):
    require(request.user, Perm.TERRITORY_EDIT)
    unit = get_object_or_404(AdministrativeUnit, terc=terc)
    var = get_object_or_404(Variable, code=variable)
    obs = get_object_or_404(Observation, pk=pk, unit=unit, variable=var) if pk else None
    initial = {"date_precision": "day"}
    if obs:
        initial = {f: getattr(obs, f) for f in services.OBSERVATION_FIELDS}
    form = ObservationForm(request.POST or None, initial=initial)
    done = submit(
        request,
        form,
        lambda: services.observation_save(
            actor=request.user, unit=unit, variable=var, observation=obs, **form.cleaned_data
        ),
        success=reverse("territory:statistics", kwargs={"terc": unit.terc}),
        message=_("Zapisano: %(v)s, %(u)s.") % {"v": var.name, "u": unit.name},
    )
    if done:
        return done
    title = _("Poprawka: %(v)s, %(u)s") if obs else _("Nowa wartość: %(v)s, %(u)s")
    return render(
        request,
        "staff/form_page.html",
        {
            "form": form,
            "title": with_data(title, v=var.name, u=unit.name),
            "intro": _("Każda wartość musi mieć datę i źródło. Poprzednia wartość zostaje w historii zmian."),
            "submit": _("Zapisz"),
            "back": ("territory:statistics", unit.terc),
        },
    )


@login_required
def area_import(request):
    require(request.user, Perm.TERRITORY_EDIT)
    require(request.user, Perm.JOBS_RUN)
    form = AreaImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        # Kept through the storage, so that the worker finds the files on whichever machine it runs.
        folder = f"imports/{uuid.uuid4().hex}"
        params = {
            "code": data["code"],
            "name": data["name"],
            "valid_from": data["valid_from"].isoformat(),
            "geojson": [],
            "csv": None,
            "resolution_number": data["resolution_number"],
            "resolution_date": data["resolution_date"].isoformat() if data["resolution_date"] else "",
            "source": data["source"],
        }
        for key in ("geojson", "csv"):
            upload = data.get(key)
            if upload:
                name = Path(upload.name).name
                stored = {"name": name, "stored": default_storage.save(f"{folder}/{name}", upload)}
                if key == "geojson":
                    params["geojson"] = [stored]
                else:
                    params["csv"] = stored
        job = job_start(
            actor=request.user,
            kind="territory.area_import",
            title=_("Import obszaru: %(n)s") % {"n": data["name"]},
            params=params,
        )
        return redirect("core:job", pk=job.pk)
    return render(
        request,
        "staff/form_page.html",
        {
            "form": form,
            "title": _("Import obszaru funkcjonalnego"),
            "intro": _(
                "Pliki są sprawdzane w tle. Jeśli którykolwiek wiersz ma błąd, nic nie zostanie zapisane, "
                "a lista błędów wskaże plik, wiersz i pole."
            ),
            "submit": _("Rozpocznij import"),
            "back": ("territory:area", None),
        },
    )


@login_required
def diagnosis(request):
    require(request.user, Perm.TERRITORY_EDIT)
    from django.db.models import Count

    variables = Variable.objects.annotate(n=Count("observations")).order_by("order", "name")
    return render(request, "staff/diagnosis.html", {"variables": variables})


@login_required
def variable_detail(request, code: str):
    require(request.user, Perm.TERRITORY_EDIT)
    from zit.core.charts import bar_chart
    from zit.core.formatting import format_number
    from zit.core.maps import svg_map
    from zit.territory.diagnosis import area_gminas, variable_comparison

    variable = get_object_or_404(Variable, code=code)
    places = variable.decimal_places
    # the charts' titles cannot mark a part as Polish: the English name where there is one
    english = (get_language() or "pl").startswith("en")
    name = variable.name_en if english and variable.name_en else variable.name

    def label(value):
        return format_number(value, 1 if variable.per_capita else places)

    year = request.GET.get("rok")
    comparison = variable_comparison(variable, year=whole_number(year, maximum=9999), label=label)
    measure = _("na 1000 mieszkańców") if variable.per_capita else unit_label(variable.unit)
    shown = [(r.unit.name, r.per_1000 if variable.per_capita else r.value) for r in comparison.rows]
    chart = (
        bar_chart(
            [(name, value) for name, value in shown if value is not None],
            title=_("%(v)s w %(y)s r. według gmin") % {"v": name, "y": comparison.year},
            description=_("Wykres słupkowy; te same dane i gminy bez danych są w tabeli."),
            value_label=label,
            chart_id="variable-chart",
            polish_labels=True,
        )
        if comparison.year
        else ""
    )
    choropleth = svg_map(
        area_gminas(),
        title=_("Mapa: %(v)s (%(m)s), %(y)s") % {"v": name, "m": measure, "y": comparison.year},
        description=_(
            "Im ciemniejszy kolor, tym wyższa wartość; białe gminy nie mają danych. Wartości są w tabeli."
        ),
        fills=comparison.fills,
        svg_id="choropleth",
    )
    trend_points = [
        (str(p.year), p.total if p.total is not None else p.mean)
        for p in comparison.trend
        if (p.total if p.total is not None else p.mean) is not None
    ]
    trend_chart = (
        bar_chart(
            trend_points,
            title=_("%(v)s: %(what)s w kolejnych latach")
            % {"v": name, "what": _("obszar razem") if variable.additive else _("średnia gminy")},
            description=_(
                "Wykres słupkowy; lata bez kompletu danych pokazują średnią. Wartości są w tabeli poniżej."
            ),
            value_label=label,
            chart_id="trend-chart",
        )
        if len(trend_points) > 1
        else ""
    )
    return render(
        request,
        "staff/variable_detail.html",
        # svg_map escapes every text it writes
        {
            "variable": variable,
            "c": comparison,
            "chart": chart,
            "trend_chart": trend_chart,
            "map": mark_safe(choropleth),
            "measure": measure,
        },
    )


@login_required
def variable_form(request, code: str | None = None):
    require(request.user, Perm.TERRITORY_EDIT)
    from zit.territory.forms import VariableForm

    variable = get_object_or_404(Variable, code=code) if code else None
    form = VariableForm(request.POST or None, instance=variable)
    done = submit(
        request,
        form,
        lambda: services.variable_save(actor=request.user, variable=variable, **form.cleaned_data),
        success=lambda saved: reverse("territory:variable", kwargs={"code": saved.code}),
        message=lambda saved: _("Zapisano zmienną %(v)s.") % {"v": saved},
    )
    if done:
        return done
    return render(
        request,
        "staff/form_page.html",
        {
            "form": form,
            "title": with_data(_("Zmienna: %(v)s"), v=variable)
            if variable
            else _("Nowa zmienna statystyczna"),
            "submit": _("Zapisz"),
            "back": ("territory:diagnosis", None),
        },
    )


@login_required
def statistics_import(request):
    require(request.user, Perm.TERRITORY_EDIT)
    from zit.core.importing import ImportRejected
    from zit.core.tables import read_table
    from zit.territory.forms import StatisticsImportForm

    form = StatisticsImportForm(
        request.POST or None, request.FILES or None, initial={"variable": request.GET.get("zmienna")}
    )
    problems, done = [], None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            table = read_table(data["file"].name, data["file"])
            done = services.statistics_import(
                actor=request.user,
                variable=data["variable"],
                table=table,
                source_url=data["source_url"],
                source_note=data["source_note"],
            )
        except ImportRejected as exc:
            problems = exc.report.problems
        except ValidationError as exc:
            apply_errors(form, exc)
    return render(request, "staff/statistics_import.html", {"form": form, "problems": problems, "done": done})


# units of the platform's own variables, in the reader's language; a unit typed by the office stays as typed
UNITS = {"osób": gettext_noop("osób")}


def unit_label(unit: str) -> str:
    return _(UNITS[unit]) if unit in UNITS else unit
