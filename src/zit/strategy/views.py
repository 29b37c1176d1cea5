"""The office's pages for the strategy: versions, the tree of goals and undertakings, item forms, the
coherence check, the comparison of versions, the generated documents (the procedure and the consultation
are in `views_consultation.py`). Thin: the services check permissions and rules."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zit.core import form_flow
from zit.core.formatting import with_data
from zit.core.importing import ImportRejected
from zit.core.roles import Perm, require
from zit.core.services import decision_reference_create
from zit.core.tables import read_workbook
from zit.strategy import items, selectors, services
from zit.strategy.forms import ITEM_TYPES, SEGMENT_OF, AdoptionForm, DocumentForm, ImportForm, VersionForm
from zit.strategy.models import Chapter, InterventionArea, Issue, StrategyVersion, Undertaking


def _strategy():
    strategy = selectors.strategy_current()
    if strategy is None:
        raise Http404(_("Nie założono strategii. Uruchom: manage.py load_strategy."))
    return strategy


def staff_version(request, pk: int) -> StrategyVersion:
    require(request.user, Perm.STRATEGY_VIEW)
    return get_object_or_404(StrategyVersion.objects.select_related("strategy", "adopted_by"), pk=pk)


@login_required
def versions(request):
    require(request.user, Perm.STRATEGY_VIEW)
    strategy = _strategy()
    return render(
        request,
        "staff/strategy_versions.html",
        {"strategy": strategy, "versions": selectors.versions_visible(user=request.user, strategy=strategy)},
    )


@login_required
def version_new(request):
    require(request.user, Perm.STRATEGY_EDIT)
    strategy = _strategy()
    form = VersionForm(request.POST or None, strategy=strategy)
    done = form_flow.submit(
        request,
        form,
        lambda: services.version_create(actor=request.user, strategy=strategy, **form.cleaned_data),
        success=version_url,
        message=lambda version: _("Utworzono wersję roboczą %(n)d.") % {"n": version.number},
    )
    if done:
        return done
    return render(
        request,
        "staff/form_page.html",
        {
            "form": form,
            "title": _("Nowa wersja strategii"),
            "submit": _("Utwórz wersję roboczą"),
            "back": ("strategy:versions", None),
        },
    )


@login_required
def version_detail(request, pk: int):
    from zit.strategy.hooks import version_panels

    version = staff_version(request, pk)
    panels, panel_context = version_panels(request.user, version)
    return render(
        request,
        "staff/strategy_version.html",
        panel_context
        | {
            "panels": panels,
            "version": version,
            "goals": selectors.version_tree(version),
            "issues": Issue.objects.filter(version=version).prefetch_related("gminas"),
            "orphans": Undertaking.objects.filter(version=version, directions=None),
            "chapters": Chapter.objects.filter(version=version),
            "areas": InterventionArea.objects.filter(version=version).prefetch_related("gminas"),
            "gaps": selectors.coherence_gaps(version),
            "frame": selectors.financial_frame(version),
            "segments": {model.__name__: segment for model, segment in SEGMENT_OF.items()},
            "documents": version.documents.all()[:6],
            "actions": selectors.version_actions(user=request.user, version=version),
            "drafts": version.strategy.versions.filter(status=StrategyVersion.Status.DRAFT),
        },
    )


# what the page says after a lifecycle button did its work
DONE = {
    "start_consultation": gettext_lazy("Wersja przekazana do konsultacji."),
    "return_to_draft": gettext_lazy("Wersja wróciła do projektu."),
    "withdraw": gettext_lazy("Konsultacje wycofano. Powód widać na stronie „Strategia”."),
    "delete": gettext_lazy("Usunięto wersję roboczą."),
    "close_early": gettext_lazy(
        "Konsultacje zakończono wcześniej. Nowy koniec i powód widać na stronie „Strategia”."
    ),
}


@login_required
def version_transition(request, pk: int, name: str):
    """A button of the version's lifecycle (POST): start the consultation, withdraw it, delete the draft."""
    version = staff_version(request, pk)
    if request.method != "POST":
        return redirect("strategy:version", pk=version.pk)
    from zit.strategy.lifecycles import VERSION

    if not VERSION.has(name) or VERSION.transition(name).automatic or VERSION.transition(name).form:
        raise Http404
    label = VERSION.transition(name).label
    success = reverse("strategy:versions") if name == "delete" else version_url(version)
    return form_flow.fire(
        request,
        lambda reason, confirmed: services.version_transition(
            actor=request.user, version=version, name=name, reason=reason, confirmed=confirmed
        ),
        success=success,
        failure=version_url(version),
        message=DONE.get(name, _("Zrobione: %(a)s.") % {"a": label}),
    )


@login_required
def item_form(request, pk: int, segment: str, item_pk: int | None = None):
    require(request.user, Perm.STRATEGY_EDIT)
    version = staff_version(request, pk)
    if segment not in ITEM_TYPES:
        raise Http404
    model, form_class = ITEM_TYPES[segment]
    item = get_object_or_404(model, pk=item_pk, version=version) if item_pk else None
    initial = {k: v for k, v in request.GET.items() if k in form_class.base_fields} if not item else None
    form = form_class(request.POST or None, instance=item, version=version, initial=initial)
    done = form_flow.submit(
        request,
        form,
        lambda: items.item_save(
            actor=request.user, version=version, model=model, item=item, fields=form.cleaned_data
        ),
        success=f"{version_url(version)}#{ANCHORS.get(segment, 'cele')}",
        message=lambda saved: _("Zapisano: %(i)s.") % {"i": saved},
    )
    if done:
        return done
    name = model._meta.verbose_name
    return render(
        request,
        "staff/form_page.html",
        {
            "form": form,
            "title": (with_data(_("Edycja: %(i)s"), i=item))
            if item
            else (_("Nowa pozycja: %(t)s") % {"t": name}),
            "intro": ""
            if version.editable
            else _("Ta wersja nie jest robocza: zapis się nie uda. Utwórz nową wersję."),
            "submit": _("Zapisz"),
            "back": ("strategy:version", version.pk),
        },
    )


# sections of the version page each item type is shown in
ANCHORS = {
    "bariery-i-potencjaly": "bariery-i-potencjaly",
    "rozdzialy": "rozdzialy",
    "obszary-interwencji": "obszary-interwencji",
}


def version_url(version: StrategyVersion) -> str:
    from django.urls import reverse

    return reverse("strategy:version", args=[version.pk])


@login_required
def item_delete(request, pk: int, segment: str, item_pk: int):
    require(request.user, Perm.STRATEGY_EDIT)
    version = staff_version(request, pk)
    if segment not in ITEM_TYPES:
        raise Http404
    model, _form_class = ITEM_TYPES[segment]
    item = get_object_or_404(model, pk=item_pk, version=version)
    if request.method == "POST":
        try:
            items.item_delete(actor=request.user, item=item)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Usunięto: %(i)s.") % {"i": item})
        return redirect(f"{version_url(version)}#{segment}")
    return render(
        request, "staff/strategy_delete.html", {"version": version, "item": item, "segment": segment}
    )


@login_required
def version_status(request, pk: int):
    """The adoption of a version: the adopting resolution (or the one the procedure already holds), then the
    lifecycle's "adopt" with its guards (the consultation ended, every published comment answered)."""
    require(request.user, Perm.STRATEGY_EDIT)
    version = staff_version(request, pk)
    adoption_step = version.procedure_steps.filter(kind="adoption", decision__isnull=False).first()
    form = AdoptionForm(
        request.POST or None, recorded_decision=adoption_step.decision if adoption_step else None
    )
    refused = selectors.version_actions(user=request.user, version=version).get("adopt")
    done = form_flow.submit(
        request,
        form,
        lambda: _adopt(request.user, version, form.cleaned_data),
        success=version_url(version),
        message=_("Wersja przyjęta."),
    )
    if done:
        return done
    return render(
        request,
        "staff/form_page.html",
        {
            "form": form,
            "title": _("Przyjęcie wersji %(n)d") % {"n": version.number},
            "intro": refused.refused
            if refused is not None and refused.refused
            else _(
                "Przyjęcie wymaga uchwały i zastępuje wersję przyjętą wcześniej. Wersji przyjętej się nie "
                "zmienia: zmiana to nowa wersja."
            ),
            "submit": _("Przyjmij wersję"),
            "back": ("strategy:version", version.pk),
        },
    )


@transaction.atomic  # the resolution and the adoption stand or fall together
def _adopt(user, version: StrategyVersion, data: dict) -> StrategyVersion:
    decision = None  # without one typed here, the service reuses the procedure's adopting resolution
    if data.get("decision_number"):
        decision = decision_reference_create(
            actor=user,
            issuer_kind="association_body",
            issuer_name=data["decision_body"],
            kind="uchwała",
            number=data["decision_number"],
            date=data["decision_date"],
        )
    return services.version_transition(
        actor=user, version=version, name="adopt", decision=decision, in_force_from=data.get("in_force_from")
    )


@login_required
def version_document(request, pk: int):
    require(request.user, Perm.STRATEGY_EDIT)
    version = staff_version(request, pk)
    form = DocumentForm(request.POST or None, request.FILES or None)
    done = form_flow.submit(
        request,
        form,
        lambda: services.version_document_set(
            actor=request.user,
            version=version,
            document=form.cleaned_data["document"],
            note=form.cleaned_data["note"],
        ),
        success=version_url(version),
        message=_("Dołączono tekst strategii."),
    )
    if done:
        return done
    return render(
        request,
        "staff/form_page.html",
        {
            "form": form,
            "title": _("Tekst strategii (dokument)"),
            "intro": _(
                "Jeśli obowiązuje tekst przygotowany przez wykonawcę, dołącz go tutaj. Na platformie wystarczy wtedy uporządkować cele, kierunki, przedsięwzięcia i wskaźniki – resztę czytelnik znajdzie w dokumencie."
            ),
            "submit": _("Dołącz"),
            "back": ("strategy:version", version.pk),
        },
    )


@login_required
def coherence(request, pk: int):
    version = staff_version(request, pk)
    return render(
        request,
        "staff/strategy_coherence.html",
        {
            "version": version,
            "gaps": selectors.coherence_gaps(version),
            "matrix": selectors.traceability(version),
        },
    )


@login_required
def compare(request):
    require(request.user, Perm.STRATEGY_VIEW)
    strategy = _strategy()
    all_versions = list(selectors.versions_visible(user=request.user, strategy=strategy))
    by_pk = {str(v.pk): v for v in all_versions}
    old, new = by_pk.get(request.GET.get("a", "")), by_pk.get(request.GET.get("b", ""))
    if old is None and len(all_versions) > 1:
        old, new = all_versions[1], all_versions[0]
    changes = selectors.version_compare(old, new) if old and new and old != new else None
    return render(
        request,
        "staff/strategy_compare.html",
        {"versions": all_versions, "old": old, "new": new, "changes": changes},
    )


@login_required
def import_template(request):
    require(request.user, Perm.STRATEGY_VIEW)
    from django.http import HttpResponse

    from zit.strategy.importers import template_xlsx

    response = HttpResponse(
        template_xlsx(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = 'attachment; filename="strategia-wzor-importu.xlsx"'
    return response


@login_required
def version_import(request, pk: int):
    require(request.user, Perm.STRATEGY_EDIT)
    version = staff_version(request, pk)
    form = ImportForm(request.POST or None, request.FILES or None)
    problems, done = [], None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            tables = read_workbook(upload.name, upload)
            done = items.version_import(actor=request.user, version=version, tables=tables, file=upload.name)
        except ImportRejected as exc:
            problems = exc.report.problems
        except ValidationError as exc:
            form.add_error(None, exc.messages)
    return render(
        request,
        "staff/strategy_import.html",
        {"version": version, "form": form, "problems": problems, "done": done},
    )


@login_required
def document_generate(request, pk: int):
    """Start generating the strategy document (PDF and DOCX) in the background; the job page shows progress."""
    require(request.user, Perm.STRATEGY_EDIT)
    version = staff_version(request, pk)
    if request.method != "POST":
        return redirect("strategy:version", pk=version.pk)
    from zit.core.jobs import job_start

    job = job_start(
        actor=request.user,
        kind="strategy.document",
        title=_("Dokument strategii, wersja %(n)d") % {"n": version.number},
        params={"version": version.pk},
    )
    return redirect("core:job", pk=job.pk)


def _may_read(user, version: StrategyVersion) -> bool:
    from zit.core.roles import has_perm

    return version.status in selectors.PUBLIC_STATUSES or has_perm(user, Perm.STRATEGY_VIEW)


def generated_file(request, pk: int):
    """A generated PDF or DOCX: public for published versions, staff-only for drafts."""
    from django.core.exceptions import PermissionDenied
    from django.http import FileResponse

    from zit.strategy.models import StrategyDocument

    document = get_object_or_404(StrategyDocument.objects.select_related("version"), pk=pk)
    if not _may_read(request.user, document.version):
        raise PermissionDenied
    name = f"strategia-wersja-{document.version.number}.{document.format}"
    return FileResponse(document.file.open("rb"), as_attachment=True, filename=name)


def version_text(request, pk: int):
    """The authoritative text attached to a version."""
    from django.core.exceptions import PermissionDenied
    from django.http import FileResponse

    version = get_object_or_404(StrategyVersion, pk=pk)
    if not version.document or not _may_read(request.user, version):
        raise PermissionDenied if version.document else Http404
    return FileResponse(
        version.document.open("rb"), as_attachment=True, filename=version.document.name.rsplit("/", 1)[-1]
    )
